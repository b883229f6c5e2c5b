"""Day closing and dues: collections by mode, the cash count, a closed day that never changes, dues by age."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from nicegui.testing import User

from app.clock import clock
from app.errors import DomainError, PermissionDenied, ValidationFailed
from app.services import day_closing, dues, invoices, payments
from app.services.invoices import LineInput
from models.accounts import Role
from models.audit import AuditEvent
from models.billing import DayClosing, PaymentMode
from tests.billing import billing_clinic
from tests.factories import make_branch, make_user, sign_in
from tests.waiting import eventually

MONDAY = date(2026, 12, 7)


async def test_a_day_s_collections_by_mode_net_of_refunds(db: None) -> None:
    bills = await billing_clinic()
    first = await bills.issued(('Physiotherapy session', '600'))
    second = await bills.issued(('Physiotherapy package', '30,000'))
    await bills.pay('600', invoice=first, mode='cash')
    await bills.pay('20,000', invoice=second, mode='upi')
    await bills.pay('10,000', invoice=second, mode='cash')
    await invoices.credit_note(actor=bills.desk, invoice_id=second.id, amount='1,000', reason='One session less')
    await payments.refund(actor=bills.boss, patient_uid=bills.patient_uid, amount='1,000', mode='cash',
                          reason='One session less')
    figures = await day_closing.day_collections(actor=bills.desk)
    assert figures.by_mode == {PaymentMode.CASH: Decimal('9600.00'), PaymentMode.UPI: Decimal('20000.00')}
    assert (figures.collected, figures.cash_expected, figures.receipts, figures.refunds, figures.may_close) == \
        (Decimal('29600.00'), Decimal('9600.00'), 3, Decimal('1000.00'), True)


async def test_closing_a_day_records_the_count_and_nothing_changes_it_afterwards(db: None) -> None:
    bills = await billing_clinic()
    first = await bills.issued(('Physiotherapy session', '600'))
    await bills.pay('600', invoice=first, mode='cash')
    with pytest.raises(DomainError, match=re.escape('differs from the ₹600.00 expected by ₹50.00: say why')):
        await day_closing.close_day(actor=bills.desk, day=MONDAY, cash_counted='550')
    with pytest.raises(ValidationFailed):
        await day_closing.close_day(actor=bills.desk, day=MONDAY, cash_counted='five hundred')
    with pytest.raises(DomainError, match='has not ended yet'):
        await day_closing.close_day(actor=bills.desk, day=MONDAY + timedelta(days=1), cash_counted='0')
    with pytest.raises(PermissionDenied):
        await day_closing.close_day(actor=bills.doctor, day=MONDAY, cash_counted='600')
    assert not await DayClosing.exists()
    closed = await day_closing.close_day(actor=bills.desk, day=MONDAY, cash_counted='550',
                                         note='₹50 given back as change twice')
    assert closed.closing is not None
    assert (closed.closing.closed_by, closed.closing.difference, closed.may_close) == \
        ('Priya Nair', Decimal('-50.00'), False)
    event = await AuditEvent.filter(entity_type='day-closing', action='create', outcome='success').first()
    assert event is not None and event.detail.startswith('Closed 07 Dec 2026: collected ₹600.00 (Cash ₹600.00)')
    with pytest.raises(DomainError, match='already closed'):
        await day_closing.close_day(actor=bills.boss, day=MONDAY, cash_counted='600', note='again')
    # money taken after the closing counts in the next day; the closed day's figures stay as they were
    later = await bills.issued(('Consultation', '500'))
    receipt = await bills.pay('500', invoice=later, mode='cash')
    assert receipt.day == MONDAY + timedelta(days=1)
    again = await day_closing.day_collections(actor=bills.desk, day=MONDAY)
    assert again.collected == Decimal('600.00')
    tuesday = await day_closing.day_collections(actor=bills.desk, day=MONDAY + timedelta(days=1))
    assert tuesday.collected == Decimal('500.00')


async def test_dues_by_age_and_oldest_first(db: None) -> None:
    bills = await billing_clinic()
    ages = (5, 40, 75, 120, 200)
    for days in ages:
        clock.freeze(datetime(2026, 12, 7, 6, tzinfo=UTC) - timedelta(days=days))
        view = await invoices.start_invoice(actor=bills.desk, patient_uid=bills.patient_uid)
        await invoices.add_line(actor=bills.desk, invoice_id=view.id,
                                line=LineInput(description='Physiotherapy session', unit_price='1,000'))
        await invoices.issue(actor=bills.desk, invoice_id=view.id)
    clock.freeze(datetime(2026, 12, 7, 6, tzinfo=UTC))
    paid = await bills.issued(('Consultation', '500'))
    await bills.pay('500', invoice=paid)
    oldest = (await dues.dues_page(actor=bills.desk)).rows[0]
    await bills.pay('400', invoice=await invoices.invoice_view(actor=bills.desk, invoice_id=oldest.invoice_id))
    summary = await dues.ageing(actor=bills.desk)
    assert [(bucket.label, bucket.invoices, bucket.amount) for bucket in summary.buckets] == [
        ('0-30', 1, Decimal('1000.00')), ('31-60', 1, Decimal('1000.00')), ('61-90', 1, Decimal('1000.00')),
        ('90+', 2, Decimal('1600.00'))]
    assert (summary.total, summary.invoices) == (Decimal('4600.00'), 5)
    rows = (await dues.dues_page(actor=bills.desk)).rows
    assert [row.days for row in rows] == [200, 120, 75, 40, 5]
    assert rows[0].due == Decimal('600.00')
    assert [row.days for row in (await dues.dues_page(actor=bills.desk, bucket='90+')).rows] == [200, 120]
    assert [row.days for row in (await dues.dues_page(actor=bills.desk, bucket='31-60')).rows] == [40]
    with pytest.raises(PermissionDenied):
        await dues.ageing(actor=bills.junior)


async def test_the_closing_page_counts_and_closes_the_day(user: User) -> None:
    bills = await billing_clinic()
    first = await bills.issued(('Physiotherapy session', '600'))
    await bills.pay('600', invoice=first, mode='cash')
    await sign_in(user, bills.clinic.reception)
    await user.open('/billing/closing')
    await user.should_see(marker='collected-total')
    assert user.find(marker='collected-cash').elements.pop().text == '₹600.00'
    user.find(marker='close-day').click()
    await user.should_see('Count the cash in the drawer: ₹600.00 is expected.')
    user.find(marker='cash_counted').type('600')
    user.find(marker='dialog-submit').click()
    await user.should_see('07 Dec 2026 is closed.')
    await user.should_see(marker='closed-by')
    await user.should_not_see(marker='close-day')
    assert await DayClosing.filter(day=MONDAY, cash_counted=Decimal(600)).exists()


async def test_the_dues_page_shows_the_ageing(user: User) -> None:
    bills = await billing_clinic()
    await bills.issued(('Physiotherapy session', '600'))
    await sign_in(user, bills.clinic.reception)
    await user.open('/billing/dues')
    await user.should_see(marker='dues')
    await user.should_see('0-30 days')
    rows = user.find(marker='dues').elements.pop().rows
    assert [(row['number'], row['due'], row['days']) for row in rows] == [('AND/26-27/00001', '₹600.00', 0)]


async def test_a_superadmin_closes_and_follows_the_dues_of_the_branch_they_choose(user: User) -> None:
    """A superadmin's money screens showed their own branch only: another branch's day could not be closed."""
    bills = await billing_clinic()
    andheri = bills.clinic.branch
    first = await bills.issued(('Physiotherapy session', '600'))
    await bills.pay('600', invoice=first, mode='cash')
    await bills.issued(('Home visit', '1,000'))  # still due
    director = await make_user(Role.SUPERADMIN, branch=await make_branch('Head office'), full_name='Anand Rao')
    await sign_in(user, director)
    await user.open('/billing/closing')
    await user.should_see('Head office, 07 Dec 2026')
    user.find(marker='billing-branch').elements.pop().set_value(andheri.id)
    await user.should_see('Andheri, 07 Dec 2026')
    assert user.find(marker='collected-cash').elements.pop().text == '₹600.00'
    user.find(marker='close-day').click()
    user.find(marker='cash_counted').type('600')
    user.find(marker='dialog-submit').click()
    await user.should_see('07 Dec 2026 is closed.')
    closing = await DayClosing.get(day=MONDAY).select_related('closed_by')
    assert (closing.branch_id, closing.closed_by.full_name, closing.collected) == (andheri.id, 'Anand Rao',
                                                                                   Decimal('600.00'))
    await user.open('/billing/dues')
    await user.should_see(marker='dues')
    assert user.find(marker='dues').elements.pop().rows == []  # Head office owes nothing
    user.find(marker='billing-branch').elements.pop().set_value(andheri.id)
    await eventually(lambda: [row['number'] for row in user.find(marker='dues').elements.pop().rows]
                     == ['AND/26-27/00002'], what="Andheri's due")
