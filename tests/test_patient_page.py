"""The patient page: opening a record is audited, sections follow the role, unknown UIDs get a sentence."""

from __future__ import annotations

from datetime import date

from nicegui.testing import User

from app.audit import audit
from models.accounts import Role
from models.audit import AuditEvent
from models.patients import Gender, Patient
from tests.factories import make_branch, make_user, sign_in
from tests.waiting import eventually


async def make_record(uid: str = '250101-1', name: str = 'Meera Iyer') -> Patient:
    branch = await make_branch('Andheri')
    return await Patient.create(uid=uid, full_name=name, name_key=name.lower(), phone='+91 98765 43210',
                                phone_digits='9876543210', gender=Gender.FEMALE, first_branch=branch,
                                registered_on=date(2025, 1, 1))


async def test_opening_a_patient_is_audited_and_shown_in_who_accessed(user: User) -> None:
    patient = await make_record()
    doctor = await make_user(Role.DOCTOR, username='ravi')
    await sign_in(user, doctor)
    await user.open(f'/patients/{patient.uid}')
    await user.should_see(f'UID {patient.uid}')
    await audit.flush()
    await eventually(lambda: AuditEvent.filter(action='view', patient_id=patient.uid).exists(), what='the view event')
    [opened] = await AuditEvent.filter(action='view', patient_id=patient.uid, entity_type='patient')
    assert (opened.username, opened.entity_type, opened.entity_id) == ('ravi', 'patient', patient.uid)

    await user.open(f'/patients/{patient.uid}?part=access')  # the second visit lists the first
    await user.should_see(marker='access-log')
    rows = user.find(marker='access-log').elements.pop().rows
    assert rows and rows[-1]['user'] == 'ravi (doctor)' and rows[-1]['action'] == 'viewed'
    # one visit, the parts it read: the header's plans and allergies, and the notes the doctor opens on
    assert rows[-1]['record'] == 'details, plans, history, notes'


async def test_reception_does_not_get_the_access_log(user: User) -> None:
    patient = await make_record()
    await sign_in(user, await make_user(Role.RECEPTION))
    await user.open(f'/patients/{patient.uid}')
    await user.should_see(f'UID {patient.uid}')
    await user.should_not_see(marker='section-access')


async def test_an_unknown_uid_is_explained(user: User) -> None:
    await sign_in(user, await make_user(Role.RECEPTION))
    response = await user.http_client.get('/patients/991231-9')
    assert response.status_code == 404 and 'No patient has that UID.' in response.text
