"""When the clinic can take a booking: branch opening hours, clinicians' working hours, holidays and leave.

Hours are wall-clock minutes in the branch's zone, per weekday (Monday is 0), typed the way a
clinic writes its timetable: "09:00-13:00, 16:00-20:00", or "closed". A branch with no hours
saved keeps `USUAL_HOURS`; a clinician with none works whenever the branch is open. Admins edit
their own branch (`schedule.hours`); only the superadmin enters a holiday for every branch at once.
Every change is an audited transaction, and the calendar greys what is closed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from tortoise.expressions import Q

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission, role_can
from app.config import get_settings
from app.dates import shown_date
from app.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from app.services.session_time import TimeRefused, clock_text, parse_time_of_day
from app.services.users import require
from app.services.validation import Checker, is_record_id
from models.accounts import User
from models.clinic import Branch
from models.scheduling import Closure, OpeningHours, WorkingHours

WEEKDAYS = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')
CLOSED = 'closed'
LONGEST_CLOSURE_DAYS = 366
CLOSURE_NOT_FOUND = 'That holiday or leave could not be found.'


@dataclass(frozen=True, order=True)
class Span:
    """One stretch of a day, in minutes after midnight: [starts, ends)."""

    starts: int
    ends: int

    def __str__(self) -> str:
        return f'{clock_text(self.starts)}-{clock_text(self.ends)}'


@dataclass(frozen=True, kw_only=True)
class Timetable:
    """A week of spans, per weekday (Monday is 0); a weekday without spans is closed."""

    days: Mapping[int, tuple[Span, ...]]

    def spans_on(self, weekday: int) -> tuple[Span, ...]:
        return self.days.get(weekday, ())

    def covers(self, weekday: int, starts: int, ends: int) -> bool:
        """Whether [starts, ends) lies inside one span of that weekday."""
        return any(span.starts <= starts and ends <= span.ends for span in self.spans_on(weekday))

    def described(self, weekday: int) -> str:
        """'09:00-13:00 and 16:00-20:00', or 'closed'."""
        spans = self.spans_on(weekday)
        return ' and '.join(str(span) for span in spans) if spans else CLOSED

    def as_text(self, weekday: int) -> str:
        """What the hours form shows for a weekday: '09:00-13:00, 16:00-20:00' or 'closed'."""
        spans = self.spans_on(weekday)
        return ', '.join(str(span) for span in spans) if spans else CLOSED


# Monday to Saturday 09:00-20:00, Sunday closed: a clinic's usual week, until an admin saves its own.
USUAL_HOURS = Timetable(days={weekday: (Span(9 * 60, 20 * 60),) for weekday in range(6)})


@dataclass(frozen=True, kw_only=True)
class ClosureRow:
    id: int
    branch_id: int | None
    branch: str  # 'Every branch' for a clinic holiday
    clinician_id: int | None
    clinician: str  # '' unless it is a clinician's leave
    first_day: date
    last_day: date
    reason: str

    @property
    def days(self) -> str:
        if self.first_day == self.last_day:
            return shown_date(self.first_day)
        return f'{shown_date(self.first_day)} to {shown_date(self.last_day)}'


def zone_of(branch: Branch) -> ZoneInfo:
    """The branch's clock: its own zone, or the clinic's (`PROSPINE_TIMEZONE`)."""
    return ZoneInfo(branch.time_zone) if branch.time_zone else get_settings().tz


_SPAN = re.compile(r'^\s*(?P<start>[^-–]+?)\s*[-–]\s*(?P<end>[^-–]+?)\s*$')


def parse_spans(text: str | None) -> tuple[Span, ...]:
    """Read '09:00-13:00, 16:00-20:00' (or 'closed', or nothing) into spans; raise `TimeRefused` saying why not."""
    cleaned = ('' if text is None else str(text)).strip()  # a form sends text; anything else is read as text
    if not cleaned or cleaned.lower() == CLOSED:
        return ()
    spans = []
    for part in re.split(r'[,;]| and ', cleaned):
        if not part.strip():
            continue
        match = _SPAN.match(part)
        if match is None:
            raise TimeRefused(f'Type the hours as from-to, like 09:00-13:00, 16:00-20:00, or "{CLOSED}".')
        starts, ends = parse_time_of_day(match['start']), parse_time_of_day(match['end'])
        if ends == 0:
            ends = 24 * 60  # '18:00-00:00' runs to midnight
        if ends <= starts:
            raise TimeRefused(f'{part.strip()}: the end must come after the start.')
        spans.append(Span(starts, ends))
    spans.sort()
    for earlier, later in itertools.pairwise(spans):
        if later.starts < earlier.ends:
            raise TimeRefused(f'{earlier} and {later} overlap: write each stretch once.')
    return tuple(spans)


async def branch_timetable(branch_id: int) -> Timetable:
    """The branch's opening hours, or the usual ones when none are saved."""
    rows = await OpeningHours.filter(branch_id=branch_id).order_by('weekday', 'opens_minute')
    if not rows:
        return USUAL_HOURS
    return _timetable((row.weekday, Span(row.opens_minute, row.closes_minute)) for row in rows)


