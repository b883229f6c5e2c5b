"""Invoices: drafts, lines from every source, issue with gap-free numbers, credit notes, roles and the trail."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from tortoise import connections
from tortoise.exceptions import OperationalError

from app.audit import Action, EntityType
from app.clock import clock
from app.config import load_settings, use_settings
from app.errors import DomainError, PermissionDenied, ValidationFailed
from app.services import invoices, payments
from app.services.invoices import LineInput
from models.accounts import User
from models.audit import AuditEvent
from models.billing import Invoice, InvoiceKind, InvoiceLine, InvoiceStatus
from models.clinic import Service
from models.clinical import DiagnosticTest, TestKind
from models.plans import PlanType, TreatmentPlan
from models.registrations import ChiefComplaint, ConsultationType, PaymentMethod, Registration
from models.scheduling import Appointment, AppointmentStatus
from tests.billing import BillingClinic, billing_clinic
from tests.factories import PASSWORD


async def test_a_draft_is_issued_with_the_branch_s_next_number_and_never_changes_again(db: None) -> None:
    bills = await billing_clinic()
    draft = await bills.draft(('Physiotherapy session', '600'), ('Home visit', '1,000'))
    assert (draft.status, draft.number, draft.total) == (InvoiceStatus.DRAFT, '', Decimal('1600.00'))
    issued = await invoices.issue(actor=bills.desk, invoice_id=draft.id)
    assert (issued.number, issued.status, issued.status_label) == ('AND/26-27/00001', InvoiceStatus.ISSUED, 'Due')
    assert (issued.issued_on, issued.title, issued.due) == (date(2026, 12, 7), 'Bill of supply', Decimal('1600.00'))
    second = await bills.issued(('Consultation', '500'))
    assert second.number == 'AND/26-27/00002'
    refusals = [invoices.add_line(actor=bills.desk, invoice_id=issued.id,
                                  line=LineInput(description='More', unit_price='1')),
                invoices.remove_line(actor=bills.desk, invoice_id=issued.id, line_id=issued.lines[0].id),
                invoices.set_invoice_discount(actor=bills.desk, invoice_id=issued.id, discount='10%'),
                invoices.discard_draft(actor=bills.desk, invoice_id=issued.id),
                invoices.issue(actor=bills.desk, invoice_id=issued.id)]
    for refusal in refusals:
        with pytest.raises(DomainError, match=re.escape('AND/26-27/00001 is issued and can no longer be changed. '
                                                        'To correct it, issue a credit note.')):
            await refusal
    stored = await Invoice.get(id=issued.id)
    assert (stored.total, stored.number, await InvoiceLine.filter(invoice_id=issued.id).count()) == \
        (Decimal('1600.00'), 'AND/26-27/00001', 2)
    trail = await AuditEvent.filter(entity_type=EntityType.INVOICE, entity_id=str(issued.id)).order_by('seq')
    assert [event.action for event in trail][:1] == [Action.CREATE]
    assert 'Issued AND/26-27/00001: ₹1,600.00' in [event.detail for event in trail]
    assert sum(event.outcome == 'failed' for event in trail) == 5  # each refused change is on the trail


async def test_the_database_refuses_to_change_an_issued_invoice_its_lines_or_to_delete_it(db: None) -> None:
    bills = await billing_clinic()
    issued = await bills.issued(('Physiotherapy session', '600'))
    connection = connections.get('default')
    for statement in (f"UPDATE invoice SET total = '1.00' WHERE id = '{issued.id}'",
                      f"UPDATE invoice SET number = 'X/1' WHERE id = '{issued.id}'",
                      f"UPDATE invoice SET status = 'draft' WHERE id = '{issued.id}'",
                      f"DELETE FROM invoice WHERE id = '{issued.id}'",
                      f"UPDATE invoice_line SET unit_price = '1.00' WHERE invoice_id = '{issued.id}'",
                      f"DELETE FROM invoice_line WHERE invoice_id = '{issued.id}'",
                      "INSERT INTO invoice_line (invoice_id, position, description, sac, quantity, unit_price, "
                      "line_discount, tax_rate, shared_discount, taxable_value, tax, amount) VALUES "
                      f"('{issued.id}', 9, 'x', '999314', '1', '1', '0', '0', '0', '1', '0', '1')"):
        with pytest.raises(OperationalError, match='issued invoice cannot be'):
            await connection.execute_query(statement)
    # what is paid towards it may still move
    await connection.execute_query(f"UPDATE invoice SET paid = '600.00', status = 'paid' WHERE id = '{issued.id}'")


async def test_bad_lines_get_a_clear_message_and_save_nothing(db: None) -> None:
    bills = await billing_clinic()
    draft = await bills.draft(('Physiotherapy session', '600'))
    cases = [
        (LineInput(description='Session', unit_price='600', quantity='-1'), 'quantity',
         'The quantity must be more than 0.'),
        (LineInput(description='Session', unit_price='600', quantity='0'), 'quantity', 'Enter the quantity'),
        (LineInput(description='Session', unit_price='600', discount='120%'), 'discount',
         'A discount cannot be more than 100 %.'),
        (LineInput(description='Session', unit_price='600', discount='700'), 'discount',
         'The discount cannot be more than what it comes off, ₹600.00.'),
        (LineInput(description='Session', unit_price='-5'), 'unit_price', 'The price cannot be negative.'),
        (LineInput(description='', unit_price='600'), 'description', 'Enter the description.'),
        (LineInput(description='Brace', unit_price='600', tax_rate='7'), 'tax_rate', 'Choose a GST rate of 0, 5, 12'),
        (LineInput(description='Brace', unit_price='600', sac='12'), 'sac', 'A SAC or HSN code is 4 to 8 digits'),
    ]
    for line, field, message in cases:
        with pytest.raises(ValidationFailed) as refused:
            await invoices.add_line(actor=bills.desk, invoice_id=draft.id, line=line)
        assert refused.value.field_errors[field].startswith(message), refused.value.field_errors
    with pytest.raises(ValidationFailed) as refused:
        await invoices.set_invoice_discount(actor=bills.desk, invoice_id=draft.id, discount='101%')
    assert refused.value.field_errors == {'invoice_discount': 'A discount cannot be more than 100 %.'}
    stored = await Invoice.get(id=draft.id)
    assert (await InvoiceLine.filter(invoice_id=draft.id).count(), stored.total, stored.invoice_discount) == \
        (1, Decimal('600.00'), Decimal('0.00'))


async def test_discounts_and_tax_make_the_totals_and_the_kind_of_bill(db: None) -> None:
    bills = await billing_clinic()
    view = await bills.draft(('Physiotherapy session', '600'))
    assert view.title == 'Bill of supply'
    view = await invoices.add_line(actor=bills.desk, invoice_id=view.id, line=LineInput(
        description='Lumbar support belt', unit_price='1,200', tax_rate='12', sac='9021', discount='10%'))
    assert view.title == 'Invoice-cum-bill of supply'
    belt = view.lines[1]
    assert (belt.discount, belt.taxable_value, belt.tax, belt.amount) == \
        (Decimal('120.00'), Decimal('1080.00'), Decimal('129.60'), Decimal('1209.60'))
    view = await invoices.set_invoice_discount(actor=bills.desk, invoice_id=view.id, discount='100')
    # the ₹100 is shared 600 : 1,080 over the two lines, so the belt's tax falls with it
    assert [line.discount for line in view.lines] == [Decimal('35.71'), Decimal('184.29')]
    assert (view.gross, view.discount, view.taxable_value) == (Decimal('1800.00'), Decimal('220.00'),
                                                               Decimal('1580.00'))
    assert (view.cgst, view.sgst, view.total) == (Decimal('60.94'), Decimal('60.94'), Decimal('1701.88'))
    only_taxed = await bills.draft(('Cervical collar', '450'), tax_rate='5', sac='9021')
    assert only_taxed.title == 'Tax invoice'


async def test_a_discount_above_the_limit_needs_a_doctor_s_password_at_issue(db: None) -> None:
    bills = await billing_clinic()
    view = await bills.draft(('Physiotherapy package, 21 sessions', '30,000'))
    await invoices.set_invoice_discount(actor=bills.desk, invoice_id=view.id, discount='20%')
    with pytest.raises(ValidationFailed) as refused:
        await invoices.issue(actor=bills.desk, invoice_id=view.id)
    assert 'needs a doctor or an admin' in refused.value.field_errors['discount_approved_by']
    with pytest.raises(ValidationFailed) as refused:
        await invoices.issue(actor=bills.desk, invoice_id=view.id, approver_id=bills.clinic.doctor.id,
                             approver_password='wrong password')
    assert 'approver_password' in refused.value.field_errors
    assert (await Invoice.get(id=view.id)).status is InvoiceStatus.DRAFT
    assert (await User.get(id=bills.clinic.doctor.id)).failed_login_count == 1  # a guess counts like a failed sign-in
    failed = await AuditEvent.get(action='login-failed')
    assert (failed.user_id, failed.detail) == (bills.clinic.doctor.id, 'wrong password (approving a discount)')
    with pytest.raises(ValidationFailed) as refused:
        await invoices.issue(actor=bills.desk, invoice_id=view.id, approver_id=bills.clinic.reception.id,
                             approver_password=PASSWORD)
    assert 'Only a doctor or an admin' in refused.value.field_errors['discount_approved_by']
    issued = await invoices.issue(actor=bills.desk, invoice_id=view.id, approver_id=bills.clinic.doctor.id,
                                  approver_password=PASSWORD)
    assert (issued.total, issued.discount_approved_by) == (Decimal('24000.00'), 'Dr Kavita Mehta')
    approval = await AuditEvent.filter(entity_id=str(view.id), detail__contains='Approved a discount').first()
    assert approval is not None and approval.username == bills.clinic.doctor.username


async def test_the_discount_limit_comes_from_the_settings(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('PROSPINE_DISCOUNT_LIMIT_PERCENT', '20')
    use_settings(load_settings())
    bills = await billing_clinic()
    view = await bills.draft(('Physiotherapy package, 21 sessions', '30,000'))
    await invoices.set_invoice_discount(actor=bills.desk, invoice_id=view.id, discount='20%')
    issued = await invoices.issue(actor=bills.desk, invoice_id=view.id)
    assert (issued.total, issued.discount_approved_by) == (Decimal('24000.00'), '')


async def test_the_financial_year_starts_again_at_1_on_1_april_on_the_clinic_s_clock(db: None) -> None:
    bills = await billing_clinic()
    clock.freeze(datetime(2027, 3, 31, 18, 29, tzinfo=UTC))  # 23:59 on 31 March in Mumbai
    assert (await bills.issued(('Session', '600'))).number == 'AND/26-27/00001'
    assert (await bills.issued(('Session', '600'))).number == 'AND/26-27/00002'
    clock.freeze(datetime(2027, 3, 31, 18, 31, tzinfo=UTC))  # 00:01 on 1 April in Mumbai, still 31 March in UTC
    first = await bills.issued(('Session', '600'))
    assert (first.number, first.issued_on) == ('AND/27-28/00001', date(2027, 4, 1))
    clock.advance(timedelta(days=1))
    assert (await bills.issued(('Session', '600'))).number == 'AND/27-28/00002'


async def test_a_credit_note_lowers_what_is_due_and_in_full_cancels_the_invoice(db: None) -> None:
    bills = await billing_clinic()
    issued = await bills.issued(('Physiotherapy session', '600'), ('Home visit', '1,000'))
    note = await invoices.credit_note(actor=bills.desk, invoice_id=issued.id, amount='1,000',
                                      reason='Home visit not made')
    assert (note.kind, note.number, note.total, note.credit_of) == \
        (InvoiceKind.CREDIT_NOTE, 'ANDC/26-27/00001', Decimal('1000.00'), 'AND/26-27/00001')
    assert note.title == 'Credit note' and note.lines[0].description == \
        'Credit against AND/26-27/00001: Home visit not made'
    after = await invoices.invoice_view(actor=bills.desk, invoice_id=issued.id)
    assert (after.credited, after.due, after.status) == (Decimal('1000.00'), Decimal('600.00'), InvoiceStatus.ISSUED)
    assert [credit.number for credit in after.credit_notes] == ['ANDC/26-27/00001']
    with pytest.raises(ValidationFailed) as refused:
        await invoices.credit_note(actor=bills.desk, invoice_id=issued.id, amount='700', reason='Typo')
    assert refused.value.field_errors == {
        'amount': 'A credit note can be at most ₹600.00, what is left of this invoice.'}
    with pytest.raises(ValidationFailed) as refused:
        await invoices.credit_note(actor=bills.desk, invoice_id=issued.id, amount='600', reason=' ')
    assert refused.value.field_errors == {'reason': 'Enter the reason for the credit note.'}
    await invoices.credit_note(actor=bills.desk, invoice_id=issued.id, amount='600', reason='Billed in error')
    cancelled = await invoices.invoice_view(actor=bills.desk, invoice_id=issued.id)
    assert (cancelled.status, cancelled.status_label, cancelled.due, cancelled.may_credit) == \
        (InvoiceStatus.CANCELLED, 'Cancelled', Decimal('0.00'), False)


async def test_crediting_a_paid_invoice_makes_the_payment_the_patient_s_credit(db: None) -> None:
    bills = await billing_clinic()
    issued = await bills.issued(('Physiotherapy package', '30,000'))
    await bills.pay('30000', invoice=issued)
    await invoices.credit_note(actor=bills.desk, invoice_id=issued.id, amount='10,000', reason='Plan shortened')
    after = await invoices.invoice_view(actor=bills.desk, invoice_id=issued.id)
    assert (after.paid, after.credited, after.due, after.status) == \
        (Decimal('20000.00'), Decimal('10000.00'), Decimal('0.00'), InvoiceStatus.PAID)
    account = await payments.ledger(actor=bills.desk, patient_uid=bills.patient_uid)
    assert (account.billed, account.credited, account.paid, account.due, account.credit) == \
        (Decimal('30000.00'), Decimal('10000.00'), Decimal('30000.00'), Decimal('0.00'), Decimal('10000.00'))


async def test_lines_come_from_a_plan_attended_sessions_a_consultation_and_a_test_each_billed_once(db: None) -> None:
    bills = await billing_clinic()
    clinic = bills.clinic
    patient = clinic.patient
    package = await TreatmentPlan.create(patient=patient, branch=clinic.branch, service=Service.PHYSIOTHERAPY,
                                         plan_type=PlanType.PACKAGE, package_cost=Decimal(30000), days=21,
                                         discount=Decimal(2000), total=Decimal(28000), start_date=date(2026, 12, 7),
                                         end_date=date(2026, 12, 31))
    daily = await TreatmentPlan.create(patient=patient, branch=clinic.branch, service=Service.SPEECH_THERAPY,
                                       plan_type=PlanType.DAILY, cost_per_day=Decimal(650), days=26,
                                       total=Decimal(16900), start_date=date(2026, 11, 1), end_date=date(2026, 12, 31))
    visits = ((2, daily, 1, AppointmentStatus.COMPLETED), (3, daily, 2, AppointmentStatus.NO_SHOW),
              (4, package, 1, AppointmentStatus.COMPLETED), (5, None, None, AppointmentStatus.ARRIVED),
              (1, None, None, AppointmentStatus.COMPLETED))  # the consultation's own visit
    for day, plan, number, status in visits:
        starts = datetime(2026, 12, day, 4, 30, tzinfo=UTC)
        await Appointment.create(branch=clinic.branch, patient=patient, clinician=clinic.doctor,
                                 service=plan.service if plan else Service.PHYSIOTHERAPY, starts_at=starts,
                                 ends_at=starts + timedelta(minutes=30), status=status, plan=plan,
                                 session_number=number)
    consultation = await Registration.create(
        patient=patient, branch=clinic.branch, chief_complaint=ChiefComplaint.BACK_PAIN,
        consultation_type=ConsultationType.HOME_VISIT, visit_at=datetime(2026, 12, 1, 5, tzinfo=UTC),
        fee=Decimal(1000), payment_method=PaymentMethod.CASH)
    test = await DiagnosticTest.create(patient=patient, kind=TestKind.NCV)

    view = await invoices.start_invoice(actor=bills.desk, patient_uid=patient.uid)
    view = await invoices.add_plan(actor=bills.desk, invoice_id=view.id, plan_id=package.id)
    view = await invoices.add_attended_sessions(actor=bills.desk, invoice_id=view.id)
    view = await invoices.add_consultation(actor=bills.desk, invoice_id=view.id, registration_id=consultation.id)
    view = await invoices.add_test(actor=bills.desk, invoice_id=view.id, test_id=test.id)
    assert [(line.description, line.unit_price, line.discount) for line in view.lines] == [
        ('Physiotherapy package, 21 sessions', Decimal('30000.00'), Decimal('2000.00')),
        ('Speech therapy session, 02 Dec 2026 (session 1 of 26)', Decimal('650.00'), Decimal('0.00')),
        ('Physiotherapy session, 05 Dec 2026', Decimal('600.00'), Decimal('0.00')),  # the price list's rate
        ('Consultation (home visit), 01 Dec 2026', Decimal('1000.00'), Decimal('0.00')),
        ('NCV test', Decimal('3000.00'), Decimal('0.00')),
    ]  # the no-show, the package's own session and the consultation's visit (billed at its fee) are not billed
    assert view.total == Decimal('33250.00')
    other = await invoices.start_invoice(actor=bills.desk, patient_uid=patient.uid)
    for attempt, message in ((invoices.add_plan(actor=bills.desk, invoice_id=other.id, plan_id=package.id),
                              'This plan is already billed on a draft invoice.'),
                             (invoices.add_attended_sessions(actor=bills.desk, invoice_id=other.id),
                              'The patient has no attended session left to bill.'),
                             (invoices.add_consultation(actor=bills.desk, invoice_id=other.id,
                                                        registration_id=consultation.id),
                              'This consultation is already billed on a draft invoice.'),
                             (invoices.add_plan(actor=bills.desk, invoice_id=other.id, plan_id=daily.id),
                              'A daily plan is paid visit by visit: add its attended sessions instead.')):
        with pytest.raises(DomainError, match=message):
            await attempt
    issued = await invoices.issue(actor=bills.desk, invoice_id=view.id)
    with pytest.raises(DomainError, match=re.escape('This test is already billed on AND/26-27/00001.')):
        await invoices.add_test(actor=bills.desk, invoice_id=other.id, test_id=test.id)
    # cancelled by a credit note, its sessions can be billed again
    await invoices.credit_note(actor=bills.desk, invoice_id=issued.id, amount=str(issued.total), reason='Wrong patient')
    again = await invoices.add_attended_sessions(actor=bills.desk, invoice_id=other.id)
    assert len(again.lines) == 2


async def test_reception_bills_doctors_see_junior_doctors_see_no_money(db: None) -> None:
    bills = await billing_clinic()
    issued = await bills.issued(('Physiotherapy session', '600'))
    seen = await invoices.invoice_view(actor=bills.doctor, invoice_id=issued.id)
    assert (seen.number, seen.may_change, seen.may_settle, seen.may_credit) == ('AND/26-27/00001', False, False, False)
    assert (await invoices.invoice_view(actor=bills.desk, number='and/26-27/00001')).may_settle
    for attempt in (invoices.start_invoice(actor=bills.doctor, patient_uid=bills.patient_uid),
                    invoices.credit_note(actor=bills.doctor, invoice_id=issued.id, amount='1', reason='x'),
                    invoices.invoice_view(actor=bills.junior, invoice_id=issued.id),
                    invoices.invoices_page(actor=bills.junior),
                    payments.ledger(actor=bills.junior, patient_uid=bills.patient_uid)):
        with pytest.raises(PermissionDenied):
            await attempt
    denied = await AuditEvent.filter(action=Action.PERMISSION_DENIED, entity_type=EntityType.INVOICE).count()
    assert denied == 3


async def test_another_branch_sees_the_patient_s_invoice_but_changes_it_only_where_it_was_issued(db: None) -> None:
    bills = await billing_clinic()
    issued = await bills.issued(('Physiotherapy session', '600'))
    other = await _other_desk(bills)
    seen = await invoices.invoice_view(actor=other, invoice_id=issued.id)
    assert (seen.number, seen.may_settle, seen.may_credit) == ('AND/26-27/00001', False, False)
    with pytest.raises(DomainError, match=re.escape('This invoice belongs to Andheri: it is changed there.')):
        await invoices.credit_note(actor=other, invoice_id=issued.id, amount='100', reason='x')
    page = await invoices.invoices_page(actor=other)
    assert page.total == 0  # the branch's own list
    assert (await invoices.invoices_page(actor=other, patient_uid=bills.patient_uid)).total == 1


async def test_the_invoice_list_pages_and_finds_by_number_patient_and_status(db: None) -> None:
    bills = await billing_clinic()
    for _ in range(3):
        await bills.issued(('Physiotherapy session', '600'))
    paid = await bills.issued(('Consultation', '500'))
    await bills.pay('500', invoice=paid)
    await bills.draft(('Draft line', '100'))
    page = await invoices.invoices_page(actor=bills.desk, per_page=10)
    assert page.total == 5 and page.rows[0].number == ''  # the newest, a draft
    assert [row.number for row in (await invoices.invoices_page(actor=bills.desk, search='AND/26-27/00004')).rows] == \
        ['AND/26-27/00004']
    assert (await invoices.invoices_page(actor=bills.desk, search='meera')).total == 5
    assert (await invoices.invoices_page(actor=bills.desk, status='paid')).total == 1
    assert (await invoices.invoices_page(actor=bills.desk, status='issued')).total == 3
    two = await invoices.invoices_page(actor=bills.desk, per_page=10, page=1)
    assert len(two.rows) == 5


async def _other_desk(bills: BillingClinic):  # type: ignore[no-untyped-def]
    from models.accounts import Role
    from tests.factories import actor_of, make_branch, make_user

    branch = await make_branch('Bandra')
    return await actor_of(await make_user(Role.RECEPTION, branch=branch, full_name='Neha Joshi'))


async def test_a_branch_s_code_starts_its_numbers_and_is_fixed_once_used(db: None) -> None:
    from app.services import branches

    bills = await billing_clinic()
    boss = bills.boss
    branch_id = bills.clinic.branch.id
    for code, upi, field, message in (('ANDHERI', '', 'document_code', 'The branch code is one to three'),
                                      ('AN', 'not a upi id', 'upi_id', 'A UPI id looks like clinicname@okaxis.')):
        with pytest.raises(ValidationFailed) as refused:
            await branches.set_billing_details(actor=boss, branch_id=branch_id, document_code=code, upi_id=upi)
        assert refused.value.field_errors[field].startswith(message)
    row = await branches.set_billing_details(actor=boss, branch_id=branch_id, document_code='adw',
                                             upi_id='prospine.andheri@okaxis')
    assert (row.document_code, row.upi_id) == ('ADW', 'prospine.andheri@okaxis')
    with pytest.raises(PermissionDenied):
        await branches.set_billing_details(actor=bills.desk, branch_id=branch_id, document_code='X', upi_id='')
    assert (await bills.issued(('Session', '600'))).number == 'ADW/26-27/00001'
    with pytest.raises(ValidationFailed) as refused:
        await branches.set_billing_details(actor=boss, branch_id=branch_id, document_code='AND', upi_id='')
    assert refused.value.field_errors == {
        'document_code': 'Documents are already numbered ADW/...: the code can no longer change.'}


async def test_a_prepaid_package_shows_sessions_used_and_remaining_from_attendance(db: None) -> None:
    bills = await billing_clinic()
    clinic = bills.clinic
    package = await TreatmentPlan.create(patient=clinic.patient, branch=clinic.branch, service=Service.PHYSIOTHERAPY,
                                         plan_type=PlanType.PACKAGE, package_cost=Decimal(30000), days=21,
                                         total=Decimal(30000), start_date=date(2026, 12, 1),
                                         end_date=date(2026, 12, 31))
    [unbilled] = await invoices.prepaid_plans(actor=bills.desk, patient_uid=clinic.patient.uid)
    assert (unbilled.used, unbilled.remaining, unbilled.invoice_number) == (0, 21, '')
    visits = ((1, AppointmentStatus.COMPLETED), (2, AppointmentStatus.ARRIVED), (3, AppointmentStatus.NO_SHOW),
              (4, AppointmentStatus.CANCELLED), (8, AppointmentStatus.BOOKED))
    for day, status in visits:
        starts = datetime(2026, 12, day, 4, 30, tzinfo=UTC)
        await Appointment.create(branch=clinic.branch, patient=clinic.patient, clinician=clinic.doctor,
                                 service=Service.PHYSIOTHERAPY, starts_at=starts,
                                 ends_at=starts + timedelta(minutes=30), status=status, plan=package,
                                 session_number=day)
    view = await invoices.start_invoice(actor=bills.desk, patient_uid=clinic.patient.uid)
    await invoices.add_plan(actor=bills.desk, invoice_id=view.id, plan_id=package.id)
    issued = await invoices.issue(actor=bills.desk, invoice_id=view.id)
    await bills.pay('10,000', invoice=issued)
    [row] = await invoices.prepaid_plans(actor=bills.desk, patient_uid=clinic.patient.uid)
    assert (row.sessions, row.used, row.remaining, row.invoice_number, row.paid, row.total) == \
        (21, 2, 19, 'AND/26-27/00001', Decimal('10000.00'), Decimal('30000.00'))
    with pytest.raises(PermissionDenied):
        await invoices.prepaid_plans(actor=bills.junior, patient_uid=clinic.patient.uid)
