"""Payments: full and partial, over several invoices, advances held as credit, refunds, and closed days."""

from __future__ import annotations

import logging
import re
from datetime import date
from decimal import Decimal

import pytest
from tortoise import connections
from tortoise.exceptions import OperationalError

from app.audit import Action, EntityType
from app.errors import DomainError, PermissionDenied, ValidationFailed
from app.services import invoices, payments
from app.services.payments import PaymentInput
from models.audit import AuditEvent
from models.billing import DayClosing, Invoice, InvoiceStatus, Payment, PaymentKind, PaymentMode
from tests.billing import billing_clinic


async def test_a_full_and_a_partial_payment_move_the_invoice_on_with_a_numbered_receipt(db: None) -> None:
    bills = await billing_clinic()
    first = await bills.issued(('Physiotherapy session', '600'))
    second = await bills.issued(('Physiotherapy package', '30,000'))
    receipt = await bills.pay('600', invoice=first, mode='upi')
    assert (receipt.number, receipt.amount, receipt.mode_label, receipt.settles, receipt.kept_as_credit) == \
        ('ANDR/26-27/00001', Decimal('600.00'), 'UPI', [('AND/26-27/00001', Decimal('600.00'))], Decimal('0.00'))
    assert (receipt.day, receipt.received_by) == (date(2026, 12, 7), 'Priya Nair')
    part = await bills.pay('10,000', invoice=second, mode='card')
    assert part.number == 'ANDR/26-27/00002'
    views = [await invoices.invoice_view(actor=bills.desk, invoice_id=invoice.id) for invoice in (first, second)]
    assert [(view.status, view.paid, view.due) for view in views] == [
        (InvoiceStatus.PAID, Decimal('600.00'), Decimal('0.00')),
        (InvoiceStatus.PARTLY_PAID, Decimal('10000.00'), Decimal('20000.00'))]
    assert [(settled.number, settled.day, settled.mode, settled.amount) for settled in views[1].settlements] == \
        [('ANDR/26-27/00002', date(2026, 12, 7), 'card', Decimal('10000.00'))]
    event = await AuditEvent.filter(entity_type=EntityType.PAYMENT, entity_id=str(receipt.id)).first()
    assert event is not None and event.detail == 'Receipt ANDR/26-27/00001: ₹600.00 by UPI, paying AND/26-27/00001'


async def test_a_patient_s_payments_page_costs_the_same_queries_however_many_it_shows(
        db: None, caplog: pytest.LogCaptureFixture) -> None:
    """Each payment was read on its own, four queries or more a row: a page of ten took over 40."""
    def queries() -> int:
        return sum(1 for record in caplog.records if record.name.startswith('tortoise.db_client'))

    bills = await billing_clinic()
    first = await bills.issued(('Consultation', '500'))
    await bills.pay('500', invoice=first)
    with caplog.at_level(logging.DEBUG, logger='tortoise.db_client'):
        one = await payments.payments_page(actor=bills.desk, patient_uid=bills.patient_uid)
        few = queries()
    for _ in range(9):
        await bills.pay('300', invoice=await bills.issued(('Physiotherapy session', '600')), mode='upi')
    await bills.pay('1,000')  # settles the oldest dues: one receipt, several invoices
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger='tortoise.db_client'):
        many = await payments.payments_page(actor=bills.desk, patient_uid=bills.patient_uid)
        assert queries() == few <= 7, (few, queries())
    assert (len(one.rows), len(many.rows), many.total) == (1, 10, 11)
    newest = many.rows[0]
    assert (newest.amount, newest.received_by, newest.branch_name, newest.patient_uid) == \
        (Decimal('1000.00'), 'Priya Nair', 'Andheri', bills.patient_uid)
    assert newest.settles == [('AND/26-27/00002', Decimal('300.00')), ('AND/26-27/00003', Decimal('300.00')),
                              ('AND/26-27/00004', Decimal('300.00')), ('AND/26-27/00005', Decimal('100.00'))]
    assert [row.settles for row in many.rows[1:]] == [[(f'AND/26-27/{serial:05d}', Decimal('300.00'))]
                                                      for serial in range(10, 1, -1)]


