"""Appointments: book, move, cancel and mark them, with no double booking whatever the number of desks.

Who may do what: reception and admins (`schedule.edit`) change any appointment in their branch;
doctors and junior doctors (`schedule.own`) change their own, and everyone with `schedule.view`
sees the branch's calendar. Every change, and every refused attempt, is in the audit trail.

The rules, checked on the server for every booking and move: a clinician is never booked twice
at once, a patient never has two overlapping appointments, and nothing is booked outside the
branch's opening hours, the clinician's working hours, or on a holiday, closure or leave.

The check and the insert are one atomic step. The calendar's lock is taken at the start of the
change's transaction, before anything is read: on PostgreSQL a transaction-level advisory lock
that every process of the clinic shares (the audit logger's own lock comes only when the event is
appended, after the check, so it would not do); on SQLite the write lock, which every transaction
takes as it begins (`app.sqlite_readers`: BEGIN IMMEDIATE), and which the touch of the branch row
would take anyway. On PostgreSQL two
exclusion constraints (`btree_gist`, migration 8) hold the same rule even for a writer that skips
this service. A move keeps history: the old row becomes `rescheduled` and names the new one.

Times: stored in UTC; given and shown as the branch's wall-clock time (`clinic_hours.zone_of`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from time import monotonic
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError, OperationalError

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission, role_can
from app.clock import utcnow
from app.dates import shown_date
from app.errors import DomainError, NotFound, PermissionDenied
from app.events import hub
from app.services.branches import working_branch
from app.services.clinic_hours import (
    WEEKDAYS,
    Timetable,
    branch_timetable,
    clinician_timetable,
    clinician_timetables,
    closures_between,
    zone_of,
)
from app.services.session_time import LONGEST_SESSION, SHORTEST_SESSION, clock_text
from app.services.users import require
from app.services.validation import Checker, is_record_id
from app.wording import with_article
from models.accounts import User
from models.clinic import Branch, Service
from models.patients import Patient
from models.plans import TreatmentPlan
from models.scheduling import HOLDS_TIME, Appointment, AppointmentStatus, Closure

APPOINTMENT_NOT_FOUND = 'That appointment could not be found.'
CALENDAR_BUSY = 'The calendar is busy with another change. Try again in a moment.'
TAKEN_MEANWHILE = 'Someone booked that time a moment ago. Choose another time.'
STATUS_LABELS = {
    AppointmentStatus.BOOKED: 'Booked', AppointmentStatus.CONFIRMED: 'Confirmed',
    AppointmentStatus.ARRIVED: 'Arrived', AppointmentStatus.IN_SESSION: 'In session',
    AppointmentStatus.COMPLETED: 'Completed', AppointmentStatus.NO_SHOW: 'No-show',
    AppointmentStatus.CANCELLED: 'Cancelled', AppointmentStatus.RESCHEDULED: 'Rescheduled',
}
# Where a status may go next; cancelling (with a reason) and moving have their own functions.
NEXT_STATUSES: dict[AppointmentStatus, tuple[AppointmentStatus, ...]] = {
    AppointmentStatus.BOOKED: (AppointmentStatus.CONFIRMED, AppointmentStatus.ARRIVED, AppointmentStatus.NO_SHOW),
    AppointmentStatus.CONFIRMED: (AppointmentStatus.ARRIVED, AppointmentStatus.NO_SHOW),
    AppointmentStatus.ARRIVED: (AppointmentStatus.IN_SESSION, AppointmentStatus.COMPLETED,
                                AppointmentStatus.BOOKED),  # BOOKED: marked arrived by mistake
    AppointmentStatus.IN_SESSION: (AppointmentStatus.COMPLETED, AppointmentStatus.ARRIVED),
    AppointmentStatus.COMPLETED: (AppointmentStatus.IN_SESSION,),
    AppointmentStatus.NO_SHOW: (AppointmentStatus.ARRIVED, AppointmentStatus.BOOKED),  # came late after all
    AppointmentStatus.CANCELLED: (),
    AppointmentStatus.RESCHEDULED: (),
}
MOVABLE = (AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED, AppointmentStatus.NO_SHOW)
CANCELLABLE = (AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED, AppointmentStatus.NO_SHOW)
# What the calendar draws: time that is held, and no-shows (greyed) so the desk sees who did not come.
SHOWN_ON_CALENDAR = (*HOLDS_TIME, AppointmentStatus.NO_SHOW)
_POSTGRES_BOOKING_LOCK = 0x50524F54  # shared by every process of the clinic; taken before the chain's lock


@dataclass(frozen=True, kw_only=True)
class BookingInput:
    """What the booking form sends: the branch's wall-clock start, and the length in minutes."""

    patient_id: UUID | None
    clinician_id: int | None
    service: Service | str | None
    starts: datetime | None  # naive: the branch's clock
    minutes: Any = None  # None: the branch's slot length
    notes: str = ''
    branch_id: int | None = None  # None: the actor's branch
    plan_id: UUID | None = None
    session_number: int | None = None