async def clinician_timetable(clinician_id: int, branch_id: int) -> Timetable | None:
    """The clinician's working hours at the branch, or None: they work whenever the branch is open."""
    rows = await WorkingHours.filter(clinician_id=clinician_id, branch_id=branch_id) \
        .order_by('weekday', 'starts_minute')
    if not rows:
        return None
    return _timetable((row.weekday, Span(row.starts_minute, row.ends_minute)) for row in rows)


async def clinician_timetables(clinician_ids: list[int], branch_id: int) -> dict[int, Timetable]:
    """The working hours of several clinicians in one query; a clinician without rows is left out."""
    if not clinician_ids:
        return {}
    rows = await WorkingHours.filter(clinician_id__in=clinician_ids, branch_id=branch_id) \
        .order_by('weekday', 'starts_minute')
    spans: dict[int, list[tuple[int, Span]]] = {}
    for row in rows:
        spans.setdefault(row.clinician_id, []).append((row.weekday, Span(row.starts_minute, row.ends_minute)))
    return {clinician_id: _timetable(days) for clinician_id, days in spans.items()}


async def closures_between(*, branch_id: int, first_day: date, last_day: date,
                           clinician_ids: list[int] | None = None) -> list[Closure]:
    """Holidays, branch closures and (for the clinicians named) leave touching [first_day, last_day]."""
    whose = Q(clinician_id=None)
    if clinician_ids:
        whose |= Q(clinician_id__in=clinician_ids)
    return await Closure.filter(Q(branch_id=None) | Q(branch_id=branch_id), whose,
                                first_day__lte=last_day, last_day__gte=first_day).order_by('first_day')


# -- what admins change ---------------------------------------------------------------------------

@audit_denials(EntityType.CLINIC_HOURS)
async def opening_hours(*, actor: Actor, branch_id: int) -> Timetable:
    """The branch's opening hours for the hours form."""
    require(actor, Permission.SCHEDULE_VIEW)
    await _branch(actor, branch_id)
    return await branch_timetable(branch_id)


@audit_denials(EntityType.CLINIC_HOURS)
async def set_opening_hours(*, actor: Actor, branch_id: int, week: Mapping[int, str]) -> Timetable:
    """Save a branch's hours from one text per weekday; a day not given is closed. Bad text saves nothing."""
    require(actor, Permission.SCHEDULE_HOURS)
    branch = await _branch(actor, branch_id)
    timetable = _read_week(week)
    if not any(timetable.days.values()):
        raise ValidationFailed({'0': 'A branch open on no day cannot take bookings: give at least one day hours.'})
    async with audit.change(actor, action=Action.ADMIN_CHANGE, entity_type=EntityType.CLINIC_HOURS,
                            entity_id=f'branch-{branch.id}', detail=f'Opening hours of {branch.name}') as event:
        before = await branch_timetable(branch.id)
        await OpeningHours.filter(branch_id=branch.id).delete()
        await OpeningHours.bulk_create([
            OpeningHours(branch_id=branch.id, weekday=weekday, opens_minute=span.starts, closes_minute=span.ends)
            for weekday, spans in timetable.days.items() for span in spans])
        event.set_changes(_week_changes(before, timetable))
    return timetable


