"""Patients: registration with a race-safe UID, the duplicate warning, search, refusals, photos, audit."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from tortoise.backends.base.executor import EXECUTOR_CACHE

from app.audit import audit
from app.audit.verify import verify_chain
from app.clock import clock
from app.config import load_settings, use_settings
from app.db import close_database, open_database
from app.errors import PermissionDenied, ValidationFailed
from app.security.encrypted_files import health_uploads_dir
from app.services import patients
from app.services.consultations import ConsultationDetails
from app.services.patients import LikelyDuplicate, PatientDetails, PhotoUpload
from models.accounts import Role
from models.audit import AuditEvent
from models.patients import Patient, PatientDaySerial
from models.registrations import Registration
from tests.factories import actor_of, make_branch, make_user
from tests.postgres import postgres_database

PNG = b'\x89PNG\r\n\x1a\n' + b'\x00' * 64
JPEG = b'\xff\xd8\xff\xe0' + b'\x00' * 64


def meera(**changes: object) -> PatientDetails:
    values: dict[str, object] = {'full_name': 'Meera Iyer', 'phone': '98765 43210', 'gender': 'female',
                                 'date_of_birth': date(1990, 5, 17), 'occupation': 'Teacher'}
    return PatientDetails(**{**values, **changes})  # type: ignore[arg-type]


def first_visit(**changes: object) -> ConsultationDetails:
    values: dict[str, object] = {'chief_complaint': 'low-back-pain', 'consultation_type': 'in-clinic',
                                 'fee': '500', 'payment_method': 'upi', 'referral_source': 'Google'}
    return ConsultationDetails(**{**values, **changes})  # type: ignore[arg-type]


async def reception():
    return await actor_of(await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))


@pytest.fixture
async def services(db: None) -> AsyncIterator[None]:
    yield
    await audit.shutdown()
    report = await verify_chain()
    assert report.ok, report.sentence()


async def test_registering_gives_the_clinic_day_uid_and_one_audited_transaction(services: None) -> None:
    clock.freeze(datetime(2025, 3, 4, 20, 0, tzinfo=UTC))  # 01:30 on 5 March in Kolkata
    actor = await reception()
    row = await patients.register_patient(actor=actor, details=meera(), first_consultation=first_visit())
    second = await patients.register_patient(actor=actor, details=meera(full_name='Arjun Mehta',
                                                                         phone='+91 91234 56789'))
    assert (row.uid, second.uid) == ('250305-1', '250305-2')
    assert (row.phone, row.registered_on, row.first_branch) == ('+91 98765 43210', date(2025, 3, 5), 'Andheri')
    [visit] = await Registration.filter(patient_id=row.id)
    assert (visit.fee, visit.payment_method, visit.branch_id) == (Decimal('500.00'), 'upi', actor.branch_id)
    events = await AuditEvent.filter(patient_id=row.uid).order_by('seq')
    assert [(event.action, event.entity_type) for event in events] == [('create', 'patient'),
                                                                       ('create', 'registration')]
    assert events[0].entity_id == row.uid
    assert json.loads(events[0].changes)['full_name'] == {'before': None, 'after': 'Meera Iyer'}
    assert json.loads(events[1].changes)['chief_complaint'] == '(not recorded)'


async def test_a_likely_duplicate_is_pointed_out_until_confirmed(services: None) -> None:
    actor = await reception()
    first = await patients.register_patient(actor=actor, details=meera())
    with pytest.raises(LikelyDuplicate) as raised:
        await patients.register_patient(actor=actor, details=meera(full_name='meera  iyer', phone='09876543210'))
    assert [row.uid for row in raised.value.matches] == [first.uid]
    assert first.uid in raised.value.message
    assert await Patient.all().count() == 1
    assert await patients.find_duplicates(actor=actor, full_name='Meera S Iyer', phone='+919876543210')
    assert not await patients.find_duplicates(actor=actor, full_name='Rahul Iyer', phone='9876543210')
    assert not await patients.find_duplicates(actor=actor, full_name='Meera Iyer', phone='9123456789')
    again = await patients.register_patient(actor=actor, details=meera(), confirm_not_duplicate=True)
    assert again.uid != first.uid


@pytest.mark.parametrize(('changes', 'field', 'message'), [
    ({'phone': '12345'}, 'phone', 'Enter a 10-digit phone number, for example 98765 43210.'),
    ({'date_of_birth': date(2999, 1, 1)}, 'date_of_birth', 'The date of birth cannot be in the future.'),
    ({'full_name': '  '}, 'full_name', "Enter the patient's full name."),
    ({'gender': 'x'}, 'gender', 'Choose the gender (or "Prefers not to say").'),
    ({'date_of_birth': None, 'age_years': 200}, 'age_years', 'Enter an age between 0 and 120 years.'),
    ({'email': 'meera@'}, 'email', 'Enter an email address like name@example.com.'),
])
async def test_bad_details_are_refused_and_nothing_is_saved(services: None, changes: dict[str, object], field: str,
                                                            message: str) -> None:
    actor = await reception()
    with pytest.raises(ValidationFailed) as raised:
        await patients.register_patient(actor=actor, details=meera(**changes), first_consultation=first_visit())
    assert raised.value.field_errors[field] == message
    assert not await Patient.exists() and not await Registration.exists() and not await PatientDaySerial.exists()


@pytest.mark.parametrize(('visit', 'field', 'message'), [
    ({'fee': '-100'}, 'fee', 'The fee cannot be negative.'),
    ({'fee': 'abc'}, 'fee', 'Enter the fee in rupees, for example 500 or 750.50.'),
    ({'chief_complaint': 'other'}, 'complaint_details', 'Describe the complaint when it is "Other".'),
    ({'payment_method': 'bitcoin'}, 'payment_method', 'Choose the payment method from the list.'),
])
async def test_a_bad_first_consultation_saves_no_patient(services: None, visit: dict[str, object], field: str,
                                                         message: str) -> None:
    with pytest.raises(ValidationFailed) as raised:
        await patients.register_patient(actor=await reception(), details=meera(),
                                        first_consultation=first_visit(**visit))
    assert raised.value.field_errors[field] == message
    assert not await Patient.exists() and not await AuditEvent.filter(action='create').exists()


@pytest.mark.parametrize(('content', 'message'), [
    (b'%PDF-1.4' + b'\x00' * 64, '"scan.pdf" is not a JPEG, PNG or WebP photo.'),
    (JPEG + b'\x00' * (5 * 1024 * 1024), '"scan.pdf" is 5.0 MB; a photo can be at most 5 MB.'),
    (b'', '"scan.pdf" is empty. Choose a JPEG, PNG or WebP photo.'),
])
async def test_a_bad_photo_is_refused_and_nothing_is_saved(services: None, content: bytes, message: str) -> None:
    with pytest.raises(ValidationFailed) as raised:
        await patients.register_patient(actor=await reception(), details=meera(),
                                        photo=PhotoUpload(content, 'scan.pdf'))
    assert raised.value.field_errors['photo'] == message
    assert not await Patient.exists()
    assert not health_uploads_dir().exists() or not any(health_uploads_dir().rglob('*.*'))


async def test_the_photo_is_stored_encrypted_and_replaced(services: None) -> None:
    actor = await reception()
    row = await patients.register_patient(actor=actor, details=meera(), photo=PhotoUpload(PNG, 'camera.png'))
    [stored] = list((health_uploads_dir() / 'patients' / str(row.id)).iterdir())
    assert stored.name.startswith('photo-') and stored.suffix == '.png' and PNG not in stored.read_bytes()
    photo = await patients.load_photo(actor=actor, patient_id=row.id)
    assert photo == patients.Photo('image/png', PNG)
    await patients.save_photo(actor=actor, patient_id=row.id, photo=PhotoUpload(JPEG, 'tablet.jpg'))
    [replaced] = list((health_uploads_dir() / 'patients' / str(row.id)).iterdir())
    assert replaced.suffix == '.jpg'
    assert await patients.load_photo(actor=actor, patient_id=row.id) == patients.Photo('image/jpeg', JPEG)
    event = await AuditEvent.filter(action='update', patient_id=row.uid).first()
    assert event is not None and event.detail == 'New photo.'


async def test_search_by_partial_name_uid_and_phone_pages_on_the_server(services: None) -> None:
    actor = await reception()
    rows = []
    for number in range(30):
        rows.append(await patients.register_patient(
            actor=actor, details=meera(full_name=f'Patient {number:02d} Kulkarni', phone=f'98200 {number:05d}')))
    rows.append(await patients.register_patient(actor=actor, details=meera(full_name='Sunita Deshpande',
                                                                            phone='9123456789')))
    found = await patients.search_patients(actor=actor, query='kulk', per_page=25)
    assert (found.total, len(found.rows), found.page) == (30, 25, 1)
    second = await patients.search_patients(actor=actor, query='kulk', page=2, per_page=25)
    assert len(second.rows) == 5 and second.rows[-1].full_name == 'Patient 29 Kulkarni'
    assert [row.full_name for row in (await patients.search_patients(actor=actor, query='sunita desh')).rows] == \
        ['Sunita Deshpande']
    assert [row.uid for row in (await patients.search_patients(actor=actor, query=rows[3].uid)).rows] == \
        [rows[3].uid]
    assert [row.full_name for row in (await patients.search_patients(actor=actor, query='+91 91234 56789')).rows] \
        == ['Sunita Deshpande']
    assert (await patients.search_patients(actor=actor, query='00017')).rows[0].full_name == 'Patient 17 Kulkarni'
    assert (await patients.search_patients(actor=actor, query=rows[0].uid.split('-')[0] + '-')).total == 31
    newest = await patients.search_patients(actor=actor, query='')
    assert newest.total == 31 and newest.rows[0].full_name == 'Sunita Deshpande'
    await audit.flush()
    assert await AuditEvent.filter(action='view', entity_type='patient-search').count() == 8


async def test_editing_records_before_and_after(services: None) -> None:
    actor = await reception()
    row = await patients.register_patient(actor=actor, details=meera())
    updated = await patients.update_patient(actor=actor, patient_id=row.id,
                                            details=meera(phone='91234 56789', occupation='Engineer'))
    assert (updated.phone, updated.occupation) == ('+91 91234 56789', 'Engineer')
    stored = await Patient.get(id=row.id)
    assert stored.phone_digits == '9123456789'
    event = await AuditEvent.filter(action='update', patient_id=row.uid).first()
    assert event is not None
    assert json.loads(event.changes)['occupation'] == {'before': 'Teacher', 'after': 'Engineer'}


async def test_a_doctor_without_edit_rights_cannot_register_and_is_audited(services: None) -> None:
    admin = await actor_of(await make_user(Role.ADMIN))
    assert admin.can('patients.edit')
    other = await actor_of(await make_user(Role.RECEPTION))
    other = type(other)(**{**other.__dict__, 'role': Role.ADMIN})
    with pytest.raises(PermissionDenied):
        await patients.register_patient(actor=other, details=meera(), branch_id=other.branch_id + 99)
    assert await AuditEvent.filter(action='permission-denied', entity_type='patient').exists()


async def gather_registrations(count: int) -> list[str]:
    branch = await make_branch('Andheri')
    actor = await actor_of(await make_user(Role.RECEPTION, branch=branch))
    rows = await asyncio.gather(*(
        patients.register_patient(actor=actor, details=meera(full_name=f'Desk patient {number}',
                                                             phone=f'98100 {number:05d}'))
        for number in range(count)))
    return [row.uid for row in rows]


async def test_concurrent_registrations_get_distinct_uids_on_a_sqlite_file(environment: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('PROSPINE_DATABASE_URL', f'sqlite://{environment / "prospine.sqlite3"}')
    settings = load_settings()
    use_settings(settings)
    await open_database(settings)
    try:
        uids = await gather_registrations(20)
        day = uids[0].split('-')[0]
        assert sorted(uids, key=lambda uid: int(uid.split('-')[1])) == [f'{day}-{n}' for n in range(1, 21)]
        assert (await verify_chain()).ok
    finally:
        await audit.shutdown()
        await close_database()


@pytest.mark.postgres
async def test_concurrent_registrations_get_distinct_uids_on_postgresql(environment: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    async with postgres_database() as url:
        monkeypatch.setenv('PROSPINE_DATABASE_URL', url)
        settings = load_settings()
        use_settings(settings)
        EXECUTOR_CACHE.clear()  # Tortoise caches insert SQL per connection name, not per dialect
        await asyncio.create_task(open_database(settings))
        try:
            uids = await gather_registrations(20)
            assert len(set(uids)) == 20
            assert sorted(int(uid.split('-')[1]) for uid in uids) == list(range(1, 21))
            assert (await verify_chain()).ok
        finally:
            await audit.shutdown()
            await close_database()
            EXECUTOR_CACHE.clear()


def test_similar_names() -> None:
    assert patients.similar_names('meera iyer', 'meera iyre')
    assert patients.similar_names('iyer meera', 'meera iyer')
    assert patients.similar_names('meera iyer', 'meera s iyer')
    assert not patients.similar_names('meera iyer', 'rahul iyer')
    assert timedelta  # keep the import list honest


# -- the pages ----------------------------------------------------------------------------------------------------

def type_into(user, field: str, text: str) -> None:
    user.find(marker=field).clear()
    user.find(marker=field).type(text)


async def fill_meera(user) -> None:
    user.find(marker='register-patient').click()
    await user.should_see('Register a patient')
    type_into(user, 'full_name', 'Meera Iyer')
    type_into(user, 'phone', '98765 4321')
    user.find(marker='gender').elements.pop().value = 'female'


async def test_reception_registers_after_fixing_the_phone_and_a_wrong_photo(user) -> None:
    from nicegui import ui

    from tests.factories import sign_in

    await sign_in(user, await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    await user.open('/patients')
    await fill_meera(user)
    upload = user.find(ui.upload).elements.pop()
    assert upload.props['capture'] == 'environment'
    await upload.handle_uploads([ui.upload.SmallFileUpload('scan.png', 'image/png', b'%PDF-1.4 not an image')])
    await user.should_see('"scan.png" is not a JPEG, PNG or WebP photo.')
    user.find(marker='dialog-submit').click()
    await user.should_see('Enter a 10-digit phone number, for example 98765 43210.')
    assert not await Patient.exists()
    type_into(user, 'phone', '98765 43210')
    await upload.handle_uploads([ui.upload.SmallFileUpload('camera.png', 'image/png', PNG)])
    await user.should_see(marker='photo-preview')
    user.find(marker='dialog-submit').click()
    await user.should_see(marker='patient-uid')
    patient = await Patient.get(full_name='Meera Iyer')
    assert patient.photo_file and patient.phone == '+91 98765 43210'
    user.find(marker='section-details').click()
    await user.should_see(marker='patient-photo')


async def test_a_walk_in_is_registered_with_the_first_consultation_in_one_step(user) -> None:
    from tests.factories import sign_in

    await sign_in(user, await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    await user.open('/patients')
    await fill_meera(user)
    type_into(user, 'phone', '98765 43210')
    user.find(marker='book-first').elements.pop().value = True
    user.find(marker='chief_complaint').elements.pop().value = 'low-back-pain'
    user.find(marker='fee').elements.pop().value = -500
    user.find(marker='payment_method').elements.pop().value = 'upi'
    type_into(user, 'referral_source', 'Google')
    user.find(marker='dialog-submit').click()
    await user.should_see('The fee cannot be negative.')
    assert not await Patient.exists() and not await Registration.exists()
    user.find(marker='fee').elements.pop().value = 800
    user.find(marker='dialog-submit').click()
    await user.should_see(marker='patient-uid')
    visit = await Registration.get(patient__full_name='Meera Iyer')
    assert (visit.chief_complaint, visit.fee, visit.payment_method, visit.referral_source) == (
        'low-back-pain', Decimal('800.00'), 'upi', 'Google')


async def test_the_duplicate_warning_needs_register_anyway(user) -> None:
    from tests.factories import sign_in

    desk = await make_user(Role.RECEPTION, branch=await make_branch('Andheri'))
    first = await patients.register_patient(actor=await actor_of(desk), details=meera())
    await sign_in(user, desk)
    await user.open('/patients')
    await fill_meera(user)
    type_into(user, 'phone', '+91 98765 43210')
    user.find(marker='dialog-submit').click()
    await user.should_see(marker='duplicate-warning')
    [box] = user.find(marker='duplicate-box').elements
    assert box.parent_slot.children[0] is box  # the first thing in the dialog, where the eye is
    await user.should_see(f'Meera Iyer · {first.uid} · +91 98765 43210')
    assert await Patient.all().count() == 1
    user.find(marker='register-anyway').click()
    await user.should_see(marker='patient-uid')
    assert await Patient.all().count() == 2


async def test_search_pages_on_the_server_and_opens_a_record(user) -> None:
    from nicegui import ui

    from tests.factories import sign_in

    desk = await make_user(Role.RECEPTION, branch=await make_branch('Andheri'))
    actor = await actor_of(desk)
    for number in range(30):
        await patients.register_patient(actor=actor, details=meera(full_name=f'Ravi {number:02d} Patil',
                                                                   phone=f'98200 {number:05d}'))
    await sign_in(user, desk)
    await user.open('/patients')
    await user.should_see('30 patients')
    table = user.find(marker='patients').elements.pop()
    assert isinstance(table, ui.table) and len(table.rows) == 25
    type_into(user, 'patient-search', 'ravi 07')
    user.find(marker='search').click()
    await user.should_see('1 patient')
    assert [row['full_name'] for row in table.rows] == ['Ravi 07 Patil']
    assert table.pagination['rowsNumber'] == 1  # paged on the server
    uid = table.rows[0]['uid']
    user.find(marker='patients').trigger('rowClick', [{}, {'uid': uid}, 0])
    await user.should_see(f'UID {uid}')
    await user.should_see(marker='section-consultations')


async def test_doctor_edits_details_and_the_change_is_audited(user) -> None:
    from tests.factories import sign_in

    doctor = await make_user(Role.DOCTOR, branch=await make_branch('Andheri'))
    row = await patients.register_patient(actor=await actor_of(doctor), details=meera())
    await sign_in(user, doctor)
    await user.open(f'/patients/{row.uid}?part=details')
    user.find(marker='edit-patient').click()
    await user.should_see(f'Edit {row.full_name}')
    type_into(user, 'date_of_birth', '2999-01-01')
    user.find(marker='dialog-submit').click()
    await user.should_see('The date of birth cannot be in the future.')
    type_into(user, 'date_of_birth', '1991-02-03')
    type_into(user, 'occupation', 'Architect')
    user.find(marker='dialog-submit').click()
    await user.should_see('The patient details have been saved.')
    await user.should_see('Architect')
    stored = await Patient.get(id=row.id)
    assert (stored.date_of_birth, stored.occupation) == (date(1991, 2, 3), 'Architect')
    assert await AuditEvent.filter(action='update', entity_type='patient', patient_id=row.uid).exists()



@pytest.mark.parametrize('element_marker', ['age_years', 'fee'])
async def test_number_fields_never_clamp_what_was_typed(user, element_marker: str) -> None:
    """A min/max number field turns 250 into 120 and -500 into 0 when it loses focus, unseen: none has one."""
    from tests.factories import sign_in

    await sign_in(user, await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    await user.open('/patients')
    user.find(marker='register-patient').click()
    await user.should_see('Register a patient')
    user.find(marker='book-first').click()  # the fee is asked for with the first consultation
    await user.should_see(marker=element_marker)
    for element in user.find(marker=element_marker).elements:
        assert 'min' not in element.props and 'max' not in element.props, element.props
