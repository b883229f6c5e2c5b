"""Migration 5 keeps what the clinic typed: plans' free-text time slots become a start and a length,
and inquiries' test names take the diagnostic tests' spelling, on SQLite and on PostgreSQL.

A database at migration 4 (the previous release) gets plans with the slots staff typed and an
inquiry about an NCV; after the upgrade each readable slot is a start time and length, each
unreadable one is quoted in that plan's history, and nothing else is lost.
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from collections.abc import AsyncIterator, Iterable
from contextlib import closing
from pathlib import Path
from typing import Any

import asyncpg
import pytest

import app.db
from app.db import MIGRATIONS_ROOT
from tests.postgres import postgres_database
from tests.test_migrations import apply_committed

SLOTS = {
    '10:00-10:45': (600, 45),
    '9.30': (570, None),
    '4:30 pm - 5:15 pm': (990, 45),
    '07:00 to 08:00': (420, 60),
    'morning': None,
    '25:00-26:00': None,
    '11:00-10:00': None,
    '': (None, None),
}
NOW = '2026-11-01 10:00:00+00:00'


def tree_up_to_4(root: Path) -> Path:
    older = root / 'migrations-up-to-4'
    for dialect in ('sqlite', 'postgres'):
        shutil.copytree(MIGRATIONS_ROOT / dialect, older / dialect, ignore=shutil.ignore_patterns('5_*', '6_*'))
    return older


ROWS = [
    ("INSERT INTO branch (name, clinic_name, address, phone, phone_alt, email, gstin, is_active, created_at, "
     "updated_at) VALUES ('Andheri', 'ProSpine', '', '', '', '', '', {true}, {now}, {now})", ()),
    ("INSERT INTO patient (id, uid, full_name, name_key, phone, phone_digits, email, gender, address, occupation, "
     "emergency_contact_name, emergency_contact_phone, first_branch_id, registered_on, created_at, updated_at) "
     "VALUES ({p1}, '261101-1', 'Meera', 'meera', '', '', '', 'female', '', '', '', '', 1, '2026-11-01', "
     "{now}, {now})", ('patient',)),
]


def plan_insert(marks: tuple[str, ...]) -> str:
    p = dict(zip(('plan', 'patient', 'slot'), marks, strict=True))
    return ("INSERT INTO treatment_plan (id, patient_id, branch_id, service, plan_type, cost_per_day, days, discount, "
            f"total, start_date, end_date, time_slot, status, created_at, updated_at) VALUES ({p['plan']}, "
            f"{p['patient']}, 1, 'physiotherapy', 'daily', 600, 10, 0, 6000, '2026-11-01', '2026-11-10', "
            f"{p['slot']}, 'active', {{now}}, {{now}})")


INQUIRY = ("INSERT INTO inquiry (id, kind, status, full_name, phone, referral_source, communication_type, test_name, "
           "referred_by, branch_id, created_at, updated_at) VALUES ({id}, 'test', 'pending', 'Ravi', '9820012345', "
           "'', 'call', {test}, '', 1, {now}, {now})")


def check_plans(plan_ids: dict[str, Any], stored: dict[Any, tuple[int | None, int | None]],
                quoted: Iterable[tuple[Any, str]]) -> None:
    """Each slot's plan holds what it should; each unreadable slot is quoted once in its plan's history."""
    by_id = {plan: slot for slot, plan in plan_ids.items()}
    plans = {by_id[plan]: value for plan, value in stored.items()}
    revisions: dict[str, list[str]] = {}
    for plan, before in quoted:
        revisions.setdefault(by_id[plan], []).append(before)
    for slot, expected in SLOTS.items():
        if expected is None:
            assert plans[slot] == (None, None)
            assert revisions[slot] == [slot]  # quoted in the plan's history
        else:
            assert plans[slot] == expected, slot
            assert revisions.get(slot, []) == []


async def test_sqlite_slots_and_test_names_survive_the_upgrade(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / 'clinic.sqlite3'
    monkeypatch.setattr(app.db, 'MIGRATIONS_ROOT', tree_up_to_4(tmp_path))
    await apply_committed(f'sqlite://{database}')
    monkeypatch.setattr(app.db, 'MIGRATIONS_ROOT', MIGRATIONS_ROOT)
    patient = str(uuid.uuid4())
    plan_ids = {slot: str(uuid.uuid4()) for slot in SLOTS}
    with closing(sqlite3.connect(database)) as db, db:
        db.execute(ROWS[0][0].format(true=1, now=f"'{NOW}'"))
        db.execute(ROWS[1][0].format(p1='?', now=f"'{NOW}'"), (patient,))
        for slot, plan in plan_ids.items():
            db.execute(plan_insert(('?', '?', '?')).format(now=f"'{NOW}'"), (plan, patient, slot))
        for test in ('ncv', 'other', None):
            db.execute(INQUIRY.format(id='?', test='?', now=f"'{NOW}'"), (str(uuid.uuid4()), test))
    await apply_committed(f'sqlite://{database}')
    with closing(sqlite3.connect(database)) as db:
        stored = {row[0]: (row[1], row[2]) for row in
                  db.execute('SELECT id, session_start_minute, session_minutes FROM treatment_plan')}
        quoted = db.execute("SELECT plan_id, json_extract(changes, '$.time_slot.before') FROM plan_revision").fetchall()
        tests = sorted(str(row[0]) for row in db.execute('SELECT test_name FROM inquiry'))
        columns = [row[1] for row in db.execute('PRAGMA table_info(treatment_plan)')]
    check_plans(plan_ids, stored, quoted)
    assert tests == ['NCV', 'None', 'other']
    assert 'time_slot' not in columns


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    async with postgres_database() as url:
        yield url


@pytest.mark.postgres
async def test_postgres_slots_and_test_names_survive_the_upgrade(pg_url: str, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.db, 'MIGRATIONS_ROOT', tree_up_to_4(tmp_path))
    await apply_committed(pg_url)
    monkeypatch.setattr(app.db, 'MIGRATIONS_ROOT', MIGRATIONS_ROOT)
    patient = uuid.uuid4()
    plan_ids = {slot: uuid.uuid4() for slot in SLOTS}
    connection = await asyncpg.connect(pg_url.replace('postgres://', 'postgresql://', 1))
    try:
        await connection.execute(ROWS[0][0].format(true='TRUE', now=f"'{NOW}'"))
        await connection.execute(ROWS[1][0].format(p1='$1', now=f"'{NOW}'"), patient)
        for slot, plan in plan_ids.items():
            await connection.execute(plan_insert(('$1', '$2', '$3')).format(now=f"'{NOW}'"), plan, patient, slot)
        for test in ('ncv', 'other', None):
            await connection.execute(INQUIRY.format(id='$1', test='$2', now=f"'{NOW}'"), uuid.uuid4(), test)
    finally:
        await connection.close()
    await apply_committed(pg_url)
    connection = await asyncpg.connect(pg_url.replace('postgres://', 'postgresql://', 1))
    try:
        stored = {row[0]: (row[1], row[2]) for row in await connection.fetch(
            'SELECT id, session_start_minute, session_minutes FROM treatment_plan')}
        quoted = await connection.fetch(
            "SELECT plan_id, (changes::json -> 'time_slot' ->> 'before') FROM plan_revision")
        tests = sorted(str(row[0]) for row in await connection.fetch('SELECT test_name FROM inquiry'))
        columns = {row[0] for row in await connection.fetch(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'treatment_plan'")}
    finally:
        await connection.close()
    check_plans(plan_ids, stored, quoted)
    assert tests == ['NCV', 'None', 'other']
    assert 'time_slot' not in columns