@dataclass(frozen=True, kw_only=True)
class AppointmentRow:
    """One appointment as the calendar and the desk show it; times are the branch's wall clock."""

    id: UUID
    branch_id: int
    patient_id: UUID
    patient_uid: str
    patient_name: str
    patient_phone: str
    clinician_id: int
    clinician: str
    service: Service
    starts: datetime
    ends: datetime
    status: AppointmentStatus
    cancel_reason: str = ''
    plan_id: UUID | None = None
    session_number: int | None = None
    token_serial: int | None = None
    plan_days: int | None = None  # the plan's number of sessions, when this is one of them

    @property
    def session_text(self) -> str:
        """'Session 4 of 21', or '' for a visit outside a plan."""
        if not self.session_number:
            return ''
        return f'Session {self.session_number} of {self.plan_days}' if self.plan_days else \
            f'Session {self.session_number}'

    @property
    def token(self) -> str:
        """'T261207-004': T, the day, and the patient's place in the day's arrivals at the branch."""
        return f'T{self.starts:%y%m%d}-{self.token_serial:03d}' if self.token_serial else ''

    @property
    def minutes(self) -> int:
        return int((self.ends - self.starts).total_seconds() // 60)

    @property
    def time_text(self) -> str:
        return f'{self.starts:%H:%M}-{self.ends:%H:%M}'

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True, kw_only=True)
class AppointmentDetails:
    """One appointment in full, for its dialog: the row, its notes, and what may be done with it."""

    row: AppointmentRow
    notes: str
    branch: str
    booked_by: str
    remarks: str
    next_statuses: tuple[AppointmentStatus, ...]
    may_change: bool
    may_move: bool
    may_cancel: bool


@dataclass(frozen=True, kw_only=True)
class Clinician:
    id: int
    name: str
    timetable: Timetable | None  # None: whenever the branch is open


@dataclass(frozen=True, kw_only=True)
class CalendarRange:
    """What the calendar draws for a branch and a range of days."""

    branch_id: int
    branch: str
    zone: ZoneInfo
    slot_minutes: int
    opening: Timetable
    clinicians: list[Clinician]
    appointments: list[AppointmentRow]
    closures: list[Closure]
    first_day: date
    last_day: date


# -- reading ---------------------------------------------------------------------------------------

# A booking redraws every open calendar and desk of its branch (the live updates), and each would read the same
# range again: a redraw's read (`audited=False`) is shared by the others that follow the same change, as long as
# no further change has been heard in this process and for at most SHARED_READ_SECONDS. An opening read is never
# shared. Under the load bench these redraws were a tenth of the server's time.
SHARED_READ_SECONDS = 2.0
_shared_reads: dict[tuple[object, ...], tuple[int, float, CalendarRange]] = {}


