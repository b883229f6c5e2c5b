"""The appointments the calendar benches open: a seeded bench clinic, or the busiest days of an existing one.

Run as `python -m bench.calendar_data seed` or `python -m bench.calendar_data find [--day YYYY-MM-DD]` with the
PROSPINE_* variables of the server about to start (`bench.calendar_views` does both). Either prints
{"branch_id", "branch", "clinicians", "week": Monday, "week_count", "day", "day_count", "today", "today_count"}
as JSON: the branch whose calendar is measured, the Monday of its busiest week, its busiest day, and today.

`seed` fills an empty data directory: one branch open Mon-Sun 08:00-20:00, 8 clinicians (5 doctors, 3 junior
doctors), two receptionists, an admin, a superadmin, 400 patients, and ~500 appointments in the week after this
one (every day in the future of the real clock, so `appointments.book` takes them) plus a day's worth today
(for /today and the load bench's day view). Every appointment goes through `appointments.book` as the
superadmin, so each is checked and audited like a real booking.

`find` reads the appointments the calendar would draw (by status) and counts them per branch and local day in
the branch's zone: the busiest day of a branch with 8 or more clinicians (or `--day`), and that branch's busiest
Monday-to-Sunday week.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time as clock
from collections import Counter
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from app.auth.actor import Actor
from app.auth.sessions import actor_for
from app.clock import utcnow
from app.config import load_settings, use_settings
from app.db import close_database, open_database
from app.errors import DomainError
from app.services import appointments, clinic_hours
from app.services.appointments import SHOWN_ON_CALENDAR, BookingInput
from models.accounts import Role, User
from models.clinic import Branch
from models.patients import Patient
from models.scheduling import Appointment
from tests.factories import make_branch, make_patient, make_user

CLINICIANS = (('Dr Kavita Mehta', Role.DOCTOR), ('Dr Rohan Shah', Role.DOCTOR), ('Dr Ananya Kulkarni', Role.DOCTOR),
              ('Dr Vikram Rao', Role.DOCTOR), ('Dr Sunita Desai', Role.DOCTOR), ('Dr Neha Joshi', Role.JRDOCTOR),
              ('Dr Imran Shaikh', Role.JRDOCTOR), ('Dr Pooja Nair', Role.JRDOCTOR))
DESK = (('Asha Rao', Role.RECEPTION), ('Priya Menon', Role.RECEPTION), ('Rahul Gupta', Role.ADMIN))
FIRST = ('Meera', 'Arjun', 'Farah', 'Sanjay', 'Lakshmi', 'Rajesh', 'Divya', 'Karan', 'Nisha', 'Amit', 'Sneha',
         'Vivek', 'Anjali', 'Manoj', 'Kavya', 'Suresh', 'Ritu', 'Deepak', 'Shreya', 'Harish')
LAST = ('Iyer', 'Menon', 'Khan', 'Patil', 'Narayanan', 'Kapoor', 'Reddy', 'Malhotra', 'Pillai', 'Verma',
        'Bose', 'Chopra', 'Fernandes', 'Ghosh', 'Jain', 'Kulkarni', 'Mishra', 'Pandey', 'Sinha', 'Thakur')
PATIENTS = 400
WEEK_APPOINTMENTS = 500
OPENS, CLOSES = 8 * 60, 20 * 60
LENGTHS = (30, 30, 30, 30, 45, 60)  # minutes: mostly the 30-minute slot
DAY_WEIGHTS = (1.15, 1.1, 1.0, 1.0, 1.05, 0.95, 0.75)  # Monday busiest, Sunday lightest


async def seed(rng: random.Random) -> dict:
    started = clock.monotonic()
    branch = await make_branch('Bench Andheri', phone='022 2620 1234')
    superadmin = await make_user(Role.SUPERADMIN, username='bench-superadmin', branch=branch,
                                 full_name='Bench Superadmin')
    actor = await actor_for(superadmin, session_id=None)
    await clinic_hours.set_opening_hours(actor=actor, branch_id=branch.id,
                                         week=dict.fromkeys(range(7), f'{OPENS // 60:02d}:00-{CLOSES // 60:02d}:00'))
    for number, (name, role) in enumerate(DESK):
        await make_user(role, username=f'desk{number}', branch=branch, full_name=name)
    clinicians = [(await make_user(role, username=f'clinician{number}', branch=branch, full_name=name)).id
                  for number, (name, role) in enumerate(CLINICIANS)]
    patients = [(await make_patient(f'260101-{number + 1}', branch=branch,
                                    full_name=f'{FIRST[number % len(FIRST)]} {LAST[number // len(FIRST) % len(LAST)]}'
                                    )).id for number in range(PATIENTS)]
    zone = clinic_hours.zone_of(branch)
    today = utcnow().astimezone(zone).date()
    monday = today + timedelta(days=7 - today.weekday())  # next week's: every day of it is in the future
    per_day = _share(WEEK_APPOINTMENTS, DAY_WEIGHTS)
    plan = [(monday + timedelta(days=offset), count) for offset, count in enumerate(per_day)]
    plan.append((today, per_day[today.weekday()]))  # a like day today, for /today and the load bench
    refused = Counter()
    booked = 0
    for day, count in plan:
        booked += await _book_day(actor, branch.id, day, count, clinicians, patients, rng, refused)
    return {'seeded': {'appointments': booked, 'refused': dict(refused), 'patients': PATIENTS,
                       'seconds': round(clock.monotonic() - started, 1)},
            **await describe(branch.id, monday, max(plan[:7], key=lambda item: item[1])[0])}


async def _book_day(actor: Actor, branch_id: int, day: date, count: int, clinicians: list[int],
                    patients: list[int], rng: random.Random, refused: Counter) -> int:
    """Book `count` appointments on `day`, shared among the clinicians, none overlapping, through the service."""
    busy_patients: dict[int, list[tuple[int, int]]] = {}
    booked = 0
    for clinician, share in zip(clinicians, _share(count, [1.0] * len(clinicians)), strict=True):
        for starts, minutes in _lay_out(share, rng):
            patient = _free_patient(patients, busy_patients, starts, starts + minutes, rng)
            try:
                await appointments.book(actor=actor, booking=BookingInput(
                    patient_id=patient, clinician_id=clinician, service='physiotherapy',
                    starts=datetime.combine(day, time()) + timedelta(minutes=starts), minutes=minutes))
                booked += 1
            except DomainError as refusal:
                refused[refusal.message[:80]] += 1
    return booked


def _lay_out(count: int, rng: random.Random) -> list[tuple[int, int]]:
    """`count` visits in one clinician's day: random lengths and gaps on a 15-minute grid, in opening hours."""
    if count < 1:
        return []
    lengths = [rng.choice(LENGTHS) for _ in range(count)]
    while sum(lengths) > CLOSES - OPENS:
        lengths[lengths.index(max(lengths))] = 30
    spare = (CLOSES - OPENS - sum(lengths)) // 15
    cuts = sorted(rng.randint(0, spare) for _ in range(count))
    gaps = [cuts[0], *(later - earlier for earlier, later in pairwise(cuts))]
    layout, cursor = [], OPENS
    for gap, minutes in zip(gaps, lengths, strict=True):
        cursor += gap * 15
        layout.append((cursor, minutes))
        cursor += minutes
    return layout


