"""The long-standing patient: registered the first day, seen on set days ever since, every visit fully recorded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from app.demo import records, visits
from app.demo.day import World
from app.demo.names import Person
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


class Regular:
    """Each visit a consultation, a signed note by the same doctor and one outcome score, on each of `days`."""

    def __init__(self, world: World, *, days: list[date], queue: Callable[[date, float, Task], None]) -> None:
        self.world, self.days, self.queue = world, days, queue
        clinic = world.clinic
        self.branch_id = clinic.branch_ids[0]
        self.desk = clinic.of(self.branch_id, Role.RECEPTION)[0]
        self.doctor = next(member for member in clinic.of(self.branch_id, Role.DOCTOR) if not member.speech)

    def registers(self, at: datetime) -> None:
        patient_id, uid = visits.register_patient(self.world, person=PERSON, branch_id=self.branch_id, at=at,
                                                  reception=self.desk)
        course = Course(patient_id=patient_id, uid=uid, branch_id=self.branch_id, speech=False,
                        complaint=ChiefComplaint.LOW_BACK_PAIN, clinician=self.doctor, visits_left=len(self.days),
                        pain=7.0, disability=48.0, instrument=Instrument.ODI, referral='Doctor referral')
        self.visit(course, at=at + timedelta(minutes=2))

    def visit(self, course: Course, *, at: datetime) -> None:
        world, first = self.world, course.visits == 0
        course.visits += 1
        course.visits_left -= 1
        visits.consultation(world, course, at=at, by=self.desk, first=first)
        seen = at + timedelta(minutes=15)
        visits.opened_record(world, course, at=seen, first=first)
        if first:
            records.history(world, course, at=seen + timedelta(minutes=1))
            records.diagnose(world, course, at=seen + timedelta(minutes=2))
        if course.visits % PLAN_EVERY == 1:  # a new package, the one before it completed
            if course.plan_id is not None:
                records.complete_plan(world, course, at=seen + timedelta(minutes=3))
            records.plan(world, course, at=seen + timedelta(minutes=3, seconds=30), days=PLAN_EVERY + 1)
        visits.note(world, course, at=seen + timedelta(minutes=4), first=first)
        # Pain flares and settles over the years: a slow wave around a moderate level.
        wave = ((course.visits % 40) / 20 - 1) ** 2
        course.pain, course.disability = 4 + 2.5 * wave, 20 + 15 * wave
        instrument = Instrument.ODI if course.visits % 5 == 0 else Instrument.NPRS
        visits.outcome(world, course, at=seen + timedelta(minutes=10), instrument=instrument)
        if course.visits < len(self.days):
            self.queue(self.days[course.visits], 11 + world.rng.random(), lambda at: self.visit(course, at=at))
