"""A treatment plan's sessions booked as a series: on the plan's weekdays, at one time that suits most of its days.

As the desk books them with the calendar's series form: the time is chosen so that the clinician
and the patient are free on as many of the days as can be (nearest the patient's usual time); a
day where that time is taken gets the nearest free time instead (reception's pick from the
suggestions, booked on its own), and a day with no free time, a holiday or the clinician's leave
is passed over, the series running on until the plan has all its sessions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

from app.demo import bookings, texts
from app.demo.calendar import GRID, STEP, Booking, Calendar
from app.demo.day import World
from app.demo.staff import Member
from app.demo.visits import Course

_EVERY_DAY = (0, 1, 2, 3, 4, 5)
_WEEKDAYS = (_EVERY_DAY, _EVERY_DAY, _EVERY_DAY, (0, 2, 4), (1, 3, 5))
SEARCH_DAYS = 120
_FIRST, _LAST = 8 * 60, 21 * 60  # the series' time is looked for between these


@dataclass(frozen=True, kw_only=True)
class Sessions:
    start: int  # the series' time, minutes after midnight
    first_day: date
    last_day: date
    bookings: list[Booking]


def book(world: World, calendar: Calendar, course: Course, *, plan_id: UUID, count: int, minutes: int,
         after: date, at: datetime, desk: Member) -> Sessions | None:
    """Book `count` sessions from the day after `after`; None when the clinician has no day free at all."""
    rng, clinician, patient_id = world.rng, course.clinician, course.patient_id
    weekdays = rng.choice(_WEEKDAYS)
    days: list[date] = []
    day = after
    for _ in range(SEARCH_DAYS):
        day += timedelta(days=1)
        if day.weekday() in weekdays and calendar.works(clinician, day):
            days.append(day)
            if len(days) >= 2 * count:
                break
    if not days:
        return None
    start = _best_start(calendar, course, days[:count], minutes)
    need = (1 << (minutes // STEP)) - 1
    placed: list[Booking] = []
    at_time: list[Booking] = []
    for day in days:
        if len(placed) == count:
            break
        chosen: int | None = start
        if (calendar.blocked(clinician, patient_id, day) >> (start // STEP)) & need:
            chosen = calendar.free_start(clinician, patient_id, day, minutes, prefer=start)
            if chosen is None:
                continue
        booked_at = at if chosen == start else at + timedelta(minutes=1, seconds=30 * len(placed))
        booking = calendar.add(Booking(id=world.uuid(), course=course, clinician=clinician, day=day, start=chosen,
                                       minutes=minutes, booked_at=booked_at, booked_by=desk, kind='session',
                                       plan_id=plan_id, session_number=len(placed) + 1))
        placed.append(booking)
        if chosen == start:
            at_time.append(booking)
    if not placed:
        return None
    placed[-1].last_session = True
    if rng.random() < 0.15:
        placed[0].notes = rng.choice(texts.BOOKING_NOTES)
    if at_time:
        bookings.series(world, at_time, start=start, unplaced=len(placed) - len(at_time))
    for booking in placed:
        if booking.start != start:
            bookings.booked(world, calendar, booking)
    return Sessions(start=start, first_day=placed[0].day, last_day=placed[-1].day, bookings=placed)


def _best_start(calendar: Calendar, course: Course, days: list[date], minutes: int) -> int:
    """The time free on most of the days for the clinician and the patient, nearest their usual time."""
    blocked = [calendar.blocked(course.clinician, course.patient_id, day) for day in days]
    need = (1 << (minutes // STEP)) - 1
    best, best_score = course.prefer, (0, 0)
    for start in range(_FIRST, _LAST - minutes + 1, GRID):
        shift = start // STEP
        fits = sum(1 for mask in blocked if not (mask >> shift) & need)
        score = (fits, -abs(start - course.prefer))
        if fits and score > best_score:
            best, best_score = start, score
    return best
