"""The reports against a small clinic worked out by hand, on SQLite and on PostgreSQL.

Monday 7 December 2026 at Andheri (frozen): a session invoiced at ₹1,000 with a credit note of ₹200, and a
lumbar belt (HSN 6307) at ₹1,000 plus 12 % GST; ₹600 cash and ₹500 UPI received; the doctor's visits today:
one completed (30 minutes), one no-show, one cancelled. Bandra has a patient and an invoice of its own.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from tortoise.transactions import in_transaction

from app.audit import audit
from app.errors import NotFound, PermissionDenied, ValidationFailed
from app.services import invoices, reports, tax_days
from app.services.invoices import LineInput
from app.services.reports import ReportKind
from models.accounts import Role
from models.audit import AuditEvent
from models.billing import TaxDay
from models.clinic import Branch, Service
from models.patients import Patient
from models.scheduling import Appointment, AppointmentStatus
from tests.billing import BillingClinic, billing_clinic
from tests.factories import actor_of, make_branch, make_patient, make_user
from tests.postgres import database

__all__ = ['database']  # the fixture, imported so that pytest finds it here

WEEK = {'first_day': date(2026, 12, 1), 'last_day': date(2026, 12, 7)}


@pytest.fixture
async def clinic(database: None) -> BillingClinic:
    bills = await billing_clinic()
    session = await bills.issued(('Physiotherapy session', '1000'))
    belt = await bills.draft(('Lumbar belt', '1000'), tax_rate='12', sac='6307')
    belt = await invoices.issue(actor=bills.desk, invoice_id=belt.id)
    await bills.pay('600', invoice=session, mode='cash')
    await bills.pay('500', invoice=belt, mode='upi')
    await invoices.credit_note(actor=bills.desk, invoice_id=session.id, amount='200', reason='Session not held')
    clinic = bills.clinic
    for hour, status in ((9, AppointmentStatus.COMPLETED), (10, AppointmentStatus.NO_SHOW),
                         (11, AppointmentStatus.CANCELLED)):
        starts = datetime(2026, 12, 7, hour, tzinfo=UTC) - timedelta(hours=5, minutes=30)
        await Appointment.create(branch=clinic.branch, patient=clinic.patient, clinician=clinic.doctor,
                                 service=Service.PHYSIOTHERAPY, starts_at=starts,
                                 ends_at=starts + timedelta(minutes=30), status=status)
    bandra = await make_branch('Bandra')
    elsewhere = await make_patient(full_name='Kiran Rao', branch=bandra)
    bandra_desk = await actor_of(await make_user(Role.RECEPTION, branch=bandra))
    view = await invoices.start_invoice(actor=bandra_desk, patient_uid=elsewhere.uid)
    await invoices.add_line(actor=bandra_desk, invoice_id=view.id,
                            line=LineInput(description='Consultation', unit_price='999'))
    await invoices.issue(actor=bandra_desk, invoice_id=view.id)
    await Patient.all().update(registered_on=date(2026, 12, 2))
    return bills


async def test_the_invoices_payments_and_tax_summary_match_the_hand_worked_sums(clinic: BillingClinic) -> None:
    billed = await reports.report_page(actor=clinic.boss, kind=ReportKind.INVOICES, **WEEK)
    assert sorted((row[2], row[10]) for row in billed.rows) == \
        [('Credit note', Decimal('200.00')), ('Invoice', Decimal('1000.00')), ('Invoice', Decimal('1120.00'))]
    assert (billed.totals['taxable'], billed.totals['cgst'], billed.totals['sgst'], billed.totals['total']) == \
        (Decimal('1800.00'), Decimal('60.00'), Decimal('60.00'), Decimal('1920.00'))
    paid = await reports.report_page(actor=clinic.boss, kind=ReportKind.PAYMENTS, **WEEK)
    assert sorted((row[4], row[6]) for row in paid.rows) == [('Cash', Decimal('600.00')), ('UPI', Decimal('500.00'))]
    assert paid.totals == {'amount': Decimal('1100.00')}
    tax = await reports.report_page(actor=clinic.boss, kind=ReportKind.TAX, **WEEK)
    assert tax.rows == [('6307', Decimal('12.00'), Decimal('1000.00'), Decimal('120.00'), Decimal('0.00'),
                         Decimal('1120.00')),
                        ('999314', Decimal('0.00'), Decimal('800.00'), Decimal('0.00'), Decimal('0.00'),
                         Decimal('800.00'))]
    assert tax.totals['total'] == Decimal('1920.00')  # the invoices report's total, by another road


async def test_the_daily_tax_sums_kept_at_issue_agree_with_the_lines(clinic: BillingClinic) -> None:
    def sums() -> Any:
        return TaxDay.all().order_by('branch_id', 'sac', 'kind').values_list(
            'branch_id', 'day', 'sac', 'tax_rate', 'kind', 'taxable_paise', 'tax_paise')

    kept = await sums()
    andheri = clinic.clinic.branch.id
    belts = [row for row in kept if row[0] == andheri and row[2] == '6307']
    assert [(row[5], row[6]) for row in belts] == [(100000, 12000)]  # ₹1,000 taxable, ₹120 tax
    another = await clinic.draft(('Cervical collar', '500'), tax_rate='12', sac='6307')
    await invoices.issue(actor=clinic.desk, invoice_id=another.id)  # the same day, code and rate: the same row
    kept = await sums()
    assert [(row[5], row[6]) for row in kept if row[0] == andheri and row[2] == '6307'] == [(150000, 18000)]
    await clinic.draft(('Lumbar belt', '1000'), tax_rate='12', sac='6307')  # a draft counts for nothing
    assert await sums() == kept
    async with in_transaction() as connection:
        await tax_days.rebuild(connection)  # worked out again from every issued line
    assert await sums() == kept
    assert {row[4] for row in kept} == {'invoice', 'credit-note'}


async def test_appointments_and_productivity_count_the_doctors_day(clinic: BillingClinic) -> None:
    booked = await reports.report_page(actor=clinic.boss, kind=ReportKind.APPOINTMENTS, **WEEK)
    assert [row[6] for row in booked.rows] == ['Cancelled', 'No-show', 'Completed']  # the latest first
    work = await reports.report_page(actor=clinic.boss, kind=ReportKind.PRODUCTIVITY, **WEEK)
    assert work.rows == [('Dr Kavita Mehta', 2, 1, 1, 1, Decimal('0.5'), 0)]


async def test_a_report_holds_only_its_days_and_its_branch(clinic: BillingClinic) -> None:
    before = await reports.report_page(actor=clinic.boss, kind=ReportKind.PAYMENTS, first_day=date(2026, 12, 1),
                                       last_day=date(2026, 12, 6))
    assert (before.total, before.totals) == (0, {'amount': Decimal('0.00')})
    bandra = await Branch.get(name='Bandra')
    with pytest.raises(NotFound):
        await reports.report_page(actor=clinic.boss, kind=ReportKind.INVOICES, branch_id=bandra.id, **WEEK)
    with pytest.raises(NotFound):
        await reports.report_export(actor=clinic.boss, kind=ReportKind.INVOICES, file_format='CSV',
                                    branch_id=bandra.id, **WEEK)
    for refused in (clinic.desk, clinic.doctor, clinic.junior):
        with pytest.raises(PermissionDenied):
            await reports.report_page(actor=refused, kind=ReportKind.PATIENTS, **WEEK)
    superadmin = await actor_of(await make_user(Role.SUPERADMIN, branch=clinic.clinic.branch))
    everyone = await reports.report_page(actor=superadmin, kind=ReportKind.PATIENTS, **WEEK)
    assert sorted(row[2] for row in everyone.rows) == ['Arjun Menon', 'Kiran Rao', 'Meera Iyer']
    own = await reports.report_page(actor=clinic.boss, kind=ReportKind.PATIENTS, **WEEK)
    assert sorted(row[2] for row in own.rows) == ['Arjun Menon', 'Meera Iyer']
    with pytest.raises(ValidationFailed):
        await reports.report_page(actor=clinic.boss, kind=ReportKind.PATIENTS, first_day=date(2026, 12, 7),
                                  last_day=date(2026, 12, 1))
    with pytest.raises(NotFound):
        await reports.report_page(actor=clinic.boss, kind='salaries', **WEEK)


async def test_an_export_holds_exactly_the_filtered_rows_in_batches_and_is_audited(
        clinic: BillingClinic, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reports, 'BATCH', 2)
    shown = await reports.report_page(actor=clinic.boss, kind=ReportKind.INVOICES, **WEEK)
    export = await reports.report_export(actor=clinic.boss, kind=ReportKind.INVOICES, file_format='CSV', **WEEK)
    batches = [batch async for batch in export.batches()]
    assert [len(batch) for batch in batches] == [2, 1]
    assert [row for batch in batches for row in batch] == shown.rows
    assert export.total == 3 and export.filename_stem == 'invoices-20261201-20261207'
    await audit.flush()
    details = await AuditEvent.filter(entity_type='report', entity_id='report-invoices').order_by('seq') \
        .values_list('action', 'detail')
    assert details == [('view', 'Invoices and credit notes, 01 Dec 2026 to 07 Dec 2026, Andheri: 3 of 3 row(s), '
                                'page 1'),
                       ('export', 'Invoices and credit notes exported as CSV, 01 Dec 2026 to 07 Dec 2026, Andheri: '
                                  '3 row(s)')]


@pytest.mark.parametrize('kind', list(ReportKind))
async def test_every_report_reads_a_page(clinic: BillingClinic, kind: ReportKind) -> None:
    page = await reports.report_page(actor=clinic.boss, kind=kind, **WEEK)
    assert all(len(row) == len(page.spec.columns) for row in page.rows)


async def test_a_credit_note_takes_back_each_code_and_rate_with_its_tax(database: None) -> None:
    bills = await billing_clinic()
    view = await bills.draft(('Physiotherapy session', '600'))
    await invoices.add_line(actor=bills.desk, invoice_id=view.id, line=LineInput(
        description='Lumbar belt', unit_price='1000', tax_rate='12', sac='6307'))
    issued = await invoices.issue(actor=bills.desk, invoice_id=view.id)  # ₹600 exempt and ₹1,120 with its GST
    note = await invoices.credit_note(actor=bills.desk, invoice_id=issued.id, amount='860', reason='Billed twice')
    assert [(line.sac, line.tax_rate, line.taxable_value, line.tax, line.amount) for line in note.lines] == [
        ('999314', Decimal('0.00'), Decimal('300.00'), Decimal('0.00'), Decimal('300.00')),
        ('6307', Decimal('12.00'), Decimal('500.00'), Decimal('60.00'), Decimal('560.00'))]
    assert (note.taxable_value, note.cgst, note.sgst, note.total) == \
        (Decimal('800.00'), Decimal('30.00'), Decimal('30.00'), Decimal('860.00'))
    day = issued.issued_on
    tax = await reports.report_page(actor=bills.boss, kind=ReportKind.TAX, first_day=day, last_day=day)
    assert tax.rows == [  # what is left of each after the credit: half of it
        ('6307', Decimal('12.00'), Decimal('500.00'), Decimal('60.00'), Decimal('0.00'), Decimal('560.00')),
        ('999314', Decimal('0.00'), Decimal('300.00'), Decimal('0.00'), Decimal('0.00'), Decimal('300.00'))]
    assert (tax.totals['intrastate'], tax.totals['total']) == (Decimal('60.00'), Decimal('860.00'))