@audit_denials(EntityType.APPOINTMENT)
async def calendar_range(*, actor: Actor, first_day: date, last_day: date, branch_id: int | None = None,
                         clinician_id: int | None = None, service: Service | None = None,
                         audited: bool = True) -> CalendarRange:
    """The branch's appointments from `first_day` to `last_day` (inclusive), with its hours; the view is audited.

    `audited=False` is for a screen drawing the range it already shows again because a change was
    made elsewhere: the person did not open anything new, and the event of opening it stands (one
    booking would otherwise add a read event for every desk that has the day open).
    """
    require(actor, Permission.SCHEDULE_VIEW)
    if last_day < first_day or (last_day - first_day).days > 62:
        raise DomainError('Show at most two months at a time.')
    if service is not None and service not in tuple(Service):
        raise DomainError('Choose physiotherapy or speech therapy.')
    if clinician_id is not None and not is_record_id(clinician_id):
        raise NotFound('That clinician could not be found.')
    branch = await working_branch(actor, branch_id)
    key = (branch.id, first_day, last_day, clinician_id, service)
    heard, now = hub.heard, monotonic()
    if not audited:
        shared = _shared_reads.get(key)
        if shared is not None and shared[0] == heard and now - shared[1] < SHARED_READ_SECONDS:
            return shared[2]
    found = await _calendar_range(branch, first_day=first_day, last_day=last_day, clinician_id=clinician_id,
                                  service=service)
    if audited:
        await audit.view(actor, entity_type=EntityType.APPOINTMENT, entity_id=f'branch-{branch.id}',
                         detail=f'Calendar of {branch.name}, {shown_date(first_day)} to {shown_date(last_day)}: '
                                f'{len(found.appointments)} appointment(s)')
    else:
        for stale in [other for other, (seen, _, _) in _shared_reads.items() if seen != heard]:
            del _shared_reads[stale]
        _shared_reads[key] = (heard, now, found)
    return found


async def _calendar_range(branch: Branch, *, first_day: date, last_day: date, clinician_id: int | None,
                          service: Service | None) -> CalendarRange:
    zone = zone_of(branch)
    clinicians = await _clinicians(branch.id)
    query = Appointment.filter(branch_id=branch.id, status__in=SHOWN_ON_CALENDAR,
                               **overlapping(utc_of(datetime.combine(first_day, time()), zone),
                                             utc_of(datetime.combine(last_day + timedelta(days=1), time()), zone)))
    if clinician_id is not None:
        query = query.filter(clinician_id=clinician_id)
    if service is not None:
        query = query.filter(service=service)
    rows = await query.order_by('starts_at').values(*ROW_COLUMNS)
    appointments = [row_of_values(values, zone) for values in rows]
    closures = await closures_between(branch_id=branch.id, first_day=first_day, last_day=last_day,
                                      clinician_ids=[clinician.id for clinician in clinicians])
    return CalendarRange(branch_id=branch.id, branch=branch.name, zone=zone, slot_minutes=branch.slot_minutes,
                         opening=await branch_timetable(branch.id), clinicians=clinicians,
                         appointments=appointments, closures=closures, first_day=first_day, last_day=last_day)


@audit_denials(EntityType.APPOINTMENT)
async def bookable_clinicians(*, actor: Actor, branch_id: int | None = None) -> list[Clinician]:
    """The branch's active clinicians (doctors and junior doctors), with their working hours."""
    require(actor, Permission.SCHEDULE_VIEW)
    return await _clinicians((await working_branch(actor, branch_id)).id)


@audit_denials(EntityType.APPOINTMENT)
async def appointment_details(*, actor: Actor, appointment_id: UUID) -> AppointmentDetails:
    """One appointment with its notes and the actions the actor may take; the view is audited."""
    require(actor, Permission.SCHEDULE_VIEW)
    appointment = await _appointment(actor, appointment_id)
    await audit.view(actor, entity_type=EntityType.APPOINTMENT, entity_id=appointment.id,
                     patient_id=appointment.patient.uid)
    return _details(actor, appointment)


# -- changing --------------------------------------------------------------------------------------

@audit_denials(EntityType.APPOINTMENT, refused_action=Action.CREATE)
async def book(*, actor: Actor, booking: BookingInput) -> AppointmentRow:
    """Book an appointment; a clash, a closed hour or bad input saves nothing and says why."""
    require_changer(actor)
    branch = await working_branch(actor, booking.branch_id)
    zone = zone_of(branch)
    values = await _checked_booking(actor, booking, branch)
    starts_at = utc_of(values['starts'], zone)
    ends_at = starts_at + timedelta(minutes=values['minutes'])
    patient, clinician = values['patient'], values['clinician']
    async with audit.change(actor, action=Action.CREATE, entity_type=EntityType.APPOINTMENT,
                            patient_id=patient.uid) as event:
        await hold_calendar(event.connection, branch.id)
        await refuse_clash(branch=branch, zone=zone, clinician=clinician, patient=patient, starts_at=starts_at,
                            ends_at=ends_at)
        appointment = Appointment(branch_id=branch.id, patient_id=patient.id, clinician_id=clinician.id,
                                  service=values['service'], starts_at=starts_at, ends_at=ends_at,
                                  notes=values['notes'] or None, plan_id=booking.plan_id,
                                  session_number=booking.session_number, created_by_id=actor.user_id)
        await insert(appointment)
        event.entity_id = appointment.id
        event.set_changes({'clinician_id': [None, clinician.id], 'service': [None, str(values['service'])],
                           'starts_at': [None, starts_at.isoformat()], 'ends_at': [None, ends_at.isoformat()],
                           'notes': ['', '(hidden)'] if values['notes'] else ['', '']})
        event.set_detail(f'{clinician.full_name}, {_when(values["starts"], values["minutes"])}')
    return await reloaded_row(appointment.id)


