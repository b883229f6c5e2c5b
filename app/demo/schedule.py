"""Before the simulation: when each later clinician joined, which closures to enter, and the calendar they make.

A run with --force adds its history to a clinic that already has one: the hours, holidays and
leave saved then are kept (and not entered twice), and the time its appointments hold is taken
into the calendar, so the two histories' bookings never overlap for a clinician either.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.demo import hours
from app.demo.calendar import Calendar
from app.demo.day import World
from app.demo.regular import doctor_of
from app.demo.staff import JOINED
from models.clinic import Branch
from models.scheduling import Appointment, Closure

LEAVE_AHEAD = timedelta(days=42)  # leave is known this far past the reference day


def hire_moments(*, today: date, days: int, tz: ZoneInfo, holidays: list[hours.Closed]) -> dict[str, datetime]:
    """When each later clinician's account was made (a working morning); those before the history are left out."""
    closed = {day for holiday in holidays for day in holiday.days()}
    found = {}
    for number, (username, offset) in enumerate(JOINED.items()):
        if offset >= days:
            continue
        day = today - timedelta(days=offset)
        while day.weekday() == 6 or day in closed:
            day += timedelta(days=1)
        if day < today:
            found[username] = datetime.combine(day, time(10, 5 + number), tzinfo=tz)
    return found


async def calendar(world: World, *, holidays: list[hours.Closed], first: date) -> tuple[Calendar, list[hours.Closed],
                                                                                        int]:
    """The calendar of the run, the closures to enter during it, and the id the first of them takes."""
    clinic = world.clinic
    members = {member.user_id: member for member in clinic.staff}
    saved = await Closure.all()
    kept = [hours.Closed(first_day=row.first_day, last_day=row.last_day, reason=row.reason,
                         member=members.get(row.clinician_id) if row.clinician_id else None,
                         branch_id=row.branch_id if row.clinician_id is None else None)
            for row in saved if row.clinician_id is None or row.clinician_id in members]
    known = {(row.first_day, row.reason) for row in saved if row.branch_id is None and row.clinician_id is None}
    new = [holiday for holiday in holidays if (holiday.first_day, holiday.reason) not in known]
    if not any(row.clinician_id for row in saved):
        regular = doctor_of(clinic)
        new += hours.leave(world.rng, [member for member in clinic.staff if member.sees_patients and member != regular],
                           first=first, last=world.today + LEAVE_AHEAD)
    closed = {day for holiday in holidays for day in holiday.days()}
    to_enter = hours.entered(new, rng=world.rng, first=first, last=world.today - timedelta(days=1),
                             working=lambda day: day.weekday() != 6 and day not in closed)
    opening, shifts = await hours.timetables(clinic.branch_ids)
    zones = {branch.id: ZoneInfo(branch.time_zone) if branch.time_zone else world.tz
             for branch in await Branch.filter(id__in=clinic.branch_ids)}
    result = Calendar(opening=opening, shifts=shifts, closed=[*kept, *to_enter], zones=zones)
    if await Appointment.exists():
        await result.add_existing({member.user_id: member for member in clinic.staff if member.sees_patients},
                                  since=first)
    return result, to_enter, max((row.id for row in saved), default=0) + 1
