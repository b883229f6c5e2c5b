"""The demo clinic's timetable: opening hours, a few clinicians' shifts, each year's holidays and the staff's leave.

Entered as the admins would have: the hours on the opening morning (a clinician who joins later
gets theirs when their account is made), each year's holidays by the director on the first
working Monday of November for the year after (the first year's on the opening day), and leave
by the branch's admin two to five weeks ahead. The calendar knows every closure from the start,
so nothing is ever booked on a closed day; one not entered by the reference day does not exist.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.audit.events import Action, EntityType, EventDraft, Origin
from app.demo.staff import Clinic, Member
from app.services.clinic_hours import USUAL_HOURS, WEEKDAYS, Span, Timetable
from models.accounts import Role
from models.scheduling import OpeningHours, WorkingHours

Spans = Mapping[int, tuple[tuple[int, int], ...]]  # weekday (0 is Monday) -> (starts, ends) minutes
# Per branch in roster order. Koramangala closes for the afternoon; Jayanagar keeps shorter Saturdays.
BRANCH_HOURS: tuple[Spans, ...] = (
    {weekday: ((540, 780), (960, 1200)) for weekday in range(6)},
    {**{weekday: ((540, 1200),) for weekday in range(5)}, 5: ((540, 1020),)},
)
# The clinicians who keep their own hours; everyone else works whenever their branch is open.
SHIFTS: dict[str, Spans] = {
    'rohit.sharma': {**{weekday: ((540, 780), (960, 1200)) for weekday in range(5)}, 5: ((540, 780),)},
    'sneha.kulkarni': {weekday: ((600, 1080),) for weekday in range(5)},
    'nandini.prasad': {weekday: ((840, 1200),) for weekday in range(6)},
    'harish.gowda': {weekday: ((540, 900),) for weekday in range(6)},
}
_FIXED = ((1, 14, 'Makara Sankranti'), (1, 26, 'Republic Day'), (8, 15, 'Independence Day'),
          (10, 2, 'Gandhi Jayanti'), (11, 1, 'Kannada Rajyotsava'), (12, 25, 'Christmas'))
# Holi, Ganesh Chaturthi, Vijayadashami and Deepavali follow the lunar calendar (a year not listed takes 2026's).
_LUNAR = {
    2014: ('03-17', '08-29', '10-03', '10-22'), 2015: ('03-06', '09-17', '10-22', '11-10'),
    2016: ('03-24', '09-05', '10-11', '10-29'), 2017: ('03-13', '08-25', '09-30', '10-18'),
    2018: ('03-02', '09-13', '10-19', '11-06'), 2019: ('03-21', '09-02', '10-08', '10-27'),
    2020: ('03-10', '08-22', '10-26', '11-14'), 2021: ('03-29', '09-10', '10-15', '11-04'),
    2022: ('03-18', '08-31', '10-05', '10-24'), 2023: ('03-08', '09-19', '10-24', '11-12'),
    2024: ('03-25', '09-07', '10-12', '10-31'), 2025: ('03-14', '08-27', '10-02', '10-20'),
    2026: ('03-04', '09-14', '10-20', '11-08'), 2027: ('03-22', '09-04', '10-09', '10-28'),
    2028: ('03-11', '08-23', '09-27', '10-17'),
}
_LEAVE = ('Annual leave', 'Annual leave', 'Family function', 'Medical leave', 'IAP conference', 'Training course')


@dataclass(frozen=True, kw_only=True)
class Closed:
    """A clinic holiday (no member) or a clinician's leave, and the day it was entered."""

    first_day: date
    last_day: date
    reason: str
    member: Member | None = None
    branch_id: int | None = None  # a branch closed (only read from an earlier run's rows)
    entered: date | None = None

    def days(self) -> Iterator[date]:
        for number in range((self.last_day - self.first_day).days + 1):
            yield self.first_day + timedelta(days=number)


def holidays(first_year: int, last_year: int) -> list[Closed]:
    """The holidays of each year (Deepavali two days); a festival on another's day is folded into it."""
    found: list[Closed] = []
    taken: set[date] = set()
    for year in range(first_year, last_year + 1):
        holi, ganesha, dasara, deepavali = (date.fromisoformat(f'{year}-{text}')
                                            for text in _LUNAR.get(year, _LUNAR[2026]))
        days = [(date(year, month, day), 1, reason) for month, day, reason in _FIXED]
        days += [(holi, 1, 'Holi'), (ganesha, 1, 'Ganesh Chaturthi'), (dasara, 1, 'Vijayadashami'),
                 (deepavali, 2, 'Deepavali')]
        for first, length, reason in sorted(days):
            span = [first + timedelta(days=number) for number in range(length)]
            if not taken.intersection(span):
                taken.update(span)
                found.append(Closed(first_day=first, last_day=span[-1], reason=reason))
    return found


