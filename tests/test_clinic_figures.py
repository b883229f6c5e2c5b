"""The clinic's figures against values worked out by hand on a small clinic of two branches.

The week of Tuesday 1 to Monday 7 December 2026 at Andheri (the billing tests' clinic, frozen on the Monday
morning) holds, written directly so each number below is easy to check:
- two invoices issued (₹1,000 and ₹500) and a credit note of ₹200 against the first; ₹600 cash and ₹500 UPI
  received: billed 1,300, collected 1,100, due 1,000 - 600 - 200 = 200;
- appointments: completed 1 Dec (Meera, 30 min) and 3 Dec (Arjun, 60 min), a no-show 2 Dec (Arjun), a
  cancellation 4 Dec and a rescheduled one 4 Dec, and Meera booked again on 9 Dec: no-shows 1 of 3 settled
  (33.3 %), cancellations 1 of 4 (25.0 %), rebooked 1 of the 2 seen (50.0 %);
- the doctor works 09:00-13:00 Monday to Saturday and is on leave on Saturday 5 Dec: 5 days of 240 minutes;
  booked 30 + 30 + 60 = 120 minutes (the no-show's time was booked): 10.0 %; the junior doctor has no hours of
  their own and works when the branch is open, 09:00-18:00 Monday to Saturday: 6 days of 540 minutes, none booked;
- inquiries: two from Google (one registered) and one with no source: 1 of 3 (33.3 %);
- expenses: ₹2,000 approved, ₹500 rejected; a budget of ₹1,000 a day: 2,000 of 7,000;
- pain scores (NPRS): Meera 8 on 20 Nov then 5 on 5 Dec (3 points, reaches the MCID of 2), Arjun 6 then 5
  (1 point); Arjun's single ODI is not a change: 2 patients, average 2.0, 50.0 % reaching the MCID.
Bandra, the other branch, has its own invoice and appointment, which an Andheri admin never sees.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from app.audit import audit
from app.errors import NotFound, PermissionDenied, ValidationFailed
from app.services import clinic_figures, figure_lists, invoices
from app.services.clinic_figures import PeriodKind, period_of
from app.services.invoices import LineInput
from models.accounts import Role, User
from models.audit import AuditEvent
from models.billing import Expense, ExpenseStatus, PaymentMode
from models.clinic import Branch, Service
from models.inquiries import Inquiry, InquiryKind
from models.outcomes import Instrument, OutcomeRecord
from models.patients import Patient
from models.plans import PlanStatus, PlanType, TreatmentPlan
from models.registrations import ChiefComplaint, Registration
from models.scheduling import Appointment, AppointmentStatus, Closure, OpeningHours, WorkingHours
from tests.billing import BillingClinic, billing_clinic
from tests.factories import actor_of, make_branch, make_patient, make_user
from tests.postgres import database

WEEK = period_of(PeriodKind.CUSTOM, first_day=date(2026, 12, 1), last_day=date(2026, 12, 7))
IST_OFFSET = timedelta(hours=5, minutes=30)

__all__ = ['database']  # the fixture, imported so that pytest finds it here


def at(day: int, hour: int, minute: int = 0, *, month: int = 12) -> datetime:
    """A moment of the clinic's day (Mumbai) as UTC."""
    return datetime(2026, month, day, hour, minute, tzinfo=UTC) - IST_OFFSET


async def visit(branch: Branch, patient: Patient, clinician: User, day: int, hour: int, minutes: int,
                status: AppointmentStatus) -> None:
    await Appointment.create(branch=branch, patient=patient, clinician=clinician, service=Service.PHYSIOTHERAPY,
                             starts_at=at(day, hour), ends_at=at(day, hour) + timedelta(minutes=minutes),
                             status=status)


