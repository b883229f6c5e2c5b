"""The calendar (`/calendar`): a branch's appointments by day, week, month or list; book, open and move them."""

from __future__ import annotations

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.dates import parse_date
from app.errors import DomainError
from app.services.branches import branch_choices
from app.services.clinic_hours import zone_of
from app.services.patients import PatientRow, search_patients
from components.calendar_screen import VIEWS, CalendarScreen, branch_today
from components.frame import frame
from components.guard import guarded_page
from models.clinic import Branch


@guarded_page('/calendar', permission=Permission.SCHEDULE_VIEW, title='Calendar', nav_label='Calendar',
              nav_icon='calendar_month', nav_order=12)
async def calendar_page(actor: Actor, day: str = '', view: str = '', patient: str = '') -> None:
    branch = await Branch.get(id=actor.branch_id)
    try:
        shown_day = parse_date(day) if day else None
    except ValueError:
        shown_day = None
    branches = await branch_choices(actor=actor)
    booking_for = await _patient(actor, patient) if patient else None
    with frame(actor, 'Calendar'):
        screen = CalendarScreen(actor, day=shown_day or branch_today(zone_of(branch)),
                                view=view if view in VIEWS else '', branches=branches, booking_for=booking_for)
        await screen.redraw(actor)


async def _patient(actor: Actor, uid: str) -> PatientRow | None:
    """The patient named in the address (`?patient=<UID>`, after registering from an inquiry), or None."""
    try:
        found = await search_patients(actor=actor, query=uid, per_page=10)
    except DomainError:
        return None
    return next((row for row in found.rows if row.uid == uid.strip()), None)
