"""Today at the desk (`/today`): the day's appointments in order, with arrival, in session, done and no-show."""

from __future__ import annotations

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.services.clinic_hours import zone_of
from components.calendar_screen import branch_today
from components.frame import frame
from components.guard import guarded_page
from components.today_screen import TodayScreen
from models.clinic import Branch


@guarded_page('/today', permission=Permission.SCHEDULE_VIEW, title='Today', nav_label='Today', nav_icon='today',
              nav_order=11)
async def today_page(actor: Actor) -> None:
    branch = await Branch.get(id=actor.branch_id)
    with frame(actor, 'Today'):
        screen = TodayScreen(actor, day=branch_today(zone_of(branch)))
        await screen.redraw(actor)
