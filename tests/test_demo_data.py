"""`prospine demo-data`: an empty database filled with a demo clinic the app can read, with an intact audit trail."""

from __future__ import annotations

import re
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from app.auth.actor import Actor
from app.clock import clock
from app.config import get_settings, load_settings, use_settings
from app.db import close_database, open_database
from app.services.patients import PatientDetails, register_patient
from models.accounts import Role, User
from models.clinical import ClinicalNote, MedicalHistory
from models.outcomes import OutcomeRecord
from models.registrations import Registration
from tests.test_cli import cli_env, prospine, query

TODAY = '2026-11-20'  # the reference day, fixed so that two runs on either side of midnight still agree


def demo(data_dir: Path, *args: str):
    return prospine('demo-data', '--today', TODAY, *args, env=cli_env(data_dir))


def database(data_dir: Path) -> Path:
    return data_dir / 'prospine.sqlite3'


def count(data_dir: Path, table: str, where: str = '1 = 1') -> int:
    return query(database(data_dir), f'SELECT COUNT(*) FROM {table} WHERE {where}')[0][0]


@pytest.fixture(scope='module')
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One small demo clinic for the tests that only read it (the others copy it)."""
    data_dir = tmp_path_factory.mktemp('demo') / 'data'
    result = demo(data_dir, '--scale', 'small', '--seed', '7')
    assert result.returncode == 0, result.stderr
    assert 'demo-clinic-2026' in result.stdout and 'DEMO ONLY' in result.stdout
    return data_dir


def copy_of(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / 'copy'
    shutil.copytree(source, target)
    return target


def test_small_fills_every_part_of_the_clinic(small: Path) -> None:
    assert count(small, 'branch') == 2
    assert {row[0] for row in query(database(small), 'SELECT role FROM user_account')} == {role.value for role in Role}
    assert count(small, 'patient') == 40
    for table in ('registration', 'medical_history', 'diagnosis', 'diagnostic_test', 'outcome_record',
                  'treatment_plan', 'plan_revision', 'user_session'):
        assert count(small, table) > 0, table
    assert count(small, 'clinical_note', "status = 'signed'") > 0
    assert count(small, 'clinical_note', "status = 'draft'") + count(small, 'clinical_note',
                                                                      "status = 'awaiting-cosign'") > 0
    assert {row[0] for row in query(database(small), 'SELECT DISTINCT kind FROM inquiry')} == {'quick', 'test',
                                                                                               'online'}
    assert {row[0] for row in query(database(small), 'SELECT DISTINCT status FROM inquiry')} == {
        'pending', 'visited', 'cancelled'}
    assert {row[0] for row in query(database(small), 'SELECT DISTINCT instrument FROM outcome_record')} >= {'nprs'}
    phones = [row[0] for row in query(database(small), 'SELECT phone FROM patient')]
    assert all(re.fullmatch(r'\+91 [6-9]\d{4} \d{5}', phone) for phone in phones), phones[:5]
    uids = [row[0] for row in query(database(small), 'SELECT uid FROM patient')]
    assert all(re.fullmatch(r'\d{6}-\d+', uid) for uid in uids)


def test_every_record_has_its_create_event_and_times_increase_along_the_chain(small: Path) -> None:
    events = dict(query(database(small), "SELECT entity_type, COUNT(*) FROM audit_event WHERE action = 'create' "
                                         'GROUP BY entity_type'))
    for table, entity in (('patient', 'patient'), ('registration', 'registration'), ('inquiry', 'inquiry'),
                          ('clinical_note', 'clinical-note'), ('outcome_record', 'outcome'),
                          ('treatment_plan', 'treatment-plan'), ('diagnosis', 'diagnosis'),
                          ('diagnostic_test', 'diagnostic-test'), ('medical_history', 'medical-history')):
        assert events.get(entity) == count(small, table), entity
    assert count(small, 'audit_event', "action = 'login'") == count(small, 'user_session')
    assert count(small, 'audit_event', "action = 'view'") > 0
    times = [row[0] for row in query(database(small), 'SELECT occurred_at FROM audit_event ORDER BY seq')]
    assert times == sorted(times) and len(set(times)) == len(times)
    assert times[-1] < f'{TODAY} 00:00'  # the history ends before the reference day


def test_the_audit_trail_verifies_after_demo_data(small: Path) -> None:
    result = prospine('audit', 'verify', env=cli_env(small))
    assert result.returncode == 0, result.stderr
    assert f'{count(small, "audit_event"):,} events checked' in result.stdout


def test_the_same_seed_gives_the_same_clinic_and_another_seed_another(small: Path, tmp_path: Path) -> None:
    again, other = tmp_path / 'again', tmp_path / 'other'
    assert demo(again, '--scale', 'small', '--seed', '7').returncode == 0
    assert demo(other, '--scale', 'small', '--seed', '8').returncode == 0
    patients = 'SELECT uid, full_name, phone, address FROM patient ORDER BY uid'
    assert query(database(again), patients) == query(database(small), patients)
    assert query(database(other), patients) != query(database(small), patients)


def test_a_database_with_patients_is_refused_and_left_unchanged(small: Path) -> None:
    events, patients = count(small, 'audit_event'), count(small, 'patient')
    result = demo(small, '--scale', 'small')
    assert result.returncode == 1
    assert 'already has 40 patients' in result.stderr and '--force' in result.stderr
    assert (count(small, 'audit_event'), count(small, 'patient')) == (events, patients)


def test_force_adds_a_second_clinic_history_and_reuses_the_staff(small: Path, tmp_path: Path) -> None:
    data_dir = copy_of(small, tmp_path)
    result = demo(data_dir, '--scale', 'small', '--force', '--seed', '9')
    assert result.returncode == 0, result.stderr
    assert count(data_dir, 'patient') == 80
    assert count(data_dir, 'user_account') == count(small, 'user_account')
    assert count(data_dir, 'branch') == 2
    assert query(database(data_dir), 'SELECT COUNT(DISTINCT uid) FROM patient') == [(80,)]
    assert prospine('audit', 'verify', env=cli_env(data_dir)).returncode == 0


@asynccontextmanager
async def opened(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[None]:
    """The demo database opened in this process, as the app opens it."""
    monkeypatch.setenv('PROSPINE_DATA_DIR', str(data_dir))
    monkeypatch.setenv('PROSPINE_DATABASE_URL', f'sqlite://{database(data_dir)}')
    use_settings(load_settings())
    await open_database(get_settings(), migrate=False)
    try:
        yield
    finally:
        await close_database()


async def test_the_app_reads_the_encrypted_fields_and_registers_after_the_demo(
        small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = copy_of(small, tmp_path)
    stored = query(database(data_dir), 'SELECT subjective FROM clinical_note LIMIT 1')[0][0]
    assert stored.startswith('enc1:')
    async with opened(data_dir, monkeypatch):
        note = await ClinicalNote.filter(version=1).first()
        assert note is not None and (note.subjective or '').startswith(('Chief complaint', 'Since last', 'Concerns'))
        history = await MedicalHistory.first()
        assert history is not None and history.conditions and not history.conditions.startswith('enc1:')
        registration = await Registration.exclude(complaint_details=None).first()
        assert registration is not None and not (registration.complaint_details or '').startswith('enc1:')
        record = await OutcomeRecord.first()
        assert record is not None and record.answers.startswith(('[', *'0123456789'))

        # A desk registers a patient on the busiest demo day: the UID takes that day's next serial.
        busiest, serial = query(database(data_dir), 'SELECT day, serial FROM patient_day_serial '
                                                    'ORDER BY serial DESC, day LIMIT 1')[0]
        day = date.fromisoformat(busiest)
        clock.freeze(datetime.combine(day, time(12), tzinfo=get_settings().tz) + timedelta(hours=1))
        desk = await User.filter(role=Role.RECEPTION).select_related('branch').first()
        assert desk is not None
        actor = Actor(user_id=desk.id, username=desk.username, full_name=desk.full_name, role=desk.role,
                      branch_id=desk.branch_id, branch_name=desk.branch.name)
        patient = await register_patient(actor=actor, details=PatientDetails(
            full_name='Test Patient After Demo', phone='98450 11111', gender='female'), confirm_not_duplicate=True)
        assert patient.uid == f'{day:%y%m%d}-{serial + 1}'


def test_the_large_scale_at_a_reduced_size_keeps_the_long_standing_patient(tmp_path: Path) -> None:
    data_dir = tmp_path / 'large'
    result = demo(data_dir, '--scale', 'large', '--patients', '150', '--days', '90')
    assert result.returncode == 0, result.stderr
    assert re.search(r'^patients 150/150, audit events [\d,]+$', result.stderr, re.MULTILINE), result.stderr
    assert count(data_dir, 'patient') == 150
    long_standing = query(database(data_dir), "SELECT id FROM patient WHERE full_name = 'Venkataraman Subramanian'")
    assert len(long_standing) == 1
    patient_id = long_standing[0][0]
    visits = 90 * 6 // 7  # one a working day when the history is shorter than 500 of them
    assert count(data_dir, 'registration', f"patient_id = '{patient_id}'") == visits
    assert count(data_dir, 'clinical_note', f"patient_id = '{patient_id}' AND status = 'signed'") == visits
    assert count(data_dir, 'outcome_record', f"patient_id = '{patient_id}'") == visits
    assert prospine('audit', 'verify', env=cli_env(data_dir)).returncode == 0