async def inquiry(branch: Branch, source: str, *, registered: str | None = None, day: int = 2) -> None:
    row = await Inquiry.create(kind=InquiryKind.QUICK, full_name='Caller', phone='+91 98200 12345', branch=branch,
                               referral_source=source, patient_uid=registered)
    await Inquiry.filter(id=row.id).update(created_at=at(day, 11))


async def score(patient: Patient, instrument: Instrument, value: str, day: date) -> None:
    await OutcomeRecord.create(patient=patient, instrument=instrument, recorded_on=day, answers='{}',
                               score=Decimal(value))


@pytest.fixture
async def clinic(database: None) -> BillingClinic:
    bills = await billing_clinic()
    andheri, doctor = bills.clinic.branch, bills.clinic.doctor
    meera, arjun = bills.clinic.patient, bills.clinic.other_patient
    await Patient.filter(id__in=[meera.id, arjun.id]).update(registered_on=date(2026, 12, 2))
    first = await bills.issued(('Physiotherapy session', '1000'))
    second = await bills.issued(('Physiotherapy session', '500'))
    await bills.pay('600', invoice=first, mode='cash')
    await bills.pay('500', invoice=second, mode='upi')
    await invoices.credit_note(actor=bills.desk, invoice_id=first.id, amount='200', reason='Session not held')
    await visit(andheri, meera, doctor, 1, 10, 30, AppointmentStatus.COMPLETED)
    await visit(andheri, arjun, doctor, 2, 10, 30, AppointmentStatus.NO_SHOW)
    await visit(andheri, arjun, doctor, 3, 10, 60, AppointmentStatus.COMPLETED)
    await visit(andheri, meera, doctor, 4, 10, 30, AppointmentStatus.CANCELLED)
    await visit(andheri, arjun, doctor, 4, 11, 30, AppointmentStatus.RESCHEDULED)
    await visit(andheri, meera, doctor, 9, 10, 30, AppointmentStatus.BOOKED)  # after the week: a rebooking
    await WorkingHours.filter(clinician_id=doctor.id).delete()
    for weekday in range(6):
        await WorkingHours.create(clinician=doctor, branch=andheri, weekday=weekday, starts_minute=9 * 60,
                                  ends_minute=13 * 60)
    for weekday in range(6):  # the junior doctor has no hours of their own: they work when the branch is open
        await OpeningHours.create(branch=andheri, weekday=weekday, opens_minute=9 * 60, closes_minute=18 * 60)
    await Closure.create(clinician=doctor, first_day=date(2026, 12, 5), last_day=date(2026, 12, 5), reason='Leave')
    await inquiry(andheri, 'Google', registered=meera.uid)
    await inquiry(andheri, 'Google')
    await inquiry(andheri, '')
    await inquiry(andheri, 'Google', day=8)  # after the week
    andheri.daily_expense_budget = Decimal(1000)
    await andheri.save()
    for amount, status in (('2000', ExpenseStatus.APPROVED), ('500', ExpenseStatus.REJECTED)):
        await Expense.create(branch=andheri, number=f'ANDV/26-27/{amount}', spent_on=date(2026, 12, 1),
                             paid_to='Landlord', paid_by='Priya Nair', purpose='Rent', amount=Decimal(amount),
                             mode=PaymentMode.CASH, status=status)
    await score(meera, Instrument.NPRS, '8', date(2026, 11, 20))
    await score(meera, Instrument.NPRS, '5', date(2026, 12, 5))
    await score(arjun, Instrument.NPRS, '6', date(2026, 12, 1))
    await score(arjun, Instrument.NPRS, '5', date(2026, 12, 6))
    await score(arjun, Instrument.ODI, '40', date(2026, 12, 2))
    for status in (PlanStatus.ACTIVE, PlanStatus.COMPLETED):
        await TreatmentPlan.create(patient=meera, branch=andheri, service=Service.PHYSIOTHERAPY,
                                   plan_type=PlanType.DAILY, cost_per_day=Decimal(500), days=10, total=Decimal(5000),
                                   start_date=date(2026, 12, 1), end_date=date(2026, 12, 12), status=status)
    bandra = await make_branch('Bandra')
    elsewhere = await make_patient(full_name='Kiran Rao', branch=bandra)
    bandra_desk = await actor_of(await make_user(Role.RECEPTION, branch=bandra))
    view = await invoices.start_invoice(actor=bandra_desk, patient_uid=elsewhere.uid)
    await invoices.add_line(actor=bandra_desk, invoice_id=view.id,
                            line=LineInput(description='Consultation', unit_price='999'))
    await invoices.issue(actor=bandra_desk, invoice_id=view.id)
    await visit(bandra, elsewhere, await make_user(Role.DOCTOR, branch=bandra), 2, 12, 30,
                AppointmentStatus.NO_SHOW)
    return bills


