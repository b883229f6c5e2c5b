"""Migration 13 bills the consultation fees recorded before billing existed, and the totals stay the same.

A database at migration 12 (as today's code leaves a clinic's data) gets consultations with fees:
paid ones, a cancelled one kept, a cancelled one refunded, one whose refund is pending, a free one,
in two branches and across 31 March. After the upgrade every fee is an issued, numbered invoice
paid by a receipt of its mode; the refunded one is credited and refunded, the pending one credited
and held as the patient's credit; each patient's fees equal what their account says was billed,
paid and held, and the branch's series go on from there.
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from collections.abc import AsyncIterator
from contextlib import closing
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg
import pytest

import app.db
from app.db import MIGRATIONS_ROOT
from tests.postgres import postgres_database
from tests.test_migrations import apply_committed

NOW = '2027-04-02 10:00:00+00:00'
BRANCHES = ("INSERT INTO branch (id, name, clinic_name, address, phone, phone_alt, email, gstin, is_active, "
            "slot_minutes, upi_id, daily_expense_budget, created_at, updated_at) VALUES ({id}, {name}, 'ProSpine', "
            "'', '', '', '', '', {true}, 30, '', 0, {now}, {now})")
PATIENT = ("INSERT INTO patient (id, uid, full_name, name_key, phone, phone_digits, email, gender, address, "
           "occupation, emergency_contact_name, emergency_contact_phone, first_branch_id, registered_on, created_at, "
           "updated_at) "
           "VALUES ({id}, {uid}, 'Meera', 'meera', '', '', '', 'female', '', '', '', '', 1, '2026-11-01', "
           "{now}, {now})")
REGISTRATION = ("INSERT INTO registration (id, patient_id, branch_id, chief_complaint, referral_source, "
                "referring_doctor, consultation_type, visit_at, fee, payment_method, status, cancelled_at, "
                "cancellation_reason, refund_status, created_at, updated_at) VALUES ({values}, {now}, {now})")
# (patient, branch, visit at (UTC), fee, mode, cancelled at, refund status)
VISITS = [
    (0, 1, '2027-03-31 06:00:00+00:00', '500.00', 'cash', None, 'none'),
    (0, 1, '2027-03-31 19:00:00+00:00', '1000.00', 'upi', None, 'none'),  # 00:30 on 1 April in Mumbai
    (0, 1, '2027-04-01 05:00:00+00:00', '400.00', 'card', '2027-04-01 06:00:00+00:00', 'none'),  # fee kept
    (1, 1, '2027-04-01 07:00:00+00:00', '500.00', 'cheque', '2027-04-01 08:00:00+00:00', 'refunded'),
    (1, 2, '2027-04-01 07:30:00+00:00', '700.00', 'upi', '2027-04-01 09:00:00+00:00', 'pending'),
    (1, 2, '2027-04-01 08:00:00+00:00', '0.00', 'cash', None, 'none'),  # free follow-up: nothing to bill
]


def tree_up_to_12(root: Path) -> Path:
    older = root / 'migrations-up-to-12'
    for dialect in ('sqlite', 'postgres'):
        shutil.copytree(MIGRATIONS_ROOT / dialect, older / dialect, ignore=shutil.ignore_patterns('13_*', '14_*'))
    return older


def registration_values(marks: list[str]) -> str:
    return ', '.join(marks[:3]) + ", 'back-pain', '', '', 'in-clinic', " + ', '.join(marks[3:6]) + \
        ", 'consulted', " + ', '.join(marks[6:])


def visit_rows(patients: list[Any], registrations: list[Any]) -> list[list[Any]]:
    return [[registration, patients[patient], branch, visit, fee, mode, cancelled,
             'Patient could not come' if cancelled else '', refund]
            for registration, (patient, branch, visit, fee, mode, cancelled, refund) in zip(registrations, VISITS,
                                                                                          strict=True)]


def check(invoices: list[dict[str, Any]], payments: list[dict[str, Any]], serials: dict[tuple[Any, ...], int],
          patients: list[Any]) -> None:
    issued = sorted((row['number'], row['status'], Decimal(str(row['total'])), Decimal(str(row['paid'])),
                     Decimal(str(row['credited']))) for row in invoices if row['kind'] == 'invoice')
    assert issued == [
        ('AND/26-27/00001', 'paid', Decimal('500'), Decimal('500'), Decimal('0')),
        ('AND/27-28/00001', 'paid', Decimal('1000'), Decimal('1000'), Decimal('0')),  # 1 April in the clinic's zone
        ('AND/27-28/00002', 'paid', Decimal('400'), Decimal('400'), Decimal('0')),
        ('AND/27-28/00003', 'cancelled', Decimal('500'), Decimal('0'), Decimal('500')),
        ('BAN/27-28/00001', 'cancelled', Decimal('700'), Decimal('0'), Decimal('700')),
    ]
    notes = sorted(row['number'] for row in invoices if row['kind'] == 'credit-note')
    assert notes == ['ANDC/27-28/00001', 'BANC/27-28/00001']
    modes = sorted((row['number'], row['kind'], row['mode'], Decimal(str(row['amount']))) for row in payments)
    assert modes == [('ANDF/27-28/00001', 'refund', 'cheque', Decimal('500')),
                     ('ANDR/26-27/00001', 'receipt', 'cash', Decimal('500')),
                     ('ANDR/27-28/00001', 'receipt', 'upi', Decimal('1000')),
                     ('ANDR/27-28/00002', 'receipt', 'card', Decimal('400')),
                     ('ANDR/27-28/00003', 'receipt', 'cheque', Decimal('500')),
                     ('BANR/27-28/00001', 'receipt', 'upi', Decimal('700'))]
    for index, patient in enumerate(patients):
        fees = sum(Decimal(fee) for who, _, _, fee, *_ in VISITS if who == index)
        mine = [row for row in invoices if row['patient_id'] == patient]
        billed = sum(Decimal(str(row['total'])) for row in mine if row['kind'] == 'invoice')
        credited = sum(Decimal(str(row['total'])) for row in mine if row['kind'] == 'credit-note')
        received = sum(Decimal(str(row['amount'])) for row in payments
                       if row['patient_id'] == patient and row['kind'] == 'receipt')
        refunded = sum(Decimal(str(row['amount'])) for row in payments
                       if row['patient_id'] == patient and row['kind'] == 'refund')
        held = sum(Decimal(str(row['amount'])) - Decimal(str(row['allocated'])) for row in payments
                   if row['patient_id'] == patient and row['kind'] == 'receipt') - refunded
        assert billed == received == fees, index  # every fee billed and paid, as it was at the desk
        due = sum(Decimal(str(row['total'])) - Decimal(str(row['paid'])) - Decimal(str(row['credited']))
                  for row in mine if row['kind'] == 'invoice')
        assert due == 0
        assert held == credited - refunded == (Decimal('700') if index == 1 else 0)  # the pending refund waits
    assert serials[(1, 'invoice', '27-28')] == 3 and serials[(2, 'receipt', '27-28')] == 1


async def test_sqlite_fees_become_invoices_and_payments_with_the_same_totals(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / 'clinic.sqlite3'
    monkeypatch.setattr(app.db, 'MIGRATIONS_ROOT', tree_up_to_12(tmp_path))
    await apply_committed(f'sqlite://{database}')
    monkeypatch.setattr(app.db, 'MIGRATIONS_ROOT', MIGRATIONS_ROOT)
    patients = [str(uuid.uuid4()) for _ in range(2)]
    registrations = [str(uuid.uuid4()) for _ in VISITS]
    now = f"'{NOW}'"
    with closing(sqlite3.connect(database)) as db, db:
        for number, name in ((1, 'Andheri'), (2, 'Bandra')):
            db.execute(BRANCHES.format(id=number, name=f"'{name}'", true=1, now=now))
        for index, patient in enumerate(patients):
            db.execute(PATIENT.format(id='?', uid='?', now=now), (patient, f'261101-{index + 1}'))
        for row in visit_rows(patients, registrations):
            db.execute(REGISTRATION.format(values=registration_values(['?'] * 9), now=now), row)
    await apply_committed(f'sqlite://{database}')
    with closing(sqlite3.connect(database)) as db:
        db.row_factory = sqlite3.Row
        invoices = [dict(row) for row in db.execute('SELECT * FROM invoice')]
        payments = [dict(row) for row in db.execute('SELECT * FROM payment')]
        serials = {(row['branch_id'], row['series'], row['financial_year']): row['serial']
                   for row in db.execute('SELECT * FROM document_serial')}
        lines = db.execute('SELECT COUNT(*) FROM invoice_line WHERE registration_id IS NOT NULL').fetchone()[0]
    check(invoices, payments, serials, patients)
    assert lines == 5
    assert await apply_committed(f'sqlite://{database}') == []  # run again: nothing is billed twice


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    async with postgres_database() as url:
        yield url


@pytest.mark.postgres
async def test_postgres_fees_become_invoices_and_payments_with_the_same_totals(
        pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.db, 'MIGRATIONS_ROOT', tree_up_to_12(tmp_path))
    await apply_committed(pg_url)
    monkeypatch.setattr(app.db, 'MIGRATIONS_ROOT', MIGRATIONS_ROOT)
    patients = [uuid.uuid4() for _ in range(2)]
    registrations = [uuid.uuid4() for _ in VISITS]
    now = f"'{NOW}'"
    connection = await asyncpg.connect(pg_url.replace('postgres://', 'postgresql://', 1))
    try:
        for number, name in ((1, 'Andheri'), (2, 'Bandra')):
            await connection.execute(BRANCHES.format(id=number, name=f"'{name}'", true='TRUE', now=now))
        for index, patient in enumerate(patients):
            await connection.execute(PATIENT.format(id='$1', uid='$2', now=now), patient, f'261101-{index + 1}')
        marks = [f'${number}' for number in range(1, 10)]
        for row in visit_rows(patients, registrations):
            values = [*row[:3], row[3] and _moment(row[3]), Decimal(row[4]), row[5], row[6] and _moment(row[6]),
                      *row[7:]]
            await connection.execute(REGISTRATION.format(values=registration_values(marks), now=now), *values)
    finally:
        await connection.close()
    await apply_committed(pg_url)
    connection = await asyncpg.connect(pg_url.replace('postgres://', 'postgresql://', 1))
    try:
        invoices = [dict(row) for row in await connection.fetch('SELECT * FROM invoice')]
        payments = [dict(row) for row in await connection.fetch('SELECT * FROM payment')]
        serials = {(row['branch_id'], row['series'], row['financial_year']): row['serial']
                   for row in await connection.fetch('SELECT * FROM document_serial')}
    finally:
        await connection.close()
    check(invoices, payments, serials, patients)


def _moment(text: str) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(text)