@audit_denials(EntityType.CLINIC_HOURS)
async def working_hours(*, actor: Actor, clinician_id: int) -> Timetable | None:
    require(actor, Permission.SCHEDULE_VIEW)
    clinician = await _clinician(actor, clinician_id)
    return await clinician_timetable(clinician.id, clinician.branch_id)


@audit_denials(EntityType.CLINIC_HOURS)
async def set_working_hours(*, actor: Actor, clinician_id: int, week: Mapping[int, str] | None) -> Timetable | None:
    """Save when a clinician works (one text per weekday); None clears them: they work whenever the branch is open."""
    require(actor, Permission.SCHEDULE_HOURS)
    clinician = await _clinician(actor, clinician_id)
    timetable = None if week is None else _read_week(week)
    async with audit.change(actor, action=Action.ADMIN_CHANGE, entity_type=EntityType.CLINIC_HOURS,
                            entity_id=f'clinician-{clinician.id}',
                            detail=f'Working hours of {clinician.full_name}') as event:
        before = await clinician_timetable(clinician.id, clinician.branch_id)
        await WorkingHours.filter(clinician_id=clinician.id, branch_id=clinician.branch_id).delete()
        if timetable is not None:
            await WorkingHours.bulk_create([
                WorkingHours(clinician_id=clinician.id, branch_id=clinician.branch_id, weekday=weekday,
                             starts_minute=span.starts, ends_minute=span.ends)
                for weekday, spans in timetable.days.items() for span in spans])
        event.set_changes(_week_changes(before, timetable))
    return timetable


@audit_denials(EntityType.CLOSURE)
async def list_closures(*, actor: Actor, branch_id: int, from_day: date) -> list[ClosureRow]:
    """Holidays, closures and leave of the branch ending on or after `from_day`, soonest first."""
    require(actor, Permission.SCHEDULE_VIEW)
    await _branch(actor, branch_id)
    rows = await Closure.filter(Q(branch_id=None) | Q(branch_id=branch_id), last_day__gte=from_day) \
        .select_related('branch', 'clinician').order_by('first_day')
    return [_closure_row(row) for row in rows]


@audit_denials(EntityType.CLOSURE)
async def add_closure(*, actor: Actor, branch_id: int | None, first_day: date | None, last_day: date | None,
                      reason: str, clinician_id: int | None = None) -> ClosureRow:
    """Enter a holiday (every branch: superadmin only), a branch closure, or a clinician's leave.

    Appointments already booked on those days stay: the calendar shows them on the greyed days for
    reception to move, rather than cancelling patients' visits silently.
    """
    require(actor, Permission.SCHEDULE_HOURS)
    check = Checker()
    reason = check.text('reason', reason, label='reason (for example Diwali, or Annual leave)', max_length=120)
    if first_day is None:
        check.fail('first_day', 'Choose the first day.')
    last_day = last_day or first_day
    if first_day and last_day and last_day < first_day:
        check.fail('last_day', 'The last day cannot be before the first day.')
    elif first_day and last_day and (last_day - first_day).days >= LONGEST_CLOSURE_DAYS:
        check.fail('last_day', 'Enter at most a year at a time.')
    check.raise_if_any()
    branch = None
    if branch_id is None and clinician_id is None:
        if not actor.is_superadmin:
            raise PermissionDenied('Only the superadmin enters a holiday for every branch; choose your branch.')
    elif clinician_id is not None:
        clinician = await _clinician(actor, clinician_id)
        branch_id = clinician.branch_id
    if branch_id is not None:
        branch = await _branch(actor, branch_id)
    async with audit.change(actor, action=Action.ADMIN_CHANGE, entity_type=EntityType.CLOSURE) as event:
        closure = await Closure.create(branch_id=branch.id if branch else None, clinician_id=clinician_id,
                                       first_day=first_day, last_day=last_day, reason=reason,
                                       created_by_id=actor.user_id)
        event.entity_id = closure.id
        event.set_changes({'first_day': [None, str(first_day)], 'last_day': [None, str(last_day)],
                           'branch_id': [None, closure.branch_id], 'clinician_id': [None, clinician_id],
                           'reason': [None, reason]})
    await closure.fetch_related('branch', 'clinician')
    return _closure_row(closure)