async def test_each_figure_of_a_branch_matches_the_hand_worked_value(clinic: BillingClinic) -> None:
    figures = await clinic_figures.clinic_figures(actor=clinic.boss, period=WEEK)
    assert [branch.branch_name for branch in figures.branches] == ['Andheri']
    andheri = figures.branches[0]
    assert (andheri.billed, andheri.collected, andheri.dues) == (Decimal('1300.00'), Decimal('1100.00'),
                                                                 Decimal('200.00'))
    assert andheri.collected_by_mode == {PaymentMode.CASH: Decimal('600.00'), PaymentMode.UPI: Decimal('500.00')}
    assert (andheri.new_patients, andheri.active_plans) == (2, 1)
    assert andheri.appointments == {AppointmentStatus.COMPLETED: 2, AppointmentStatus.NO_SHOW: 1,
                                    AppointmentStatus.CANCELLED: 1, AppointmentStatus.RESCHEDULED: 1}
    assert (andheri.no_show_rate, andheri.cancellation_rate) == (Decimal('33.3'), Decimal('25.0'))
    assert [(use.name, use.booked_minutes, use.working_minutes, use.utilisation) for use in andheri.clinicians] == \
        [('Dr Kavita Mehta', 120, 1200, Decimal('10.0')), ('Dr Rohan Shah', 0, 3240, Decimal('0.0'))]
    assert andheri.utilisation == Decimal('2.7')  # 120 of 4,440 minutes
    assert (andheri.seen_patients, andheri.rebooked_patients, andheri.rebooking_rate) == (2, 1, Decimal('50.0'))
    assert [(source.source, source.inquiries, source.registered) for source in andheri.sources] == \
        [('Google', 2, 1), ('Not recorded', 1, 0)]
    assert andheri.conversion_rate == Decimal('33.3')
    assert (andheri.expenses, andheri.budget) == (Decimal('2000.00'), Decimal('7000.00'))
    [pain] = andheri.outcomes
    assert (pain.instrument, pain.patients, pain.average, pain.reached_rate) == \
        (Instrument.NPRS, 2, Decimal('2.0'), Decimal('50.0'))


async def test_the_superadmin_sees_each_branch_and_their_sum_and_an_admin_only_their_own(
        clinic: BillingClinic) -> None:
    superadmin = await actor_of(await make_user(Role.SUPERADMIN, branch=clinic.clinic.branch))
    figures = await clinic_figures.clinic_figures(actor=superadmin, period=WEEK)
    assert [branch.branch_name for branch in figures.branches] == ['Andheri', 'Bandra']
    bandra = figures.branches[1]
    assert (bandra.billed, bandra.dues, bandra.appointments) == \
        (Decimal('999.00'), Decimal('999.00'), {AppointmentStatus.NO_SHOW: 1})
    together = figures.together
    assert (together.billed, together.dues, together.collected) == \
        (Decimal('2299.00'), Decimal('1199.00'), Decimal('1100.00'))
    assert together.no_show_rate == Decimal('50.0')  # 2 of 4 settled: recomputed from the counts, not averaged
    only_bandra = await clinic_figures.clinic_figures(actor=superadmin, period=WEEK, branch_id=bandra.branch_id)
    assert [branch.branch_name for branch in only_bandra.branches] == ['Bandra']
    andheri_admin = clinic.boss
    with pytest.raises(NotFound):
        await clinic_figures.clinic_figures(actor=andheri_admin, period=WEEK, branch_id=bandra.branch_id)
    for refused in (clinic.desk, clinic.doctor, clinic.junior):
        with pytest.raises(PermissionDenied):
            await clinic_figures.clinic_figures(actor=refused, period=WEEK)