@audit_denials(EntityType.APPOINTMENT, refused_action=Action.UPDATE)
async def move(*, actor: Actor, appointment_id: UUID, starts: datetime, clinician_id: int | None = None,
               minutes: int | None = None) -> AppointmentRow:
    """Move an appointment to another time, clinician or length (a drag in the calendar, or the dialog).

    The old row is kept as `rescheduled`, naming the new one, so the desk and the reports see the move.
    """
    require_changer(actor)
    current = await _appointment(actor, appointment_id)
    require_change(actor, current.clinician_id)
    zone = zone_of(current.branch)
    new_clinician = current.clinician if clinician_id in (None, current.clinician_id) else \
        await bookable_clinician(actor, clinician_id, current.branch)
    require_change(actor, new_clinician.id)
    length = length_of(minutes) if minutes is not None else \
        int((current.ends_at - current.starts_at).total_seconds() // 60)
    starts_at = utc_of(starts.replace(second=0, microsecond=0), zone)
    ends_at = starts_at + timedelta(minutes=length)
    _refuse_past(starts_at, zone)
    if starts_at == current.starts_at and ends_at == current.ends_at and new_clinician.id == current.clinician_id:
        return _row(current, zone)  # dropped where it was: nothing to change
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.APPOINTMENT,
                            entity_id=current.id, patient_id=current.patient.uid) as event:
        await hold_calendar(event.connection, current.branch_id)
        current = await _appointment(actor, appointment_id)  # as it is now, under the lock
        if current.status not in MOVABLE:
            raise DomainError(f'{_status_phrase(current.status)} cannot be moved.')
        await refuse_clash(branch=current.branch, zone=zone, clinician=new_clinician, patient=current.patient,
                            starts_at=starts_at, ends_at=ends_at, ignoring=(current.id,))
        moved = Appointment(branch_id=current.branch_id, patient_id=current.patient_id, clinician_id=new_clinician.id,
                            service=current.service, starts_at=starts_at, ends_at=ends_at, notes=current.notes,
                            plan_id=current.plan_id, session_number=current.session_number,
                            created_by_id=actor.user_id)
        await Appointment.filter(id=current.id).update(status=AppointmentStatus.RESCHEDULED,
                                                       rescheduled_to_id=moved.id, updated_at=utcnow())
        await insert(moved)
        event.set_changes({'starts_at': [current.starts_at.isoformat(), starts_at.isoformat()],
                           'ends_at': [current.ends_at.isoformat(), ends_at.isoformat()],
                           'clinician_id': [current.clinician_id, new_clinician.id],
                           'rescheduled_to': [None, str(moved.id)]})
        event.set_detail(f'Moved to {new_clinician.full_name}, {_when(_local(starts_at, zone), length)}')
    return await reloaded_row(moved.id)


@audit_denials(EntityType.APPOINTMENT, refused_action=Action.UPDATE)
async def cancel(*, actor: Actor, appointment_id: UUID, reason: str) -> AppointmentRow:
    """Cancel an appointment with a reason (the patient called, the clinician is unwell, ...)."""
    require_changer(actor)
    check = Checker()
    reason = check.text('reason', reason, label='reason for cancelling', max_length=200)
    check.raise_if_any()
    current = await _appointment(actor, appointment_id)
    require_change(actor, current.clinician_id)
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.APPOINTMENT,
                            entity_id=current.id, patient_id=current.patient.uid, detail='Cancelled') as event:
        current = await _appointment(actor, appointment_id)
        if current.status not in CANCELLABLE:
            raise DomainError(f'{_status_phrase(current.status)} cannot be cancelled.')
        await Appointment.filter(id=current.id).update(status=AppointmentStatus.CANCELLED, cancel_reason=reason,
                                                       updated_at=utcnow())
        event.set_changes({'status': [current.status.value, AppointmentStatus.CANCELLED.value],
                           'cancel_reason': ['', reason]})
    return await reloaded_row(current.id)


