"""Consultations: reception books and cancels, only clinicians write and read the doctor's notes."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal

import pytest
from nicegui import ui
from nicegui.testing import User

from app.audit import audit
from app.audit.verify import verify_chain
from app.errors import DomainError, PermissionDenied, ValidationFailed
from app.services import consultations, patients
from app.services.consultations import ConsultationDetails
from app.services.patients import PatientDetails
from models.accounts import Role
from models.audit import AuditEvent
from models.registrations import Registration
from tests.factories import actor_of, make_branch, make_user, sign_in

MEERA = PatientDetails(full_name='Meera Iyer', phone='98765 43210', gender='female', date_of_birth=date(1990, 5, 17))


def visit(**changes: object) -> ConsultationDetails:
    values: dict[str, object] = {'chief_complaint': 'neck-pain', 'consultation_type': 'in-clinic', 'fee': '600',
                                 'payment_method': 'cash'}
    return ConsultationDetails(**{**values, **changes})  # type: ignore[arg-type]


@pytest.fixture
async def services(db: None) -> AsyncIterator[None]:
    yield
    await audit.shutdown()
    report = await verify_chain()
    assert report.ok, report.sentence()


async def test_reception_books_but_cannot_write_or_read_notes(services: None) -> None:
    branch = await make_branch('Andheri')
    desk = await actor_of(await make_user(Role.RECEPTION, branch=branch))
    doctor = await actor_of(await make_user(Role.DOCTOR, branch=branch))
    patient = await patients.register_patient(actor=desk, details=MEERA)
    with pytest.raises(PermissionDenied):
        await consultations.create_consultation(actor=desk, patient_id=patient.id,
                                                details=visit(doctor_notes='Spasm C5-C6'))
    assert not await Registration.exists()
    row = await consultations.create_consultation(actor=desk, patient_id=patient.id, details=visit())
    assert row.doctor_notes is None and row.fee == Decimal('600.00')
    await consultations.update_consultation(actor=doctor, registration_id=row.id,
                                            details=visit(doctor_notes='Spasm C5-C6', prescription='Heat, rest'))
    [seen] = (await consultations.list_consultations(actor=doctor, patient_id=patient.id)).rows
    assert (seen.doctor_notes, seen.prescription) == ('Spasm C5-C6', 'Heat, rest')
    [hidden] = (await consultations.list_consultations(actor=desk, patient_id=patient.id)).rows
    assert (hidden.doctor_notes, hidden.prescription) == (None, None)
    # reception edits the fee; the notes stay as the doctor wrote them
    await consultations.update_consultation(actor=desk, registration_id=row.id, details=visit(fee='700.50'))
    stored = await Registration.get(id=row.id)
    assert (stored.fee, stored.doctor_notes) == (Decimal('700.50'), 'Spasm C5-C6')
    event = await AuditEvent.filter(entity_type='registration', action='update').order_by('seq').first()
    assert event is not None and event.patient_id == patient.uid
    assert json.loads(event.changes)['doctor_notes'] == '(not recorded)'
    assert 'Spasm' not in event.changes


async def test_cancel_with_refund_and_status_changes(services: None) -> None:
    desk = await actor_of(await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    patient = await patients.register_patient(actor=desk, details=MEERA, first_consultation=visit())
    [row] = (await consultations.list_consultations(actor=desk, patient_id=patient.id)).rows
    consulted = await consultations.set_status(actor=desk, registration_id=row.id, status='consulted')
    assert consulted.status == 'consulted'
    with pytest.raises(ValidationFailed) as raised:
        await consultations.cancel_consultation(actor=desk, registration_id=row.id, reason=' ')
    assert raised.value.field_errors == {'cancellation_reason': 'Enter the reason for cancelling.'}
    with pytest.raises(DomainError, match='Only a cancelled consultation'):
        await consultations.set_refund_status(actor=desk, registration_id=row.id, refund_status='refunded')
    cancelled = await consultations.cancel_consultation(actor=desk, registration_id=row.id,
                                                        reason='Patient travelling', refund_status='pending')
    assert cancelled.is_cancelled and cancelled.refund_status == 'pending'
    refunded = await consultations.set_refund_status(actor=desk, registration_id=row.id, refund_status='refunded')
    assert refunded.refund_status == 'refunded'
    with pytest.raises(DomainError, match='already cancelled'):
        await consultations.cancel_consultation(actor=desk, registration_id=row.id, reason='Again')
    assert await AuditEvent.filter(entity_type='registration', action='update', patient_id=patient.uid).count() == 3


async def test_another_branch_cannot_change_a_consultation(services: None) -> None:
    desk = await actor_of(await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    other = await actor_of(await make_user(Role.RECEPTION, branch=await make_branch('Bandra')))
    patient = await patients.register_patient(actor=desk, details=MEERA, first_consultation=visit())
    # records are the clinic's, not a branch's
    [row] = (await consultations.list_consultations(actor=other, patient_id=patient.id)).rows
    with pytest.raises(PermissionDenied):
        await consultations.set_status(actor=other, registration_id=row.id, status='closed')
    denied = await AuditEvent.get(action='permission-denied')
    assert (denied.entity_type, denied.entity_id) == ('registration', str(row.id))


async def test_follow_up_before_the_visit_is_refused(services: None) -> None:
    desk = await actor_of(await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    patient = await patients.register_patient(actor=desk, details=MEERA)
    with pytest.raises(ValidationFailed) as raised:
        await consultations.create_consultation(actor=desk, patient_id=patient.id,
                                                details=visit(follow_up_date=date(2000, 1, 1)))
    assert raised.value.field_errors == {'follow_up_date': 'The follow-up date cannot be before the visit.'}


# -- the patient page's consultations section ---------------------------------------------------------------------

async def registered_patient() -> tuple[patients.PatientRow, object]:
    branch = await make_branch('Andheri')
    desk_user = await make_user(Role.RECEPTION, branch=branch)
    desk = await actor_of(desk_user)
    row = await patients.register_patient(actor=desk, details=MEERA, first_consultation=visit())
    doctor = await actor_of(await make_user(Role.DOCTOR, branch=branch, username='drravi'))
    [booked] = (await consultations.list_consultations(actor=desk, patient_id=row.id)).rows
    await consultations.update_consultation(actor=doctor, registration_id=booked.id,
                                            details=visit(doctor_notes='Cervical spondylosis', prescription='Rest'))
    return row, desk_user


async def test_reception_sees_the_visit_but_never_the_doctors_notes(user: User) -> None:
    row, desk_user = await registered_patient()
    await sign_in(user, desk_user)
    await user.open(f'/patients/{row.uid}')
    await user.should_see(marker='consultations')
    table = user.find(marker='consultations').elements.pop()
    assert isinstance(table, ui.table)
    assert [r['fee'] for r in table.rows] == ['₹600.00']
    assert not any(column['name'] in {'doctor_notes', 'prescription'} for column in table.columns)
    assert 'Cervical' not in json.dumps(table.rows)
    await user.should_not_see('Cervical spondylosis')


async def test_the_doctor_sees_the_notes(user: User) -> None:
    row, _ = await registered_patient()
    await sign_in(user, await make_user(Role.DOCTOR, branch=await make_branch('Bandra')))
    await user.open(f'/patients/{row.uid}?part=consultations')
    await user.should_see(marker='consultations')
    table = user.find(marker='consultations').elements.pop()
    assert table.rows[0]['doctor_notes'] == 'Cervical spondylosis'


async def test_reception_adds_and_cancels_a_consultation_on_the_page(user: User) -> None:
    row, desk_user = await registered_patient()
    await sign_in(user, desk_user)
    await user.open(f'/patients/{row.uid}')
    user.find(marker='add-consultation').click()
    await user.should_see('New consultation')
    user.find(marker='fee').clear().type('-5')
    user.find(marker='dialog-submit').click()
    await user.should_see('The fee cannot be negative.')
    assert await Registration.filter(patient_id=row.id).count() == 1
    user.find(marker='chief_complaint').elements.pop().value = 'radiating-pain'
    user.find(marker='fee').clear().type('450')
    user.find(marker='dialog-submit').click()
    await user.should_see('The consultation has been saved.')
    added = await Registration.get(patient_id=row.id, fee=Decimal('450'))
    assert added.chief_complaint == 'radiating-pain'

    table = user.find(marker='consultations').elements.pop()
    table.selected = [next(r for r in table.rows if r['id'] == str(added.id))]
    user.find(marker='cancel-consultation').click()
    await user.should_see('Cancel this consultation')
    user.find(marker='dialog-submit').click()
    await user.should_see('Enter the reason for cancelling.')
    user.find(marker='cancellation_reason').type('Patient travelling')
    user.find(marker='refund_status').elements.pop().value = 'pending'
    user.find(marker='dialog-submit').click()
    await user.should_see('The consultation is cancelled.')
    added = await Registration.get(id=added.id)
    assert added.cancelled_at is not None and added.refund_status == 'pending'
    assert any(r['status'] == 'Cancelled (refund pending)' for r in table.rows)