async def test_one_payment_settles_several_invoices_oldest_first(db: None) -> None:
    bills = await billing_clinic()
    older = await bills.issued(('Consultation', '500'))
    newer = await bills.issued(('Physiotherapy session', '600'))
    receipt = await bills.pay('800')  # no invoice chosen: the oldest dues first
    assert receipt.settles == [('AND/26-27/00001', Decimal('500.00')), ('AND/26-27/00002', Decimal('300.00'))]
    assert (await Invoice.get(id=older.id)).status is InvoiceStatus.PAID
    assert (await invoices.invoice_view(actor=bills.desk, invoice_id=newer.id)).due == Decimal('300.00')


async def test_more_than_is_due_is_refused_unless_kept_as_credit_and_credit_pays_a_later_invoice(db: None) -> None:
    bills = await billing_clinic()
    invoice = await bills.issued(('Physiotherapy session', '600'))
    with pytest.raises(ValidationFailed) as refused:
        await bills.pay('1,000', invoice=invoice)
    assert refused.value.field_errors == {'amount': 'The payment is ₹400.00 more than what is due (₹600.00). '
                                                    'Lower the amount, or choose to keep the rest as credit.'}
    assert await Payment.all().count() == 0 and (await Invoice.get(id=invoice.id)).paid == 0
    receipt = await bills.pay('1,000', invoice=invoice, keep_rest_as_credit=True)
    assert receipt.kept_as_credit == Decimal('400.00')
    assert (await payments.ledger(actor=bills.desk, patient_uid=bills.patient_uid)).credit == Decimal('400.00')
    later = await bills.issued(('Physiotherapy session', '600'))
    applied = await payments.apply_credit(actor=bills.desk, invoice_id=later.id)
    view = await invoices.invoice_view(actor=bills.desk, invoice_id=later.id)
    assert (applied, view.paid, view.due, view.status) == \
        (Decimal('400.00'), Decimal('400.00'), Decimal('200.00'), InvoiceStatus.PARTLY_PAID)
    assert [(settled.number, settled.amount) for settled in view.settlements] == [('ANDR/26-27/00001',
                                                                                    Decimal('400.00'))]
    with pytest.raises(DomainError, match=re.escape('The patient has no credit to apply.')):
        await payments.apply_credit(actor=bills.desk, invoice_id=later.id)


async def test_an_advance_with_nothing_due_is_held_as_credit(db: None) -> None:
    bills = await billing_clinic()
    with pytest.raises(ValidationFailed, match='Please correct'):
        await bills.pay('21,000')
    with pytest.raises(ValidationFailed) as refused:
        await bills.pay('21,000', keep_rest_as_credit=True, mode='cheque')
    assert refused.value.field_errors == {'reference': 'Enter the cheque number.'}
    advance = await payments.take_payment(actor=bills.desk, patient_uid=bills.patient_uid, payment=PaymentInput(
        amount='21,000', mode='cheque', reference='004512', keep_rest_as_credit=True))
    assert (advance.settles, advance.kept_as_credit, advance.reference) == ([], Decimal('21000.00'), '004512')
    account = await payments.ledger(actor=bills.desk, patient_uid=bills.patient_uid)
    assert (account.billed, account.paid, account.due, account.credit) == \
        (Decimal('0.00'), Decimal('21000.00'), Decimal('0.00'), Decimal('21000.00'))


async def test_bad_payments_get_a_clear_message_and_save_nothing(db: None) -> None:
    bills = await billing_clinic()
    invoice = await bills.issued(('Physiotherapy session', '600'))
    for amount, mode, message in (('-600', 'cash', {'amount': 'The amount received cannot be negative.'}),
                                  ('0', 'cash', {'amount': 'The amount received must be more than ₹0.00.'}),
                                  ('six hundred', 'cash', {'amount': 'Enter the amount received in rupees, for '
                                                                     'example 500 or 750.50.'}),
                                  ('600', 'barter', {'mode': 'Choose the payment mode from the list.'})):
        with pytest.raises(ValidationFailed) as refused:
            await bills.pay(amount, invoice=invoice, mode=mode)
        assert refused.value.field_errors == message
    other = await bills.issued(('Consultation', '500'), patient_uid=bills.clinic.other_patient.uid)
    with pytest.raises(ValidationFailed) as refused:
        await payments.take_payment(actor=bills.desk, patient_uid=bills.patient_uid,
                                    payment=PaymentInput(amount='500', mode='cash', invoice_ids=[other.id]))
    assert 'Choose invoices of this patient' in refused.value.field_errors['invoices']
    assert await Payment.all().count() == 0


