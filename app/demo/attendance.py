"""Attendance at the demo clinic: who came to their appointment, who did not, and the desk's calls the day before.

A plan's sessions (and visits given from the waitlist) are settled on their day: most patients
come (the desk marks them arrived, the clinician sometimes in session, then done), some do not
(marked no-show). The day before, the desk phones the next day's patients: a few cancel, with a
reason, or move to another day; since `reminders_from` the others are reminded and most confirm.
Consultations are marked as the simulation's visits happen (`visit`). When a day is over, its
arrivals get their tokens, in arrival order per branch, and its rows are written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from app.demo import bookings, texts
from app.demo.bookings import starts_at
from app.demo.calendar import Booking, Calendar
from app.demo.day import World
from app.demo.staff import Member
from models.accounts import Role
from models.scheduling import AppointmentStatus as Status

NO_SHOW, CANCEL, MOVE = 0.08, 0.075, 0.04  # of the sessions (about 5 % of all appointments each)
IN_SESSION = 0.35  # visits the clinician marks in session before done (the rest go straight to done)
REMINDED, CONFIRMED = 0.85, 0.7
_OPEN = (Status.BOOKED, Status.CONFIRMED)
_MINUTE = timedelta(minutes=1)


class Attendance:
    """Marks the appointments of each day as it passes, and writes them when it is over."""

    def __init__(self, world: World, calendar: Calendar, *, reminders_from: date,
                 plan_over: Callable[[Booking, datetime], None], freed: Callable[[Booking, datetime], None]) -> None:
        self.world, self.calendar, self.rng = world, calendar, world.rng
        self.reminders_from = reminders_from
        self.plan_over = plan_over  # the last session of a plan is over: the plan is completed
        self.freed = freed  # a session was cancelled: its time may go to the waitlist

    def desk(self, branch_id: int) -> Member:
        return self.rng.choice(self.world.clinic.of(branch_id, Role.RECEPTION))

    # -- a visit ---------------------------------------------------------------------------------

    def arrive(self, booking: Booking, at: datetime, desk: Member) -> None:
        bookings.status(self.world, booking, Status.ARRIVED, at=at, by=desk)
        booking.arrived_at = at

    def attend(self, booking: Booking, *, seen: datetime, done: datetime | None) -> None:
        """The clinician takes the arrived patient in at `seen` and marks the visit done at `done` (None: not yet)."""
        marks_session = done is None or self.rng.random() < IN_SESSION
        if marks_session:
            bookings.status(self.world, booking, Status.IN_SESSION, at=seen, by=booking.clinician)
        if done is not None:
            bookings.status(self.world, booking, Status.COMPLETED, at=done, by=booking.clinician)
        if self.rng.random() < 0.25:
            booking.remarks = self.rng.choice(texts.VISIT_REMARKS)

    def visit(self, booking: Booking, *, arrived: datetime, desk: Member) -> tuple[datetime, datetime]:
        """A consultation's patient arrives: when they are seen and when the visit is over."""
        self.arrive(booking, arrived, desk)
        start = starts_at(self.calendar, booking)
        seen = max(start, arrived + _MINUTE * 2)
        done = max(start + timedelta(minutes=booking.minutes), seen + _MINUTE * 10)
        self.attend(booking, seen=seen, done=done + _MINUTE * self.rng.uniform(0, 3))
        return seen, done

    # -- a day -----------------------------------------------------------------------------------

    def settle(self, day: date, *, until: datetime | None = None) -> None:
        """The day's sessions marked as they went; on the reference day (`until`) every visit, up to that moment."""
        for booking in list(self.calendar.of_day(day)):
            start = starts_at(self.calendar, booking)
            end = start + timedelta(minutes=booking.minutes)
            if booking.status in _OPEN and (booking.kind != 'visit' or until is not None):
                self._session(booking, start, end, until)
            over = end + _MINUTE * 2
            if booking.last_session and booking.status not in _OPEN and (until is None or over < until):
                self.plan_over(booking, over)

    def _session(self, booking: Booking, start: datetime, end: datetime, until: datetime | None) -> None:
        rng, desk = self.rng, self.desk(booking.branch_id)
        if rng.random() < NO_SHOW:
            marked = start + _MINUTE * rng.uniform(20, 40)
            if until is None or marked < until:
                bookings.status(self.world, booking, Status.NO_SHOW, at=marked, by=desk)
            return
        arrived = start - _MINUTE * rng.uniform(-4, 15)
        if until is not None and arrived >= until:
            return
        self.arrive(booking, arrived, desk)
        seen = max(start, arrived + _MINUTE)
        done = end + _MINUTE * rng.uniform(0, 4)
        if until is None or done < until:
            self.attend(booking, seen=seen, done=done)
        elif seen < until:
            self.attend(booking, seen=seen, done=None)

    def calls(self, day: date, tomorrow: date, *, until: datetime | None = None) -> None:
        """The desk phones `tomorrow`'s patients during `day` (up to `until`): cancelled, moved, reminded."""
        rng, calendar = self.rng, self.calendar
        for booking in list(calendar.of_day(tomorrow)):
            if booking.status is not Status.BOOKED or booking.booked_at.date() >= day:
                continue
            at = calendar.moment(booking.branch_id, day, rng.uniform(600, 1140) + rng.random() / 60)
            if until is not None and at >= until:
                continue
            desk, chance = self.desk(booking.branch_id), rng.random()
            if booking.kind != 'visit' and chance < CANCEL + MOVE:
                if chance >= CANCEL and self._move(booking, at, desk):
                    continue
                calendar.release(booking)
                bookings.cancelled(self.world, booking, at=at, by=desk,
                                   reason=rng.choice(texts.SESSION_CANCELLATIONS))
                self.freed(booking, at + _MINUTE * rng.uniform(2, 30))
            elif tomorrow >= self.reminders_from and rng.random() < REMINDED:
                bookings.reminded(self.world, booking, at=at, by=desk)
                confirmed = at + _MINUTE * rng.uniform(5, 90)
                if rng.random() < CONFIRMED and (until is None or confirmed < until):
                    bookings.status(self.world, booking, Status.CONFIRMED, at=confirmed, by=desk)

    def _move(self, booking: Booking, at: datetime, desk: Member) -> bool:
        """Move a session to the same time (or near it) on one of the next working days, if one is free."""
        calendar, day = self.calendar, booking.day
        for _ in range(6):
            day = calendar.next_open(day + timedelta(days=1))
            start = calendar.free_start(booking.clinician, booking.course.patient_id, day, booking.minutes,
                                        prefer=booking.start)
            if start is None:
                continue
            moved = Booking(id=self.world.uuid(), course=booking.course, clinician=booking.clinician, day=day,
                            start=start, minutes=booking.minutes, booked_at=at, booked_by=desk, kind=booking.kind,
                            plan_id=booking.plan_id, session_number=booking.session_number,
                            last_session=booking.last_session, notes=booking.notes)
            booking.last_session = False
            calendar.release(booking)
            calendar.add(moved)
            bookings.moved(self.world, calendar, booking, moved, at=at, by=desk)
            return True
        return False

    def close(self, day: date) -> int:
        """Tokens for the day's arrivals, then the day's rows; returns how many were written."""
        done = self.calendar.take_day(day)
        arrivals = sorted((booking for booking in done if booking.arrived_at is not None),
                          key=lambda booking: booking.arrived_at or datetime.min)
        for booking in arrivals:
            key = (booking.branch_id, day)
            booking.token = self.calendar.tokens[key] = self.calendar.tokens.get(key, 0) + 1
        for booking in done:
            bookings.row(self.world, self.calendar, booking)
        if self.world.billing is not None:  # the day's sessions billed as they ended
            self.world.billing.attended(day, done)
        return len(done)
