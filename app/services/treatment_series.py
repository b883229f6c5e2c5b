"""A treatment plan's sessions in the calendar: create them as a series, move one or all later ones, end them.

From a plan: "every weekday at 10:00 for 21 sessions". Days the clinic does not work that
series (a weekday not chosen, a holiday, the clinician's leave) are passed over and the series
runs on until it has its sessions. A day the series should use but cannot (the clinician or the
patient already booked, outside the clinician's hours) is never skipped silently: it is listed,
with the nearest free times that day, for reception to choose or leave. All the sessions that
fit are booked in one transaction under the calendar's lock (`appointments.hold_calendar`), so a
booking made at another desk meanwhile cannot slip in between the check and the insert.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import utcnow
from app.dates import shown_date
from app.errors import DomainError, NotFound, ValidationFailed
from app.services import appointments
from app.services.appointments import MOVABLE, AppointmentRow
from app.services.clinic_hours import branch_timetable, closures_between, zone_of
from app.services.session_time import TimeRefused, clock_text, parse_time_of_day
from app.services.validation import Checker
from app.wording import counted
from models.plans import PlanStatus, TreatmentPlan
from models.scheduling import ATTENDED, Appointment, AppointmentStatus

USUAL_WEEKDAYS = frozenset(range(6))  # Monday to Saturday
LONGEST_SERIES = 120
SUGGESTIONS = 3
SEARCH_DAYS = 366  # a series that cannot find its days within a year stops and says so
PLAN_ENDED = 'The treatment plan ended'


@dataclass(frozen=True, kw_only=True)
class SeriesInput:
    plan_id: UUID
    first_day: date | None
    start: str  # as typed: 10:00, 4:30 pm
    minutes: Any = None  # None: the plan's session length, else the branch's slot
    sessions: Any = None  # None: the plan's days still to book
    weekdays: Collection[int] = USUAL_WEEKDAYS
    clinician_id: int | None = None  # None: the plan's clinician


@dataclass(frozen=True, kw_only=True)
class Unplaced:
    """A day the series wanted but could not book, why, and the nearest free starts that day."""

    day: date
    session_number: int
    reason: str
    free_starts: tuple[datetime, ...]


@dataclass(frozen=True, kw_only=True)
class SeriesResult:
    booked: list[AppointmentRow]
    unplaced: list[Unplaced]
    passed_over: list[tuple[date, str]]  # holidays and leave the series ran past

    @property
    def summary(self) -> str:
        text = f'Booked {counted(len(self.booked), "session")}.'
        if self.unplaced:
            text += f' {counted(len(self.unplaced), "day")} could not be booked: choose a time for each below.'
        return text


@audit_denials(EntityType.APPOINTMENT, refused_action=Action.CREATE)
async def create_series(*, actor: Actor, series: SeriesInput) -> SeriesResult:
    """Book a plan's sessions (see the module docstring); bad input books nothing."""
    plan = await _plan(actor, series.plan_id)
    values = _checked(series, plan)
    clinician_id = series.clinician_id or plan.clinician_id
    if clinician_id is None:
        raise ValidationFailed({'clinician': 'Choose the clinician who gives the sessions.'})
    numbers = await _next_session_numbers(plan, values['sessions'])
    branch = plan.branch
    zone = zone_of(branch)
    booked: list[Appointment] = []
    unplaced: list[Unplaced] = []
    passed_over: list[tuple[date, str]] = []
    async with audit.change(actor, action=Action.CREATE, entity_type=EntityType.APPOINTMENT,
                            entity_id=f'plan-{plan.id}', patient_id=plan.patient.uid) as event:
        await appointments.hold_calendar(event.connection, branch.id)
        clinician = await appointments.bookable_clinician(actor, clinician_id, branch)
        appointments.require_change(actor, clinician.id)
        opening = await branch_timetable(branch.id)
        day, pending = values['first_day'], list(numbers)
        for _ in range(SEARCH_DAYS):
            if not pending:
                break
            if day.weekday() not in values['weekdays']:
                day += timedelta(days=1)
                continue
            closure = 'Closed' if not opening.spans_on(day.weekday()) else \
                await _closure_on(branch.id, clinician.id, day)
            if closure is not None:
                passed_over.append((day, closure))
                day += timedelta(days=1)
                continue
            starts = datetime.combine(day, values['start'])
            number = pending[0]
            try:
                starts_at = appointments.utc_of(starts, zone)
                await appointments.refuse_clash(branch=branch, zone=zone, clinician=clinician, patient=plan.patient,
                                                starts_at=starts_at,
                                                ends_at=starts_at + timedelta(minutes=values['minutes']))
            except DomainError as clash:
                unplaced.append(Unplaced(day=day, session_number=number, reason=clash.message,
                                         free_starts=await free_starts(branch=branch, clinician=clinician,
                                                                       patient=plan.patient, day=day,
                                                                       minutes=values['minutes'])))
                pending.pop(0)
                day += timedelta(days=1)
                continue
            appointment = Appointment(branch_id=branch.id, patient_id=plan.patient_id, clinician_id=clinician.id,
                                      service=plan.service, starts_at=starts_at,
                                      ends_at=starts_at + timedelta(minutes=values['minutes']), plan_id=plan.id,
                                      session_number=number, created_by_id=actor.user_id)
            await appointments.insert(appointment)
            booked.append(appointment)
            pending.pop(0)
            day += timedelta(days=1)
        if pending:
            raise DomainError(f'Could not find days for {counted(len(pending), "session")} within a year: '
                              'choose more weekdays.')
        event.set_detail(f'Series of {counted(len(booked), "session")} from {shown_date(values["first_day"])} at '
                         f'{values["start"]:%H:%M} with {clinician.full_name}; {len(unplaced)} not placed')
        event.set_changes({'sessions': [None, [str(row.id) for row in booked]]})
    rows = [await appointments.reloaded_row(row.id) for row in booked]
    return SeriesResult(booked=rows, unplaced=unplaced, passed_over=passed_over)


