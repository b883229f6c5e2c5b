"""A course of treatment at the demo clinic: the first visit, the follow-ups booked one after another, the plan.

Every visit is an appointment. A new patient is fitted in with the clinician of their service
who can see them soonest, the least busy of the coming days first (their plan will fill that
clinician's calendar); at the end of each visit the desk books the next one, a day to a week on,
near the patient's usual time; a plan's sessions are booked as a series. What a visit writes
follows its appointment: registered on arrival, seen at its start, booked onwards when it ends.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from uuid import UUID

from app.demo import bookings, records, series, texts, visits
from app.demo.attendance import Attendance
from app.demo.bookings import starts_at
from app.demo.calendar import Booking, Calendar
from app.demo.day import World
from app.demo.names import REFERRAL_SOURCES
from app.demo.staff import Member
from app.demo.visits import Course
from models.accounts import Role
from models.clinical import NoteStatus
from models.outcomes import Instrument
from models.registrations import ChiefComplaint, RegistrationStatus

Task = Callable[[datetime], None]
FIRST_MINUTES = 30  # a first consultation
_COMPLAINTS = (ChiefComplaint.LOW_BACK_PAIN, ChiefComplaint.LOW_BACK_PAIN, ChiefComplaint.NECK_PAIN,
               ChiefComplaint.NECK_PAIN, ChiefComplaint.RADIATING_PAIN, ChiefComplaint.BACK_PAIN, ChiefComplaint.OTHER)
_INDEX = {ChiefComplaint.NECK_PAIN: Instrument.NDI, ChiefComplaint.LOW_BACK_PAIN: Instrument.ODI,
          ChiefComplaint.RADIATING_PAIN: Instrument.ODI, ChiefComplaint.BACK_PAIN: Instrument.ODI}
_MINUTE = timedelta(minutes=1)


class Courses:
    """Runs each patient's course through the calendar; `recent` are each branch's latest (for the waitlist)."""

    def __init__(self, world: World, calendar: Calendar, attendance: Attendance, *,
                 queue: Callable[[date, float, Task], None]) -> None:
        self.world, self.calendar, self.attendance, self.queue = world, calendar, attendance, queue
        self.rng = world.rng
        self.recent: dict[int, deque[Course]] = {}

    def course(self, patient_id: UUID, uid: str, *, branch_id: int, speech: bool, at: datetime) -> tuple[Course, int]:
        """A new course with the clinician who can see the patient soonest; and the start of that first visit."""
        rng, day = self.rng, at.astimezone(self.world.tz).date()
        arrived = int((at - datetime.combine(day, time(), tzinfo=at.tzinfo)).total_seconds() // 60)
        clinician, start = self._clinician(branch_id, speech, day, patient_id, earliest=arrived + 10)
        complaint = ChiefComplaint.OTHER if speech else rng.choice(_COMPLAINTS)
        course = Course(patient_id=patient_id, uid=uid, branch_id=branch_id, speech=speech, complaint=complaint,
                        clinician=clinician, visits_left=rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 6)),
                        pain=rng.uniform(5, 9), disability=rng.uniform(25, 60),
                        instrument=None if speech else _INDEX.get(complaint), referral=rng.choice(REFERRAL_SOURCES),
                        prefer=(arrived // 15) * 15)
        self.recent.setdefault(branch_id, deque(maxlen=60)).append(course)
        return course, start

    def _clinician(self, branch_id: int, speech: bool, day: date, patient_id: UUID, *,
                   earliest: int) -> tuple[Member, int]:
        """The clinician of the service free soonest, the least busy first; start -1 when none is free today."""
        calendar, rng = self.calendar, self.rng
        staff = [member for member in self.world.clinic.of(branch_id, Role.DOCTOR, Role.JRDOCTOR)
                 if member.joined <= day] or self.world.clinic.of(branch_id, Role.DOCTOR, Role.JRDOCTOR)
        pool = [member for member in staff if member.speech == speech] or staff
        best: tuple[float, Member, int] | None = None
        for member in pool:
            start = calendar.free_start(member, patient_id, day, FIRST_MINUTES, earliest=earliest) \
                if calendar.works(member, day) else None
            wait = 600.0 if start is None else start - earliest
            score = wait + 400 * calendar.utilisation(member, day + timedelta(days=1)) + rng.uniform(0, 30)
            if best is None or score < best[0]:
                best = (score, member, -1 if start is None else start)
        assert best is not None
        return best[1], best[2]

    # -- visits ----------------------------------------------------------------------------------

    def walk_in(self, course: Course, *, day: date, at: datetime, desk: Member, start: int) -> None:
        """A new patient registered at `at`: seen today at `start`, or (-1: nobody is free) booked for a later day."""
        if start >= 0:
            booking = self.calendar.add(Booking(id=self.world.uuid(), course=course, clinician=course.clinician,
                                                day=day, start=start, minutes=FIRST_MINUTES, booked_at=at + _MINUTE,
                                                booked_by=desk, kind='visit'))
            bookings.booked(self.world, self.calendar, booking)
            self.first_visit(course, day=day, at=at, desk=desk, booking=booking)
            return
        booked = self._next_booking(course, day=day, at=at + _MINUTE, desk=desk, minutes=FIRST_MINUTES, after=(0,))
        if booked is None:  # nobody has a free half hour for days: seen anyway, squeezed in without an appointment
            self.first_visit(course, day=day, at=at, desk=desk, booking=None)
        elif booked.day >= self.world.today:
            visits.consultation(self.world, course, at=starts_at(self.calendar, booked), by=desk, first=True,
                                status=RegistrationStatus.PENDING, created_at=at, notes=False)
        else:
            arrival = starts_at(self.calendar, booked) - _MINUTE * self.rng.uniform(3, 12)
            self.queue(booked.day, self._hour(booked.day, arrival),
                       lambda at: self.first_visit(course, day=booked.day, at=at, desk=desk, booking=booked))

    def first_visit(self, course: Course, *, day: date, at: datetime, desk: Member, booking: Booking | None) -> None:
        """The first consultation (`at`: registered for it), the record opened and the plan made."""
        world, rng = self.world, self.rng
        course.visits_left -= 1
        course.visits += 1
        visits.consultation(world, course, at=at, by=desk, first=True)
        if booking is not None:
            seen, done = self.attendance.visit(booking, arrived=at + _MINUTE * 1.5, desk=desk)
        else:
            seen = at + _MINUTE * rng.randint(10, 40)
            done = seen + _MINUTE * FIRST_MINUTES
        visits.opened_record(world, course, at=seen, first=True)
        records.history(world, course, at=seen + timedelta(minutes=2))
        if rng.random() < 0.75:
            records.diagnose(world, course, at=seen + timedelta(minutes=3))
        if rng.random() < 0.08:
            records.test(world, course, at=seen + timedelta(minutes=4))
        if course.visits_left > 0 and rng.random() < 0.85:
            def book(plan_id: UUID, count: int, minutes: int) -> tuple[int, date, date] | None:
                sessions = series.book(world, self.calendar, course, plan_id=plan_id, count=count, minutes=minutes,
                                       after=day, at=done + _MINUTE * rng.uniform(1, 6), desk=desk)
                return None if sessions is None else (sessions.start, sessions.first_day, sessions.last_day)

            records.plan(world, course, at=seen + timedelta(minutes=5), book=book)
        self._clinical(course, at=seen + timedelta(minutes=6), first=True, day=day)
        self._book_next(course, day=day, at=done + _MINUTE * rng.uniform(7, 12), desk=desk)

    def follow_up(self, course: Course, day: date, at: datetime, desk: Member, booking: Booking) -> None:
        """A booked follow-up: the patient arrives at `at` (some phoned to come later that day instead)."""
        world, rng = self.world, self.rng
        if rng.random() < 0.03 and (later := self._later(booking, at - _MINUTE * rng.uniform(10, 50), desk)):
            visits.cancelled_consultation(world, course, at=at, by=desk)
            booking, at = later, starts_at(self.calendar, later) - _MINUTE * rng.uniform(0, 10)
        course.visits_left -= 1
        course.visits += 1
        course.pain = max(0.5, course.pain - rng.uniform(0.3, 1.6))
        course.disability = max(4.0, course.disability - rng.uniform(2, 9))
        visits.consultation(world, course, at=at, by=desk, first=False)
        seen, done = self.attendance.visit(booking, arrived=at + _MINUTE * 0.5, desk=desk)
        visits.opened_record(world, course, at=seen, first=False)
        self._clinical(course, at=seen + timedelta(minutes=2), first=False, day=day)
        self._book_next(course, day=day, at=done + _MINUTE * rng.uniform(2, 8), desk=desk)

    def _later(self, booking: Booking, at: datetime, desk: Member) -> Booking | None:
        """The visit moved by phone to a free time later the same day, if there is one."""
        start = self.calendar.free_start(booking.clinician, booking.course.patient_id, booking.day, booking.minutes,
                                         earliest=booking.start + 60)
        if start is None:
            return None
        later = Booking(id=self.world.uuid(), course=booking.course, clinician=booking.clinician, day=booking.day,
                        start=start, minutes=booking.minutes, booked_at=at, booked_by=desk, kind='visit')
        self.calendar.release(booking)
        self.calendar.add(later)
        bookings.moved(self.world, self.calendar, booking, later, at=at, by=desk)
        return later

    def _clinical(self, course: Course, *, at: datetime, first: bool, day: date) -> None:
        """The note of the visit, and the scores: pain every visit, the ODI or NDI at the first and every third."""
        world, rng = self.world, self.rng
        recent = day >= world.today - timedelta(days=10)  # older drafts would have been signed long ago
        note_id, status = visits.note(world, course, at=at, first=first, sign=not recent or rng.random() > 0.15)
        if status is NoteStatus.AWAITING_COSIGN:
            self._queue_cosign(course, note_id, day)
        if course.speech:
            return
        visits.outcome(world, course, at=at + timedelta(minutes=1), instrument=Instrument.NPRS)
        if course.instrument is not None and course.visits % 3 == 1:
            visits.outcome(world, course, at=at + timedelta(minutes=2), instrument=course.instrument)

    def _queue_cosign(self, course: Course, note_id: UUID, day: date) -> None:
        """A doctor of the branch at work co-signs the next working day (if that is history; else it still waits)."""
        cosign_day = self.calendar.next_open(day + timedelta(days=1))
        doctors = self.world.clinic.of(course.branch_id, Role.DOCTOR)
        doctor = self.rng.choice([member for member in doctors if self.calendar.works(member, cosign_day)] or doctors)
        self.queue(cosign_day, self.rng.uniform(9.5, 10.5),
                   lambda at: visits.cosign(self.world, note_id=note_id, uid=course.uid, at=at, doctor=doctor))

    def _book_next(self, course: Course, *, day: date, at: datetime, desk: Member) -> None:
        """Book the next visit: a task on its day, or a booking (pending consultation) when it is not history yet."""
        if course.visits_left <= 0 or (booking := self._next_booking(course, day=day, at=at, desk=desk)) is None:
            self._finish(course, at=at)
            return
        start = starts_at(self.calendar, booking)
        if booking.day >= self.world.today:
            visits.consultation(self.world, course, at=start, by=desk, first=False,
                                status=RegistrationStatus.PENDING, created_at=at, notes=False)
            return
        arrival = start - _MINUTE * self.rng.uniform(-5, 12)
        self.queue(booking.day, self._hour(booking.day, arrival),
                   lambda at: self.follow_up(course, booking.day, at, desk, booking))

    def _hour(self, day: date, moment: datetime) -> float:
        """A moment as the hour of its day on the clinic's clock (what a queued task is given)."""
        return (moment - datetime.combine(day, time(), tzinfo=self.world.tz)).total_seconds() / 3600

    def _next_booking(self, course: Course, *, day: date, at: datetime, desk: Member, minutes: int | None = None,
                      after: tuple[int, ...] = (1, 2, 2, 3, 4, 7)) -> Booking | None:
        """The next visit with the course's clinician, some days after `day` (or the first free day from then)."""
        rng, calendar = self.rng, self.calendar
        minutes = minutes or rng.choice((15, 15, 20, 30))
        when = day + timedelta(days=rng.choice(after))
        for _ in range(8):
            when = calendar.next_open(when + timedelta(days=1) if when == day else when)
            start = calendar.free_start(course.clinician, course.patient_id, when, minutes, prefer=course.prefer)
            if start is not None:
                booking = calendar.add(Booking(id=self.world.uuid(), course=course, clinician=course.clinician,
                                               day=when, start=start, minutes=minutes, booked_at=at, booked_by=desk,
                                               kind='visit',
                                               notes=rng.choice(texts.BOOKING_NOTES) if rng.random() < 0.1 else None))
                bookings.booked(self.world, calendar, booking)
                return booking
            when += timedelta(days=1)
        return None

    def _finish(self, course: Course, *, at: datetime) -> None:
        """The last visit: the diagnosis resolved (and the plan completed, unless its last session will do that)."""
        if course.plan_id is not None and not course.series:
            records.complete_plan(self.world, course, at=at)
        if course.diagnosis_id is not None:
            records.resolve(self.world, course, at=at + timedelta(seconds=20))
