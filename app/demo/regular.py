"""The long-standing patient: registered the first day, seen on set days ever since, every visit booked and recorded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from app.demo import bookings, records, visits
from app.demo.attendance import Attendance
from app.demo.calendar import Booking, Calendar
from app.demo.day import World
from app.demo.names import Person
from app.demo.staff import Clinic, Member
from app.demo.visits import Course
from models.accounts import Role
from models.outcomes import Instrument
from models.patients import Gender
from models.registrations import ChiefComplaint

PERSON = Person(full_name='Venkataraman Subramanian', gender=Gender.MALE, age=58, phone='+91 98450 67890',
                address='12, Shanthi Nivas, 3rd Main Road, Jayanagar 4th T Block, Bengaluru 560041',
                occupation='Retired bank officer', relative_name='Kamala Venkataraman',
                relative_phone='+91 98450 67891')
PLAN_EVERY = 25  # visits of one package
Task = Callable[[datetime], None]


def doctor_of(clinic: Clinic) -> Member:
    """His doctor: the first branch's first physiotherapy doctor (never on leave: the visits are set days)."""
    return next(member for member in clinic.of(clinic.branch_ids[0], Role.DOCTOR) if not member.speech)


class Regular:
    """Each visit a booked consultation, a signed note by the same doctor and one outcome score, on each of `days`."""

    def __init__(self, world: World, calendar: Calendar, attendance: Attendance, *, days: list[date],
                 queue: Callable[[date, float, Task], None]) -> None:
        self.world, self.calendar, self.attendance, self.days, self.queue = world, calendar, attendance, days, queue
        clinic = world.clinic
        self.branch_id = clinic.branch_ids[0]
        self.desk = clinic.of(self.branch_id, Role.RECEPTION)[0]
        self.doctor = doctor_of(clinic)

    def registers(self, at: datetime) -> None:
        patient_id, uid = visits.register_patient(self.world, person=PERSON, branch_id=self.branch_id, at=at,
                                                  reception=self.desk)
        course = Course(patient_id=patient_id, uid=uid, branch_id=self.branch_id, speech=False,
                        complaint=ChiefComplaint.LOW_BACK_PAIN, clinician=self.doctor, visits_left=len(self.days),
                        pain=7.0, disability=48.0, instrument=Instrument.ODI, referral='Doctor referral', prefer=660)
        day = at.astimezone(self.world.tz).date()
        minute = at.astimezone(self.world.tz).hour * 60 + at.astimezone(self.world.tz).minute
        booking = self._book(course, day, at=at + timedelta(minutes=1), earliest=minute + 10)
        self.visit(course, at=at + timedelta(minutes=2), booking=booking)

    def _book(self, course: Course, day: date, *, at: datetime, earliest: int = 0) -> Booking | None:
        """His next visit with his doctor, near 11:00 (or the soonest free time, the first day)."""
        start = self.calendar.free_start(self.doctor, course.patient_id, day, 30, earliest=earliest,
                                         prefer=None if earliest else course.prefer)
        if start is None:
            return None
        booking = self.calendar.add(Booking(id=self.world.uuid(), course=course, clinician=self.doctor, day=day,
                                            start=start, minutes=30, booked_at=at, booked_by=self.desk, kind='visit'))
        bookings.booked(self.world, self.calendar, booking)
        return booking

    def visit(self, course: Course, *, at: datetime, booking: Booking | None) -> None:
        world, first = self.world, course.visits == 0
        course.visits += 1
        course.visits_left -= 1
        visits.consultation(world, course, at=at, by=self.desk, first=first)
        seen = at + timedelta(minutes=15)
        if booking is not None:
            seen, _ = self.attendance.visit(booking, arrived=at + timedelta(seconds=30), desk=self.desk)
        visits.opened_record(world, course, at=seen, first=first)
        if first:
            records.history(world, course, at=seen + timedelta(minutes=1))
            records.diagnose(world, course, at=seen + timedelta(minutes=2))
        if course.visits % PLAN_EVERY == 1:  # a new package, the one before it completed
            if course.plan_id is not None:
                records.complete_plan(world, course, at=seen + timedelta(minutes=3))
            records.plan(world, course, at=seen + timedelta(minutes=3, seconds=30), days=PLAN_EVERY + 1)
        if booking is not None:  # each visit is one of the package's sessions
            booking.plan_id, booking.session_number = course.plan_id, (course.visits - 1) % PLAN_EVERY + 1
        visits.note(world, course, at=seen + timedelta(minutes=4), first=first)
        # Pain flares and settles over the years: a slow wave around a moderate level.
        wave = ((course.visits % 40) / 20 - 1) ** 2
        course.pain, course.disability = 4 + 2.5 * wave, 20 + 15 * wave
        instrument = Instrument.ODI if course.visits % 5 == 0 else Instrument.NPRS
        visits.outcome(world, course, at=seen + timedelta(minutes=10), instrument=instrument)
        if course.visits < len(self.days):
            day = self.days[course.visits]
            booking = self._book(course, day, at=seen + timedelta(minutes=20))
            hour = 11 + world.rng.random() if booking is None else booking.start / 60 - world.rng.uniform(0, 0.2)
            self.queue(day, hour, lambda at: self.visit(course, at=at, booking=booking))