@audit_denials(EntityType.APPOINTMENT, refused_action=Action.UPDATE)
async def move_later_sessions(*, actor: Actor, appointment_id: UUID, start: str,
                              clinician_id: int | None = None) -> list[AppointmentRow]:
    """Move this session and every later one of its plan to a new time of day (and clinician), or none of them.

    When any of them would clash, nothing moves and the message lists each clash.
    """
    first = await Appointment.get_or_none(id=appointment_id).select_related('branch', 'patient', 'clinician')
    if first is None or not actor.may_work_in(first.branch_id) or first.plan_id is None:
        raise NotFound('That session of a treatment plan could not be found.')
    check = Checker()
    start_time = _time(check, start)
    check.raise_if_any()
    assert start_time is not None
    zone = zone_of(first.branch)
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.APPOINTMENT,
                            entity_id=f'plan-{first.plan_id}', patient_id=first.patient.uid) as event:
        await appointments.hold_calendar(event.connection, first.branch_id)
        clinician = first.clinician if clinician_id in (None, first.clinician_id) else \
            await appointments.bookable_clinician(actor, clinician_id, first.branch)
        later = await Appointment.filter(plan_id=first.plan_id, starts_at__gte=first.starts_at,
                                         status__in=MOVABLE).select_related('clinician').order_by('starts_at')
        clashes, moves = [], []
        for session in later:
            appointments.require_change(actor, session.clinician_id)
            appointments.require_change(actor, clinician.id)
            local_day = session.starts_at.astimezone(zone).date()
            starts_at = appointments.utc_of(datetime.combine(local_day, start_time), zone)
            ends_at = starts_at + (session.ends_at - session.starts_at)
            try:
                await appointments.refuse_clash(branch=first.branch, zone=zone, clinician=clinician,
                                                patient=first.patient, starts_at=starts_at, ends_at=ends_at,
                                                ignoring=[row.id for row in later])
            except DomainError as clash:
                clashes.append(f'{shown_date(local_day)}: {clash.message}')
                continue
            moves.append((session, starts_at, ends_at))
        if clashes:
            raise DomainError(f'{counted(len(clashes), "session")} cannot move, so none moved. ' + ' '.join(clashes))
        moved = []
        for session, starts_at, ends_at in moves:
            replacement = Appointment(branch_id=session.branch_id, patient_id=session.patient_id,
                                      clinician_id=clinician.id, service=session.service, starts_at=starts_at,
                                      ends_at=ends_at, notes=session.notes, plan_id=session.plan_id,
                                      session_number=session.session_number, created_by_id=actor.user_id)
            await Appointment.filter(id=session.id).update(status=AppointmentStatus.RESCHEDULED,
                                                           rescheduled_to_id=replacement.id, updated_at=utcnow())
            await appointments.insert(replacement)
            moved.append(replacement.id)
        event.set_detail(f'Moved {counted(len(moved), "session")} to {start_time:%H:%M} with {clinician.full_name}')
        event.set_changes({'rescheduled_to': [None, [str(identifier) for identifier in moved]]})
    return [await appointments.reloaded_row(identifier) for identifier in moved]


async def cancel_future_sessions(*, actor: Actor, plan_id: UUID, patient_uid: str) -> int:
    """Cancel a plan's sessions from now on (inside the caller's audited change: the plan ended). Returns how many."""
    future = await Appointment.filter(plan_id=plan_id, starts_at__gte=utcnow(),
                                      status__in=(AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED))
    for session in future:
        await Appointment.filter(id=session.id).update(status=AppointmentStatus.CANCELLED, cancel_reason=PLAN_ENDED,
                                                       updated_at=utcnow())
        await audit.record(actor, action=Action.UPDATE, entity_type=EntityType.APPOINTMENT, entity_id=session.id,
                           patient_id=patient_uid, detail=f'Cancelled: {PLAN_ENDED.lower()}',
                           changes={'status': [session.status.value, AppointmentStatus.CANCELLED.value]})
    return len(future)


