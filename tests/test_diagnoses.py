"""Diagnoses are never deleted: they are resolved (and may become active again) or marked entered in error."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import pytest
from nicegui.testing import User
from tortoise import connections

from app.audit import audit
from app.auth.permissions import ROLE_PERMISSIONS, Permission
from app.clock import clock
from app.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from app.services import medical_history
from models.accounts import Role
from models.audit import AuditEvent
from models.clinical import Diagnosis, DiagnosisStatus
from tests.factories import actor_of, make_patient, make_user, sign_in
from tests.waiting import eventually

NOON = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
SECRET_REASON = 'CANARY wrong patient: belongs to 250101-9'
FINAL = 'This diagnosis was entered in error and can no longer be changed.'


async def diagnosis(actor, patient_uid: str, description: str, *, created_at: datetime = NOON) -> UUID:
    """Add a diagnosis through the service, then pin its creation time so listings have a fixed order."""
    view = await medical_history.add_diagnosis(actor=actor, patient_uid=patient_uid, description=description)
    await Diagnosis.filter(id=view.id).update(created_at=created_at)
    return view.id


async def update_events(diagnosis_id: UUID) -> list[AuditEvent]:
    return await AuditEvent.filter(entity_type='diagnosis', action='update', entity_id=str(diagnosis_id)) \
        .order_by('seq')


async def test_a_diagnosis_is_resolved_then_active_again_with_who_and_when(db: None) -> None:
    clock.freeze(NOON)
    doctor = await actor_of(await make_user(Role.DOCTOR, full_name='Asha Rao'))
    junior = await actor_of(await make_user(Role.JRDOCTOR, full_name='Vikram Shah'))
    patient = await make_patient('250101-1')
    diagnosis_id = await diagnosis(doctor, patient.uid, 'Lumbar spondylosis')

    resolved = await medical_history.resolve_diagnosis(actor=doctor, diagnosis_id=diagnosis_id)
    assert (resolved.status, resolved.status_label, resolved.status_changed_by, resolved.status_changed_at) == \
        (DiagnosisStatus.RESOLVED, 'Resolved', 'Asha Rao', NOON)
    row = await Diagnosis.get(id=diagnosis_id)
    assert (row.status, row.status_changed_by_id, row.status_changed_at) == \
        (DiagnosisStatus.RESOLVED, doctor.user_id, NOON)
    with pytest.raises(DomainError, match='already resolved'):
        await medical_history.resolve_diagnosis(actor=doctor, diagnosis_id=diagnosis_id)

    clock.advance(timedelta(days=30))
    again = await medical_history.reactivate_diagnosis(actor=junior, diagnosis_id=diagnosis_id)
    assert (again.status, again.status_changed_by, again.status_changed_at) == \
        (DiagnosisStatus.ACTIVE, 'Vikram Shah', NOON + timedelta(days=30))
    with pytest.raises(DomainError, match='already active'):
        await medical_history.reactivate_diagnosis(actor=junior, diagnosis_id=diagnosis_id)

    events = await update_events(diagnosis_id)
    assert [(event.username, event.patient_id, event.outcome) for event in events] == \
        [(doctor.username, '250101-1', 'success'), (junior.username, '250101-1', 'success')]
    resolving, reactivating = (json.loads(event.changes) for event in events)
    assert set(resolving) == set(reactivating) == {'status', 'status_changed_at', 'status_changed_by_id'}
    assert resolving['status'] == {'before': 'active', 'after': 'resolved'}
    assert resolving['status_changed_by_id'] == {'before': None, 'after': doctor.user_id}
    assert reactivating['status'] == {'before': 'resolved', 'after': 'active'}
    assert reactivating['status_changed_by_id'] == {'before': doctor.user_id, 'after': junior.user_id}


async def test_entered_in_error_needs_a_reason_kept_out_of_the_audit_trail_and_is_final(db: None) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    patient = await make_patient('250101-1')
    diagnosis_id = await diagnosis(doctor, patient.uid, 'Cervical radiculopathy')
    for reason, message in (('   ', 'Enter the reason it was entered in error.'),
                            ('x' * 301, 'The reason it was entered in error can be at most 300 characters.')):
        with pytest.raises(ValidationFailed) as refused:
            await medical_history.mark_diagnosis_in_error(actor=doctor, diagnosis_id=diagnosis_id, reason=reason)
        assert refused.value.field_errors == {'error_reason': message}
    row = await Diagnosis.get(id=diagnosis_id)
    assert (row.status, row.error_reason, row.status_changed_at) == (DiagnosisStatus.ACTIVE, None, None)
    assert await update_events(diagnosis_id) == []

    await medical_history.resolve_diagnosis(actor=doctor, diagnosis_id=diagnosis_id)
    voided = await medical_history.mark_diagnosis_in_error(actor=doctor, diagnosis_id=diagnosis_id,
                                                           reason=f'  {SECRET_REASON} ')
    assert (voided.status, voided.status_label, voided.error_reason) == \
        (DiagnosisStatus.ENTERED_IN_ERROR, 'Entered in error', SECRET_REASON)
    assert (await Diagnosis.get(id=diagnosis_id)).error_reason == SECRET_REASON
    stored = await Diagnosis.filter(id=diagnosis_id).values_list('error_reason', flat=True)
    assert stored[0] and 'CANARY' not in stored[0]
    marking = json.loads((await update_events(diagnosis_id))[-1].changes)
    assert marking['error_reason'] == '(not recorded)'
    assert marking['status'] == {'before': 'resolved', 'after': 'entered-in-error'}

    for change in (medical_history.resolve_diagnosis, medical_history.reactivate_diagnosis):
        with pytest.raises(DomainError) as refused:
            await change(actor=doctor, diagnosis_id=diagnosis_id)
        assert refused.value.message == FINAL
    with pytest.raises(DomainError) as refused:
        await medical_history.mark_diagnosis_in_error(actor=doctor, diagnosis_id=diagnosis_id, reason='Again')
    assert refused.value.message == FINAL
    assert len(await update_events(diagnosis_id)) == 2  # resolved, then entered in error; refusals wrote nothing
    await audit.flush()
    _, rows = await connections.get('default').execute_query('SELECT * FROM audit_event')
    assert rows and not any('CANARY' in str(tuple(row)) for row in rows)


async def test_active_diagnoses_are_listed_first_then_resolved_then_entered_in_error(db: None) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    patient = await make_patient('250101-1')
    names = ('old active', 'old resolved', 'voided', 'new resolved', 'new active')
    ids = {name: await diagnosis(doctor, patient.uid, name, created_at=NOON + timedelta(days=day))
           for day, name in enumerate(names)}
    for name in ('old resolved', 'new resolved'):
        await medical_history.resolve_diagnosis(actor=doctor, diagnosis_id=ids[name])
    await medical_history.mark_diagnosis_in_error(actor=doctor, diagnosis_id=ids['voided'], reason='Duplicate')
    listed = await medical_history.list_diagnoses(actor=doctor, patient_uid=patient.uid)
    assert [row.description for row in listed] == \
        ['new active', 'old active', 'new resolved', 'old resolved', 'voided']


async def test_reception_may_not_change_a_diagnosis_and_an_unknown_one_is_not_found(db: None) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    reception = await actor_of(await make_user(Role.RECEPTION))
    patient = await make_patient('250101-1')
    diagnosis_id = await diagnosis(doctor, patient.uid, 'Frozen shoulder')
    with pytest.raises(PermissionDenied):
        await medical_history.resolve_diagnosis(actor=reception, diagnosis_id=diagnosis_id)
    with pytest.raises(PermissionDenied):
        await medical_history.reactivate_diagnosis(actor=reception, diagnosis_id=diagnosis_id)
    with pytest.raises(PermissionDenied):
        await medical_history.mark_diagnosis_in_error(actor=reception, diagnosis_id=diagnosis_id, reason='Typo')
    denials = await AuditEvent.filter(action='permission-denied', entity_type='diagnosis').order_by('seq')
    assert [(event.username, event.outcome) for event in denials] == [(reception.username, 'denied')] * 3
    assert [event.detail.split(':')[0] for event in denials] == \
        ['resolve_diagnosis', 'reactivate_diagnosis', 'mark_diagnosis_in_error']
    row = await Diagnosis.get(id=diagnosis_id)
    assert (row.status, row.status_changed_at, row.error_reason) == (DiagnosisStatus.ACTIVE, None, None)
    with pytest.raises(NotFound, match='That diagnosis could not be found'):
        await medical_history.resolve_diagnosis(actor=doctor, diagnosis_id=uuid4())
    assert await update_events(diagnosis_id) == []


async def test_a_doctor_resolves_one_diagnosis_and_marks_another_entered_in_error_on_the_page(user: User) -> None:
    clock.freeze(NOON)
    doctor = await make_user(Role.DOCTOR, full_name='Asha Rao')
    patient = await make_patient('250101-1')
    author = await actor_of(doctor)
    sprain = await diagnosis(author, patient.uid, 'Ankle sprain', created_at=NOON - timedelta(days=2))
    typo = await diagnosis(author, patient.uid, 'Carpal tunnel syndrome', created_at=NOON - timedelta(days=1))
    await sign_in(user, doctor)
    await user.open('/patients/250101-1?part=history')
    await user.should_see(marker=f'diagnosis-resolve-{sprain}')
    user.find(marker=f'diagnosis-resolve-{sprain}').click()
    await user.should_see('"Ankle sprain" is now resolved.')
    await user.should_see('Resolved 24 Nov 2026 by Asha Rao')
    await user.should_see(marker=f'diagnosis-reactivate-{sprain}')
    assert (await Diagnosis.get(id=sprain)).status is DiagnosisStatus.RESOLVED

    user.find(marker=f'diagnosis-error-{typo}').click()
    await user.should_see('Diagnosis entered in error')
    user.find('dialog-submit').click()
    reason = user.find('diagnosis-error-reason').elements.pop()
    await eventually(lambda: reason.props.get('error-message') == 'Enter the reason it was entered in error.',
                     what='the message beside the empty reason')
    assert (await Diagnosis.get(id=typo)).status is DiagnosisStatus.ACTIVE
    user.find('diagnosis-error-reason').type('Recorded for the wrong patient')
    user.find('dialog-submit').click()
    await user.should_see('"Carpal tunnel syndrome" has been marked entered in error.')
    await user.should_see('Entered in error 24 Nov 2026 by Asha Rao: Recorded for the wrong patient')
    await user.should_see(marker='diagnosis-entered-in-error')
    struck = user.find(content='Carpal tunnel syndrome ·').elements
    assert struck and all(element.style.get('text-decoration') == 'line-through' for element in struck)
    await user.should_not_see(marker=f'diagnosis-error-{typo}')
    await user.should_not_see(marker=f'diagnosis-resolve-{typo}')
    row = await Diagnosis.get(id=typo)
    assert (row.status, row.error_reason) == (DiagnosisStatus.ENTERED_IN_ERROR, 'Recorded for the wrong patient')


async def test_reception_does_not_see_the_diagnoses_at_all(user: User) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    patient = await make_patient('250101-1')
    await diagnosis(doctor, patient.uid, 'Lumbar spondylosis')
    await sign_in(user, await make_user(Role.RECEPTION))
    await user.open('/patients/250101-1')
    await user.should_see('patient-uid')
    await user.should_not_see('section-history')
    await user.should_not_see(marker='diagnoses')
    await user.should_not_see('Lumbar spondylosis')


async def test_a_reader_without_write_permission_sees_the_diagnoses_without_buttons(
        user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    # No role today reads the clinical record without writing it: take the write permission from junior doctors.
    monkeypatch.setitem(ROLE_PERMISSIONS, Role.JRDOCTOR, ROLE_PERMISSIONS[Role.JRDOCTOR] - {Permission.NOTES_WRITE})
    clock.freeze(NOON)
    doctor = await actor_of(await make_user(Role.DOCTOR, full_name='Asha Rao'))
    patient = await make_patient('250101-1')
    active = await diagnosis(doctor, patient.uid, 'Lumbar spondylosis')
    await medical_history.resolve_diagnosis(actor=doctor, diagnosis_id=await diagnosis(doctor, patient.uid, 'Sprain'))
    await sign_in(user, await make_user(Role.JRDOCTOR))
    await user.open('/patients/250101-1?part=history')
    await user.should_see('Lumbar spondylosis')
    await user.should_see('Resolved 24 Nov 2026 by Asha Rao')
    for marker in ('diagnosis-resolve', 'diagnosis-reactivate', 'diagnosis-error', 'diagnosis-add'):
        await user.should_not_see(marker=marker)
    assert (await Diagnosis.get(id=active)).status is DiagnosisStatus.ACTIVE
