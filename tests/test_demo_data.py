"""`prospine demo-data`: an empty database filled with a demo clinic the app can read, with an intact audit trail."""

from __future__ import annotations

import re
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.auth.actor import Actor
from app.clock import clock
from app.config import get_settings, load_settings, use_settings
from app.db import close_database, open_database
from app.demo import texts
from app.services.patients import PatientDetails, register_patient
from models.accounts import Role, User
from models.clinical import ClinicalNote, MedicalHistory
from models.outcomes import OutcomeRecord
from models.registrations import Registration
from models.scheduling import Appointment, WaitlistEntry
from tests.test_cli import cli_env, prospine, query

TODAY = '2026-11-20'  # the reference day, fixed so that two runs on either side of midnight still agree
NOW_UTC = f'{TODAY} 06:00'  # where the reference day stops: 11:30 in the clinic (Asia/Kolkata)
SMALL_PATIENTS = 240
HOLDING = "('booked', 'confirmed', 'arrived', 'in-session', 'completed')"
ZONE = ZoneInfo('Asia/Kolkata')


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


def overlapping(data_dir: Path, whose: str) -> int:
    """Pairs of time-holding appointments of one clinician (or patient) that overlap: what PostgreSQL refuses."""
    return query(database(data_dir), f'''
        SELECT COUNT(*) FROM appointment a JOIN appointment b ON a.{whose} = b.{whose} AND a.id < b.id
         AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
        WHERE a.status IN {HOLDING} AND b.status IN {HOLDING}''')[0][0]


