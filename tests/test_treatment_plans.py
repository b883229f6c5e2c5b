"""Treatment plans: totals, discounts and their approval, status, history, and the patient-page sections."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from nicegui.testing import User

from app.audit import audit
from app.errors import DomainError, PermissionDenied, ValidationFailed
from app.services import treatment_plans as plans
from app.services.treatment_plans import PlanInput
from models.accounts import Role
from models.audit import AuditEvent
from models.plans import PlanRevision, PlanStatus, TreatmentPlan
from tests.factories import actor_of, make_branch, make_patient, make_user, sign_in

START = date(2025, 3, 3)
DAILY = PlanInput(service='physiotherapy', plan_type='daily', days=10, start_date=START, cost_per_day='600')


async def test_daily_and_advance_cost_per_day_times_days(db: None) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    patient = await make_patient('250101-1')
    daily = await plans.create_plan(actor=doctor, patient_id=patient.id, details=DAILY)
    assert (daily.total, daily.end_date) == (Decimal('6000.00'), START + timedelta(days=9))
    advance = await plans.create_plan(actor=doctor, patient_id=patient.id,
                                      details=replace(DAILY, plan_type='advance', cost_per_day='1,000', days=21))
    assert advance.total == Decimal('21000.00')


async def test_package_costs_its_package_price_minus_the_discount(db: None) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    patient = await make_patient('250101-1')
    details = PlanInput(service='speech-therapy', plan_type='package', days=26, start_date=START,
                        package_cost='11000', cost_per_day='999', discount='1000.50')
    row = await plans.create_plan(actor=doctor, patient_id=patient.id, details=details)
    assert (row.cost_per_day, row.package_cost, row.total) == (None, Decimal('11000.00'), Decimal('9999.50'))
    assert row.discount_approved_by_id is None  # 9 % is within the 10 % limit


@pytest.mark.parametrize(('changes', 'field'), [
    ({'cost_per_day': '-600'}, 'cost_per_day'),
    ({'cost_per_day': '0'}, 'cost_per_day'),
    ({'cost_per_day': 'six hundred'}, 'cost_per_day'),
    ({'days': 0}, 'days'),
    ({'days': ''}, 'days'),
    ({'discount': '7000'}, 'discount'),
    ({'discount': '-5'}, 'discount'),
    ({'start_date': None}, 'start_date'),
    ({'end_date': START - timedelta(days=1)}, 'end_date'),
    ({'plan_type': 'weekly'}, 'plan_type'),
])
async def test_bad_input_saves_nothing(db: None, changes: dict[str, object], field: str) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    patient = await make_patient('250101-1')
    with pytest.raises(ValidationFailed) as refused:
        await plans.create_plan(actor=doctor, patient_id=patient.id, details=replace(DAILY, **changes))
    assert field in refused.value.field_errors
    assert not await TreatmentPlan.exists() and not await PlanRevision.exists()


async def test_a_doctor_approves_their_own_discount(db: None) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    patient = await make_patient('250101-1')
    row = await plans.create_plan(actor=doctor, patient_id=patient.id, details=replace(DAILY, discount='3000'))
    assert row.discount_approved_by_id == doctor.user_id


async def test_edits_and_status_changes_leave_a_history_and_audit_events(db: None) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR, full_name='Dr Sunita Shah'))
    patient = await make_patient('250101-1')
    row = await plans.create_plan(actor=doctor, patient_id=patient.id, details=DAILY)
    row = await plans.update_plan(actor=doctor, plan_id=row.id, details=replace(DAILY, days=12, session_start='4:30 pm',
                                                                                session_minutes='30'))
    assert row.total == Decimal('7200.00')
    row = await plans.set_status(actor=doctor, plan_id=row.id, status='inactive')
    row = await plans.set_status(actor=doctor, plan_id=row.id, status='active')
    row = await plans.set_status(actor=doctor, plan_id=row.id, status='completed')
    with pytest.raises(DomainError, match='cannot be marked active'):
        await plans.set_status(actor=doctor, plan_id=row.id, status='active')
    with pytest.raises(DomainError, match='completed'):
        await plans.update_plan(actor=doctor, plan_id=row.id, details=DAILY)
    assert [revision.summary for revision in row.revisions] == \
        ['Created', 'Edited', 'Marked inactive', 'Marked active', 'Marked completed']
    edited = row.revisions[1]
    assert edited.changed_by == 'Dr Sunita Shah'
    assert edited.changes['days'] == {'before': 10, 'after': 12}
    assert edited.changes['total'] == {'before': '6000.00', 'after': '7200.00'}
    events = await AuditEvent.filter(entity_type='treatment-plan', outcome='success').order_by('seq')
    assert [event.action for event in events] == ['create', 'update', 'update', 'update', 'update']
    assert {event.patient_id for event in events} == {'250101-1'}
    assert json.loads(events[1].changes)['session_start_minute'] == {'before': None, 'after': 16 * 60 + 30}
    assert json.loads(events[1].changes)['session_minutes'] == {'before': None, 'after': 30}
    listed = await plans.list_plans(actor=doctor, patient_id=patient.id)
    assert [plan.status for plan in listed.rows] == [PlanStatus.COMPLETED]
    await audit.flush()
    assert await AuditEvent.exists(action='view', entity_type='treatment-plan', patient_id='250101-1')


async def test_reception_sees_plans_but_cannot_change_them(db: None) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    reception = await actor_of(await make_user(Role.RECEPTION))
    patient = await make_patient('250101-1')
    row = await plans.create_plan(actor=doctor, patient_id=patient.id, details=DAILY)
    assert [plan.id for plan in (await plans.list_plans(actor=reception, patient_id=patient.id)).rows] == [row.id]
    with pytest.raises(PermissionDenied):
        await plans.create_plan(actor=reception, patient_id=patient.id, details=DAILY)
    with pytest.raises(PermissionDenied):
        await plans.set_status(actor=reception, plan_id=row.id, status='completed')


def test_progress_is_day_x_of_n() -> None:
    progress = plans.plan_progress
    assert progress(start=START, days=21, status=PlanStatus.ACTIVE, today=START) == 'Day 1 of 21'
    assert progress(start=START, days=21, status=PlanStatus.ACTIVE, today=START + timedelta(days=4)) == 'Day 5 of 21'
    assert progress(start=START, days=21, status=PlanStatus.ACTIVE, today=START - timedelta(days=1)) == \
        'Starts on 03 Mar 2025'
    assert progress(start=START, days=21, status=PlanStatus.COMPLETED, today=START) == 'Completed (21 days)'


def set_value(user: User, marker: str, value: object) -> None:
    next(iter(user.find(marker=marker).elements)).value = value


async def test_a_junior_doctor_writes_a_package_without_its_price_and_the_desk_sees_it_priced(user: User) -> None:
    junior = await make_user(Role.JRDOCTOR, full_name='Ravi Kumar')
    await make_patient('250101-1')
    await sign_in(user, junior)
    await user.open('/patients/250101-1?part=plans')
    await user.should_see('No treatment plans yet.')
    user.find('new-plan').click()
    await user.should_see('New treatment plan')
    await user.should_see("The plan is priced at the clinic's usual rate; a doctor can change it, "
                          'the desk can discount the bill.')
    for field in ('package_cost', 'cost_per_day', 'discount', 'discount_approved_by'):
        await user.should_not_see(marker=field)
    set_value(user, 'plan_type', 'package')
    assert next(iter(user.find(marker='days').elements)).value == '21'
    user.find('dialog-submit').click()
    await user.should_see('The treatment plan has been saved.')
    await user.should_see('Day 1 of 21')
    await user.should_not_see(marker='plan-total')
    stored = await TreatmentPlan.get()
    assert (stored.package_cost, stored.discount, stored.total) == (Decimal(30000), Decimal(0), Decimal(30000))
    user.find('plan-completed').click()
    await user.should_see('The plan is now completed.')
    await user.should_see('Marked completed')
    await user.should_see('Physiotherapy · Package · Completed')
    user.http_client.cookies.clear()
    await sign_in(user, await make_user(Role.RECEPTION))
    await user.open('/patients/250101-1?part=plans')
    await user.should_see('₹30,000.00 = ₹30,000.00')


async def test_reception_sees_plans_without_the_buttons_to_change_them(user: User) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    patient = await make_patient('250101-1')
    await plans.create_plan(actor=doctor, patient_id=patient.id, details=DAILY)
    await sign_in(user, await make_user(Role.RECEPTION))
    await user.open('/patients/250101-1?part=plans')
    await user.should_see('₹600.00 a day x 10 days = ₹6,000.00')
    await user.should_not_see('new-plan')
    await user.should_not_see('edit-plan')


async def edit_a_daily_plan(user: User) -> plans.PlanRow:
    """A doctor's daily plan of 10 days, open in its edit dialog on the patient page."""
    doctor = await make_user(Role.DOCTOR)
    patient = await make_patient('250101-1')
    plan = await plans.create_plan(actor=await actor_of(doctor), patient_id=patient.id, details=DAILY)
    await sign_in(user, doctor)
    await user.open('/patients/250101-1?part=plans')
    user.find(marker='edit-plan').click()
    return plan


