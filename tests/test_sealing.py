"""A diagnostic test's items and limb are encrypted now, including those written before migration 4.

A database made by the previous release (migrations up to 3, items and limb in plain VARCHAR
columns) is opened by this one: the migration moves the values and the start-up step seals them,
so nothing readable is left in the file, the app reads them back as before, and the sealing is
in the audit trail once.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest

import app.db
from app.audit.chain import audit_key
from app.audit.diff import hidden_fields
from app.config import get_settings, load_settings, use_settings
from app.db import MIGRATIONS_ROOT, close_database, open_database
from app.services import diagnostic_tests
from models.accounts import Role
from models.audit import AuditEvent
from models.clinical import DiagnosticTest
from models.outcomes import OutcomeRecord
from models.registrations import Registration
from tests.factories import actor_of, make_patient, make_user

ITEMS, LIMB = 'CANARY-91 median and ulnar nerves', 'CANARY-92 right arm'


def previous_release_database(environment: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A SQLite file at migration 3 holding one diagnostic test with plain items and limb."""
    database = environment / 'prospine.sqlite3'
    environment.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv('PROSPINE_DATABASE_URL', f'sqlite://{database}')
    use_settings(load_settings())
    older = environment.parent / 'migrations-up-to-3'
    for dialect in ('sqlite', 'postgres'):
        shutil.copytree(MIGRATIONS_ROOT / dialect, older / dialect, ignore=shutil.ignore_patterns('4_*', '5_*'))
    monkeypatch.setattr(app.db, 'MIGRATIONS_ROOT', older)
    asyncio.run(app.db.apply_migrations(f'sqlite://{database}'))
    monkeypatch.setattr(app.db, 'MIGRATIONS_ROOT', MIGRATIONS_ROOT)
    audit_key(environment, create=True)  # that release made its key at its first start
    with sqlite3.connect(database) as connection:
        connection.execute("INSERT INTO branch (name, clinic_name, address, phone, phone_alt, email, gstin, is_active, "
                           "created_at, updated_at) VALUES ('Andheri', 'ProSpine', '', '', '', '', '', 1, "
                           "'2026-11-01 10:00:00+00:00', '2026-11-01 10:00:00+00:00')")
        patient = uuid.uuid4()
        connection.execute("INSERT INTO patient (id, uid, full_name, name_key, phone, phone_digits, email, gender, "
                           "address, occupation, emergency_contact_name, emergency_contact_phone, first_branch_id, "
                           "registered_on, created_at, updated_at) VALUES (?, '261101-1', 'Meera', 'meera', '', '', "
                           "'', 'female', '', '', '', '', 1, '2026-11-01', '2026-11-01 10:00:00+00:00', "
                           "'2026-11-01 10:00:00+00:00')", (str(patient),))
        for items, limb in ((ITEMS, LIMB), ('', '')):
            connection.execute("INSERT INTO diagnostic_test (id, patient_id, kind, items, limb, referred_by, done_by, "
                               "status, created_at, updated_at) VALUES (?, ?, 'NCV', ?, ?, '', '', 'requested', "
                               "'2026-11-01 10:00:00+00:00', '2026-11-01 10:00:00+00:00')",
                               (str(uuid.uuid4()), str(patient), items, limb))
    return database


def file_bytes(database: Path) -> bytes:
    return b''.join(path.read_bytes() for path in database.parent.glob(database.name + '*'))


def test_plain_items_and_limb_of_the_previous_release_are_sealed_once(environment: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    database = previous_release_database(environment, monkeypatch)
    assert ITEMS.encode() in file_bytes(database)

    async def open_and_read() -> list[tuple]:
        await open_database(get_settings())
        try:
            return sorted((test.items or '', test.limb or '') for test in await DiagnosticTest.all())
        finally:
            await close_database()

    assert asyncio.run(open_and_read()) == [('', ''), (ITEMS, LIMB)]
    with sqlite3.connect(database) as connection:
        stored = connection.execute('SELECT items_sealed, limb_sealed FROM diagnostic_test '
                                    'WHERE items_sealed IS NOT NULL').fetchall()
        connection.execute('VACUUM')  # freed pages may still hold the old text until the file is rewritten
        sealing = connection.execute("SELECT entity_id, detail FROM audit_event WHERE entity_type = 'encryption' "
                                     'ORDER BY seq').fetchall()
    assert [tuple(value.split(':')[0] for value in row) for row in stored] == [('enc1', 'enc1')]
    assert b'CANARY-9' not in file_bytes(database)
    assert sealing == [('diagnostic_test.items_sealed', '1 plain value left by a migration encrypted'),
                       ('diagnostic_test.limb_sealed', '1 plain value left by a migration encrypted')]
    assert asyncio.run(open_and_read()) == [('', ''), (ITEMS, LIMB)]  # again: nothing more to seal
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM audit_event WHERE entity_type = 'encryption'").fetchone() \
            == (2,)


async def test_the_trail_names_items_and_limb_without_their_values(db: None) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    await make_patient('261201-1')
    view = await diagnostic_tests.add_test(actor=doctor, patient_uid='261201-1', kind='NCV', items=ITEMS, limb=LIMB)
    await diagnostic_tests.update_test(actor=doctor, test_id=view.id, kind='NCV', items='Median', limb='Left arm',
                                       referred_by='', done_by='', status='requested', results='')
    changes = [event.changes for event in await AuditEvent.filter(entity_type='diagnostic-test').order_by('seq')]
    assert changes and all('CANARY' not in text and 'Left arm' not in text and 'Median' not in text
                           for text in changes), changes
    assert all('"items": "(not recorded)"' in text for text in changes)


def test_plain_health_fields_are_named_only_in_the_trail() -> None:
    assert {'chief_complaint', 'complaint_details'} <= hidden_fields(Registration)
    assert {'score', 'answers'} <= hidden_fields(OutcomeRecord)
    assert {'items', 'limb', 'results'} <= hidden_fields(DiagnosticTest)
