"""Expense vouchers: numbering, refused input, who approves, the daily budget, the bill photo, and the screen."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from nicegui import ui
from nicegui.testing import User

from app.audit import Action, EntityType, audit
from app.auth import sessions
from app.clock import clock
from app.errors import DomainError, PermissionDenied, ValidationFailed
from app.security.key_rotation import rotate_keys
from app.security.keyring import key_id_of_blob
from app.services import expenses
from app.services.expenses import BillUpload, ExpenseInput
from components.expenses_screen import EXPENSE_BILL
from models.accounts import Role
from models.audit import AuditEvent
from models.billing import Expense, ExpenseStatus, PaymentMode
from models.clinic import Branch
from tests.billing import billing_clinic
from tests.factories import make_branch, make_user, sign_in
from tests.scheduling import NOW_UTC
from tests.waiting import eventually

TODAY = date(2026, 12, 7)  # the billing clinic's frozen Monday
PNG = b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89' \
      b'\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82'


def voucher(**changes: Any) -> ExpenseInput:
    fields: dict[str, Any] = {'spent_on': TODAY, 'paid_to': 'Sharma Electricals', 'paid_by': 'Priya Nair',
                              'purpose': 'electricity', 'amount': '1,200', 'mode': PaymentMode.CASH,
                              'description': 'November bill'}
    return ExpenseInput(**(fields | changes))


def stored_bills() -> list[Path]:
    folder = expenses.bills_dir()
    return sorted(path for path in folder.rglob('*') if path.is_file()) if folder.exists() else []


async def details_of(action: Action) -> list[str]:
    return list(await AuditEvent.filter(entity_type=EntityType.EXPENSE, action=action, outcome='success')
                .order_by('seq')
                .values_list('detail', flat=True))


# -- services --------------------------------------------------------------------------------------

async def test_vouchers_are_numbered_in_the_expense_series_of_the_branch_and_year(db: None) -> None:
    bills = await billing_clinic()
    first = await expenses.enter_expense(actor=bills.desk, details=voucher())
    second = await expenses.enter_expense(actor=bills.desk, details=voucher(paid_to='Gupta Stationers',
                                                                            purpose='stationery', amount='350.50'))
    last_year = await expenses.enter_expense(actor=bills.desk, details=voucher(spent_on=date(2026, 9, 30)))
    assert [first.number, second.number] == ['ANDV/26-27/00001', 'ANDV/26-27/00002']
    assert last_year.number == 'ANDV/26-27/00003'  # September is in the same financial year
    assert (first.status, first.amount, first.mode_label, first.entered_by) == \
        (ExpenseStatus.PENDING, Decimal('1200.00'), 'Cash', 'Priya Nair')
    assert first.amount_in_words == 'Rupees One Thousand Two Hundred Only'
    assert second.amount_in_words == 'Rupees Three Hundred Fifty and Fifty Paise Only'
    assert not first.may_decide  # reception enters, an admin decides
    assert (await details_of(Action.CREATE))[0] == \
        'Voucher ANDV/26-27/00001: ₹1,200.00 to Sharma Electricals for electricity'


async def test_a_voucher_of_an_earlier_financial_year_takes_that_years_number(db: None) -> None:
    bills = await billing_clinic()
    clock.freeze(NOW_UTC.replace(year=2027, month=4, day=2))
    march = await expenses.enter_expense(actor=bills.desk, details=voucher(spent_on=date(2027, 3, 30)))
    april = await expenses.enter_expense(actor=bills.desk, details=voucher(spent_on=date(2027, 4, 1)))
    assert (march.number, april.number) == ('ANDV/26-27/00001', 'ANDV/27-28/00001')


@pytest.mark.parametrize(('changes', 'field', 'message'), [
    ({'amount': '-500'}, 'amount', 'The amount cannot be negative.'),
    ({'amount': '0'}, 'amount', 'The amount must be more than ₹0.00.'),
    ({'amount': 'twelve hundred'}, 'amount', 'Enter the amount in rupees, for example 500 or 750.50.'),
    ({'spent_on': TODAY + timedelta(days=1)}, 'spent_on', 'The date cannot be in the future.'),
    ({'spent_on': TODAY - timedelta(days=91)}, 'spent_on',
     'A voucher can be at most 90 days old: the earliest date is 08 Sep 2026.'),
    ({'spent_on': None}, 'spent_on', 'Enter the date the money was spent.'),
    ({'paid_to': '  '}, 'paid_to', 'Enter the name of who was paid.'),
    ({'purpose': ''}, 'purpose', 'Enter the purpose (what it was for).'),
    ({'mode': 'barter'}, 'mode', 'Choose the payment mode from the list.'),
    ({'bill': BillUpload(b'just some text', 'bill.png')}, 'bill',
     '"bill.png" is not a photo (JPEG, PNG or WebP) or a PDF of the bill.'),
    ({'bill': BillUpload(b'', 'bill.jpg')}, 'bill',
     '"bill.jpg" is empty. Choose a photo (JPEG, PNG or WebP) or a PDF of the bill.'),
])
async def test_bad_input_says_what_to_correct_and_saves_nothing(db: None, changes: dict[str, Any], field: str,
                                                                message: str) -> None:
    bills = await billing_clinic()
    with pytest.raises(ValidationFailed) as refused:
        await expenses.enter_expense(actor=bills.desk, details=voucher(**changes))
    assert refused.value.field_errors == {field: message}
    assert await Expense.all().count() == 0 and stored_bills() == []
    failed = await AuditEvent.filter(entity_type=EntityType.EXPENSE, outcome='failed').values_list('detail', flat=True)
    assert failed == [f'enter_expense: {message}']  # the attempt is on the trail


async def test_every_field_wrong_at_once_gets_its_own_message(db: None) -> None:
    bills = await billing_clinic()
    with pytest.raises(ValidationFailed) as refused:
        await expenses.enter_expense(actor=bills.desk, details=ExpenseInput(
            spent_on=None, paid_to='', paid_by='', purpose='', amount='', mode=None))
    assert set(refused.value.field_errors) == {'spent_on', 'paid_to', 'paid_by', 'purpose', 'amount', 'mode'}


async def test_a_voucher_that_cannot_be_saved_leaves_no_bill_behind(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    bills = await billing_clinic()

    async def numbers_ran_out(*args: Any, **kwargs: Any) -> Any:
        raise DomainError('The expense numbers have run out.')

    monkeypatch.setattr(expenses, 'take_number', numbers_ran_out)
    with pytest.raises(DomainError, match='run out'):
        await expenses.enter_expense(actor=bills.desk, details=voucher(bill=BillUpload(PNG, 'bill.png')))
    assert await Expense.all().count() == 0 and stored_bills() == []


async def test_reception_enters_but_only_an_admin_approves_rejects_and_pays(db: None) -> None:
    bills = await billing_clinic()
    entered = await expenses.enter_expense(actor=bills.desk, details=voucher())
    for refused in (expenses.decide_expense(actor=bills.desk, expense_id=entered.id, approve=True),
                    expenses.mark_paid(actor=bills.desk, expense_id=entered.id),
                    expenses.set_daily_budget(actor=bills.desk, amount='5,000')):
        with pytest.raises(PermissionDenied):
            await refused
    for clinician in (bills.doctor, bills.junior):
        with pytest.raises(PermissionDenied):
            await expenses.enter_expense(actor=clinician, details=voucher())
        with pytest.raises(PermissionDenied):
            await expenses.expenses_page(actor=clinician)
    denied = await AuditEvent.filter(entity_type=EntityType.EXPENSE, action=Action.PERMISSION_DENIED).count()
    assert denied == 7

    with pytest.raises(DomainError, match=re.escape('waiting for approval: approve it before marking it paid')):
        await expenses.mark_paid(actor=bills.boss, expense_id=entered.id)
    approved = await expenses.decide_expense(actor=bills.boss, expense_id=entered.id, approve=True)
    assert (approved.status, approved.decided_by, approved.decided_at is not None, approved.may_pay) == \
        (ExpenseStatus.APPROVED, 'Sunita Kapoor', True, True)
    with pytest.raises(DomainError, match=re.escape('Voucher ANDV/26-27/00001 is already approved')):
        await expenses.decide_expense(actor=bills.boss, expense_id=entered.id, approve=False, note='Too much')
    paid = await expenses.mark_paid(actor=bills.boss, expense_id=entered.id)
    assert (paid.status, paid.paid_at is not None) == (ExpenseStatus.PAID, True)
    with pytest.raises(DomainError, match='already marked paid'):
        await expenses.mark_paid(actor=bills.boss, expense_id=entered.id)
    refusals = await AuditEvent.filter(entity_type=EntityType.EXPENSE, outcome='failed').order_by('seq') \
        .values_list('username', 'detail')
    assert [(name, detail.split(':')[0]) for name, detail in refusals] == [
        (bills.admin.username, 'mark_paid'), (bills.admin.username, 'decide_expense'),
        (bills.admin.username, 'mark_paid')]
    stored = await Expense.get(id=entered.id)
    assert (stored.amount, stored.paid_to, stored.decided_by_id) == (Decimal('1200.00'), 'Sharma Electricals',
                                                                    bills.admin.id)
    assert await details_of(Action.UPDATE) == [
        'Voucher ANDV/26-27/00001: ₹1,200.00 to Sharma Electricals approved',
        'Voucher ANDV/26-27/00001: ₹1,200.00 to Sharma Electricals paid']


async def test_a_rejection_needs_a_reason_and_a_rejected_voucher_is_never_paid(db: None) -> None:
    bills = await billing_clinic()
    entered = await expenses.enter_expense(actor=bills.desk, details=voucher())
    with pytest.raises(ValidationFailed) as refused:
        await expenses.decide_expense(actor=bills.boss, expense_id=entered.id, approve=False, note='  ')
    assert refused.value.field_errors == {'note': 'Enter the reason for rejecting the voucher.'}
    assert (await Expense.get(id=entered.id)).status is ExpenseStatus.PENDING
    rejected = await expenses.decide_expense(actor=bills.boss, expense_id=entered.id, approve=False,
                                             note='No bill: bring the bill and enter it again')
    assert (rejected.status, rejected.decision_note, rejected.may_pay, rejected.may_decide) == \
        (ExpenseStatus.REJECTED, 'No bill: bring the bill and enter it again', False, False)
    with pytest.raises(DomainError, match='was rejected: it is not paid'):
        await expenses.mark_paid(actor=bills.boss, expense_id=entered.id)
    assert (await details_of(Action.UPDATE))[-1] == \
        'Voucher ANDV/26-27/00001: ₹1,200.00 to Sharma Electricals rejected: No bill: bring the bill and enter it again'


async def test_the_daily_budget_counts_the_days_vouchers_but_not_rejected_ones(db: None) -> None:
    bills = await billing_clinic()
    empty = await expenses.budget_today(actor=bills.desk)
    assert (empty.has_budget, empty.spent, empty.day) == (False, Decimal('0.00'), TODAY)
    budget = await expenses.set_daily_budget(actor=bills.boss, amount='5,000')
    assert (budget.budget, budget.left_text) == (Decimal('5000.00'), '₹5,000.00 left')
    await expenses.enter_expense(actor=bills.desk, details=voucher())
    approved = await expenses.enter_expense(actor=bills.desk, details=voucher(amount='800'))
    await expenses.decide_expense(actor=bills.boss, expense_id=approved.id, approve=True)
    rejected = await expenses.enter_expense(actor=bills.desk, details=voucher(amount='9,000'))
    await expenses.decide_expense(actor=bills.boss, expense_id=rejected.id, approve=False, note='Entered twice')
    await expenses.enter_expense(actor=bills.desk, details=voucher(spent_on=TODAY - timedelta(days=1), amount='4,000'))
    today = await expenses.budget_today(actor=bills.desk)
    assert (today.spent, today.remaining, today.left_text) == (Decimal('2000.00'), Decimal('3000.00'),
                                                               '₹3,000.00 left')
    over = today.with_voucher(Decimal('3500'))
    assert (over.remaining, over.left_text) == (Decimal('-500.00'), 'over budget by ₹500.00')
    assert (await expenses.budget_today(actor=bills.desk, day=TODAY - timedelta(days=1))).spent == Decimal('4000.00')
    assert (await Branch.get(id=bills.clinic.branch.id)).daily_expense_budget == Decimal('5000.00')
    assert 'Daily expense budget of Andheri: ₹5,000.00 (was ₹0.00)' in await details_of(Action.UPDATE)
    with pytest.raises(ValidationFailed) as refused:
        await expenses.set_daily_budget(actor=bills.boss, amount='-1')
    assert refused.value.field_errors == {'amount': 'The daily budget cannot be negative.'}


async def test_a_branch_sees_only_its_own_vouchers(db: None) -> None:
    bills = await billing_clinic()
    bandra = await make_branch('Bandra')
    elsewhere = await sessions.actor_for(await make_user(branch=bandra, full_name='Farah Khan'), session_id=None)
    theirs = await expenses.enter_expense(actor=elsewhere, details=voucher(paid_by='Farah Khan'))
    ours = await expenses.enter_expense(actor=bills.desk, details=voucher())
    assert (theirs.number, ours.number) == ('BANV/26-27/00001', 'ANDV/26-27/00001')
    page = await expenses.expenses_page(actor=bills.desk)
    assert [row.number for row in page.rows] == ['ANDV/26-27/00001']
    with pytest.raises(DomainError, match='could not be found'):
        await expenses.expense_view(actor=bills.desk, expense_id=theirs.id)
    with pytest.raises(DomainError, match='could not be found'):
        await expenses.decide_expense(actor=bills.boss, expense_id=theirs.id, approve=True)
    superadmin = await sessions.actor_for(await make_user(Role.SUPERADMIN, branch=bills.clinic.branch),
                                          session_id=None)
    listed = await expenses.expenses_page(actor=superadmin, branch_id=bandra.id)
    assert [row.number for row in listed.rows] == ['BANV/26-27/00001']


async def test_the_list_filters_by_status_and_days(db: None) -> None:
    bills = await billing_clinic()
    older = await expenses.enter_expense(actor=bills.desk, details=voucher(spent_on=TODAY - timedelta(days=3)))
    newer = await expenses.enter_expense(actor=bills.desk, details=voucher(amount='90'))
    await expenses.decide_expense(actor=bills.boss, expense_id=older.id, approve=True)
    everything = await expenses.expenses_page(actor=bills.desk)
    assert [row.number for row in everything.rows] == [newer.number, older.number]
    waiting = await expenses.expenses_page(actor=bills.desk, status=ExpenseStatus.PENDING)
    assert [row.status_label for row in waiting.rows] == ['Waiting for approval']
    recent = await expenses.expenses_page(actor=bills.desk, day_from=TODAY - timedelta(days=1), day_to=TODAY)
    assert [row.number for row in recent.rows] == [newer.number]
    await expenses.expense_view(actor=bills.boss, expense_id=older.id)
    await audit.flush()  # read events are queued and written in the background
    assert await details_of(Action.VIEW) == ['2 vouchers of Andheri', '1 voucher of Andheri', '1 voucher of Andheri',
                                             f'Voucher {older.number}']


async def test_the_bill_is_stored_encrypted_and_its_opening_audited(db: None) -> None:
    bills = await billing_clinic()
    entered = await expenses.enter_expense(actor=bills.desk, details=voucher(bill=BillUpload(PNG, 'photo.png')))
    assert (entered.has_bill, entered.bill_media_type, entered.bill_is_image) == (True, 'image/png', True)
    [stored] = stored_bills()
    raw = stored.read_bytes()
    assert PNG not in raw and not raw.startswith(b'\x89PNG')
    media_type, content, name = await expenses.expense_bill(actor=bills.desk, expense_id=entered.id)
    assert (media_type, content, name) == ('image/png', PNG, 'ANDV-26-27-00001-bill.png')
    assert await details_of(Action.DOWNLOAD) == ['The bill of voucher ANDV/26-27/00001']
    without = await expenses.enter_expense(actor=bills.desk, details=voucher())
    with pytest.raises(DomainError, match='no bill photo'):
        await expenses.expense_bill(actor=bills.desk, expense_id=without.id)
    with pytest.raises(PermissionDenied):
        await expenses.expense_bill(actor=bills.doctor, expense_id=entered.id)
    # `prospine keys rotate` re-encrypts the bills with the health files
    before = key_id_of_blob(stored.read_bytes())
    await rotate_keys()
    assert key_id_of_blob(stored.read_bytes()) != before
    assert (await expenses.expense_bill(actor=bills.desk, expense_id=entered.id))[1] == PNG


# -- the screen ------------------------------------------------------------------------------------

def type_into(user: User, field: str, text: str) -> None:
    user.find(marker=field).clear()
    user.find(marker=field).type(text)


def listed(user: User) -> list[dict[str, Any]]:
    return user.find(marker='expenses').elements.pop().rows


async def open_voucher(user: User, number: str) -> None:
    row = next(row for row in listed(user) if row['number'] == number)
    user.find(marker='expenses').trigger('rowClick', [{}, {'id': row['id']}, 0])
    await user.should_see(f'Voucher {number}')


async def test_reception_enters_a_voucher_and_sees_what_the_budget_has_left(user: User) -> None:
    bills = await billing_clinic()
    await expenses.set_daily_budget(actor=bills.boss, amount='5,000')
    await expenses.enter_expense(actor=bills.desk, details=voucher())
    await sign_in(user, bills.clinic.reception)
    await user.open('/expenses')
    await user.should_see("Today's budget ₹5,000.00 · spent ₹1,200.00 · ₹3,800.00 left")
    await user.should_not_see(marker='set-budget')  # an admin's
    user.find(marker='new-voucher').click()
    await user.should_see('New expense voucher')
    await user.should_see('₹3,800.00 left today')
    type_into(user, 'amount', '500')
    await user.should_see('With this voucher: spent ₹1,700.00 of ₹5,000.00 · ₹3,300.00 left')
    type_into(user, 'amount', '4,000')
    await user.should_see('With this voucher: spent ₹5,200.00 of ₹5,000.00 · over budget by ₹200.00')
    type_into(user, 'paid_to', 'Gupta Stationers')
    type_into(user, 'purpose', 'Stationery')
    user.find(marker='dialog-submit').click()
    await user.should_see('Voucher ANDV/26-27/00002 is entered for ₹4,000.00: it waits for an admin to approve it.')
    await user.should_see("Today's budget ₹5,000.00 · spent ₹5,200.00 · over budget by ₹200.00")
    assert [row['number'] for row in listed(user)] == ['ANDV/26-27/00002', 'ANDV/26-27/00001']
    stored = await Expense.get(number='ANDV/26-27/00002')
    assert (stored.paid_by, stored.created_by_id, stored.status) == ('Priya Nair', bills.clinic.reception.id,
                                                                     ExpenseStatus.PENDING)
    await open_voucher(user, 'ANDV/26-27/00002')
    await user.should_see('Rupees Four Thousand Only')
    await user.should_see('Waiting for approval')
    for marker in ('approve', 'reject', 'mark-paid'):
        await user.should_not_see(marker=marker)


async def test_a_superadmin_works_on_the_expenses_of_the_branch_they_choose(user: User) -> None:
    """The screen showed the superadmin's own branch only: another branch's vouchers were out of reach."""
    bills = await billing_clinic()
    andheri = bills.clinic.branch
    await expenses.set_daily_budget(actor=bills.boss, amount='5,000')
    await expenses.enter_expense(actor=bills.desk, details=voucher())
    await sign_in(user, await make_user(Role.SUPERADMIN, branch=await make_branch('Head office')))
    await user.open('/expenses')
    await user.should_see('No daily budget is set · spent today ₹0.00')  # the head office's
    assert listed(user) == []
    user.find(marker='billing-branch').elements.pop().set_value(andheri.id)
    await user.should_see("Today's budget ₹5,000.00 · spent ₹1,200.00 · ₹3,800.00 left")
    assert [row['number'] for row in listed(user)] == ['ANDV/26-27/00001']
    user.find(marker='new-voucher').click()
    await user.should_see('₹3,800.00 left today')
    type_into(user, 'amount', '300')
    type_into(user, 'paid_to', 'Gupta Stationers')
    type_into(user, 'purpose', 'Stationery')
    user.find(marker='dialog-submit').click()
    await user.should_see('Voucher ANDV/26-27/00002 is entered for ₹300.00')
    assert (await Expense.get(number='ANDV/26-27/00002')).branch_id == andheri.id


async def test_a_refused_voucher_on_screen_keeps_the_dialog_and_saves_nothing(user: User) -> None:
    bills = await billing_clinic()
    await sign_in(user, bills.clinic.reception)
    await user.open('/expenses')
    await user.should_see('No daily budget is set')
    user.find(marker='new-voucher').click()
    await user.should_see('New expense voucher')
    type_into(user, 'amount', '-200')
    type_into(user, 'spent_on', '08/12/2026')
    user.find(marker='dialog-submit').click()
    await user.should_see('Enter the name of who was paid.')
    assert user.find(marker='amount').elements.pop().props['error-message'] == 'The amount cannot be negative.'
    assert user.find(marker='spent_on').elements.pop().props['error-message'] == 'The date cannot be in the future.'
    upload = user.find(ui.upload).elements.pop()
    await upload.handle_uploads([ui.upload.SmallFileUpload('bill.png', 'image/png', b'not an image at all')])
    await user.should_see('"bill.png" is not a photo (JPEG, PNG or WebP) or a PDF of the bill.')
    assert not await Expense.exists() and stored_bills() == []


async def test_an_admin_approves_rejects_and_pays_from_the_voucher(user: User) -> None:
    bills = await billing_clinic()
    first = await expenses.enter_expense(actor=bills.desk, details=voucher())
    second = await expenses.enter_expense(actor=bills.desk, details=voucher(paid_to='Chai Point', amount='240'))
    await sign_in(user, bills.admin)
    await user.open('/expenses')
    await open_voucher(user, first.number)
    user.find(marker='approve').click()
    await user.should_see(f'Voucher {first.number} is approved.')
    await open_voucher(user, first.number)
    await user.should_see('Sunita Kapoor · 07 Dec 2026, 08:00')  # who approved it, when
    user.find(marker='mark-paid').click()
    await user.should_see(f'Voucher {first.number} is marked paid.')
    await open_voucher(user, second.number)
    user.find(marker='reject').click()
    await user.should_see(f'Reject voucher {second.number}?')
    user.find(marker='dialog-submit').click()
    await user.should_see('Enter the reason for rejecting the voucher.')
    type_into(user, 'note', 'Not a clinic expense')
    user.find(marker='dialog-submit').click()
    await user.should_see(f'Voucher {second.number} is rejected.')
    statuses = {row['number']: row['status'] for row in listed(user)}
    assert statuses == {first.number: 'Paid', second.number: 'Rejected'}
    assert [(expense.status, expense.decision_note) for expense in await Expense.all().order_by('number')] == [
        (ExpenseStatus.PAID, ''), (ExpenseStatus.REJECTED, 'Not a clinic expense')]

    user.find(marker='set-budget').click()
    await user.should_see('Daily expense budget')
    type_into(user, 'amount', '3,000')
    user.find(marker='dialog-submit').click()
    await user.should_see('The daily budget is now ₹3,000.00.')
    await user.should_see("Today's budget ₹3,000.00 · spent ₹1,200.00 · ₹1,800.00 left")


async def test_doctors_and_junior_doctors_cannot_open_expenses(user: User) -> None:
    bills = await billing_clinic()
    for clinician in (bills.clinic.doctor, bills.clinic.junior):
        user.http_client.cookies.clear()
        await sign_in(user, clinician)
        assert (await user.http_client.get('/expenses')).status_code == 403


async def test_the_bill_photo_is_uploaded_encrypted_and_served_only_to_staff_who_may_see_it(user: User) -> None:
    bills = await billing_clinic()
    await sign_in(user, bills.clinic.reception)
    await user.open('/expenses')
    user.find(marker='new-voucher').click()
    await user.should_see('New expense voucher')
    upload = user.find(ui.upload).elements.pop()
    await upload.handle_uploads([ui.upload.SmallFileUpload('bill.png', 'image/png', PNG)])
    await user.should_see('bill.png will be kept with the voucher.')
    type_into(user, 'amount', '1,200')
    type_into(user, 'paid_to', 'Sharma Electricals')
    type_into(user, 'purpose', 'electricity')
    user.find(marker='dialog-submit').click()
    await user.should_see('Voucher ANDV/26-27/00001 is entered for ₹1,200.00')
    stored = await Expense.get()
    [path] = stored_bills()
    assert stored.bill_media_type == 'image/png' and path.read_bytes() != PNG and PNG not in path.read_bytes()

    await open_voucher(user, stored.number)
    await user.should_see(marker='bill-link')
    address = EXPENSE_BILL.format(expense_id=stored.id)
    response = await user.http_client.get(address)
    assert (response.status_code, response.content, response.headers['content-type']) == (200, PNG, 'image/png')
    assert response.headers['cache-control'] == 'no-store'
    user.http_client.cookies.clear()
    assert (await user.http_client.get(address)).status_code == 403  # nobody signed in
    for clinician in (bills.clinic.doctor, bills.clinic.junior):
        user.http_client.cookies.set(sessions.COOKIE_NAME, await sessions.issue(user=clinician))
        refused = await user.http_client.get(address)
        assert refused.status_code == 403 and refused.headers['cache-control'] == 'no-store'
    other = await make_user(branch=await make_branch('Bandra'))
    user.http_client.cookies.set(sessions.COOKIE_NAME, await sessions.issue(user=other))
    assert (await user.http_client.get(address)).status_code == 404  # another branch's voucher
    assert (await user.http_client.get(EXPENSE_BILL.format(expense_id='nonsense'))).status_code == 404
    downloads = await AuditEvent.filter(entity_type=EntityType.EXPENSE, action=Action.DOWNLOAD).values_list(
        'username', flat=True)
    assert downloads == [bills.clinic.reception.username]


async def test_another_desks_voucher_appears_without_a_reload(user: User) -> None:
    bills = await billing_clinic()
    await sign_in(user, bills.clinic.reception)
    await user.open('/expenses')
    await user.should_see(marker='expenses')
    await expenses.set_daily_budget(actor=bills.boss, amount='2,000')
    await expenses.enter_expense(actor=bills.boss, details=voucher(paid_by='Sunita Kapoor'))
    await eventually(lambda: [row['paid_to'] for row in listed(user)] == ['Sharma Electricals'],
                     what='the voucher entered at another desk')
    await user.should_see("Today's budget ₹2,000.00 · spent ₹1,200.00 · ₹800.00 left")


async def test_the_database_refuses_to_change_or_delete_a_voucher(db: None) -> None:
    from tortoise import connections
    from tortoise.exceptions import OperationalError

    bills = await billing_clinic()
    entered = await expenses.enter_expense(actor=bills.desk, details=voucher())
    await expenses.decide_expense(actor=bills.boss, expense_id=entered.id, approve=True)
    connection = connections.get('default')
    for statement in (f"UPDATE expense SET amount = '1.00' WHERE id = '{entered.id}'",
                      f"UPDATE expense SET paid_to = 'Someone else' WHERE id = '{entered.id}'",
                      f"UPDATE expense SET status = 'pending' WHERE id = '{entered.id}'",
                      f"DELETE FROM expense WHERE id = '{entered.id}'"):
        with pytest.raises(OperationalError, match='an expense voucher cannot be'):
            await connection.execute_query(statement)
    await expenses.mark_paid(actor=bills.boss, expense_id=entered.id)  # its status still moves on