@audit_denials(EntityType.APPOINTMENT, refused_action=Action.UPDATE)
async def set_status(*, actor: Actor, appointment_id: UUID, status: AppointmentStatus | str,
                     remarks: str | None = None) -> AppointmentRow:
    """Confirm, mark arrived, in session, completed or no-show, as `NEXT_STATUSES` allows, with remarks.

    The first arrival gives the visit the day's next token number at the branch (under the calendar's
    lock, so two desks never hand out the same number). Remarks replace earlier ones when given.
    """
    require_changer(actor)
    check = Checker()
    new = check.choice('status', status, AppointmentStatus, label='status')
    remarks = check.text('remarks', remarks, label='remarks', required=False, max_length=1000) \
        if remarks is not None else None
    check.raise_if_any()
    assert new is not None
    current = await _appointment(actor, appointment_id)
    require_change(actor, current.clinician_id)
    zone = zone_of(current.branch)
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.APPOINTMENT,
                            entity_id=current.id, patient_id=current.patient.uid,
                            detail=f'Marked {STATUS_LABELS[new].lower()}') as event:
        await hold_calendar(event.connection, current.branch_id)
        current = await _appointment(actor, appointment_id)
        if new not in NEXT_STATUSES[current.status]:
            raise DomainError(f'{_status_phrase(current.status)} cannot be marked {STATUS_LABELS[new].lower()}.')
        if new in HOLDS_TIME and current.status not in HOLDS_TIME:  # a no-show back on: is the time still free?
            await refuse_clash(branch=current.branch, zone=zone, clinician=current.clinician,
                                patient=current.patient, starts_at=current.starts_at, ends_at=current.ends_at,
                                ignoring=(current.id,), hours=False)
        values: dict[str, Any] = {'status': new, 'updated_at': utcnow()}
        if new is AppointmentStatus.ARRIVED and current.token_serial is None:
            values.update(token_serial=await _next_token(current, zone), arrived_at=utcnow())
        await Appointment.filter(id=current.id).update(**values)
        changes: dict[str, Any] = {'status': [current.status.value, new.value]}
        if remarks is not None and remarks != (current.remarks or ''):
            current.remarks = remarks or None
            await current.save(update_fields=['remarks'])
            changes['remarks'] = ['(hidden)', '(hidden)']
        event.set_changes(changes)
    return await reloaded_row(current.id)


@audit_denials(EntityType.APPOINTMENT, refused_action=Action.UPDATE)
async def set_remarks(*, actor: Actor, appointment_id: UUID, remarks: str) -> AppointmentRow:
    """What the desk or the clinician noted about the visit (how the patient came, what to tell the doctor)."""
    require_changer(actor)
    check = Checker()
    remarks = check.text('remarks', remarks, label='remarks', required=False, max_length=1000)
    check.raise_if_any()
    current = await _appointment(actor, appointment_id)
    require_change(actor, current.clinician_id)
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.APPOINTMENT, entity_id=current.id,
                            patient_id=current.patient.uid, detail='Remarks') as event:
        current.remarks = remarks or None
        await current.save(update_fields=['remarks', 'updated_at'])
        event.set_changes({'remarks': ['(hidden)', '(hidden)']})
    return await reloaded_row(current.id)


@audit_denials(EntityType.APPOINTMENT)
async def token_of(*, actor: Actor, appointment_id: UUID) -> tuple[AppointmentRow, str, str]:
    """The visit's token for printing, with the clinic and branch names; the print is audited."""
    require(actor, Permission.SCHEDULE_VIEW)
    appointment = await _appointment(actor, appointment_id)
    if appointment.token_serial is None:
        raise DomainError('A token is given when the patient arrives: mark the visit arrived first.')
    row = _row(appointment, zone_of(appointment.branch))
    await audit.record(actor, action=Action.PRINT, entity_type=EntityType.APPOINTMENT, entity_id=appointment.id,
                       patient_id=appointment.patient.uid, detail=f'Token {row.token}')
    return row, appointment.branch.clinic_name, appointment.branch.name


