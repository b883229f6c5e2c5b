"""The demo clinic simulated day by day: staff sign in, inquiries come, patients register and return for visits.

Every day either branch is open (Monday to Saturday, not a holiday) of the history, which ends
the evening before the reference day, runs in clinic time. What happens on a later day (a
follow-up visit, a co-signature, an inquiry closed, a holiday entered) is a task queued for that
day and run in time order, so the rows change and the events come out as they would have. The
calendar (`calendar`, `attendance`) settles each day's appointments and writes them when the day
is over. The reference day itself runs only up to `now`: the morning's patients have arrived,
the rest are still booked; tasks of that day or later never run, and the days after keep their
bookings.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from hashlib import sha256
from uuid import UUID
from zoneinfo import ZoneInfo

from app.audit.events import Action, EntityType, Outcome
from app.config import get_settings
from app.demo import hours, inquiries, visits
from app.demo.attendance import Attendance
from app.demo.calendar import Booking, Calendar
from app.demo.courses import Courses
from app.demo.day import World
from app.demo.names import Person, person
from app.demo.records import complete_plan
from app.demo.regular import Regular
from app.demo.staff import Hire, Member
from app.demo.waitlist import Waitlist
from models.accounts import Role, UserSession
from models.inquiries import InquiryStatus
from models.scheduling import Closure

Task = Callable[[datetime], None]  # run at its moment of its day
REMINDING_DAYS = 60  # the desk has sent reminders (and patients confirmed) for this long before the reference day


@dataclass(frozen=True, kw_only=True)
class Scale:
    """How much history: calendar days before the reference day, new patients, and the long-standing patient."""

    name: str
    days: int
    patients: int
    long_visits: int  # consultations (each with a signed note and an outcome score) of the long-standing patient
    inquiries_per_day: float  # per branch, besides those of patients who then register
    waitlist_per_day: float = 1.0  # patients put on each branch's waitlist a working day


SCALES = {
    'small': Scale(name='small', days=42, patients=240, long_visits=6, inquiries_per_day=2.0),
    'large': Scale(name='large', days=3653, patients=50_000, long_visits=500, inquiries_per_day=1.5,
                   waitlist_per_day=1.5),
}


class Simulation:
    """Runs the days of a scale; `days()` yields after each one so the caller can write and report."""

    def __init__(self, world: World, scale: Scale, *, first_session_id: int, calendar: Calendar,
                 closures: list[hours.Closed], first_closure_id: int) -> None:
        self.world, self.scale, self.calendar = world, scale, calendar
        self.rng = world.rng
        self.later: defaultdict[date, list[tuple[float, int, Task]]] = defaultdict(list)  # (hour, order, task)
        self._order = itertools.count()
        self._asked: dict[int, tuple[UUID, Person, int]] = {}  # inquiries of patients who register later
        self.session_ids = itertools.count(first_session_id)
        self.closure_ids = itertools.count(first_closure_id)
        self.closures = closures  # to enter on their day
        self.last_sign_in: dict[int, datetime] = {}
        self.session_hours = get_settings().session_max_hours
        last = world.today - timedelta(days=1)
        self.history = [last - timedelta(days=n) for n in range(scale.days - 1, -1, -1)]
        self.working = [day for day in self.history if calendar.clinic_open(day)]
        self.waitlist = Waitlist(world, calendar, per_day=scale.waitlist_per_day)
        self.attendance = Attendance(world, calendar, reminders_from=world.today - timedelta(days=REMINDING_DAYS),
                                     plan_over=self._plan_over, freed=self.waitlist.offer)
        self.courses = Courses(world, calendar, self.attendance, queue=self._queue)

    def days(self) -> Iterator[date]:
        self._queue_timetable()
        self._queue_arrivals()
        for day in self.history:
            if self.calendar.clinic_open(day):
                self._working_day(day)
            self.world.close_day()
            yield day

    def reference_day(self, now: datetime) -> None:
        """The reference day up to `now`: the staff signed in, the morning's appointments marked, calls made."""
        day, world = self.world.today, self.world
        if self.calendar.clinic_open(day):
            for member in self._on_duty(day):
                self._sign_in(member, day, until=now)
            self.attendance.settle(day, until=now)
            self.attendance.calls(day, self.calendar.next_open(day + timedelta(days=1)), until=now)
        world.close_day()
        world.sessions.clear()

    def finish(self) -> int:
        """Write the bookings of the reference day and after, and the waitlist still waiting; returns the bookings."""
        written = sum(self.attendance.close(day) for day in sorted(self.calendar.bookings))
        self.waitlist.finish()
        return written

    # -- the day ---------------------------------------------------------------------------------

    def _working_day(self, day: date) -> None:
        world = self.world
        for member in self._on_duty(day):
            self._sign_in(member, day)
        for _ in range(self._count(self.scale.inquiries_per_day * len(world.clinic.branch_ids))):
            self._passing_inquiry(day)
        self.attendance.settle(day)
        while tasks := self.later.pop(day, None):  # in time order (a task may queue more for the same day)
            for hour, _, task in sorted(tasks, key=lambda entry: entry[:2]):
                task(world.at(day, hour))
        desks = {branch_id: self.rng.choice(world.clinic.of(branch_id, Role.RECEPTION))
                 for branch_id in world.clinic.branch_ids if self.calendar.is_open(branch_id, day)}
        self.waitlist.day(day, desks, {branch_id: list(courses) for branch_id, courses in self.courses.recent.items()})
        self.attendance.calls(day, self.calendar.next_open(day + timedelta(days=1)))
        self.attendance.close(day)
        if world.billing is not None:  # the day's bills, receipts and vouchers, numbered in time order
            world.billing.close(day)
        world.sessions.clear()  # everyone has signed out (or been signed out) by the evening

    def _on_duty(self, day: date) -> list[Member]:
        """The desk and the admins every working day, clinicians when they work, the director on Mondays."""
        return [member for member in self.world.clinic.staff
                if (member.sees_patients and self.calendar.works(member, day))
                or (member.role is Role.SUPERADMIN and (day.weekday() == 0 or day == self.working[0]))
                or (member.role in (Role.ADMIN, Role.RECEPTION) and member.joined <= day)]

    def _sign_in(self, member: Member, day: date, *, until: datetime | None = None) -> None:
        """A day's session; on the reference day (`until`) still open."""
        world, rng = self.world, self.rng
        at = world.at(day, rng.uniform(8.9, 9.4))
        if until is not None and at >= until:
            return
        if rng.random() < 0.03:
            world.event(at - timedelta(seconds=40), member.who(None), action=Action.LOGIN_FAILED,
                        outcome=Outcome.FAILED, entity_type=EntityType.USER, entity_id=member.user_id,
                        detail='wrong password', origin=member.origin)
        session_id = next(self.session_ids)
        self.last_sign_in[member.user_id] = at
        world.sessions[member.user_id] = session_id
        ended = world.at(day, rng.uniform(20.3, 20.8)) if until is None else None
        idle = rng.random() < 0.15
        world.rows.add(UserSession, id=session_id, user_id=member.user_id,
                       token_hash=sha256(self.rng.randbytes(32)).hexdigest(), created_at=at,
                       last_seen_at=ended or until, expires_at=at + timedelta(hours=self.session_hours),
                       revoked_at=ended, revoked_reason=None if ended is None else 'idle-timeout' if idle else 'logout',
                       ip=member.origin.client_ip, user_agent=member.origin.user_agent)
        world.event(at, member, action=Action.LOGIN, entity_type=EntityType.SESSION, entity_id=session_id)
        if ended is not None:
            world.event(ended, member, action=Action.SESSION_EXPIRED if idle else Action.LOGOUT,
                        entity_type=EntityType.SESSION, entity_id=session_id,
                        detail='idle-timeout' if idle else 'logout')

    def _queue(self, day: date, hour: float, task: Task) -> None:
        self.later[day].append((hour, next(self._order), task))

    def _plan_over(self, booking: Booking, at: datetime) -> None:
        complete_plan(self.world, booking.course, at=at, plan_id=booking.plan_id)

    # -- the timetable ---------------------------------------------------------------------------

    def _queue_timetable(self) -> None:
        """The clinicians who join during the history, and each holiday and leave entered on its day."""
        for hire in self.world.clinic.hires:
            day = hire.at.astimezone(self.world.tz).date()
            self._queue(day, 10.0, lambda at, hire=hire: self._hired(hire))
        for closure in self.closures:
            if closure.entered is not None:
                self._queue(closure.entered, self.rng.uniform(9.6, 10.6),
                            lambda at, closure=closure: self._closure_entered(closure, at))

    def _hired(self, hire: Hire) -> None:
        admin = self.world.clinic.of(hire.member.branch_id, Role.ADMIN)[0]
        self.world.event(hire.at, admin, action=Action.ADMIN_CHANGE, entity_type=EntityType.USER,
                         entity_id=hire.member.user_id, changes=hire.changes, detail=hire.detail)
        if shift := hours.SHIFTS.get(hire.member.username):
            self.world.event(hire.at + timedelta(minutes=2), admin, action=Action.ADMIN_CHANGE,
                             entity_type=EntityType.CLINIC_HOURS, entity_id=f'clinician-{hire.member.user_id}',
                             detail=f'Working hours of {hire.member.full_name}',
                             changes=hours.week_changes(None, shift))

    def _closure_entered(self, closure: hours.Closed, at: datetime) -> None:
        """A holiday entered by the director for every branch, or a clinician's leave by their branch's admin."""
        clinic, member = self.world.clinic, closure.member
        by = clinic.superadmin if member is None else clinic.of(member.branch_id, Role.ADMIN)[0]
        closure_id = next(self.closure_ids)
        branch_id = None if member is None else member.branch_id
        clinician_id = None if member is None else member.user_id
        self.world.rows.add(Closure, id=closure_id, branch_id=branch_id, clinician_id=clinician_id,
                            first_day=closure.first_day, last_day=closure.last_day, reason=closure.reason,
                            created_by_id=by.user_id, created_at=at)
        self.world.event(at, by, action=Action.ADMIN_CHANGE, entity_type=EntityType.CLOSURE, entity_id=closure_id,
                         changes={'first_day': [None, str(closure.first_day)],
                                  'last_day': [None, str(closure.last_day)], 'branch_id': [None, branch_id],
                                  'clinician_id': [None, clinician_id], 'reason': [None, closure.reason]})

    # -- inquiries and arrivals ------------------------------------------------------------------

    def _queue_arrivals(self) -> None:
        """Spread the new patients over the working days (more as the clinic grows), some after an inquiry."""
        rng, working = self.rng, self.working
        regular = Regular(self.world, self.calendar, self.attendance, days=_spread(working, self.scale.long_visits),
                          queue=self._queue)
        self._queue(working[0], 10.5, regular.registers)
        weights = [1 + 1.5 * number / len(working) for number in range(len(working))]
        total, running, placed = sum(weights), 0.0, 0
        for number, day in enumerate(working):
            running += weights[number]
            due = round((self.scale.patients - 1) * running / total) - placed
            placed += due
            branches = [branch for branch in self.world.clinic.branch_ids if self.calendar.is_open(branch, day)]
            for _ in range(due):
                branch_id = rng.choice(branches)
                hour = self._arrival_hour(branch_id, day)
                if rng.random() >= 0.35:
                    self._queue(day, hour, lambda at, day=day, branch_id=branch_id: self._arrival(day, at, branch_id))
                    continue
                asked = working[max(0, number - rng.choice((0, 0, 1, 2, 3, 5)))]
                asked_hour = max(9.45, hour - rng.uniform(0.2, 1.5)) if asked == day else rng.uniform(9.6, 18.0)
                key = next(self._order)
                self._queue(asked, asked_hour, lambda at, key=key, day=day, branch=branch_id:
                            self._asked_first(at, key, day, branch))
                self._queue(day, hour, lambda at, key=key, day=day: self._arrival(day, at, None, self._asked.pop(key)))

    def _arrival_hour(self, branch_id: int, day: date) -> float:
        """A time a new patient walks in: within the branch's hours, early enough to be seen that day."""
        spans = self.calendar.spans(branch_id, day)
        starts, ends = self.rng.choices(spans, weights=[ends - starts for starts, ends in spans])[0]
        return self.rng.uniform(starts + 30, max(starts + 31, ends - 75)) / 60  # the desk is in by 09:25

    def _asked_first(self, at: datetime, key: int, day: date, branch_id: int) -> None:
        """The inquiry of someone who registers on `day`."""
        someone = self._person()
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
            self._queue(self.calendar.next_open(expected), rng.uniform(10, 17),
                        lambda at: inquiries.closed(self.world, inquiry_id, at=at, status=status, branch_id=branch_id))

    def _arrival(self, day: date, at: datetime, branch_id: int | None,
                 inquiry: tuple[UUID, Person, int] | None = None) -> None:
        """A new patient registers (from their inquiry, if any) and is seen for the first time."""
        world, rng = self.world, self.rng
        someone, branch_id = (inquiry[1], inquiry[2]) if inquiry else (self._person(), branch_id)
        assert branch_id is not None
        speech = someone.age <= 14 or rng.random() < 0.05
        desk = rng.choice(world.clinic.of(branch_id, Role.RECEPTION))
        patient_id, uid = visits.register_patient(world, person=someone, branch_id=branch_id, at=at, reception=desk)
        if inquiry is not None:
            inquiries.registered(world, inquiry[0], at=at, desk=desk, uid=uid)
        course, start = self.courses.course(patient_id, uid, branch_id=branch_id, speech=speech, at=at)
        self.courses.walk_in(course, day=day, at=at + timedelta(minutes=2), desk=desk, start=start)

    def _person(self) -> Person:
        return person(self.rng, child=self.rng.random() < 0.08)

    def _count(self, mean: float) -> int:
        """A whole number of things a day, `mean` on average."""
        whole = int(mean)
        return whole + (self.rng.random() < mean - whole)


def _spread(days: list[date], count: int) -> list[date]:
    """`count` days spread evenly over `days`, the first one included."""
    if count >= len(days):
        return days[:count]
    return [days[number * len(days) // count] for number in range(count)]


def reference_moment(today: date, *, tz: ZoneInfo, now: datetime, hour: float = 11.5) -> datetime:
    """Where the reference day stops: at `hour` in clinic time, or earlier if the clock has not got there yet."""
    return min(datetime.combine(today, time(), tzinfo=tz) + timedelta(hours=hour), now)