async def test_the_figures_cost_the_same_queries_however_much_data_there_is(
        clinic: BillingClinic, caplog: pytest.LogCaptureFixture) -> None:
    def queries() -> int:
        return sum(1 for record in caplog.records if record.name.startswith('tortoise.db_client'))

    with caplog.at_level(logging.DEBUG, logger='tortoise.db_client'):
        await clinic_figures.clinic_figures(actor=clinic.boss, period=WEEK)
        few = queries()
        caplog.clear()
        for day in range(1, 8):
            for hour in (14, 15, 16):
                await visit(clinic.clinic.branch, clinic.clinic.patient, clinic.clinic.doctor, day, hour, 30,
                            AppointmentStatus.COMPLETED)
            await inquiry(clinic.clinic.branch, f'Source {day}')
        caplog.clear()
        await clinic_figures.clinic_figures(actor=clinic.boss, period=WEEK)
        many = queries()
    assert 0 < few == many <= 30, (few, many)


@pytest.mark.parametrize(('kind', 'first', 'last'), [
    (PeriodKind.TODAY, date(2026, 12, 7), date(2026, 12, 7)),
    (PeriodKind.WEEK, date(2026, 12, 7), date(2026, 12, 7)),  # the Monday itself
    (PeriodKind.MONTH, date(2026, 12, 1), date(2026, 12, 7)),
    (PeriodKind.YEAR, date(2026, 4, 1), date(2026, 12, 7)),
])
def test_a_chosen_period_runs_up_to_today(kind: PeriodKind, first: date, last: date) -> None:
    period = period_of(kind, today=date(2026, 12, 7))
    assert (period.first_day, period.last_day) == (first, last)


def test_the_financial_year_starts_in_april_of_the_year_before_in_the_first_quarter() -> None:
    assert period_of(PeriodKind.YEAR, today=date(2027, 2, 10)).first_day == date(2026, 4, 1)


@pytest.mark.parametrize(('fields', 'message'), [
    ({'first_day': None, 'last_day': date(2026, 12, 7)}, 'Give the first and the last day'),
    ({'first_day': date(2026, 12, 7), 'last_day': date(2026, 12, 1)}, 'comes before its first day'),
    ({'first_day': date(2010, 1, 1), 'last_day': date(2026, 12, 1)}, 'at most ten years'),
])
def test_a_custom_range_that_makes_no_sense_is_refused_with_a_reason(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        period_of(PeriodKind.CUSTOM, **fields)
    assert message in refused.value.field_errors['period']


def test_an_unknown_period_is_refused() -> None:
    with pytest.raises(ValidationFailed):
        period_of('fortnight')


async def test_the_rows_behind_a_bar_are_the_rows_it_counts(clinic: BillingClinic) -> None:
    no_shows = await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='appointments', key='no-show')
    assert [(row.patient, f'{row.when:%d %b %H:%M}') for row in no_shows.rows] == \
        [('Arjun Menon · ' + clinic.clinic.other_patient.uid, '02 Dec 10:00')]
    cash = await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='collections', key='cash')
    assert [(row.patient_uid, row.amount) for row in cash.rows] == [(clinic.patient_uid, Decimal('600.00'))]
    booked = await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='clinician',
                                            key=str(clinic.clinic.doctor.id))
    assert [f'{row.when:%d}' for row in booked.rows] == ['03', '02', '01']  # held time only, the newest first
    google = await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='source', key='Google')
    unknown = await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='source', key='Not recorded')
    assert (google.total, unknown.total) == (2, 1)
    await audit.flush()
    assert await AuditEvent.filter(entity_type='report', entity_id='dashboard-appointments').values_list(
        'detail', flat=True) == ['No-show, Custom range: 01 Dec 2026 to 07 Dec 2026, Andheri: 1 row']