# -- the rules -------------------------------------------------------------------------------------

async def hold_calendar(connection: BaseDBAsyncClient | None, branch_id: int) -> None:
    """Take the calendar's lock in this transaction, before the check (see the module docstring)."""
    assert connection is not None
    try:
        if connection.capabilities.dialect == 'postgres':
            await connection.execute_query('SELECT pg_advisory_xact_lock($1)', [_POSTGRES_BOOKING_LOCK])
        else:
            await connection.execute_query('UPDATE "branch" SET "slot_minutes" = "slot_minutes" WHERE "id" = ?',
                                           [branch_id])
    except OperationalError as busy:  # SQLite's busy timeout ran out: another program held the database
        raise DomainError(CALENDAR_BUSY) from busy


async def refuse_clash(*, branch: Branch, zone: ZoneInfo, clinician: User, patient: Patient, starts_at: datetime,
                       ends_at: datetime, ignoring: Collection[UUID] = (), hours: bool = True) -> None:
    """Raise with the sentence to show when the time cannot be booked; return when it can."""
    local_start, local_end = _local(starts_at, zone), _local(ends_at, zone)
    day = local_start.date()
    end_minute = (local_end - datetime.combine(day, time())).total_seconds() // 60
    if end_minute > 24 * 60:
        raise DomainError('An appointment must end on the day it starts.')
    if hours:
        start_minute = local_start.hour * 60 + local_start.minute
        for closure in await closures_between(branch_id=branch.id, first_day=day, last_day=day,
                                              clinician_ids=[clinician.id]):
            if closure.clinician_id is not None:
                raise DomainError(f'{clinician.full_name} is on leave on {shown_date(day)}.')
            raise DomainError(f'The clinic is closed on {shown_date(day)} ({closure.reason}).')
        opening = await branch_timetable(branch.id)
        weekday = day.weekday()
        if not opening.covers(weekday, start_minute, int(end_minute)):
            if not opening.spans_on(weekday):
                raise DomainError(f'{branch.name} is closed on {WEEKDAYS[weekday]}s.')
            raise DomainError(f'{branch.name} is open {opening.described(weekday)} on {WEEKDAYS[weekday]}s: '
                              f'{local_start:%H:%M}-{local_end:%H:%M} is outside those hours.')
        working = await clinician_timetable(clinician.id, branch.id)
        if working is not None and not working.covers(weekday, start_minute, int(end_minute)):
            if not working.spans_on(weekday):
                raise DomainError(f'{clinician.full_name} does not work on {WEEKDAYS[weekday]}s.')
            raise DomainError(f'{clinician.full_name} works {working.described(weekday)} on {WEEKDAYS[weekday]}s.')
    clashes = Appointment.filter(status__in=HOLDS_TIME, **overlapping(starts_at, ends_at))
    if ignoring:  # the appointments being moved themselves
        clashes = clashes.filter(id__not_in=list(ignoring))
    taken = await clashes.filter(clinician_id=clinician.id).order_by('starts_at').first()
    if taken is not None:
        raise DomainError(f'{clinician.full_name} is already booked {_span(taken, zone)} on {shown_date(day)}.')
    busy = await clashes.filter(patient_id=patient.id).select_related('clinician').order_by('starts_at').first()
    if busy is not None:
        raise DomainError(f'{patient.full_name} already has an appointment {_span(busy, zone)} on {shown_date(day)} '
                          f'with {busy.clinician.full_name}.')


def overlapping(starts_at: datetime, ends_at: datetime) -> dict[str, datetime]:
    """Filters for appointments overlapping [starts_at, ends_at), bounded on both sides of `starts_at`.

    "Starts before the end and ends after the start" alone lets the database walk every earlier
    appointment of the clinician, patient or branch in the (…, starts_at) index; no appointment is
    longer than LONGEST_SESSION, so one that overlaps starts at most that long before the range.
    """
    return {'starts_at__gt': starts_at - timedelta(minutes=LONGEST_SESSION), 'starts_at__lt': ends_at,
            'ends_at__gt': starts_at}


async def insert(appointment: Appointment) -> None:
    """Insert; on PostgreSQL an exclusion constraint may still refuse it (a writer that skipped the lock)."""
    try:
        await appointment.save(force_create=True)
    except IntegrityError as clash:
        raise DomainError(TAKEN_MEANWHILE) from clash