async def test_changing_the_days_moves_the_end_date(user: User) -> None:
    """A plan of 10 days changed to 12 used to keep its old end: "Day 1 of 12 · 01 Dec to 10 Dec"."""
    plan = await edit_a_daily_plan(user)
    await user.should_see(marker='days')
    set_value(user, 'days', '12')
    [end] = user.find(marker='end_date').elements
    assert end.value == f'{plan.start_date + timedelta(days=11):%d/%m/%Y}'  # as the date field shows it
    user.find('dialog-submit').click()
    await user.should_see('The treatment plan has been saved.')
    stored = await TreatmentPlan.get(id=plan.id)
    assert (stored.days, stored.end_date) == (12, plan.start_date + timedelta(days=11))
    await user.should_see(f'{stored.start_date:%d %b %Y} to {stored.end_date:%d %b %Y}')


async def test_a_superadmin_editing_another_branch_s_plan_keeps_its_clinician(user: User) -> None:
    """The form offered the superadmin's own branch's clinicians: it came up empty and saving cleared the plan's."""
    head_office, bandra = await make_branch('Head office'), await make_branch('Bandra')
    doctor = await make_user(Role.DOCTOR, branch=bandra, full_name='Dr Kavita Mehta')
    patient = await make_patient('250101-1', branch=bandra)
    plan = await plans.create_plan(actor=await actor_of(doctor), patient_id=patient.id,
                                   details=replace(DAILY, clinician_id=doctor.id))
    await sign_in(user, await make_user(Role.SUPERADMIN, branch=head_office))
    await user.open('/patients/250101-1?part=plans')
    user.find(marker='edit-plan').click()
    await user.should_see(marker='clinician')
    [clinician] = user.find(marker='clinician').elements
    assert (clinician.value, clinician.options) == (doctor.id, {doctor.id: 'Dr Kavita Mehta'})
    set_value(user, 'days', '12')
    user.find('dialog-submit').click()
    await user.should_see('The treatment plan has been saved.')
    stored = await TreatmentPlan.get(id=plan.id)
    assert (stored.days, stored.clinician_id, stored.branch_id) == (12, doctor.id, bandra.id)


