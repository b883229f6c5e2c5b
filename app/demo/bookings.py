"""What each change to a demo appointment leaves: the event the app writes for it, and the row once its day is over.

The events are those of `app.services.appointments` (book, move, cancel, a status marked),
`reminders` (a reminder sent) and `treatment_series` (a plan's sessions booked at once), with the
same entity, changed fields and detail, so the trail reads as if the desk had used the calendar.
A row is written once, as its day ended (or as the run ends, for the days to come), so it holds
its final status, its token and its times; the notes and remarks are encrypted by the row writer.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from app.audit.events import Action, EntityType
from app.dates import shown_date
from app.demo.calendar import Booking, Calendar
from app.demo.day import World
from app.demo.staff import Member
from app.services.appointments import STATUS_LABELS
from app.services.session_time import clock_text
from app.wording import counted
from models.scheduling import Appointment, AppointmentStatus


def starts_at(calendar: Calendar, booking: Booking) -> datetime:
    return calendar.moment(booking.branch_id, booking.day, booking.start)


def when(booking: Booking) -> str:
    """'20 Nov 2026 10:30 (45 min)', as the booking's event says it."""
    return f'{shown_date(booking.day)} {clock_text(booking.start)} ({booking.minutes} min)'


def _iso(calendar: Calendar, booking: Booking, minutes: int = 0) -> str:
    return (starts_at(calendar, booking) + timedelta(minutes=minutes)).astimezone(UTC).isoformat()


def booked(world: World, calendar: Calendar, booking: Booking) -> None:
    """One appointment booked at the desk (or by its clinician)."""
    world.event(booking.booked_at, booking.booked_by, action=Action.CREATE, entity_type=EntityType.APPOINTMENT,
                entity_id=booking.id, patient_id=booking.course.uid,
                changes={'clinician_id': [None, booking.clinician.user_id], 'service': [None, str(booking.service)],
                         'starts_at': [None, _iso(calendar, booking)],
                         'ends_at': [None, _iso(calendar, booking, booking.minutes)],
                         'notes': ['', '(hidden)'] if booking.notes else ['', '']},
                detail=f'{booking.clinician.full_name}, {when(booking)}')


def series(world: World, bookings: list[Booking], *, start: int, unplaced: int) -> None:
    """A plan's sessions booked as a series at its time; those at another time were then booked one by one."""
    first = bookings[0]
    world.event(first.booked_at, first.booked_by, action=Action.CREATE, entity_type=EntityType.APPOINTMENT,
                entity_id=f'plan-{first.plan_id}', patient_id=first.course.uid,
                detail=f'Series of {counted(len(bookings), "session")} from {shown_date(first.day)} at '
                       f'{clock_text(start)} with {first.clinician.full_name}; {unplaced} not placed',
                changes={'sessions': [None, [str(booking.id) for booking in bookings]]})


def status(world: World, booking: Booking, new: AppointmentStatus, *, at: datetime, by: Member) -> None:
    """Confirmed, arrived, in session, completed or no-show, marked at `at`."""
    world.event(at, by, action=Action.UPDATE, entity_type=EntityType.APPOINTMENT, entity_id=booking.id,
                patient_id=booking.course.uid, detail=f'Marked {STATUS_LABELS[new].lower()}',
                changes={'status': [booking.status.value, new.value]})
    booking.status, booking.updated_at = new, at


def cancelled(world: World, booking: Booking, *, at: datetime, by: Member, reason: str) -> None:
    world.event(at, by, action=Action.UPDATE, entity_type=EntityType.APPOINTMENT, entity_id=booking.id,
                patient_id=booking.course.uid, detail='Cancelled',
                changes={'status': [booking.status.value, AppointmentStatus.CANCELLED.value],
                         'cancel_reason': ['', reason]})
    booking.status, booking.cancel_reason, booking.updated_at = AppointmentStatus.CANCELLED, reason, at


def moved(world: World, calendar: Calendar, booking: Booking, to: Booking, *, at: datetime, by: Member) -> None:
    """The old row kept as rescheduled, naming the new one (the new row has no event of its own, as in the app)."""
    world.event(at, by, action=Action.UPDATE, entity_type=EntityType.APPOINTMENT, entity_id=booking.id,
                patient_id=booking.course.uid,
                detail=f'Moved to {to.clinician.full_name}, {when(to)}',
                changes={'starts_at': [_iso(calendar, booking), _iso(calendar, to)],
                         'ends_at': [_iso(calendar, booking, booking.minutes), _iso(calendar, to, to.minutes)],
                         'clinician_id': [booking.clinician.user_id, to.clinician.user_id],
                         'rescheduled_to': [None, str(to.id)]})
    booking.status, booking.rescheduled_to_id, booking.updated_at = AppointmentStatus.RESCHEDULED, to.id, at


def reminded(world: World, booking: Booking, *, at: datetime, by: Member) -> None:
    world.event(at, by, action=Action.UPDATE, entity_type=EntityType.APPOINTMENT, entity_id=booking.id,
                patient_id=booking.course.uid, detail='Reminded',
                changes={'reminded_at': [None, str(at.astimezone(UTC))]})
    booking.reminded_at = booking.updated_at = at


def row(world: World, calendar: Calendar, booking: Booking) -> None:
    """The appointment's row as the app would hold it now."""
    starts = starts_at(calendar, booking)
    values: dict[str, Any] = {
        'id': booking.id, 'branch_id': booking.branch_id, 'patient_id': booking.course.patient_id,
        'clinician_id': booking.clinician.user_id, 'service': booking.service, 'starts_at': starts,
        'ends_at': starts + timedelta(minutes=booking.minutes), 'status': booking.status,
        'cancel_reason': booking.cancel_reason, 'notes': booking.notes, 'plan_id': booking.plan_id,
        'session_number': booking.session_number, 'rescheduled_to_id': booking.rescheduled_to_id,
        'arrived_at': booking.arrived_at, 'token_serial': booking.token, 'remarks': booking.remarks,
        'reminded_at': booking.reminded_at, 'created_by_id': booking.booked_by.user_id,
        'created_at': booking.booked_at, 'updated_at': booking.updated_at or booking.booked_at,
    }
    world.rows.add(Appointment, **values)
