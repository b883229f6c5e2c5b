"""Outcome measures: recording, refusals, audit events, and the section on the patient page."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from nicegui.testing import User

from app.audit import audit
from app.clock import clinic_today
from app.errors import PermissionDenied, ValidationFailed
from app.services import outcomes
from models.accounts import Role
from models.audit import AuditEvent
from models.outcomes import Instrument, OutcomeRecord
from tests.factories import actor_of, make_patient, make_user, sign_in


async def test_recording_scores_encrypts_and_audits_without_values(db: None) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    patient = await make_patient('250101-1')
    row = await outcomes.record_outcome(actor=doctor, patient_id=patient.id, instrument='odi',
                                        answers=[3, 2, 2, 1, 3, 2, None, 3, 2, 2], recorded_on=date(2025, 1, 2))
    assert row.score == Decimal('44.4')
    stored = await OutcomeRecord.get(id=row.id)
    assert json.loads(stored.answers) == [3, 2, 2, 1, 3, 2, None, 3, 2, 2]
    _, raw = await OutcomeRecord._meta.db.execute_query('SELECT answers FROM outcome_record')
    assert '3, 2' not in raw[0]['answers']  # encrypted at rest
    event = await AuditEvent.get(action='create', entity_type='outcome')
    assert (event.entity_id, event.patient_id, event.user_id) == (str(row.id), '250101-1', doctor.user_id)
    changes = json.loads(event.changes)
    assert changes['answers'] == '(not recorded)' and changes['score'] == '(not recorded)'
    assert changes['instrument'] == {'before': None, 'after': 'odi'}


async def test_too_many_blank_sections_saves_without_a_score(db: None) -> None:
    doctor = await actor_of(await make_user(Role.JRDOCTOR))
    patient = await make_patient('250101-1')
    row = await outcomes.record_outcome(actor=doctor, patient_id=patient.id, instrument=Instrument.NDI,
                                        answers=[1, 1, 1, 1, 1, 1, 1, None, None, None])
    assert row.score is None
    event = await AuditEvent.get(action='create', entity_type='outcome')
    assert 'too many sections left blank' in event.detail


@pytest.mark.parametrize(('instrument', 'answers', 'field'), [
    ('nprs', 11, 'pain'),
    ('odi', [0, 0, 0, 0, 0, 0, 0, 0, 0, 6], 'section_10'),
    ('ndi', [0] * 9, 'answers'),
    ('sf36', [0] * 10, 'instrument'),
])
async def test_bad_input_saves_nothing(db: None, instrument: str, answers: object, field: str) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    patient = await make_patient('250101-1')
    with pytest.raises(ValidationFailed) as refused:
        await outcomes.record_outcome(actor=doctor, patient_id=patient.id, instrument=instrument, answers=answers)
    assert field in refused.value.field_errors
    assert not await OutcomeRecord.exists()
    assert not await AuditEvent.filter(action='create').exists()


async def test_a_future_visit_date_is_refused(db: None) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    patient = await make_patient('250101-1')
    with pytest.raises(ValidationFailed) as refused:
        await outcomes.record_outcome(actor=doctor, patient_id=patient.id, instrument='nprs', answers=4,
                                      recorded_on=date(2999, 1, 1))
    assert refused.value.field_errors == {'recorded_on': 'The visit date cannot be in the future.'}


async def test_trends_give_the_change_since_the_first_visit_and_audit_the_view(db: None) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    patient = await make_patient('250101-1')
    for day, answers in ((2, [4, 3, 3, 2, 4, 3, 2, 0, 1, 0]), (9, [3, 2, 2, 1, 3, 2, 1, 0, 1, 0]),
                         (16, [2, 2, 1, 1, 2, 1, 1, 0, 1, 2])):
        await outcomes.record_outcome(actor=doctor, patient_id=patient.id, instrument='odi', answers=answers,
                                      recorded_on=date(2025, 1, day))
    await outcomes.record_outcome(actor=doctor, patient_id=patient.id, instrument='nprs', answers=7,
                                  recorded_on=date(2025, 1, 2))
    await outcomes.record_outcome(actor=doctor, patient_id=patient.id, instrument='nprs', answers=6,
                                  recorded_on=date(2025, 1, 9))
    trends = await outcomes.patient_trends(actor=doctor, patient_id=patient.id)
    by_instrument = {trend.instrument: trend for trend in trends}
    assert set(by_instrument) == {Instrument.NPRS, Instrument.ODI}
    odi = by_instrument[Instrument.ODI]
    assert [point.score for point in odi.points] == [Decimal('44.0'), Decimal('30.0'), Decimal('26.0')]
    assert odi.change is not None and odi.change.passes
    assert odi.change.sentence() == 'Change since first visit: −18 points (passes the MCID of 10).'
    nprs = by_instrument[Instrument.NPRS]
    assert nprs.change is not None and not nprs.change.passes
    await audit.flush()
    view = await AuditEvent.get(action='view', entity_type='outcome')
    assert (view.patient_id, view.user_id) == ('250101-1', doctor.user_id)


async def test_reception_can_neither_read_nor_record_outcomes(db: None) -> None:
    reception = await actor_of(await make_user(Role.RECEPTION))
    patient = await make_patient('250101-1')
    with pytest.raises(PermissionDenied):
        await outcomes.patient_trends(actor=reception, patient_id=patient.id)
    with pytest.raises(PermissionDenied):
        await outcomes.record_outcome(actor=reception, patient_id=patient.id, instrument='nprs', answers=3)
    assert await AuditEvent.filter(action='permission-denied', entity_type='outcome').count() == 2


def set_value(user: User, marker: str, value: object) -> None:
    element = next(iter(user.find(marker=marker).elements))
    element.value = value


async def test_a_doctor_records_an_odi_and_sees_the_trend(user: User) -> None:
    doctor = await make_user(Role.DOCTOR)
    patient = await make_patient('250101-1')
    await outcomes.record_outcome(actor=await actor_of(doctor), patient_id=patient.id, instrument='odi',
                                  answers=[4, 3, 3, 2, 4, 3, 2, 0, 1, 0], recorded_on=date(2025, 1, 2))
    await sign_in(user, doctor)
    await user.open('/patients/250101-1?part=outcomes')
    await user.should_see('Outcomes')
    await user.should_see('Record a later visit to see the change since the first.')
    user.find('record-odi').click()
    await user.should_see('1. Pain intensity')
    await user.should_see('10. Travelling')
    for number, value in enumerate([2, 2, 1, 1, 2, 1, 1, 0, 1, 2], start=1):
        set_value(user, f'section_{number}', value)
    set_value(user, 'section_8', None)  # skipped
    set_value(user, 'section_10', 3)  # 2+2+1+1+2+1+1+1+3 = 14 of 45 = 31.1 %
    set_value(user, 'recorded_on', '2999-01-01')
    user.find('dialog-submit').click()
    await user.should_see('The visit date cannot be in the future.')
    assert await OutcomeRecord.filter(patient_id=patient.id).count() == 1
    set_value(user, 'recorded_on', clinic_today().isoformat())
    user.find('dialog-submit').click()
    await user.should_see('Oswestry Disability Index saved: 31.1%.')
    await user.should_see('Change since first visit: −12.9 points (passes the MCID of 10).')
    user.find('chart-odi')


async def test_reception_sees_plans_but_not_outcomes(user: User) -> None:
    doctor = await make_user(Role.DOCTOR)
    patient = await make_patient('250101-1')
    await outcomes.record_outcome(actor=await actor_of(doctor), patient_id=patient.id, instrument='nprs', answers=7)
    await sign_in(user, await make_user(Role.RECEPTION))
    await user.open('/patients/250101-1')
    await user.should_see('Plans')
    await user.should_not_see('Outcomes')
    await user.should_not_see('record-nprs')