async def _next_token(appointment: Appointment, zone: ZoneInfo) -> int:
    """The next token number of the appointment's day at its branch (the caller holds the calendar's lock)."""
    day = _local(appointment.starts_at, zone).date()
    first = utc_of(datetime.combine(day, time()), zone)
    last = utc_of(datetime.combine(day + timedelta(days=1), time()), zone)
    serials = await Appointment.filter(branch_id=appointment.branch_id, starts_at__gte=first, starts_at__lt=last,
                                       token_serial__not_isnull=True).values_list('token_serial', flat=True)
    return max(serials, default=0) + 1


def _refuse_past(starts_at: datetime, zone: ZoneInfo) -> None:
    """Today may be booked (a walk-in entered after the fact); an earlier day may not."""
    if _local(starts_at, zone).date() < utcnow().astimezone(zone).date():
        raise DomainError('That day has passed: choose today or a later day.')


# -- helpers ---------------------------------------------------------------------------------------

ROW_COLUMNS = ('id', 'branch_id', 'patient_id', 'patient__uid', 'patient__full_name', 'patient__phone',
                'clinician_id', 'clinician__full_name', 'service', 'starts_at', 'ends_at', 'status', 'cancel_reason',
                'plan_id', 'session_number', 'token_serial', 'plan__days')


def row_of_values(values: dict[str, Any], zone: ZoneInfo) -> AppointmentRow:
    return AppointmentRow(
        id=values['id'], branch_id=values['branch_id'], patient_id=values['patient_id'],
        patient_uid=values['patient__uid'], patient_name=values['patient__full_name'],
        patient_phone=values['patient__phone'], clinician_id=values['clinician_id'],
        clinician=values['clinician__full_name'], service=Service(values['service']),
        starts=_local(values['starts_at'], zone), ends=_local(values['ends_at'], zone),
        status=AppointmentStatus(values['status']), cancel_reason=values['cancel_reason'],
        plan_id=values['plan_id'], session_number=values['session_number'], token_serial=values['token_serial'],
        plan_days=values['plan__days'])


def _row(appointment: Appointment, zone: ZoneInfo) -> AppointmentRow:
    return AppointmentRow(
        id=appointment.id, branch_id=appointment.branch_id, patient_id=appointment.patient_id,
        patient_uid=appointment.patient.uid, patient_name=appointment.patient.full_name,
        patient_phone=appointment.patient.phone, clinician_id=appointment.clinician_id,
        clinician=appointment.clinician.full_name, service=appointment.service,
        starts=_local(appointment.starts_at, zone), ends=_local(appointment.ends_at, zone),
        status=appointment.status, cancel_reason=appointment.cancel_reason, plan_id=appointment.plan_id,
        session_number=appointment.session_number, token_serial=appointment.token_serial,
        plan_days=appointment.plan.days if appointment.plan else None)


def _details(actor: Actor, appointment: Appointment) -> AppointmentDetails:
    changer = may_change(actor, appointment.clinician_id)
    return AppointmentDetails(
        row=_row(appointment, zone_of(appointment.branch)), notes=appointment.notes or '',
        branch=appointment.branch.name, remarks=appointment.remarks or '',
        booked_by=appointment.created_by.full_name if appointment.created_by else '',
        next_statuses=NEXT_STATUSES[appointment.status] if changer else (), may_change=changer,
        may_move=changer and appointment.status in MOVABLE,
        may_cancel=changer and appointment.status in CANCELLABLE)


async def reloaded_row(appointment_id: UUID) -> AppointmentRow:
    appointment = await Appointment.get(id=appointment_id).select_related('patient', 'clinician', 'branch', 'plan')
    return _row(appointment, zone_of(appointment.branch))


async def _appointment(actor: Actor, appointment_id: UUID) -> Appointment:
    appointment = await Appointment.get_or_none(id=appointment_id) \
        .select_related('patient', 'clinician', 'branch', 'created_by', 'plan')
    if appointment is None or not actor.may_work_in(appointment.branch_id):
        raise NotFound(APPOINTMENT_NOT_FOUND)
    return appointment


async def _clinicians(branch_id: int) -> list[Clinician]:
    users = [user for user in await User.filter(is_active=True, branch_id=branch_id).order_by('full_name')
             if role_can(user.role, Permission.SCHEDULE_OWN)]
    timetables = await clinician_timetables([user.id for user in users], branch_id)
    return [Clinician(id=user.id, name=user.full_name, timetable=timetables.get(user.id)) for user in users]


