"""The desk's money pages: the day's collections and closing (`/billing/closing`) and the dues (`/billing/dues`)."""

from __future__ import annotations

from datetime import date

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import clinic_today
from app.services.branches import branch_choices
from components.billing_screens import ClosingScreen, DuesScreen
from components.frame import frame
from components.guard import guarded_page


@guarded_page('/billing/closing', permission=Permission.BILLING_VIEW, title='Day closing', nav_label='Day closing',
              nav_icon='point_of_sale', nav_order=42)
async def closing_page(actor: Actor, day: str = '') -> None:
    try:
        chosen = date.fromisoformat(day) if day else clinic_today()
    except ValueError:
        chosen = clinic_today()
    with frame(actor, 'Day closing'):
        await ClosingScreen(actor, day=chosen, branches=await branch_choices(actor=actor)).redraw(actor)


@guarded_page('/billing/dues', permission=Permission.BILLING_VIEW, title='Outstanding dues', nav_label='Dues',
              nav_icon='pending_actions', nav_order=41)
async def dues_page(actor: Actor) -> None:
    with frame(actor, 'Outstanding dues'):
        await DuesScreen(actor, branches=await branch_choices(actor=actor)).redraw(actor)
