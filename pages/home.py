"""The home page (`/`): each role's dashboard, the notes waiting for the clinician, and shortcuts.

Admins and the superadmin get the clinic's figures; doctors and junior doctors their day and their
patients due for review; reception the desk's day. The choice follows the permissions a role holds.
"""

from __future__ import annotations

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.services.branches import branch_choices
from components.clinic_dashboard import ClinicDashboard
from components.clinician_dashboard import ClinicianDashboard
from components.desk_dashboard import DeskDashboard
from components.frame import frame
from components.guard import PAGES, guarded_page
from components.waiting_notes import waiting_for_you


@guarded_page('/', permission=Permission.HOME_VIEW, title='Home', nav_label='Home', nav_icon='home', nav_order=0)
async def home_page(actor: Actor) -> None:
    with frame(actor, 'Home'):
        ui.label(f'Welcome, {actor.full_name}.').classes('text-h6').mark('welcome')
        if actor.can(Permission.REPORTS_VIEW):
            branches = await branch_choices(actor=actor)
            await ClinicDashboard(actor, branches=branches).redraw(actor)
        elif actor.can(Permission.SCHEDULE_OWN):
            await ClinicianDashboard(actor).redraw(actor)
        elif actor.can(Permission.SCHEDULE_VIEW):
            await DeskDashboard(actor).redraw(actor)
        await waiting_for_you(actor)
        shortcuts = [spec for spec in PAGES.values()
                     if spec.nav_label and spec.path != '/' and actor.can(spec.permission)]
        with ui.row().classes('gap-3'):
            for spec in sorted(shortcuts, key=lambda s: s.nav_order):
                with ui.card().classes('cursor-pointer q-pa-md').on(
                        'click', lambda path=spec.path: ui.navigate.to(path)):
                    ui.icon(spec.nav_icon, size='32px').classes('text-primary')
                    ui.label(spec.nav_label)