async def bookable_clinician(actor: Actor, clinician_id: int | None, branch: Branch) -> User:
    clinician = await User.get_or_none(id=clinician_id) if is_record_id(clinician_id) else None
    if clinician is None or clinician.branch_id != branch.id or not clinician.is_active:
        raise DomainError(f'Choose a clinician of {branch.name}.')
    if not role_can(clinician.role, Permission.SCHEDULE_OWN):
        raise DomainError(f'{clinician.full_name} does not see patients: choose a clinician.')
    return clinician


async def _checked_booking(actor: Actor, booking: BookingInput, branch: Branch) -> dict[str, Any]:
    """The booking form's values, or `ValidationFailed` with one message per wrong field."""
    check = Checker()
    service = check.choice('service', booking.service, Service, label='service')
    notes = check.text('notes', booking.notes, label='notes', required=False, max_length=1000)
    patient = await Patient.get_or_none(id=booking.patient_id) if booking.patient_id else None
    if patient is None:
        check.fail('patient', 'Find and choose the patient.')
    clinician = None
    try:
        clinician = await bookable_clinician(actor, booking.clinician_id, branch)
    except DomainError as refused:
        check.fail('clinician', refused.message)
    minutes = branch.slot_minutes
    if booking.minutes not in (None, ''):
        try:
            minutes = length_of(booking.minutes)
        except DomainError as refused:
            check.fail('minutes', refused.message)
    if booking.starts is None:
        check.fail('starts', 'Choose the day and time.')
    if booking.plan_id is not None and patient is not None and \
            not await TreatmentPlan.exists(id=booking.plan_id, patient_id=patient.id):
        check.fail('plan', "That plan is not this patient's.")
    check.raise_if_any()
    assert booking.starts is not None and clinician is not None
    starts = booking.starts.replace(second=0, microsecond=0)
    require_change(actor, clinician.id)
    _refuse_past(utc_of(starts, zone_of(branch)), zone_of(branch))
    return {'service': service, 'notes': notes, 'patient': patient, 'clinician': clinician, 'minutes': minutes,
            'starts': starts}


def length_of(minutes: object) -> int:
    text = str(minutes).strip()
    if not text.isdigit() or not SHORTEST_SESSION <= int(text) <= LONGEST_SESSION:
        raise DomainError(f'An appointment lasts {SHORTEST_SESSION} to {LONGEST_SESSION} minutes.')
    return int(text)


def require_changer(actor: Actor) -> None:
    if not (actor.can(Permission.SCHEDULE_EDIT) or actor.can(Permission.SCHEDULE_OWN)):
        raise PermissionDenied('You cannot change the calendar.')


def may_change(actor: Actor, clinician_id: int) -> bool:
    """Whether the actor may book, move, cancel or mark this clinician's appointments."""
    return actor.can(Permission.SCHEDULE_EDIT) or (actor.can(Permission.SCHEDULE_OWN) and
                                                   clinician_id == actor.user_id)


def require_change(actor: Actor, clinician_id: int) -> None:
    if not may_change(actor, clinician_id):
        raise PermissionDenied("You can change only your own appointments; ask reception to change a colleague's.")


def utc_of(local: datetime, zone: ZoneInfo) -> datetime:
    """The branch's wall-clock time as UTC; a time the clocks skip (daylight saving) is refused."""
    aware = local.replace(tzinfo=zone)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise DomainError(f'{local:%H:%M} does not exist on {shown_date(local.date())}: the clocks go forward. '
                          'Choose another time.')
    return aware.astimezone(UTC)


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def _span(appointment: Appointment, zone: ZoneInfo) -> str:
    return f'{_local(appointment.starts_at, zone):%H:%M}-{_local(appointment.ends_at, zone):%H:%M}'


def _when(starts: datetime, minutes: int) -> str:
    return f'{shown_date(starts.date())} {clock_text(starts.hour * 60 + starts.minute)} ({minutes} min)'


def _status_phrase(status: AppointmentStatus) -> str:
    """'An arrived appointment', 'A no-show appointment' (the start of a sentence)."""
    return with_article(f'{STATUS_LABELS[status].lower()} appointment').capitalize()