async def test_a_branch_admin_never_reads_another_branchs_rows(clinic: BillingClinic) -> None:
    bandra = await Branch.get(name='Bandra')
    with pytest.raises(NotFound):
        await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='appointments', key='no-show',
                                       branch_id=bandra.id)
    for refused in (clinic.desk, clinic.doctor, clinic.junior):
        with pytest.raises(PermissionDenied):
            await figure_lists.figure_list(actor=refused, period=WEEK, kind='appointments', key='no-show')
    with pytest.raises(NotFound):
        await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='appointments', key='lost')
    superadmin = await actor_of(await make_user(Role.SUPERADMIN, branch=clinic.clinic.branch))
    everywhere = await figure_lists.figure_list(actor=superadmin, period=WEEK, kind='appointments', key='no-show')
    assert sorted(row.branch for row in everywhere.rows) == ['Andheri', 'Bandra']


async def test_the_charts_over_time_the_complaints_and_the_funnel_match_the_week(clinic: BillingClinic) -> None:
    await Registration.create(patient=clinic.clinic.patient, branch=clinic.clinic.branch,
                              chief_complaint=ChiefComplaint.LOW_BACK_PAIN, consultation_type='in-clinic',
                              visit_at=at(3, 9), fee=Decimal(500), payment_method='cash')
    andheri = (await clinic_figures.clinic_figures(actor=clinic.boss, period=WEEK)).branches[0]
    assert WEEK.buckets()[0] == '2026-12-01' and not WEEK.by_month
    assert (andheri.billed_over_time, andheri.collected_over_time) == \
        ({'2026-12-07': Decimal('1300.00')}, {'2026-12-07': Decimal('1100.00')})
    assert andheri.appointments_over_time == {
        '2026-12-01': {AppointmentStatus.COMPLETED: 1}, '2026-12-02': {AppointmentStatus.NO_SHOW: 1},
        '2026-12-03': {AppointmentStatus.COMPLETED: 1},
        '2026-12-04': {AppointmentStatus.CANCELLED: 1, AppointmentStatus.RESCHEDULED: 1}}
    assert andheri.complaints == {ChiefComplaint.LOW_BACK_PAIN: 1}
    assert andheri.funnel == (3, 1, 1)  # three inquiries, Meera registered, and she has a plan
    year = period_of(PeriodKind.YEAR, today=date(2026, 12, 7))
    by_month = (await clinic_figures.clinic_figures(actor=clinic.boss, period=year)).branches[0]
    assert year.by_month and year.buckets()[:2] == ['2026-04', '2026-05'] and year.buckets()[-1] == '2026-12'
    assert by_month.billed_over_time == {'2026-12': Decimal('1300.00')}
    assert sum(by_month.appointments_over_time['2026-12'].values()) == 5  # the 9th's booking is after today


