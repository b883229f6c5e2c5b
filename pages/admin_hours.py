"""Hours and holidays (`/admin/hours`): when the branch is open, when each clinician works, the days it is shut."""

from __future__ import annotations

from app.auth.actor import Actor
from app.auth.permissions import Permission
from components.frame import frame
from components.guard import guarded_page
from components.hours_screen import HoursScreen


@guarded_page('/admin/hours', permission=Permission.SCHEDULE_HOURS, title='Hours and holidays',
              nav_label='Hours and holidays', nav_icon='schedule', nav_order=86)
async def hours_page(actor: Actor) -> None:
    with frame(actor, 'Hours and holidays'):
        await HoursScreen(actor).draw()