async def test_the_plan_form_refuses_25_00_and_saves_a_real_start_and_length(user: User) -> None:
    """A plan took the time slot "25:00-26:00"; sessions now have a start time and a length."""
    plan = await edit_a_daily_plan(user)
    await user.should_see(marker='session_start')
    set_value(user, 'session_start', '25:00')
    set_value(user, 'session_minutes', 45)
    user.find('dialog-submit').click()
    await user.should_see('A time of day runs from 00:00 to 23:59: type one like 10:00, 16:30 or 4:30 pm.')
    assert (await TreatmentPlan.get(id=plan.id)).session_start_minute is None
    set_value(user, 'session_start', '4:30 pm')
    user.find('dialog-submit').click()
    await user.should_see('The treatment plan has been saved.')
    await user.should_see('16:30-17:15 (45 min)')
    stored = await TreatmentPlan.get(id=plan.id)
    assert (stored.session_start_minute, stored.session_minutes) == (16 * 60 + 30, 45)
    next(iter(user.find(marker='plan-history').elements)).open()
    await user.should_see('Edited: session length (none) → 45 min, session start (none) → 16:30', retries=5)


@pytest.mark.parametrize(('start', 'minutes', 'field', 'message'), [
    ('25:00', 60, 'session_start', 'A time of day runs from 00:00 to 23:59'),
    ('10:75', 30, 'session_start', 'A time of day runs from 00:00 to 23:59'),
    ('13 pm', 30, 'session_start', 'With am or pm the hour is 1 to 12'),
    ('ten', 30, 'session_start', 'Type the time as hours and minutes'),
    ('25:00-26:00', 60, 'session_start', 'Type the time as hours and minutes'),
    ('', 45, 'session_start', 'Type when the sessions start'),
    ('10:00', None, 'session_minutes', 'Choose how long each session lasts'),
    ('10:00', 0, 'session_minutes', 'A session lasts 5 to 480 minutes'),
    ('10:00', -30, 'session_minutes', 'A session lasts 5 to 480 minutes'),
    ('23:30', 45, 'session_minutes', 'must end by midnight'),
])
async def test_a_session_time_that_cannot_be_is_refused_and_nothing_saved(
        db: None, start: str, minutes: int | None, field: str, message: str) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    patient = await make_patient('250101-1')
    with pytest.raises(ValidationFailed) as refused:
        await plans.create_plan(actor=doctor, patient_id=patient.id,
                                details=replace(DAILY, session_start=start, session_minutes=minutes))
    assert set(refused.value.field_errors) == {field}
    assert message in refused.value.field_errors[field]
    assert await TreatmentPlan.all().count() == 0


@pytest.mark.parametrize(('typed', 'minute'), [('10:00', 600), ('9:05', 545), ('16.30', 990), ('4:30 pm', 990),
                                                ('12 am', 0), ('12:15 PM', 735), ('7 a.m.', 420), ('23:40', 1420)])
async def test_session_starts_are_read_the_ways_the_desk_types_them(db: None, typed: str, minute: int) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    patient = await make_patient('250101-1')
    row = await plans.create_plan(actor=doctor, patient_id=patient.id,
                                  details=replace(DAILY, session_start=typed,
                                                  session_minutes=15 if minute > 1400 else 30))
    assert (await TreatmentPlan.get(id=row.id)).session_start_minute == minute
