"""How fast the patients page's search returns its first page over many patients (default 50,000).

Run: `.venv/bin/python -m bench.patient_search [PATIENTS]`. Patients with Indian names and mobile
numbers are inserted in batches (registered over about three years); then each kind of search the
page makes is timed (median of 5) through `search_patients`, audit read event included.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import time
from datetime import date, timedelta

from tortoise import Tortoise

from app.audit import audit
from app.auth.actor import Actor
from app.services.patients import search_patients
from bench.clinic import machine, temporary_clinic
from models.accounts import Role
from models.clinic import Branch
from models.patients import Gender, Patient

BATCH = 2000
FIRST = ['Aarav', 'Meera', 'Ravi', 'Sunita', 'Arjun', 'Priya', 'Vikram', 'Anjali', 'Rahul', 'Kavita', 'Suresh',
         'Lakshmi', 'Amit', 'Neha', 'Rajesh', 'Pooja', 'Sanjay', 'Deepa', 'Manoj', 'Asha', 'Kiran', 'Farhan',
         'Zoya', 'Harpreet', 'Gurpreet', 'Joseph', 'Mary', 'Venkat', 'Divya', 'Nikhil']
LAST = ['Sharma', 'Iyer', 'Patil', 'Kulkarni', 'Deshpande', 'Mehta', 'Shah', 'Reddy', 'Nair', 'Menon', 'Gupta',
        'Singh', 'Khan', 'Joshi', 'Rao', 'Pillai', 'Banerjee', 'Das', 'Chopra', 'Verma', 'Fernandes', 'Shaikh',
        'Gill', 'Naidu', 'Jain', 'Agarwal', 'Bhat', 'Pawar', 'Jadhav', 'Kapoor']


async def fill(total: int) -> float:
    chooser = random.Random(11)
    branch = await Branch.create(name='Main', clinic_name='ProSpine Clinic')
    start = date.today() - timedelta(days=3 * 365)
    serials: dict[date, int] = {}
    started = time.perf_counter()
    for first in range(0, total, BATCH):
        batch = []
        for number in range(first, min(total, first + BATCH)):
            day = start + timedelta(days=number * 3 * 365 // total)
            serials[day] = serials.get(day, 0) + 1
            name = f'{chooser.choice(FIRST)} {chooser.choice(LAST)}'
            digits = f'{chooser.choice("6789")}{chooser.randrange(10**9):09d}'
            batch.append(Patient(uid=f'{day:%y%m%d}-{serials[day]}', full_name=name, name_key=name.lower(),
                                 phone=f'+91 {digits[:5]} {digits[5:]}', phone_digits=digits,
                                 gender=chooser.choice(list(Gender)), first_branch=branch, registered_on=day))
        await Patient.bulk_create(batch)
    return time.perf_counter() - started


async def timed(label: str, actor: Actor, query: str, page: int = 1) -> float:
    durations = []
    for _ in range(5):
        started = time.perf_counter()
        found = await search_patients(actor=actor, query=query, page=page, per_page=25)
        durations.append(time.perf_counter() - started)
    median = statistics.median(durations) * 1000
    print(f'  {label:<44} {median:7.1f} ms  ({found.total:,} matching, {len(found.rows)} shown)')
    return median


async def run(total: int) -> None:
    async with temporary_clinic():
        await Tortoise.generate_schemas(safe=True)  # tables whose migrations are not generated yet
        filled = await fill(total)
        reception = Actor(user_id=1, username='desk', full_name='Desk', role=Role.RECEPTION, branch_id=1,
                          branch_name='Main')
        sample = await Patient.all().order_by('uid').offset(total // 2).first()
        assert sample is not None
        print(f'machine: {machine()}')
        print(f'patients: {total:,} (inserted in {filled:.1f} s)')
        print('search, first page of 25 (median of 5):')
        results = [
            await timed('no query (newest first)', reception, ''),
            await timed('partial name "sha" (common)', reception, 'sha'),
            await timed('partial name "meera iy"', reception, 'meera iy'),
            await timed('full name of one patient', reception, sample.full_name),
            await timed('rare text "zzq" (no match)', reception, 'zzq'),
            await timed(f'UID "{sample.uid}"', reception, sample.uid),
            await timed(f'UID day "{sample.uid.split("-")[0]}-"', reception, sample.uid.split('-')[0] + '-'),
            await timed('phone, last 5 digits', reception, sample.phone_digits[-5:]),
            await timed('phone, full as typed (+91 ...)', reception, sample.phone),
            await timed('partial name "sha", page 40', reception, 'sha', page=40),
        ]
        await audit.shutdown()
        print(f'slowest: {max(results):.1f} ms (target: under 100 ms)')


if __name__ == '__main__':
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000))