def leave(rng: random.Random, members: list[Member], *, first: date, last: date) -> list[Closed]:
    """One to three spells of leave a year for each clinician, one to five days each, none overlapping."""
    found: list[Closed] = []
    for member in members:
        taken: set[date] = set()
        for year in range(first.year, last.year + 1):
            for _ in range(rng.choice((1, 2, 2, 3))):
                start = date(year, 1, 1) + timedelta(days=rng.randrange(365))
                span = [start + timedelta(days=number) for number in range(rng.choice((1, 1, 2, 3, 5)))]
                if span[0] < max(first, member.joined) or span[-1] > last or taken.intersection(span):
                    continue
                taken.update(span)
                found.append(Closed(first_day=span[0], last_day=span[-1], reason=rng.choice(_LEAVE), member=member))
    return found


def entered(closures: list[Closed], *, rng: random.Random, first: date, last: date,
            working: Callable[[date], bool]) -> list[Closed]:
    """The closures with the day they were entered (from `first` on), leaving out those entered after `last`."""
    found = []
    for closure in closures:
        if closure.member is None:  # next year's holidays, on the first working Monday of November
            day = date(closure.first_day.year - 1, 11, 1)
            while day.weekday() != 0 or not working(day):
                day += timedelta(days=1)
        else:
            day = closure.first_day - timedelta(days=rng.randint(14, 35))
        day = max(day, first)
        while not working(day):
            day += timedelta(days=1)
        if day <= last and day <= closure.first_day:
            found.append(Closed(first_day=closure.first_day, last_day=closure.last_day, reason=closure.reason,
                                member=closure.member, entered=day))
    return found


def spans_text(spans: tuple[tuple[int, int], ...]) -> str:
    return ', '.join(str(Span(starts, ends)) for starts, ends in spans) or 'closed'


def week_changes(before: Spans | None, after: Spans) -> dict[str, list[str]]:
    """A week's changes as the hours screens audit them: weekday -> [before, after] for the days that differ."""
    usual = 'whenever the branch is open'
    changes = {}
    for weekday in range(7):
        old = usual if before is None else spans_text(tuple(before.get(weekday, ())))
        new = spans_text(tuple(after.get(weekday, ())))
        if old != new:
            changes[WEEKDAYS[weekday]] = [old, new]
    return changes


USUAL: Spans = {weekday: tuple((span.starts, span.ends) for span in USUAL_HOURS.spans_on(weekday))
                for weekday in range(7)}


async def set_up(clinic: Clinic, *, opened: datetime, events: list[EventDraft]) -> None:
    """Save the branches' hours and the founding clinicians' shifts that are not saved yet, with their events."""

    def event(by: Member, **values: object) -> None:
        events.append(EventDraft(who=by.who(None), origin=Origin(), action=Action.ADMIN_CHANGE,
                                 entity_type=EntityType.CLINIC_HOURS,
                                 occurred_at=opened + timedelta(seconds=30 * len(events)), **values))  # type: ignore

    for number, branch_id in enumerate(clinic.branch_ids):
        admin = clinic.of(branch_id, Role.ADMIN)[0]
        if await OpeningHours.filter(branch_id=branch_id).exists():
            continue
        hours = BRANCH_HOURS[number % len(BRANCH_HOURS)]
        await OpeningHours.bulk_create([OpeningHours(branch_id=branch_id, weekday=weekday, opens_minute=starts,
                                                     closes_minute=ends)
                                        for weekday, spans in hours.items() for starts, ends in spans])
        event(admin, entity_id=f'branch-{branch_id}', detail='Opening hours',
              changes=week_changes(USUAL, hours))
    for member in clinic.staff:
        shift = SHIFTS.get(member.username)
        if shift is None or await WorkingHours.filter(clinician_id=member.user_id).exists():
            continue
        await WorkingHours.bulk_create([WorkingHours(clinician_id=member.user_id, branch_id=member.branch_id,
                                                     weekday=weekday, starts_minute=starts, ends_minute=ends)
                                        for weekday, spans in shift.items() for starts, ends in spans])
        if member.joined <= opened.date():
            event(clinic.of(member.branch_id, Role.ADMIN)[0], entity_id=f'clinician-{member.user_id}',
                  detail=f'Working hours of {member.full_name}', changes=week_changes(None, shift))


async def timetables(branch_ids: tuple[int, ...]) -> tuple[dict[int, Timetable], dict[tuple[int, int], Timetable]]:
    """The saved opening hours per branch (the usual ones when none are saved) and shifts per (clinician, branch)."""
    opening: dict[int, dict[int, list[Span]]] = {branch_id: {} for branch_id in branch_ids}
    for row in await OpeningHours.filter(branch_id__in=branch_ids):
        opening[row.branch_id].setdefault(row.weekday, []).append(Span(row.opens_minute, row.closes_minute))
    shifts: dict[tuple[int, int], dict[int, list[Span]]] = {}
    for row in await WorkingHours.filter(branch_id__in=branch_ids):
        shifts.setdefault((row.clinician_id, row.branch_id), {}).setdefault(row.weekday, []).append(
            Span(row.starts_minute, row.ends_minute))

    def table(days: dict[int, list[Span]]) -> Timetable:
        return Timetable(days={weekday: tuple(sorted(spans)) for weekday, spans in days.items()})

    return ({branch_id: table(days) if days else USUAL_HOURS for branch_id, days in opening.items()},
            {key: table(days) for key, days in shifts.items()})
