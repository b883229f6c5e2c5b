"""The demo clinic simulated day by day: staff sign in, inquiries come, patients register and return for visits.

Every working day (Monday to Saturday) of the history, which ends the evening before the
reference day, runs in clinic time. What happens on a later day (a follow-up visit, a co-signature,
an inquiry closed) is a task queued for that day and run in time order, so the rows change and the
events come out as they would have. Tasks of the reference day or later never run: courses still
going leave bookings for then, and recent notes wait for their co-signature.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from hashlib import sha256
from uuid import UUID

from app.audit.events import Action, EntityType, Outcome
from app.config import get_settings
from app.demo import inquiries, records, visits
from app.demo.day import World
from app.demo.names import REFERRAL_SOURCES, Person, person
from app.demo.regular import Regular
from app.demo.staff import Member
from app.demo.visits import Course
from models.accounts import Role, UserSession
from models.clinical import NoteStatus
from models.inquiries import InquiryStatus
from models.outcomes import Instrument
from models.registrations import ChiefComplaint, RegistrationStatus

Task = Callable[[datetime], None]  # run at its moment of its day
_COMPLAINTS = (ChiefComplaint.LOW_BACK_PAIN, ChiefComplaint.LOW_BACK_PAIN, ChiefComplaint.NECK_PAIN,
               ChiefComplaint.NECK_PAIN, ChiefComplaint.RADIATING_PAIN, ChiefComplaint.BACK_PAIN, ChiefComplaint.OTHER)
_INDEX = {ChiefComplaint.NECK_PAIN: Instrument.NDI, ChiefComplaint.LOW_BACK_PAIN: Instrument.ODI,
          ChiefComplaint.RADIATING_PAIN: Instrument.ODI, ChiefComplaint.BACK_PAIN: Instrument.ODI}


@dataclass(frozen=True, kw_only=True)
class Scale:
    """How much history: calendar days before the reference day, new patients, and the long-standing patient."""

    name: str
    days: int
    patients: int
    long_visits: int  # consultations (each with a signed note and an outcome score) of the long-standing patient
    inquiries_per_day: float  # per branch, besides those of patients who then register


SCALES = {
    'small': Scale(name='small', days=7, patients=40, long_visits=6, inquiries_per_day=2.0),
    'large': Scale(name='large', days=3653, patients=50_000, long_visits=500, inquiries_per_day=1.5),
}


class Simulation:
    """Runs the days of a scale; `days()` yields after each one so the caller can write and report."""

    def __init__(self, world: World, scale: Scale, *, first_session_id: int) -> None:
        self.world, self.scale = world, scale
        self.rng = world.rng
        self.later: defaultdict[date, list[tuple[float, int, Task]]] = defaultdict(list)  # (hour, order, task)
        self._order = itertools.count()
        self._asked: dict[int, tuple[UUID, Person, int]] = {}  # inquiries of patients who register later
        self.session_ids = itertools.count(first_session_id)
        self.last_sign_in: dict[int, datetime] = {}
        self.session_hours = get_settings().session_max_hours
        last = world.today - timedelta(days=1)
        self.history = [last - timedelta(days=n) for n in range(scale.days - 1, -1, -1)]
        self.working = [day for day in self.history if day.weekday() != 6]

    def days(self) -> Iterator[date]:
        self._queue_arrivals()
        for day in self.history:
            if day.weekday() != 6:
                self._working_day(day)
            self.world.close_day()
            yield day

    # -- the day ---------------------------------------------------------------------------------

    def _working_day(self, day: date) -> None:
        world = self.world
        for member in self._on_duty(day):
            self._sign_in(member, day)
        for _ in range(self._count(self.scale.inquiries_per_day * len(world.clinic.branch_ids))):
            self._passing_inquiry(day)
        while tasks := self.later.pop(day, None):  # in time order (a task may queue more for the same day)
            for hour, _, task in sorted(tasks, key=lambda entry: entry[:2]):
                task(world.at(day, hour))
        world.sessions.clear()  # everyone has signed out (or been signed out) by the evening

    def _on_duty(self, day: date) -> list[Member]:
        """Everyone works every working day; the director comes in on Mondays."""
        return [member for member in self.world.clinic.staff
                if member.role is not Role.SUPERADMIN or day.weekday() == 0 or day == self.history[0]]

    def _sign_in(self, member: Member, day: date) -> None:
        world, rng = self.world, self.rng
        at = world.at(day, rng.uniform(8.9, 9.4))
        if rng.random() < 0.03:
            world.event(at - timedelta(seconds=40), member.who(None), action=Action.LOGIN_FAILED,
                        outcome=Outcome.FAILED, entity_type=EntityType.USER, entity_id=member.user_id,
                        detail='wrong password', origin=member.origin)
        session_id = next(self.session_ids)
        self.last_sign_in[member.user_id] = at
        world.sessions[member.user_id] = session_id
        ended = world.at(day, rng.uniform(19.1, 20.2))
        idle = rng.random() < 0.15
        world.rows.add(UserSession, id=session_id, user_id=member.user_id,
                       token_hash=sha256(self.rng.randbytes(32)).hexdigest(), created_at=at,
                       last_seen_at=ended, expires_at=at + timedelta(hours=self.session_hours), revoked_at=ended,
                       revoked_reason='idle-timeout' if idle else 'logout', ip=member.origin.client_ip,
                       user_agent=member.origin.user_agent)
        world.event(at, member, action=Action.LOGIN, entity_type=EntityType.SESSION, entity_id=session_id)
        world.event(ended, member, action=Action.SESSION_EXPIRED if idle else Action.LOGOUT,
                    entity_type=EntityType.SESSION, entity_id=session_id, detail='idle-timeout' if idle else 'logout')

    def _queue(self, day: date, hour: float, task: Task) -> None:
        self.later[day].append((hour, next(self._order), task))

    # -- inquiries and arrivals ------------------------------------------------------------------

    def _queue_arrivals(self) -> None:
        """Spread the new patients over the working days (more as the clinic grows), some after an inquiry."""
        rng, working = self.rng, self.working
        regular = Regular(self.world, days=_spread(working, self.scale.long_visits), queue=self._queue)
        self._queue(working[0], 10.5, regular.registers)
        weights = [1 + 1.5 * number / len(working) for number in range(len(working))]
        total, running, placed = sum(weights), 0.0, 0
        for number, day in enumerate(working):
            running += weights[number]
            due = round((self.scale.patients - 1) * running / total) - placed
            placed += due
            for _ in range(due):
                hour = rng.uniform(9.6, 16.5)
                if rng.random() >= 0.35:
                    self._queue(day, hour, lambda at, day=day: self._arrival(day, at, None))
                    continue
                asked = working[max(0, number - rng.choice((0, 0, 1, 2, 3, 5)))]
                asked_hour = max(9.45, hour - rng.uniform(0.2, 1.5)) if asked == day else rng.uniform(9.6, 18.0)
                key = next(self._order)
                self._queue(asked, asked_hour, lambda at, key=key, day=day: self._asked_first(at, key, day))
                self._queue(day, hour, lambda at, key=key, day=day: self._arrival(day, at, self._asked.pop(key)))

    def _asked_first(self, at: datetime, key: int, day: date) -> None:
        """The inquiry of someone who registers on `day`."""
        someone = self._person()
        branch_id = self.rng.choice(self.world.clinic.branch_ids)
        self._asked[key] = (inquiries.inquiry(self.world, at, someone, branch_id=branch_id, expected=day), someone,
                            branch_id)

    def _passing_inquiry(self, day: date) -> None:
        """An inquiry of someone who does not register (yet): cancelled later, or still pending if recent."""
        rng = self.rng
        expected = day + timedelta(days=rng.randint(1, 6))
        status = InquiryStatus.PENDING if expected >= self.world.today else rng.choice(
            (InquiryStatus.CANCELLED, InquiryStatus.CANCELLED, InquiryStatus.VISITED))
        branch_id = rng.choice(self.world.clinic.branch_ids)
        at = self.world.at(day, rng.uniform(9.6, 18.0))
        inquiry_id = inquiries.inquiry(self.world, at, self._person(), branch_id=branch_id, expected=expected)
        if status is not InquiryStatus.PENDING:
            self._queue(_next_working(expected), rng.uniform(10, 17),
                        lambda at: inquiries.closed(self.world, inquiry_id, at=at, status=status, branch_id=branch_id))

    def _arrival(self, day: date, at: datetime, inquiry: tuple[UUID, Person, int] | None) -> None:
        """A new patient registers (from their inquiry, if any) and is seen for the first time."""
        world, rng = self.world, self.rng
        someone, branch_id = (inquiry[1], inquiry[2]) if inquiry else (self._person(),
                                                                       rng.choice(world.clinic.branch_ids))
        speech = someone.age <= 14 or rng.random() < 0.05
        desk = rng.choice(world.clinic.of(branch_id, Role.RECEPTION))
        patient_id, uid = visits.register_patient(world, person=someone, branch_id=branch_id, at=at, reception=desk)
        if inquiry is not None:
            inquiries.registered(world, inquiry[0], at=at, desk=desk, uid=uid)
        course = self._course(patient_id, uid, branch_id=branch_id, speech=speech)
        self._first_visit(course, day=day, at=at + timedelta(minutes=2), desk=desk)

    # -- a course of treatment -------------------------------------------------------------------

    def _course(self, patient_id: UUID, uid: str, *, branch_id: int, speech: bool) -> Course:
        rng = self.rng
        roles = (Role.DOCTOR, Role.JRDOCTOR)
        clinicians = [member for member in self.world.clinic.of(branch_id, *roles) if member.speech == speech] \
            or self.world.clinic.of(branch_id, *roles)
        complaint = ChiefComplaint.OTHER if speech else rng.choice(_COMPLAINTS)
        return Course(patient_id=patient_id, uid=uid, branch_id=branch_id, speech=speech, complaint=complaint,
                      clinician=rng.choice(clinicians), visits_left=rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 6)),
                      pain=rng.uniform(5, 9), disability=rng.uniform(25, 60),
                      instrument=None if speech else _INDEX.get(complaint), referral=rng.choice(REFERRAL_SOURCES))

    def _first_visit(self, course: Course, *, day: date, at: datetime, desk: Member) -> None:
        world, rng = self.world, self.rng
        course.visits_left -= 1
        course.visits += 1
        visits.consultation(world, course, at=at, by=desk, first=True)
        seen = at + timedelta(minutes=rng.randint(10, 40))
        visits.opened_record(world, course, at=seen, first=True)
        records.history(world, course, at=seen + timedelta(minutes=2))
        if rng.random() < 0.75:
            records.diagnose(world, course, at=seen + timedelta(minutes=3))
        if rng.random() < 0.08:
            records.test(world, course, at=seen + timedelta(minutes=4))
        if course.visits_left > 0 and rng.random() < 0.7:
            records.plan(world, course, at=seen + timedelta(minutes=5))
        self._clinical(course, at=seen + timedelta(minutes=6), first=True, day=day)
        self._book_next(course, day=day, at=seen + timedelta(minutes=30), desk=desk)

    def _follow_up(self, course: Course, day: date, at: datetime, desk: Member) -> None:
        world, rng = self.world, self.rng
        if rng.random() < 0.03:  # the booked slot was cancelled by phone; they came later in the day
            visits.cancelled_consultation(world, course, at=at, by=desk)
            at += timedelta(minutes=rng.randint(60, 90))
        course.visits_left -= 1
        course.visits += 1
        course.pain = max(0.5, course.pain - rng.uniform(0.3, 1.6))
        course.disability = max(4.0, course.disability - rng.uniform(2, 9))
        visits.consultation(world, course, at=at, by=desk, first=False)
        seen = at + timedelta(minutes=rng.randint(5, 30))
        visits.opened_record(world, course, at=seen, first=False)
        self._clinical(course, at=seen + timedelta(minutes=2), first=False, day=day)
        self._book_next(course, day=day, at=seen + timedelta(minutes=30), desk=desk)

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
        """A doctor of the branch co-signs the next working day (if that is history; else it still waits)."""
        cosign_day = _next_working(day + timedelta(days=1))
        doctor = self.rng.choice(self.world.clinic.of(course.branch_id, Role.DOCTOR))
        self._queue(cosign_day, self.rng.uniform(9.5, 10.5),
                    lambda at: visits.cosign(self.world, note_id=note_id, uid=course.uid, at=at, doctor=doctor))

    def _book_next(self, course: Course, *, day: date, at: datetime, desk: Member) -> None:
        """Plan the next visit: a task on its day, or a booking (pending consultation) when it is not history yet."""
        if course.visits_left <= 0:
            self._finish(course, at=at)
            return
        next_day = _next_working(day + timedelta(days=self.rng.choice((1, 2, 2, 3, 4, 7))))
        if next_day >= self.world.today:
            visit_at = self.world.at(next_day, self.rng.uniform(9.6, 17.5))
            visits.consultation(self.world, course, at=visit_at, by=desk, first=False,
                                status=RegistrationStatus.PENDING, created_at=at, notes=False)
            return
        self._queue(next_day, self.rng.uniform(9.6, 16.5), lambda at: self._follow_up(course, next_day, at, desk))

    def _finish(self, course: Course, *, at: datetime) -> None:
        """The last visit: the plan is completed and the diagnosis resolved."""
        if course.plan_id is not None:
            records.complete_plan(self.world, course, at=at)
        if course.diagnosis_id is not None:
            records.resolve(self.world, course, at=at + timedelta(seconds=20))

    def _person(self) -> Person:
        return person(self.rng, child=self.rng.random() < 0.08)

    def _count(self, mean: float) -> int:
        """A whole number of things a day, `mean` on average."""
        whole = int(mean)
        return whole + (self.rng.random() < mean - whole)


def _next_working(day: date) -> date:
    return day + timedelta(days=1) if day.weekday() == 6 else day


def _spread(days: list[date], count: int) -> list[date]:
    """`count` days spread evenly over `days`, the first one included."""
    if count >= len(days):
        return days[:count]
    return [days[number * len(days) // count] for number in range(count)]
