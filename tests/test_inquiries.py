"""Inquiries: reception records, edits, cancels and registers them; doctors only look; all of it audited."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from tortoise import connections

from app.audit import audit
from app.audit.verify import verify_chain
from app.auth.actor import Actor
from app.clock import clinic_today, clock, utcnow
from app.errors import DomainError, PermissionDenied, ValidationFailed
from app.services import inquiries
from app.services.consultations import ConsultationDetails
from app.services.paging import Page
from app.services.patients import LikelyDuplicate, PatientDetails
from models.accounts import Role
from models.audit import AuditEvent
from models.clinical import TestKind
from models.inquiries import Inquiry, InquiryKind, InquiryStatus
from models.patients import Gender, Patient
from models.registrations import Registration
from tests.factories import actor_of, make_branch, make_user

COMPLAINT = 'Sharp pain down the left leg since March'


@pytest.fixture(autouse=True)
async def chain_stays_intact(db: None) -> AsyncIterator[None]:
    yield
    await audit.shutdown()
    report = await verify_chain()
    assert report.ok, report.sentence()


async def reception(branch_name: str = 'Andheri') -> Actor:
    branch = await make_branch(branch_name)
    return await actor_of(await make_user(Role.RECEPTION, branch=branch))


async def quick(actor: Actor, **fields: Any) -> inquiries.InquiryRow:
    values: dict[str, Any] = {'full_name': 'Meera Shah', 'phone': '98765 43210', 'age_years': 42, 'gender': 'female',
                              'chief_complaint': COMPLAINT, 'referral_source': 'Google',
                              'communication_type': 'whatsapp',
                              'expected_visit_date': clinic_today() + timedelta(days=5)}
    values.update(fields)
    return await inquiries.create_inquiry(actor=actor, kind=fields.pop('kind', 'quick'), branch_id=actor.branch_id,
                                          **{k: v for k, v in values.items() if k != 'kind'})


async def events_for(entity_type: str = 'inquiry') -> list[AuditEvent]:
    await audit.flush()
    return await AuditEvent.filter(entity_type=entity_type).order_by('seq')


async def test_reception_records_a_quick_inquiry_with_the_complaint_encrypted() -> None:
    actor = await reception()
    row = await quick(actor)
    assert (row.kind, row.status, row.phone, row.age_years, row.chief_complaint) == (
        InquiryKind.QUICK, InquiryStatus.PENDING, '+91 98765 43210', 42, COMPLAINT)
    raw = await connections.get('default').execute_query_dict('SELECT chief_complaint FROM inquiry')
    assert raw[0]['chief_complaint'].startswith('enc1:')
    [event] = await events_for()
    changes = json.loads(event.changes)
    assert (event.action, event.entity_id, event.username) == ('create', str(row.id), actor.username)
    assert changes['chief_complaint'] == '(not recorded)'
    assert changes['full_name'] == {'before': None, 'after': 'Meera Shah'}
    assert COMPLAINT not in json.dumps(await connections.get('default').execute_query_dict('SELECT * FROM audit_event'))


async def test_a_test_inquiry_needs_its_test_and_keeps_the_referring_doctor() -> None:
    actor = await reception()
    with pytest.raises(ValidationFailed) as refused:
        await quick(actor, kind='test')
    assert refused.value.field_errors == {'test_name': 'Choose the test.'}
    row = await quick(actor, kind='test', test_name='NCV', referred_by='Dr. Kulkarni')
    assert (row.test_name, row.referred_by) == (TestKind.NCV, 'Dr. Kulkarni')


async def test_bad_input_saves_nothing() -> None:
    actor = await reception()
    with pytest.raises(ValidationFailed) as refused:
        await quick(actor, full_name=' ', phone='12345', age_years=200, communication_type='fax')
    assert set(refused.value.field_errors) == {'full_name', 'phone', 'age_years', 'communication_type'}
    with pytest.raises(ValidationFailed) as refused:
        await quick(actor, kind='online')
    assert 'kind' in refused.value.field_errors
    assert await Inquiry.all().count() == 0
    assert await events_for() == []


@pytest.mark.parametrize('now', [datetime(2026, 11, 24, 6, 0, tzinfo=UTC), datetime(2026, 11, 24, 20, 0, tzinfo=UTC)],
                         ids=['morning', 'after-midnight-in-the-clinic'])
async def test_list_filters_by_kind_status_and_date_and_stays_in_the_branch(now: datetime) -> None:
    clock.freeze(now - timedelta(days=3))
    actor = await reception()
    old = await quick(actor, full_name='Old Caller')
    clock.advance(timedelta(days=3))
    await quick(actor, kind='test', test_name='EEG', full_name='Test Caller')
    cancelled = await quick(actor, full_name='Gone Caller')
    await inquiries.cancel_inquiry(actor=actor, inquiry_id=cancelled.id)
    other = await actor_of(await make_user(Role.RECEPTION, branch=await make_branch('Bandra')))
    await quick(other, full_name='Bandra Caller')

    def names(found: Page[inquiries.InquiryRow]) -> set[str]:
        return {row.full_name for row in found.rows}

    assert names(await inquiries.list_inquiries(actor=actor)) == {'Old Caller', 'Test Caller', 'Gone Caller'}
    assert names(await inquiries.list_inquiries(actor=actor, kind='test')) == {'Test Caller'}
    assert names(await inquiries.list_inquiries(actor=actor, status='cancelled')) == {'Gone Caller'}
    today = clinic_today()
    assert names(await inquiries.list_inquiries(actor=actor, created_to=today - timedelta(days=1))) == {'Old Caller'}
    assert names(await inquiries.list_inquiries(actor=actor, created_from=today)) == {'Test Caller', 'Gone Caller'}
    with pytest.raises(PermissionDenied):
        await inquiries.get_inquiry(actor=other, inquiry_id=old.id)
    views = [event for event in await events_for() if event.action == 'view']
    assert len(views) == 5 and views[0].detail == 'Listed 3 inquiries.'


async def test_edit_and_cancel_are_audited_and_a_cancelled_inquiry_stays_cancelled() -> None:
    actor = await reception()
    row = await quick(actor)
    edited = await inquiries.update_inquiry(actor=actor, inquiry_id=row.id, full_name='Meera S. Shah',
                                            phone='9876543210', chief_complaint='Better now', referral_source='Google',
                                            communication_type='call')
    assert (edited.full_name, edited.chief_complaint, edited.communication_type) == (
        'Meera S. Shah', 'Better now', 'call')
    await inquiries.cancel_inquiry(actor=actor, inquiry_id=row.id)
    with pytest.raises(DomainError, match='cancelled'):
        await inquiries.update_inquiry(actor=actor, inquiry_id=row.id, full_name='X Y', phone='9876543210')
    update, cancel = [event for event in await events_for() if event.action == 'update']
    changes = json.loads(update.changes)
    assert changes['chief_complaint'] == '(not recorded)' and changes['age_years'] == {'before': 42, 'after': None}
    assert json.loads(cancel.changes) == {'status': {'before': 'pending', 'after': 'cancelled'}}


async def test_a_cancelled_inquiry_can_be_reopened_and_a_pending_one_cannot() -> None:
    actor = await reception()
    row = await quick(actor)
    with pytest.raises(DomainError, match='Only a cancelled inquiry'):
        await inquiries.reopen_inquiry(actor=actor, inquiry_id=row.id)
    await inquiries.cancel_inquiry(actor=actor, inquiry_id=row.id)
    reopened = await inquiries.reopen_inquiry(actor=actor, inquiry_id=row.id)
    assert reopened.status == 'pending' and (await Inquiry.get(id=row.id)).status is InquiryStatus.PENDING
    await inquiries.update_inquiry(actor=actor, inquiry_id=row.id, full_name='Meera Shah', phone='9876543210')
    reopen = [event for event in await events_for() if event.action == 'update'][1]
    assert (reopen.detail, json.loads(reopen.changes)) == (
        'Inquiry reopened.', {'status': {'before': 'cancelled', 'after': 'pending'}})
    doctor = await actor_of(await make_user(Role.DOCTOR))
    with pytest.raises(PermissionDenied):
        await inquiries.reopen_inquiry(actor=doctor, inquiry_id=row.id)


async def test_a_doctor_views_inquiries_but_cannot_change_them() -> None:
    actor = await reception()
    row = await quick(actor)
    doctor = await actor_of(await make_user(Role.DOCTOR, branch=await actor_branch(actor)))
    assert [r.id for r in (await inquiries.list_inquiries(actor=doctor)).rows] == [row.id]
    with pytest.raises(PermissionDenied):
        await inquiries.cancel_inquiry(actor=doctor, inquiry_id=row.id)
    with pytest.raises(PermissionDenied):
        await quick(doctor)
    denied = [event for event in await events_for() if event.action == 'permission-denied']
    assert [event.username for event in denied] == [doctor.username, doctor.username]
    assert (await Inquiry.get(id=row.id)).status is InquiryStatus.PENDING


async def actor_branch(actor: Actor) -> Any:
    from models.clinic import Branch

    return await Branch.get(id=actor.branch_id)


async def test_converting_registers_the_patient_and_marks_the_inquiry_visited_in_one_event() -> None:
    actor = await reception()
    row = await quick(actor, referral_source='Dr. Rao')
    prefill = await inquiries.registration_prefill(actor=actor, inquiry_id=row.id)
    assert prefill.patient == PatientDetails(full_name='Meera Shah', phone='+91 98765 43210', gender=Gender.FEMALE,
                                             age_years=42)
    assert (prefill.complaint_details, prefill.referral_source, prefill.branch_id) == (
        COMPLAINT, 'Dr. Rao', actor.branch_id)
    consultation = ConsultationDetails(chief_complaint='radiating-pain', consultation_type='in-clinic', fee='500',
                                       payment_method='upi', complaint_details=prefill.complaint_details,
                                       referral_source=prefill.referral_source)
    uid = await inquiries.convert_to_registration(actor=actor, inquiry_id=row.id, details=prefill.patient,
                                                  first_consultation=consultation)
    assert uid == f'{clinic_today():%y%m%d}-1'
    stored = await Inquiry.get(id=row.id)
    assert (stored.status, stored.patient_uid) == (InquiryStatus.VISITED, uid)
    patient = await Patient.get(uid=uid)
    assert (patient.full_name, patient.phone, patient.age_years, patient.first_branch_id) == (
        'Meera Shah', '+91 98765 43210', 42, actor.branch_id)
    [registration] = await Registration.filter(patient=patient)
    assert (registration.complaint_details, registration.referral_source) == (COMPLAINT, 'Dr. Rao')
    [event] = [event for event in await events_for() if event.action == 'update']
    assert (event.patient_id, event.detail) == (uid, f'Registered as patient {uid}.')
    assert json.loads(event.changes)['patient_uid'] == {'before': None, 'after': uid}
    together = await AuditEvent.filter(patient_id=uid).exclude(action='view').order_by('seq')
    assert {e.entity_type for e in together} >= {'inquiry', 'patient'}  # one transaction: adjacent events
    assert [e.seq for e in together] == list(range(together[0].seq, together[0].seq + len(together)))
    with pytest.raises(DomainError, match=f'already registered \\(patient {uid}\\)'):
        await inquiries.convert_to_registration(actor=actor, inquiry_id=row.id, details=prefill.patient)


async def test_a_refused_registration_leaves_the_inquiry_unchanged() -> None:
    actor = await reception()
    first, second = await quick(actor), await quick(actor, full_name='Meera  shah')
    details = (await inquiries.registration_prefill(actor=actor, inquiry_id=first.id)).patient
    await inquiries.convert_to_registration(actor=actor, inquiry_id=first.id, details=details)
    before = len(await events_for())
    again = (await inquiries.registration_prefill(actor=actor, inquiry_id=second.id)).patient
    with pytest.raises(LikelyDuplicate):
        await inquiries.convert_to_registration(actor=actor, inquiry_id=second.id, details=again)
    with pytest.raises(ValidationFailed):
        await inquiries.convert_to_registration(actor=actor, inquiry_id=second.id, confirm_not_duplicate=True,
                                                details=PatientDetails(full_name='Meera Shah', phone='1', gender='x'))
    stored = await Inquiry.get(id=second.id)
    assert (stored.status, stored.patient_uid) == (InquiryStatus.PENDING, None)
    assert await Patient.all().count() == 1
    assert len([e for e in await events_for() if e.action != 'view']) == len(
        [e for e in (await events_for())[:before] if e.action != 'view'])
    uid = await inquiries.convert_to_registration(actor=actor, inquiry_id=second.id, details=again,
                                                  confirm_not_duplicate=True)
    assert uid.endswith('-2') and (await Inquiry.get(id=second.id)).patient_uid == uid


async def test_a_doctor_cannot_convert() -> None:
    actor = await reception()
    row = await quick(actor)
    doctor = await actor_of(await make_user(Role.DOCTOR, branch=await actor_branch(actor)))
    with pytest.raises(PermissionDenied):
        await inquiries.convert_to_registration(actor=doctor, inquiry_id=row.id,
                                                details=PatientDetails(full_name='X Y', phone='9876543210',
                                                                       gender='male'))
    assert await Patient.all().count() == 0


async def pending_calls(actor: Actor, count: int, *, every_third_a_test: bool = False) -> None:
    """`count` inquiries a minute apart, `Caller 00` the oldest; with `every_third_a_test`, callers 00, 03, ... ask
    about a test."""
    start = utcnow() - timedelta(days=1)
    for number in range(count):
        kind = InquiryKind.TEST if every_third_a_test and number % 3 == 0 else InquiryKind.QUICK
        await Inquiry.create(kind=kind, full_name=f'Caller {number:02d}', phone='+91 98765 43210',
                             branch_id=actor.branch_id, created_at=start + timedelta(minutes=number))


async def test_the_list_comes_a_page_at_a_time_newest_first_and_filters_combine_with_paging() -> None:
    actor = await reception()
    await pending_calls(actor, 60, every_third_a_test=True)
    await pending_calls(await reception('Bandra'), 5)  # another branch's, never counted here

    def names(found: Page[inquiries.InquiryRow]) -> list[str]:
        return [row.full_name for row in found.rows]

    first = await inquiries.list_inquiries(actor=actor)
    assert (first.total, first.page, first.per_page) == (60, 1, 25)
    assert names(first) == [f'Caller {number:02d}' for number in range(59, 34, -1)]
    last = await inquiries.list_inquiries(actor=actor, page=3)
    assert (last.total, last.page) == (60, 3) and names(last) == [f'Caller {n:02d}' for n in range(9, -1, -1)]
    assert (await inquiries.list_inquiries(actor=actor, page=99)).page == 3  # kept within the pages there are
    assert (await inquiries.list_inquiries(actor=actor, page=-4)).page == 1
    assert (await inquiries.list_inquiries(actor=actor, per_page=7)).per_page == 25  # only /patients' page sizes
    assert (await inquiries.list_inquiries(actor=actor, per_page=100)).rows[-1].full_name == 'Caller 00'
    tests = await inquiries.list_inquiries(actor=actor, kind='test', page=2, per_page=10)
    assert (tests.total, names(tests)) == (20, [f'Caller {n:02d}' for n in range(27, -1, -3)])
    await inquiries.cancel_inquiry(actor=actor, inquiry_id=last.rows[0].id)
    assert (await inquiries.list_inquiries(actor=actor, status='pending', page=3)).total == 59
    views = [event for event in await events_for() if event.action == 'view']
    assert views[0].detail == 'Listed 25 of 60 inquiries, page 1.'


async def test_inquiries_received_at_the_same_moment_page_in_a_stable_order() -> None:
    actor = await reception()
    same_moment = utcnow()
    for number in range(15):
        await Inquiry.create(kind=InquiryKind.QUICK, full_name=f'Caller {number:02d}', phone='+91 98765 43210',
                             branch_id=actor.branch_id, created_at=same_moment)
    first = await inquiries.list_inquiries(actor=actor, per_page=10)
    second = await inquiries.list_inquiries(actor=actor, page=2, per_page=10)
    ids = [row.id for row in first.rows + second.rows]
    assert len(ids) == len(set(ids)) == 15  # none twice, none left out
