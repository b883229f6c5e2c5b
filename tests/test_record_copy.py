"""A copy of the health record for the patient: what it holds and leaves out, one export event, who may prepare it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from nicegui.testing import User
from tortoise import connections

from app.audit import audit
from app.auth.actor import Actor
from app.errors import NotFound, PermissionDenied
from app.services import clinical_notes, consultations, diagnostic_tests, medical_history, outcomes, record_copy
from app.services import treatment_plans as plans
from app.services.consultations import ConsultationDetails
from app.services.patient_lookup import NOT_FOUND
from app.services.treatment_plans import PlanInput
from models.accounts import Role
from models.audit import AuditEvent
from models.clinic import Service
from models.patients import Patient
from tests.factories import actor_of, make_patient, make_user, sign_in

SIGNED = 'SIGNED-CANARY: lumbar flexion 40 degrees'
DRAFT = 'DRAFT-CANARY: unfinished thoughts'
FIRST_VERSION = 'OLD-CANARY: SLR positive at 40 degrees'
NEWEST_VERSION = 'NEW-CANARY: SLR positive at 50 degrees'
REASON = 'REASON-CANARY: angle misread'
ACTIVE = 'ACTIVE-CANARY: lumbar radiculopathy'
IN_ERROR = 'ERROR-CANARY: belongs to another patient'
RESULTS = 'RESULTS-CANARY: prolonged median distal latency'
DOCTOR_NOTES = 'NOTES-CANARY: tender L4-L5'
PRESCRIPTION = 'RX-CANARY: aceclofenac 100 mg'
ALLERGY = 'ALLERGY-CANARY: penicillin'
HEALTH_TEXTS = (SIGNED, DRAFT, FIRST_VERSION, NEWEST_VERSION, REASON, ACTIVE, IN_ERROR, RESULTS, DOCTOR_NOTES,
                PRESCRIPTION, ALLERGY)


@dataclass(frozen=True, kw_only=True)
class Record:
    doctor: Actor
    patient: Patient


async def signed_note(actor: Actor, uid: str, text: str) -> clinical_notes.NoteView:
    note = await clinical_notes.start_note(actor=actor, patient_uid=uid, discipline=Service.PHYSIOTHERAPY)
    await clinical_notes.save_draft(actor=actor, note_id=note.id, subjective='', objective=text, assessment='',
                                    plan='')
    return await clinical_notes.sign_note(actor=actor, note_id=note.id)


async def full_record() -> Record:
    """A patient with something in every part of the record, written by a doctor through the services."""
    doctor = await actor_of(await make_user(Role.DOCTOR, full_name='Dr Ravi Menon'))
    patient = await make_patient('250101-1', full_name='Meera Iyer', date_of_birth=date(1990, 5, 17),
                                 address='12 Hill Road, Bandra')
    uid = patient.uid
    await signed_note(doctor, uid, SIGNED)
    first = await signed_note(doctor, uid, FIRST_VERSION)
    amendment = await clinical_notes.amend_note(actor=doctor, note_id=first.id, reason=REASON)
    await clinical_notes.save_draft(actor=doctor, note_id=amendment.id, subjective='', objective=NEWEST_VERSION,
                                    assessment='', plan='')
    await clinical_notes.sign_note(actor=doctor, note_id=amendment.id)
    draft = await clinical_notes.start_note(actor=doctor, patient_uid=uid, discipline=Service.PHYSIOTHERAPY)
    await clinical_notes.save_draft(actor=doctor, note_id=draft.id, subjective=DRAFT, objective='', assessment='',
                                    plan='')
    await medical_history.add_diagnosis(actor=doctor, patient_uid=uid, description=ACTIVE, code='M54.16')
    voided = await medical_history.add_diagnosis(actor=doctor, patient_uid=uid, description=IN_ERROR)
    await medical_history.mark_diagnosis_in_error(actor=doctor, diagnosis_id=voided.id, reason='wrong patient')
    await medical_history.save_history(actor=doctor, patient_uid=uid, conditions='', surgeries='', medications='',
                                       allergies=ALLERGY, red_flags='')
    await diagnostic_tests.add_test(actor=doctor, patient_uid=uid, kind='NCV', items='Median nerve', limb='Right arm',
                                    done_by='Dr Shah', status='done', results=RESULTS)
    await outcomes.record_outcome(actor=doctor, patient_id=patient.id, instrument='nprs', answers=6)
    await plans.create_plan(actor=doctor, patient_id=patient.id,
                            details=PlanInput(service='physiotherapy', plan_type='daily', days=10,
                                              start_date=date(2025, 3, 3), cost_per_day='600'))
    visit = ConsultationDetails(chief_complaint='low-back-pain', consultation_type='in-clinic', fee='600',
                                payment_method='cash', doctor_notes=DOCTOR_NOTES, prescription=PRESCRIPTION)
    await consultations.create_consultation(actor=doctor, patient_id=patient.id, details=visit)
    cancelled = await consultations.create_consultation(actor=doctor, patient_id=patient.id,
                                                        details=ConsultationDetails(
                                                            chief_complaint='neck-pain', consultation_type='online',
                                                            fee='400', payment_method='upi'))
    await consultations.cancel_consultation(actor=doctor, registration_id=cancelled.id, reason='Patient unwell')
    await audit.flush()
    return Record(doctor=doctor, patient=patient)


async def test_the_copy_holds_the_signed_record_and_leaves_out_drafts_errors_and_replaced_versions(db: None) -> None:
    record = await full_record()
    copy = await record_copy.prepare_copy(actor=record.doctor, patient_uid=' 250101-1 ')

    assert (copy.patient.full_name, copy.patient.uid, copy.patient.gender, copy.patient.date_of_birth,
            copy.patient.address) == ('Meera Iyer', '250101-1', 'Female', date(1990, 5, 17), '12 Hill Road, Bandra')
    assert (copy.prepared_by, copy.clinic_name) == ('Dr Ravi Menon', 'ProSpine Clinic')
    note_texts = [part.text for note in copy.notes for part in note.parts]
    assert sorted(note_texts) == sorted([SIGNED, NEWEST_VERSION])
    [amended] = [note for note in copy.notes if note.amended]
    assert (amended.parts[0].text, amended.amendment_reason) == (NEWEST_VERSION, REASON)
    assert [note.amended for note in copy.notes if note.parts[0].text == SIGNED] == [False]
    assert [(d.description, d.code, d.status) for d in copy.diagnoses] == [(ACTIVE, 'M54.16', 'Active')]
    assert [(h.label, h.text) for h in copy.history] == [('Allergies', ALLERGY)]
    assert [(t.kind, t.items, t.limb, t.status, t.results) for t in copy.tests] == \
        [('NCV', 'Median nerve', 'Right arm', 'Done', RESULTS)]
    assert [(o.instrument, o.score) for o in copy.outcomes] == [('Pain (NPRS 0-10)', '6')]
    assert [(p.service, p.plan_type, p.start_date, p.days, p.status) for p in copy.plans] == \
        [('Physiotherapy', 'Daily', date(2025, 3, 3), 10, 'Active')]
    assert sorted((c.chief_complaint, c.status, c.doctor_notes, c.prescription) for c in copy.consultations) == \
        [('Low back pain', 'Pending', DOCTOR_NOTES, PRESCRIPTION), ('Neck pain', 'Cancelled', '', '')]
    everything = repr(copy)
    assert DRAFT not in everything and IN_ERROR not in everything and FIRST_VERSION not in everything


async def test_preparing_a_copy_is_one_export_event_without_the_health_text(db: None) -> None:
    record = await full_record()
    before = await AuditEvent.all().order_by('-seq').first()
    await record_copy.prepare_copy(actor=record.doctor, patient_uid=record.patient.uid)
    await audit.flush()

    [event] = await AuditEvent.filter(seq__gt=before.seq)
    assert (event.action, event.outcome, event.entity_type, event.entity_id, event.patient_id, event.username) == \
        ('export', 'success', 'patient', '250101-1', '250101-1', record.doctor.username)
    assert event.detail == 'Copy of the health record prepared for the patient.'
    rows = await connections.get('default').execute_query_dict('SELECT * FROM audit_event')
    trail = repr(rows)
    assert '250101-1' in trail  # the scan does read the trail
    assert [text for text in HEALTH_TEXTS if text in trail] == []


@pytest.mark.parametrize('role', [Role.RECEPTION, Role.JRDOCTOR, Role.ADMIN])
async def test_only_doctors_and_the_superadmin_prepare_a_copy_and_refusals_are_audited(db: None, role: Role) -> None:
    record = await full_record()
    staff = await actor_of(await make_user(role))
    with pytest.raises(PermissionDenied):
        await record_copy.prepare_copy(actor=staff, patient_uid=record.patient.uid)
    [denied] = await AuditEvent.filter(username=staff.username)
    assert (denied.action, denied.outcome, denied.entity_type) == ('permission-denied', 'denied', 'patient')
    assert denied.entity_id == denied.patient_id == record.patient.uid  # on the patient's access log
    assert not await AuditEvent.filter(action='export').exists()


async def test_an_unknown_uid_is_not_found(db: None) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    with pytest.raises(NotFound, match='No patient has that UID'):
        await record_copy.prepare_copy(actor=doctor, patient_uid='991231-9')
    assert not await AuditEvent.filter(action='export').exists()


async def test_a_doctor_opens_the_copy_from_the_patient_page_and_can_print_it(user: User) -> None:
    await full_record()
    await sign_in(user, await make_user(Role.DOCTOR, username='ravi'))
    await user.open('/patients/250101-1')
    await user.should_see(marker='record-copy-link')
    link = user.find('record-copy-link').elements.pop()
    assert (link.props['href'], link.props['target']) == ('/patients/250101-1/copy', '_blank')

    await user.open('/patients/250101-1/copy')
    await user.should_see(marker='record-copy')
    await user.should_see('Copy of the health record')
    await user.should_see('Meera Iyer · UID 250101-1')
    await user.should_see(SIGNED)
    await user.should_see(NEWEST_VERSION)
    await user.should_see(marker='print-copy')
    await user.should_not_see(DRAFT)
    await user.should_not_see(FIRST_VERSION)
    await user.should_not_see(IN_ERROR)
    await user.should_see('Prepared ')


async def test_reception_gets_no_link_and_a_403_page(user: User) -> None:
    await full_record()
    await sign_in(user, await make_user(Role.RECEPTION, username='desk'))
    await user.open('/patients/250101-1')
    await user.should_see(marker='patient-uid')
    await user.should_not_see(marker='record-copy-link')
    response = await user.http_client.get('/patients/250101-1/copy')
    assert response.status_code == 403
    assert 'You do not have access to this page.' in response.text
    assert SIGNED not in response.text


async def test_an_unknown_uid_on_the_copy_page_gets_the_patient_pages_sentence(user: User) -> None:
    await sign_in(user, await make_user(Role.DOCTOR))
    response = await user.http_client.get('/patients/991231-9/copy')
    assert response.status_code == 404 and NOT_FOUND in response.text
    assert '"label":"Print"' not in response.text