def _free_patient(patients: list[int], busy: dict[int, list[tuple[int, int]]], starts: int, ends: int,
                  rng: random.Random) -> int:
    while True:
        patient = rng.choice(patients)
        if all(ends <= other_start or other_end <= starts for other_start, other_end in busy.get(patient, [])):
            busy.setdefault(patient, []).append((starts, ends))
            return patient


def _share(total: int, weights: list[float] | tuple[float, ...]) -> list[int]:
    """`total` split in proportion to `weights`, the rounding given to the first ones."""
    raw = [total * weight / sum(weights) for weight in weights]
    shares = [int(value) for value in raw]
    for index in sorted(range(len(raw)), key=lambda i: shares[i] - raw[i])[:total - sum(shares)]:
        shares[index] += 1
    return shares


async def find(day: date | None) -> dict:
    """The busiest branch-day (branches with 8+ clinicians first, or the busiest branch on `day`) and its week."""
    branches = {branch.id: branch for branch in await Branch.all()}
    zones = {branch_id: clinic_hours.zone_of(branch) for branch_id, branch in branches.items()}
    columns = {branch_id: len(await appointments._clinicians(branch_id)) for branch_id in branches}
    per_day: Counter[tuple[int, date]] = Counter()
    rows = await Appointment.filter(status__in=SHOWN_ON_CALENDAR).values_list('branch_id', 'starts_at')
    for branch_id, starts_at in rows:
        per_day[branch_id, starts_at.astimezone(zones[branch_id]).date()] += 1
    if not per_day:
        raise SystemExit('this clinic has no appointments: leave out --data-dir to seed a bench clinic')
    candidates = [(key, count) for key, count in per_day.items() if day is None or key[1] == day]
    if not candidates:
        raise SystemExit(f'no appointments on {day}')
    (branch_id, busiest), _ = max(candidates, key=lambda item: (columns[item[0][0]] >= 8, item[1]))
    weeks: Counter[date] = Counter()
    for (other, when), count in per_day.items():
        if other == branch_id:
            weeks[when - timedelta(days=when.weekday())] += count
    monday = busiest - timedelta(days=busiest.weekday()) if day is not None else weeks.most_common(1)[0][0]
    return await describe(branch_id, monday, busiest)


async def describe(branch_id: int, monday: date, day: date) -> dict:
    branch = await Branch.get(id=branch_id)
    zone = clinic_hours.zone_of(branch)
    today = utcnow().astimezone(zone).date()

    async def count(first: date, last: date) -> int:
        return await Appointment.filter(
            branch_id=branch_id, status__in=SHOWN_ON_CALENDAR,
            starts_at__gte=appointments.utc_of(datetime.combine(first, time()), zone),
            starts_at__lt=appointments.utc_of(datetime.combine(last + timedelta(days=1), time()), zone)).count()

    return {'branch_id': branch_id, 'branch': branch.name,
            'clinicians': len(await appointments._clinicians(branch_id)),
            'week': monday.isoformat(), 'week_count': await count(monday, monday + timedelta(days=6)),
            'day': day.isoformat(), 'day_count': await count(day, day), 'today': today.isoformat(),
            'today_count': await count(today, today),
            'receptionists': await User.filter(branch_id=branch_id, role=Role.RECEPTION, is_active=True).count(),
            'patients': await Patient.filter(first_branch_id=branch_id).count()}


async def main() -> dict:
    parser = argparse.ArgumentParser(prog='python -m bench.calendar_data')
    parser.add_argument('mode', choices=('seed', 'find'))
    parser.add_argument('--day', type=date.fromisoformat, default=None)
    parser.add_argument('--seed', type=int, default=1)
    options = parser.parse_args()
    settings = load_settings()
    use_settings(settings)
    await open_database(settings)
    try:
        return await (seed(random.Random(options.seed)) if options.mode == 'seed' else find(options.day))
    finally:
        await close_database()


if __name__ == '__main__':
    print(json.dumps(asyncio.run(main())))