async def sessions_attended(plan_ids: Collection[UUID]) -> dict[UUID, int]:
    """Attended sessions per plan, for the plans that have sessions in the calendar (others are left out:
    a plan recorded before the calendar still counts its days from its start date)."""
    if not plan_ids:
        return {}
    rows = await Appointment.filter(plan_id__in=list(plan_ids)) \
        .exclude(status__in=(AppointmentStatus.CANCELLED, AppointmentStatus.RESCHEDULED)) \
        .values_list('plan_id', 'status')
    attended: dict[UUID, int] = {}
    for plan_id, status in rows:
        attended[plan_id] = attended.get(plan_id, 0) + (status in ATTENDED)
    return attended


async def free_starts(*, branch: Any, clinician: Any, patient: Any, day: date, minutes: int,
                      wanted: int = SUGGESTIONS) -> tuple[datetime, ...]:
    """The first free starts of a day for this clinician and patient, on the branch's slot grid."""
    zone = zone_of(branch)
    found: list[datetime] = []
    step = branch.slot_minutes
    for minute in range(0, 24 * 60 - minutes + 1, step):
        starts = datetime.combine(day, time(minute // 60, minute % 60))
        try:
            starts_at = appointments.utc_of(starts, zone)
            await appointments.refuse_clash(branch=branch, zone=zone, clinician=clinician, patient=patient,
                                            starts_at=starts_at, ends_at=starts_at + timedelta(minutes=minutes))
        except DomainError:
            continue
        found.append(starts)
        if len(found) == wanted:
            break
    return tuple(found)


# -- helpers ---------------------------------------------------------------------------------------

async def _plan(actor: Actor, plan_id: UUID) -> TreatmentPlan:
    appointments.require_changer(actor)
    if not actor.can(Permission.PLANS_VIEW):
        raise NotFound('That treatment plan could not be found.')
    plan = await TreatmentPlan.get_or_none(id=plan_id).select_related('patient', 'branch')
    if plan is None or not actor.may_work_in(plan.branch_id):
        raise NotFound('That treatment plan could not be found.')
    if plan.status is not PlanStatus.ACTIVE:
        raise DomainError('Only an active plan can have sessions booked.')
    return plan


def _checked(series: SeriesInput, plan: TreatmentPlan) -> dict[str, Any]:
    check = Checker()
    start = _time(check, series.start or (clock_text(plan.session_start_minute)
                                          if plan.session_start_minute is not None else ''))
    minutes = series.minutes if series.minutes not in (None, '') else (plan.session_minutes or
                                                                        plan.branch.slot_minutes)
    try:
        minutes = appointments.length_of(minutes)
    except DomainError as refused:
        check.fail('minutes', refused.message)
    sessions = series.sessions if series.sessions not in (None, '') else plan.days
    if not str(sessions).strip().isdigit() or not 1 <= int(str(sessions).strip()) <= LONGEST_SERIES:
        check.fail('sessions', f'Book 1 to {LONGEST_SERIES} sessions at a time.')
    weekdays = frozenset(series.weekdays)
    if not weekdays or not weekdays <= set(range(7)):
        check.fail('weekdays', 'Choose at least one weekday.')
    if series.first_day is None:
        check.fail('first_day', 'Choose the day of the first session.')
    check.raise_if_any()
    return {'start': start, 'minutes': minutes, 'sessions': int(str(sessions).strip()), 'weekdays': weekdays,
            'first_day': series.first_day}


def _time(check: Checker, text: str) -> time | None:
    try:
        minute = parse_time_of_day(text or '')
    except TimeRefused as refused:
        check.fail('start', refused.message)
        return None
    return time(minute // 60, minute % 60)


async def _next_session_numbers(plan: TreatmentPlan, count: int) -> list[int]:
    """Numbers after the plan's highest booked session: a second series continues the count."""
    numbers = await Appointment.filter(plan_id=plan.id, session_number__not_isnull=True) \
        .exclude(status__in=(AppointmentStatus.CANCELLED, AppointmentStatus.RESCHEDULED)) \
        .values_list('session_number', flat=True)
    start = max(numbers, default=0) + 1
    return list(range(start, start + count))


async def _closure_on(branch_id: int, clinician_id: int, day: date) -> str | None:
    """Why the series passes a day over (a holiday, the branch closed, the clinician's leave), or None."""
    closures = await closures_between(branch_id=branch_id, first_day=day, last_day=day, clinician_ids=[clinician_id])
    if not closures:
        return None
    closure = closures[0]
    return 'Leave' if closure.clinician_id is not None else closure.reason