@audit_denials(EntityType.CLOSURE)
async def remove_closure(*, actor: Actor, closure_id: int) -> None:
    require(actor, Permission.SCHEDULE_HOURS)
    closure = await Closure.get_or_none(id=closure_id) if is_record_id(closure_id) else None
    if closure is None:
        raise NotFound(CLOSURE_NOT_FOUND)
    if closure.branch_id is None and not actor.is_superadmin:
        raise PermissionDenied('Only the superadmin removes a holiday of every branch.')
    if closure.branch_id is not None and not actor.may_work_in(closure.branch_id):
        raise NotFound(CLOSURE_NOT_FOUND)
    async with audit.change(actor, action=Action.ADMIN_CHANGE, entity_type=EntityType.CLOSURE,
                            entity_id=closure.id, detail=f'Removed: {closure.reason}'):
        await Closure.filter(id=closure.id).delete()


# -- helpers ---------------------------------------------------------------------------------------

def _timetable(rows: object) -> Timetable:
    days: dict[int, list[Span]] = {}
    for weekday, span in rows:  # type: ignore[attr-defined]
        days.setdefault(weekday, []).append(span)
    return Timetable(days={weekday: tuple(spans) for weekday, spans in days.items()})


def _read_week(week: Mapping[int, str]) -> Timetable:
    """One text per weekday into a timetable; every bad day gets its own message and nothing is saved."""
    if not isinstance(week, Mapping):
        raise ValidationFailed({'0': 'Give the hours of each weekday.'})
    check = Checker()
    days: dict[int, tuple[Span, ...]] = {}
    for weekday in range(7):
        try:
            spans = parse_spans(week.get(weekday))
        except TimeRefused as refused:
            check.fail(str(weekday), f'{WEEKDAYS[weekday]}: {refused.message}')
            continue
        if spans:
            days[weekday] = spans
    check.raise_if_any()
    return Timetable(days=days)


def _week_changes(before: Timetable | None, after: Timetable | None) -> dict[str, list[str]]:
    def text(timetable: Timetable | None, weekday: int) -> str:
        return 'whenever the branch is open' if timetable is None else timetable.as_text(weekday)

    return {WEEKDAYS[weekday]: [text(before, weekday), text(after, weekday)] for weekday in range(7)
            if text(before, weekday) != text(after, weekday)}


async def _branch(actor: Actor, branch_id: int) -> Branch:
    branch = await Branch.get_or_none(id=branch_id) if is_record_id(branch_id) else None
    if branch is None or not actor.may_work_in(branch.id):
        raise NotFound('That branch could not be found.')
    return branch


async def _clinician(actor: Actor, clinician_id: int) -> User:
    clinician = await User.get_or_none(id=clinician_id) if is_record_id(clinician_id) else None
    if clinician is None or not actor.may_work_in(clinician.branch_id):
        raise NotFound('That member of staff could not be found.')
    if not role_can(clinician.role, Permission.SCHEDULE_OWN):
        raise DomainError(f'{clinician.full_name} does not see patients, so has no working hours.')
    return clinician


def _closure_row(closure: Closure) -> ClosureRow:
    return ClosureRow(id=closure.id, branch_id=closure.branch_id,
                      branch=closure.branch.name if closure.branch else 'Every branch',
                      clinician_id=closure.clinician_id,
                      clinician=closure.clinician.full_name if closure.clinician else '',
                      first_day=closure.first_day, last_day=closure.last_day, reason=closure.reason)