async def test_refunds_are_an_admin_s_with_a_reason_and_never_more_than_the_credit(db: None) -> None:
    bills = await billing_clinic()
    invoice = await bills.issued(('Physiotherapy package', '30,000'))
    await bills.pay('30,000', invoice=invoice)
    with pytest.raises(ValidationFailed) as refused:
        await payments.refund(actor=bills.boss, patient_uid=bills.patient_uid, amount='100', mode='cash',
                              reason='Asked for it')
    assert refused.value.field_errors == {'amount': 'The patient has no credit to refund. Credit an invoice first.'}
    await invoices.credit_note(actor=bills.desk, invoice_id=invoice.id, amount='9,000', reason='Plan stopped early')
    with pytest.raises(PermissionDenied):
        await payments.refund(actor=bills.desk, patient_uid=bills.patient_uid, amount='9,000', mode='cash',
                              reason='Plan stopped early')
    with pytest.raises(ValidationFailed) as refused:
        await payments.refund(actor=bills.boss, patient_uid=bills.patient_uid, amount='9,000.01', mode='cash',
                              reason='Plan stopped early')
    assert refused.value.field_errors == {'amount': "A refund can be at most the patient's credit, ₹9,000.00."}
    with pytest.raises(ValidationFailed) as refused:
        await payments.refund(actor=bills.boss, patient_uid=bills.patient_uid, amount='9,000', mode='upi', reason='')
    assert refused.value.field_errors == {'reason': 'Enter the reason for the refund.'}
    paid_back = await payments.refund(actor=bills.boss, patient_uid=bills.patient_uid, amount='9,000', mode='upi',
                                      reason='Plan stopped early')
    assert (paid_back.kind, paid_back.number, paid_back.title, paid_back.approved_by) == \
        (PaymentKind.REFUND, 'ANDF/26-27/00001', 'Refund voucher', 'Sunita Kapoor')
    account = await payments.ledger(actor=bills.desk, patient_uid=bills.patient_uid)
    assert (account.received, account.refunded, account.paid, account.credit, account.due) == \
        (Decimal('30000.00'), Decimal('9000.00'), Decimal('21000.00'), Decimal('0.00'), Decimal('0.00'))
    assert await AuditEvent.filter(action=Action.PERMISSION_DENIED, entity_type=EntityType.PAYMENT).count() == 1


async def test_money_taken_after_the_day_is_closed_counts_in_the_next_day(db: None) -> None:
    bills = await billing_clinic()
    invoice = await bills.issued(('Physiotherapy session', '600'))
    await DayClosing.create(branch=bills.clinic.branch, day=date(2026, 12, 7), cash_expected=Decimal(0),
                            cash_counted=Decimal(0), collected=Decimal(0), closed_by=bills.admin,
                            closed_at=bills.clinic.branch.created_at)
    receipt = await bills.pay('600', invoice=invoice)
    assert receipt.day == date(2026, 12, 8)


async def test_the_database_refuses_to_change_a_payment_or_record_one_on_a_closed_day(db: None) -> None:
    bills = await billing_clinic()
    invoice = await bills.issued(('Physiotherapy session', '600'))
    receipt = await bills.pay('600', invoice=invoice)
    connection = connections.get('default')
    for statement in (f"UPDATE payment SET amount = '6.00' WHERE id = '{receipt.id}'",
                      f"UPDATE payment SET mode = 'card' WHERE id = '{receipt.id}'",
                      f"UPDATE payment SET day = '2026-12-08' WHERE id = '{receipt.id}'",
                      f"DELETE FROM payment WHERE id = '{receipt.id}'"):
        with pytest.raises(OperationalError, match='a payment cannot be'):
            await connection.execute_query(statement)
    await DayClosing.create(branch=bills.clinic.branch, day=date(2026, 12, 9), cash_expected=Decimal(0),
                            cash_counted=Decimal(0), collected=Decimal(0), closed_by=bills.admin,
                            closed_at=bills.clinic.branch.created_at)
    with pytest.raises(OperationalError, match=re.escape('the day is closed')):
        await Payment.create(branch=bills.clinic.branch, patient=bills.clinic.patient, number='X/1',
                             amount=Decimal(1), mode=PaymentMode.CASH, day=date(2026, 12, 9),
                             received_at=bills.clinic.branch.created_at)
