"""The waitlist (`/waitlist`): patients who want an earlier slot, most urgent first."""

from __future__ import annotations

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.services import appointments
from components.frame import frame
from components.guard import guarded_page
from components.waitlist_screen import WaitlistScreen


@guarded_page('/waitlist', permission=Permission.SCHEDULE_VIEW, title='Waitlist', nav_label='Waitlist',
              nav_icon='hourglass_top', nav_order=14)
async def waitlist_page(actor: Actor) -> None:
    clinicians = await appointments.bookable_clinicians(actor=actor)
    with frame(actor, 'Waitlist'):
        await WaitlistScreen(actor, clinicians=clinicians).redraw(actor)
