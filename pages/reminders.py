"""Reminders (`/reminders`): tomorrow's appointments to remind, with WhatsApp and SMS links and a reminded tick."""

from __future__ import annotations

from app.auth.actor import Actor
from app.auth.permissions import Permission
from components.frame import frame
from components.guard import guarded_page
from components.reminders_screen import RemindersScreen


@guarded_page('/reminders', permission=Permission.SCHEDULE_EDIT, title='Reminders', nav_label='Reminders',
              nav_icon='sms', nav_order=13)
async def reminders_page(actor: Actor) -> None:
    with frame(actor, 'Reminders'):
        await RemindersScreen(actor).redraw(actor)