async def test_the_rows_behind_the_charts_over_time_are_those_of_the_bar_or_point_tapped(clinic: BillingClinic) -> None:
    billed = await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='billed-on', key='2026-12-07')
    assert sorted((row.detail.split()[0], row.amount) for row in billed.rows) == \
        [('Credit', Decimal('-200.00')), ('Invoice', Decimal('500.00')), ('Invoice', Decimal('1000.00'))]
    assert sum(row.amount or 0 for row in billed.rows) == Decimal('1300.00')  # the point's value
    collected = await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='collected-on', key='2026-12-07')
    assert sorted(row.detail.split(' · ')[1] for row in collected.rows) == ['Cash', 'UPI']
    sunday = await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='billed-on', key='2026-12-06')
    assert sunday.total == 0
    fourth = await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='appointments-on',
                                            key='cancelled/2026-12-04')
    assert [(row.patient_uid, f'{row.when:%d %H:%M}') for row in fourth.rows] == [(clinic.patient_uid, '04 10:00')]
    year = period_of(PeriodKind.YEAR, today=date(2026, 12, 7))
    december = await figure_lists.figure_list(actor=clinic.boss, period=year, kind='appointments-on',
                                              key='completed/2026-12')
    assert [f'{row.when:%d}' for row in december.rows] == ['03', '01']
    for kind, key in (('billed-on', '2026-11-30'), ('billed-on', '2026-12'), ('appointments-on', '2026-12-04'),
                      ('appointments-on', 'lost/2026-12-04'), ('collected-on', 'yesterday')):
        with pytest.raises(NotFound):  # a day outside the period, a month of a daily chart, no status, nonsense
            await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind=kind, key=key)


async def test_the_rows_behind_complaints_the_funnel_and_outcomes_are_those_counted(clinic: BillingClinic) -> None:
    meera, arjun = clinic.clinic.patient, clinic.clinic.other_patient
    for patient, complaint, day in ((meera, ChiefComplaint.LOW_BACK_PAIN, 3), (arjun, ChiefComplaint.LOW_BACK_PAIN, 4),
                                    (arjun, ChiefComplaint.NECK_PAIN, 5), (meera, ChiefComplaint.NECK_PAIN, 9)):
        await Registration.create(patient=patient, branch=clinic.clinic.branch, chief_complaint=complaint,
                                  consultation_type='in-clinic', visit_at=at(day, 9), fee=Decimal(500),
                                  payment_method='cash')
    backs = await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='complaint', key='low-back-pain')
    assert [row.patient_uid for row in backs.rows] == [arjun.uid, meera.uid]  # the newest first
    assert backs.rows[0].detail == 'Low back pain · In clinic'
    necks = await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='complaint', key='neck-pain')
    assert [row.patient_uid for row in necks.rows] == [arjun.uid]  # the 9th is after the week
    stages = {stage: await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='funnel', key=stage)
              for stage in figure_lists.FUNNEL_STAGES}
    assert [page.total for page in stages.values()] == [3, 1, 1]  # as the funnel: 3 inquiries, 1 registered, 1 plan
    assert [row.patient_uid for row in stages['treated'].rows] == [meera.uid]
    pain = await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='outcome', key='nprs')
    assert [(row.patient_uid, row.when, row.detail) for row in pain.rows] == [
        (arjun.uid, date(2026, 12, 6), 'Pain (NPRS 0-10): 6 to 5, 1 better (short of the MCID of 2)'),
        (meera.uid, date(2026, 12, 5), 'Pain (NPRS 0-10): 8 to 5, 3 better (reaches the MCID of 2)')]
    await score(arjun, Instrument.NPRS, '7', date(2026, 12, 7))  # worse than his first 6
    worse = await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='outcome', key='nprs')
    assert worse.rows[0].detail == 'Pain (NPRS 0-10): 6 to 7, 1 worse (short of the MCID of 2)'
    second = await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='outcome', key='nprs', page=2,
                                            per_page=10)
    assert second.page == 1  # a page past the last is the last
    disability = await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='outcome', key='odi')
    assert disability.total == 0  # Arjun's single ODI is not a change: the chart counts nobody
    for kind, key in (('complaint', 'headache'), ('funnel', 'paid'), ('outcome', 'vas')):
        with pytest.raises(NotFound):
            await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind=kind, key=key)
    bandra = await Branch.get(name='Bandra')
    with pytest.raises(NotFound):
        await figure_lists.figure_list(actor=clinic.boss, period=WEEK, kind='outcome', key='nprs', branch_id=bandra.id)
