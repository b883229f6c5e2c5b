"""The demo clinic's waitlist: patients in a course who would take an earlier or extra slot.

Each working day the desk adds a few of them. When a session is cancelled, the desk offers its
time to the longest-waiting patient it suits (their days and hours, their clinician or any, free
then): the entry is marked booked with the new appointment. An entry nobody could serve by its
last day (or within a few weeks) is withdrawn; those still open on the reference day stay waiting.
Each entry's row is written once, when it is settled (or at the end, still waiting).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

from app.audit.events import Action, EntityType
from app.demo import bookings, texts
from app.demo.calendar import Booking, Calendar
from app.demo.day import World
from app.demo.staff import Member
from app.demo.visits import Course
from models.accounts import Role
from models.clinic import Service
from models.scheduling import WaitlistEntry, WaitlistStatus

_WEEKDAYS = ((0, 1, 2, 3, 4, 5), (0, 2, 4), (1, 3, 5), (0, 1, 2, 3, 4), (5,))
_TIMES = ((540, 780), (960, 1200), (540, 1200), (600, 1080))  # mornings, evenings, any time, office hours


@dataclass(kw_only=True, eq=False)
class Entry:
    id: UUID
    course: Course
    clinician: Member | None
    weekdays: tuple[int, ...]
    earliest: int
    latest: int
    first_day: date
    last_day: date | None
    deadline: date  # withdrawn then if still waiting
    urgency: int
    notes: str | None
    created_at: datetime
    created_by: Member
    status: WaitlistStatus = WaitlistStatus.WAITING
    appointment_id: UUID | None = None
    updated_at: datetime | None = None

    def suits(self, booking: Booking) -> bool:
        return (self.course.patient_id != booking.course.patient_id and self.course.speech == booking.course.speech
                and self.first_day <= booking.day <= (self.last_day or booking.day)
                and booking.day.weekday() in self.weekdays
                and self.earliest <= booking.start and booking.start + booking.minutes <= self.latest
                and self.clinician in (None, booking.clinician))


class Waitlist:
    """The waiting entries per branch, oldest first."""

    def __init__(self, world: World, calendar: Calendar, *, per_day: float) -> None:
        self.world, self.calendar, self.rng, self.per_day = world, calendar, world.rng, per_day
        self.waiting: dict[int, list[Entry]] = {}

    def add(self, day: date, at: datetime, course: Course, desk: Member) -> None:
        """The desk puts a patient of a course on the branch's waitlist."""
        rng = self.rng
        earliest, latest = rng.choice(_TIMES)
        last_day = None if rng.random() < 0.5 else day + timedelta(days=rng.randint(10, 35))
        entry = Entry(id=self.world.uuid(), course=course, clinician=course.clinician if rng.random() < 0.6 else None,
                      weekdays=rng.choice(_WEEKDAYS), earliest=earliest, latest=latest, first_day=day,
                      last_day=last_day, deadline=last_day or day + timedelta(days=rng.randint(14, 42)),
                      urgency=rng.choice((1, 2, 2, 2, 3)),
                      notes=rng.choice(texts.WAITLIST_NOTES) if rng.random() < 0.5 else None, created_at=at,
                      created_by=desk)
        self.waiting.setdefault(course.branch_id, []).append(entry)
        self.world.event(at, desk, action=Action.CREATE, entity_type=EntityType.APPOINTMENT,
                         entity_id=f'waitlist-{entry.id}', patient_id=course.uid, detail='Added to the waitlist')

    def offer(self, freed: Booking, at: datetime) -> None:
        """Give a cancelled session's time to the first waiting patient it suits, if they are free then."""
        if self.rng.random() >= 0.25:  # most freed times go to a patient who phones, or to nobody
            return
        for entry in self.waiting.get(freed.branch_id, []):
            if entry.suits(freed) and not self.calendar.blocked(freed.clinician, entry.course.patient_id,
                                                                freed.day) & freed.mask:
                break
        else:
            return
        desk = self.rng.choice(self.world.clinic.of(freed.branch_id, Role.RECEPTION))
        given = self.calendar.add(Booking(
            id=self.world.uuid(), course=entry.course, clinician=freed.clinician, day=freed.day, start=freed.start,
            minutes=freed.minutes, booked_at=at, booked_by=desk, kind='extra'))
        bookings.booked(self.world, self.calendar, given)
        self._settle(entry, WaitlistStatus.BOOKED, at=at + timedelta(seconds=20), desk=desk, appointment=given.id)

    def day(self, day: date, desk_of: dict[int, Member], courses: dict[int, list[Course]]) -> None:
        """New entries of the day, and the withdrawal of those past their deadline."""
        rng = self.rng
        for branch_id, desk in desk_of.items():
            for entry in [entry for entry in self.waiting.get(branch_id, []) if entry.deadline <= day]:
                self._settle(entry, WaitlistStatus.WITHDRAWN, desk=desk,
                             at=self.calendar.moment(branch_id, day, rng.uniform(600, 1100)))
            candidates = courses.get(branch_id, [])
            whole = int(self.per_day)
            for _ in range(whole + (rng.random() < self.per_day - whole) if candidates else 0):
                at = self.calendar.moment(branch_id, day, rng.uniform(600, 1140))
                self.add(day, at, rng.choice(candidates), desk)

    def _settle(self, entry: Entry, status: WaitlistStatus, *, at: datetime, desk: Member,
                appointment: UUID | None = None) -> None:
        self.waiting[entry.course.branch_id].remove(entry)
        entry.status, entry.appointment_id, entry.updated_at = status, appointment, at
        self.world.event(at, desk, action=Action.UPDATE, entity_type=EntityType.APPOINTMENT,
                         entity_id=f'waitlist-{entry.id}', patient_id=entry.course.uid,
                         detail='Booked from the waitlist' if status is WaitlistStatus.BOOKED
                         else 'Withdrawn from the waitlist')
        self._row(entry)

    def finish(self) -> None:
        """Write the entries still waiting."""
        for entries in self.waiting.values():
            for entry in entries:
                self._row(entry)
        self.waiting = {}

    def _row(self, entry: Entry) -> None:
        course = entry.course
        self.world.rows.add(
            WaitlistEntry, id=entry.id, branch_id=course.branch_id, patient_id=course.patient_id,
            clinician_id=entry.clinician.user_id if entry.clinician else None,
            service=Service.SPEECH_THERAPY if course.speech else Service.PHYSIOTHERAPY,
            weekdays=','.join(str(day) for day in entry.weekdays), earliest_minute=entry.earliest,
            latest_minute=entry.latest, first_day=entry.first_day, last_day=entry.last_day, urgency=entry.urgency,
            notes=entry.notes, status=entry.status, appointment_id=entry.appointment_id,
            created_by_id=entry.created_by.user_id, created_at=entry.created_at,
            updated_at=entry.updated_at or entry.created_at)