def copy_of(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / 'copy'
    shutil.copytree(source, target)
    return target


def test_small_fills_every_part_of_the_clinic(small: Path) -> None:
    assert count(small, 'branch') == 2
    assert {row[0] for row in query(database(small), 'SELECT role FROM user_account')} == {role.value for role in Role}
    assert count(small, 'patient') == SMALL_PATIENTS
    for table in ('registration', 'medical_history', 'diagnosis', 'diagnostic_test', 'outcome_record',
                  'treatment_plan', 'plan_revision', 'user_session', 'opening_hours', 'working_hours'):
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
    assert count(small, 'audit_event', "detail = 'Added to the waitlist'") == count(small, 'waitlist_entry')
    times = [row[0] for row in query(database(small), 'SELECT occurred_at FROM audit_event ORDER BY seq')]
    assert times == sorted(times) and len(set(times)) == len(times)
    assert f'{TODAY} 00:00' < times[-1] < NOW_UTC  # the reference day runs up to its morning


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
    for table, columns in (
            ('appointment', 'id, branch_id, patient_id, clinician_id, service, starts_at, ends_at, status, '
                            'cancel_reason, plan_id, session_number, rescheduled_to_id, arrived_at, token_serial, '
                            'reminded_at, created_by_id, created_at, updated_at'),
            ('waitlist_entry', 'id, patient_id, clinician_id, weekdays, earliest_minute, latest_minute, first_day, '
                               'last_day, urgency, status, appointment_id, created_at'),
            ('closure', 'id, branch_id, clinician_id, first_day, last_day, reason, created_by_id, created_at'),
            ('opening_hours', 'branch_id, weekday, opens_minute, closes_minute'),
            ('working_hours', 'clinician_id, branch_id, weekday, starts_minute, ends_minute'),
            ('invoice', 'id, number, patient_id, kind, status, total, paid, credited, issued_at, credit_of_id'),
            ('invoice_line', 'id, invoice_id, position, description, amount, appointment_id, registration_id'),
            ('payment', 'id, number, patient_id, kind, amount, allocated, mode, reference, received_at'),
            ('payment_allocation', 'id, payment_id, invoice_id, amount'),
            ('expense', 'id, number, branch_id, amount, status, created_at'),
            ('document_serial', 'branch_id, series, financial_year, serial')):
        rows = f'SELECT {columns} FROM {table} ORDER BY 1, 2, 3'
        assert query(database(again), rows) == query(database(small), rows), table
        assert query(database(other), rows) != query(database(small), rows) or table.endswith('hours'), table
    events = 'SELECT seq, occurred_at, action, entity_type, entity_id, changes FROM audit_event ORDER BY seq'
    assert query(database(again), events) == query(database(small), events)


def test_a_database_with_patients_is_refused_and_left_unchanged(small: Path) -> None:
    events, patients = count(small, 'audit_event'), count(small, 'patient')
    result = demo(small, '--scale', 'small')
    assert result.returncode == 1
    assert f'already has {SMALL_PATIENTS} patients' in result.stderr and '--force' in result.stderr
    assert (count(small, 'audit_event'), count(small, 'patient')) == (events, patients)


def test_force_adds_a_second_clinic_history_and_reuses_the_staff(small: Path, tmp_path: Path) -> None:
    data_dir = copy_of(small, tmp_path)
    result = demo(data_dir, '--scale', 'small', '--force', '--seed', '9')
    assert result.returncode == 0, result.stderr
    assert count(data_dir, 'patient') == 2 * SMALL_PATIENTS
    assert count(data_dir, 'user_account') == count(small, 'user_account')
    assert count(data_dir, 'branch') == 2
    assert query(database(data_dir), 'SELECT COUNT(DISTINCT uid) FROM patient') == [(2 * SMALL_PATIENTS,)]
    assert count(data_dir, 'opening_hours') == count(small, 'opening_hours')  # the hours and holidays are kept
    assert count(data_dir, 'closure', 'clinician_id IS NULL') == count(small, 'closure', 'clinician_id IS NULL')
    assert count(data_dir, 'appointment') > count(small, 'appointment')
    assert overlapping(data_dir, 'clinician_id') == overlapping(data_dir, 'patient_id') == 0
    assert prospine('audit', 'verify', env=cli_env(data_dir)).returncode == 0


def test_no_clinician_or_patient_is_booked_twice_at_once(small: Path) -> None:
    assert count(small, 'appointment', f'status IN {HOLDING}') > 2000
    assert overlapping(small, 'clinician_id') == 0
    assert overlapping(small, 'patient_id') == 0


def test_appointments_keep_to_the_hours_and_miss_the_holidays_and_leave(small: Path) -> None:
    db = database(small)
    opening: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for branch_id, weekday, opens, closes in query(db, 'SELECT branch_id, weekday, opens_minute, closes_minute '
                                                       'FROM opening_hours'):
        opening.setdefault((branch_id, weekday), []).append((opens, closes))
    shifts: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for clinician_id, weekday, starts, ends in query(db, 'SELECT clinician_id, weekday, starts_minute, ends_minute '
                                                         'FROM working_hours'):
        shifts.setdefault((clinician_id, weekday), []).append((starts, ends))
    with_shifts = {clinician_id for clinician_id, _ in shifts}
    closures = query(db, 'SELECT branch_id, clinician_id, first_day, last_day FROM closure')
    assert {reason for (reason,) in query(db, 'SELECT reason FROM closure WHERE branch_id IS NULL')} >= {
        'Deepavali', 'Christmas'}
    assert count(small, 'closure', 'clinician_id IS NOT NULL') > 0
    rows = query(db, 'SELECT branch_id, clinician_id, starts_at, ends_at FROM appointment')
    for branch_id, clinician_id, starts_at, ends_at in rows:
        starts = datetime.fromisoformat(starts_at).astimezone(ZONE)
        ends = datetime.fromisoformat(ends_at).astimezone(ZONE)
        day, weekday = starts.date().isoformat(), starts.weekday()
        span = (starts.hour * 60 + starts.minute, ends.hour * 60 + ends.minute)
        assert starts.date() == ends.date() and span[0] < span[1], starts_at
        assert any(opens <= span[0] and span[1] <= closes for opens, closes in opening[(branch_id, weekday)])
        if clinician_id in with_shifts:
            assert any(first <= span[0] and span[1] <= last for first, last in shifts.get((clinician_id, weekday), []))
        for closed_branch, closed_clinician, first_day, last_day in closures:
            if closed_branch in (None, branch_id) and closed_clinician in (None, clinician_id):
                assert not first_day <= day <= last_day, (starts_at, first_day)


def test_statuses_are_a_real_clinics_and_plan_sessions_are_numbered(small: Path) -> None:
    db = database(small)
    statuses = dict(query(db, f"SELECT status, COUNT(*) FROM appointment WHERE starts_at < '{TODAY}' GROUP BY 1"))
    assert set(statuses) == {'completed', 'no-show', 'cancelled', 'rescheduled'}, statuses
    past = sum(statuses.values())
    assert statuses['completed'] > 0.8 * past
    assert 0.02 * past < statuses['no-show'] < 0.09 * past and 0.02 * past < statuses['cancelled'] < 0.09 * past
    assert count(small, 'appointment', "status = 'cancelled' AND cancel_reason = ''") == 0
    later = {status for (status,) in query(db, f"SELECT DISTINCT status FROM appointment "
                                               f"WHERE starts_at > '{NOW_UTC}'")}
    assert {'booked', 'confirmed'} <= later <= {'booked', 'confirmed', 'cancelled', 'rescheduled', 'arrived'}
    today = {status for (status,) in query(db, "SELECT DISTINCT status FROM appointment WHERE starts_at >= "
                                               "'2026-11-19 18:30' AND starts_at < '2026-11-20 18:30'")}
    assert today >= {'arrived', 'in-session', 'completed', 'booked'}
    assert query(db, 'SELECT COUNT(*) FROM appointment a LEFT JOIN appointment b ON b.id = a.rescheduled_to_id '
                     "WHERE a.status = 'rescheduled' AND (b.id IS NULL OR b.patient_id != a.patient_id "
                     'OR b.session_number IS NOT a.session_number)') == [(0,)]
    numbers = query(db, "SELECT p.id, p.clinician_id, p.days, a.clinician_id, a.session_number FROM treatment_plan p "
                        "JOIN appointment a ON a.plan_id = p.id WHERE a.status != 'rescheduled' AND p.days < 26")
    sessions: dict[str, list[int]] = {}
    for plan_id, plan_clinician, _, clinician_id, number in numbers:
        assert clinician_id == plan_clinician
        sessions.setdefault(plan_id, []).append(number)
    days = {plan_id: plan_days for plan_id, _, plan_days, _, _ in numbers}
    assert sessions and all(sorted(found) == list(range(1, days[plan_id] + 1)) for plan_id, found in sessions.items())


def test_arrivals_take_the_days_tokens_in_order(small: Path) -> None:
    rows = query(database(small), 'SELECT branch_id, starts_at, arrived_at, token_serial, status FROM appointment '
                                  'WHERE arrived_at IS NOT NULL OR token_serial IS NOT NULL ORDER BY arrived_at')
    tokens: dict[tuple[int, str], list[int]] = {}
    for branch_id, starts_at, arrived_at, token, status in rows:
        assert arrived_at is not None and token is not None and status in ('arrived', 'in-session', 'completed')
        tokens.setdefault((branch_id, datetime.fromisoformat(starts_at).astimezone(ZONE).date().isoformat()),
                          []).append(token)
    assert tokens and all(found == list(range(1, len(found) + 1)) for found in tokens.values())
    assert all(day <= TODAY for _, day in tokens)


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
        for model, column, words in ((Appointment, 'notes', texts.BOOKING_NOTES),
                                     (Appointment, 'remarks', texts.VISIT_REMARKS),
                                     (WaitlistEntry, 'notes', texts.WAITLIST_NOTES)):
            stored = query(database(data_dir), f'SELECT id, {column} FROM {model._meta.db_table} '
                                               f'WHERE {column} IS NOT NULL LIMIT 1')[0]
            assert stored[1].startswith('enc1:'), (model, column)
            assert getattr(await model.get(id=stored[0]), column) in words, (model, column)

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
    holidays = query(database(data_dir), 'SELECT first_day, last_day FROM closure WHERE branch_id IS NULL')
    history = [date.fromisoformat(TODAY) - timedelta(days=n) for n in range(1, 91)]
    visits = sum(1 for day in history if day.weekday() != 6 and not any(  # one a working day (fewer than 500)
        first <= day.isoformat() <= last for first, last in holidays))
    assert count(data_dir, 'registration', f"patient_id = '{patient_id}'") == visits
    assert count(data_dir, 'clinical_note', f"patient_id = '{patient_id}' AND status = 'signed'") == visits
    assert count(data_dir, 'outcome_record', f"patient_id = '{patient_id}'") == visits
    assert prospine('audit', 'verify', env=cli_env(data_dir)).returncode == 0
