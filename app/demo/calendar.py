"""The demo clinic's calendar: who is free when, so that no two generated appointments overlap.

A day is 288 five-minute steps. The time a clinician or a patient has booked on a day is a bit
mask, and so are a branch's opening hours and a clinician's working hours per weekday: a free
start is found with a few integer operations, which is what lets ten years of bookings be placed
in seconds. A booking holds its time from when it is made until it is cancelled or moved (a
no-show keeps it: nobody else was given the slot). Only the days still to come are kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise import connections

from app.demo.hours import Closed
from app.demo.staff import Member
from app.demo.visits import Course
from app.services.clinic_hours import Timetable
from models.clinic import Service
from models.scheduling import HOLDS_TIME, AppointmentStatus

STEP = 5  # minutes a bit stands for
GRID = 15  # appointments start on the quarter hour
DAY = 24 * 60
FULL = (1 << (DAY // STEP)) - 1
_EARLIEST, _LATEST = 7 * 60, 22 * 60  # no clinic hours outside these


def span(start: int, minutes: int) -> int:
    """The mask of [start, start + minutes)."""
    return ((1 << (minutes // STEP)) - 1) << (start // STEP)


def _masks(table: Timetable) -> dict[int, int]:
    return {weekday: sum(span(part.starts, part.ends - part.starts) for part in table.spans_on(weekday))
            for weekday in range(7)}


@dataclass(slots=True, kw_only=True, eq=False)
class Booking:
    """One appointment as the simulation keeps it until its day is written."""

    id: UUID
    course: Course
    clinician: Member
    day: date
    start: int  # minutes after midnight, branch time
    minutes: int
    booked_at: datetime
    booked_by: Member
    kind: str  # 'visit' (a consultation), 'session' (of a plan) or 'extra' (given from the waitlist)
    plan_id: UUID | None = None
    session_number: int | None = None
    last_session: bool = False  # the plan is completed once this one is over
    notes: str | None = None
    status: AppointmentStatus = AppointmentStatus.BOOKED
    cancel_reason: str = ''
    rescheduled_to_id: UUID | None = None
    arrived_at: datetime | None = None
    remarks: str | None = None
    reminded_at: datetime | None = None
    updated_at: datetime | None = None
    token: int | None = None

    @property
    def service(self) -> Service:
        return Service.SPEECH_THERAPY if self.course.speech else Service.PHYSIOTHERAPY

    @property
    def branch_id(self) -> int:
        return self.course.branch_id

    @property
    def mask(self) -> int:
        return span(self.start, self.minutes)


class Calendar:
    """The branches' hours, the clinicians' shifts, closures and leave, and every booking of the days to come."""

    def __init__(self, *, opening: dict[int, Timetable], shifts: dict[tuple[int, int], Timetable],
                 closed: Iterable[Closed], zones: dict[int, ZoneInfo]) -> None:
        self.zones = zones
        self._opening = {branch_id: _masks(table) for branch_id, table in opening.items()}
        self._spans = {branch_id: {weekday: [(part.starts, part.ends) for part in table.spans_on(weekday)]
                                   for weekday in range(7)} for branch_id, table in opening.items()}
        self._shifts = {key: _masks(table) for key, table in shifts.items()}
        self.holidays: set[date] = set()
        self.branch_closed: set[tuple[int, date]] = set()
        self.leave: set[tuple[int, date]] = set()
        for closure in closed:
            for day in closure.days():
                if closure.member is not None:
                    self.leave.add((closure.member.user_id, day))
                elif closure.branch_id is not None:
                    self.branch_closed.add((closure.branch_id, day))
                else:
                    self.holidays.add(day)
        self.busy: dict[date, dict[object, int]] = {}  # day -> clinician id or patient id -> mask
        self.bookings: dict[date, list[Booking]] = {}
        self.tokens: dict[tuple[int, date], int] = {}  # tokens handed out before this run (a run with --force)

    # -- hours -----------------------------------------------------------------------------------

    def is_open(self, branch_id: int, day: date) -> bool:
        return (day not in self.holidays and (branch_id, day) not in self.branch_closed
                and bool(self._opening[branch_id].get(day.weekday())))

    def clinic_open(self, day: date) -> bool:
        return any(self.is_open(branch_id, day) for branch_id in self._opening)

    def next_open(self, day: date) -> date:
        """`day` if some branch is open then, else the next day one is."""
        while not self.clinic_open(day):
            day += timedelta(days=1)
        return day

    def allowed(self, member: Member, day: date) -> int:
        """When the clinician can be booked that day: the branch's hours within their own (none: not working)."""
        if day < member.joined or (member.user_id, day) in self.leave or not self.is_open(member.branch_id, day):
            return 0
        hours = self._opening[member.branch_id][day.weekday()]
        shift = self._shifts.get((member.user_id, member.branch_id))
        return hours if shift is None else hours & shift[day.weekday()]

    def works(self, member: Member, day: date) -> bool:
        return bool(self.allowed(member, day))

    def spans(self, branch_id: int, day: date) -> list[tuple[int, int]]:
        """The branch's opening hours that day, as (opens, closes) minutes; none when it is closed."""
        return self._spans[branch_id][day.weekday()] if self.is_open(branch_id, day) else []

    # -- free time -------------------------------------------------------------------------------

    def blocked(self, member: Member, patient_id: UUID, day: date) -> int:
        """What cannot be booked for this clinician and patient that day: outside their hours, or taken."""
        busy = self.busy.get(day)
        taken = busy.get(member.user_id, 0) | busy.get(patient_id, 0) if busy else 0
        return taken | (FULL ^ self.allowed(member, day))

    def free_start(self, member: Member, patient_id: UUID, day: date, minutes: int, *, prefer: int | None = None,
                   earliest: int = _EARLIEST, latest: int = _LATEST) -> int | None:
        """A free start that day (the one nearest `prefer`, else the earliest from `earliest`), or None."""
        blocked = self.blocked(member, patient_id, day)
        if blocked == FULL:
            return None
        need = (1 << (minutes // STEP)) - 1
        first = max(_EARLIEST, -(-earliest // GRID) * GRID)
        starts: Iterable[int] = range(first, min(latest, _LATEST) - minutes + 1, GRID)
        if prefer is not None:
            starts = sorted(starts, key=lambda start: abs(start - prefer))
        for start in starts:
            if not (blocked >> (start // STEP)) & need:
                return start
        return None

    def utilisation(self, member: Member, day: date, *, days: int = 10) -> float:
        """How much of the clinician's time is booked over the coming days (1.0 when they do not work then)."""
        booked = hours = 0
        for number in range(days):
            when = day + timedelta(days=number)
            if allowed := self.allowed(member, when):
                hours += allowed.bit_count()
                booked += self.busy.get(when, {}).get(member.user_id, 0).bit_count()
        return booked / hours if hours else 1.0

    # -- bookings --------------------------------------------------------------------------------

    def add(self, booking: Booking) -> Booking:
        self.hold(booking)
        self.bookings.setdefault(booking.day, []).append(booking)
        return booking

    def hold(self, booking: Booking) -> None:
        busy = self.busy.setdefault(booking.day, {})
        mask = booking.mask
        for key in (booking.clinician.user_id, booking.course.patient_id):
            assert not busy.get(key, 0) & mask, 'the calendar double-booked'
            busy[key] = busy.get(key, 0) | mask

    def release(self, booking: Booking) -> None:
        """A cancelled or moved booking gives its time back."""
        busy = self.busy[booking.day]
        for key in (booking.clinician.user_id, booking.course.patient_id):
            busy[key] &= ~booking.mask

    def take_day(self, day: date) -> list[Booking]:
        """The day's bookings, to be written; the day is forgotten."""
        self.busy.pop(day, None)
        return self.bookings.pop(day, [])

    def of_day(self, day: date) -> list[Booking]:
        return self.bookings.get(day, [])

    def moment(self, branch_id: int, day: date, minute: float) -> datetime:
        """The moment of a minute of a day on the branch's clock."""
        return datetime.combine(day, time(), tzinfo=self.zones[branch_id]) + timedelta(minutes=minute)

    async def add_existing(self, clinicians: dict[int, Member], *, since: date) -> None:
        """The time already booked for these clinicians (a run with --force), and the tokens already given."""
        _, rows = await connections.get('default').execute_query(
            'SELECT branch_id, clinician_id, starts_at, ends_at, status, token_serial FROM appointment')
        for row in rows:
            zone = self.zones.get(int(row['branch_id']))
            if zone is None:
                continue
            starts = _moment(row['starts_at']).astimezone(zone)
            day = starts.date()
            if day < since:
                continue
            if row['token_serial'] is not None:
                key = (int(row['branch_id']), day)
                self.tokens[key] = max(self.tokens.get(key, 0), int(row['token_serial']))
            member = clinicians.get(int(row['clinician_id']))
            if member is None or row['status'] not in HOLDS_TIME:
                continue
            minute = starts.hour * 60 + starts.minute
            minutes = int((_moment(row['ends_at']) - _moment(row['starts_at'])).total_seconds() // 60)
            busy = self.busy.setdefault(day, {})
            first, last = minute // STEP * STEP, -(-(minute + minutes) // STEP) * STEP
            busy[member.user_id] = busy.get(member.user_id, 0) | span(first, last - first)


def _moment(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
