"""Expense vouchers: what a branch spends, entered at the desk, approved (or rejected) and paid by an admin.

The front desk and admins (`expenses.enter`) see their branch's vouchers and enter one: on what
day, to whom, by whom, for what, how much and how, with a photo of the bill when there is one.
Each voucher takes the branch's next number of the expense series (`ANDV/26-27/00001`, the
financial year of the day it was spent) in the transaction that saves it, and waits for an admin
(`expenses.approve`) to approve or reject it (a rejection says why); an approved voucher is then
marked paid. Nothing here edits a voucher's figures, at any status: a mistake is rejected with
its reason and entered again, so the numbers and the audit trail tell the whole story.

A branch may have a daily budget: what the day's vouchers (all but rejected ones) may add up to.
Going over it is allowed, and shown, because the money was already spent. Bill photos (PNG, JPEG,
WebP or PDF, told by their first bytes) are stored encrypted under `uploads/expenses/`, written
before the voucher's row and removed again if it cannot be saved. Every change is audited, and
so is every opening of a bill.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from tortoise.backends.base.client import BaseDBAsyncClient

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import utcnow
from app.config import get_settings
from app.dates import shown_date
from app.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from app.money import amount_in_words, format_money
from app.security.encrypted_files import expense_bills_dir, read_encrypted, write_encrypted
from app.services.billing_math import ZERO
from app.services.branches import working_branch
from app.services.document_numbers import Series, ensure_code, take_number
from app.services.invoices import clinic_day
from app.services.paging import Page, read_page
from app.services.payments import MODE_LABELS
from app.services.uploads import MEDIA_TYPES, file_kind, shown_name
from app.services.uploads import size_problem as upload_size_problem
from app.services.users import require
from app.services.validation import Checker, is_uuid
from models.billing import Expense, ExpenseStatus, PaymentMode
from models.clinic import Branch

ENTITY = EntityType.EXPENSE
EXPENSE_NOT_FOUND = 'That voucher could not be found at this branch.'
NO_BILL = 'This voucher has no bill photo.'
MOST_DAYS_BACK = 90
BILL_MAX_BYTES = 10 * 1024 * 1024
BILL_KINDS = 'a photo (JPEG, PNG or WebP) or a PDF of the bill'
STATUS_LABELS = {ExpenseStatus.PENDING: 'Waiting for approval', ExpenseStatus.APPROVED: 'Approved',
                 ExpenseStatus.REJECTED: 'Rejected', ExpenseStatus.PAID: 'Paid'}
COUNTED = (ExpenseStatus.PENDING, ExpenseStatus.APPROVED, ExpenseStatus.PAID)  # what a day's budget counts
PER_PAGE_SIZES = (10, 25, 50)


@dataclass(frozen=True)
class BillUpload:
    """A bill photo as the browser sent it."""

    content: bytes
    filename: str


@dataclass(frozen=True, kw_only=True)
class ExpenseInput:
    """What the voucher form sends: the day, the people, the purpose, the amount as typed, and the bill."""

    spent_on: date | None
    paid_to: str
    paid_by: str
    purpose: str
    amount: Any
    mode: PaymentMode | str | None
    description: str = ''
    bill: BillUpload | None = None


@dataclass(frozen=True, kw_only=True)
class ExpenseView:
    """One voucher as its dialog shows it, with what the actor may do with it."""

    id: UUID
    number: str
    branch_id: int
    branch_name: str
    spent_on: date
    paid_to: str
    paid_by: str
    purpose: str
    description: str
    amount: Decimal
    mode: PaymentMode
    status: ExpenseStatus
    has_bill: bool
    bill_media_type: str
    entered_by: str
    entered_at: datetime
    decided_by: str
    decided_at: datetime | None
    decision_note: str
    paid_at: datetime | None
    may_decide: bool = False  # pending, and the actor approves vouchers of its branch
    may_pay: bool = False  # approved, and the actor approves vouchers of its branch

    @property
    def amount_in_words(self) -> str:
        return amount_in_words(self.amount)

    @property
    def mode_label(self) -> str:
        return MODE_LABELS[self.mode]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def bill_is_image(self) -> bool:
        return self.bill_media_type.startswith('image/')


@dataclass(frozen=True, kw_only=True)
class ExpenseRow:
    """One line of the voucher list."""

    id: UUID
    number: str
    spent_on: date
    paid_to: str
    purpose: str
    amount: Decimal
    mode: PaymentMode
    status: ExpenseStatus
    has_bill: bool

    @property
    def mode_label(self) -> str:
        return MODE_LABELS[self.mode]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True, kw_only=True)
class Budget:
    """A branch's daily budget for one day, what that day's vouchers (all but rejected ones) add up to, what is left."""

    branch_id: int
    day: date
    budget: Decimal  # 0: the branch has no budget
    spent: Decimal

    @property
    def has_budget(self) -> bool:
        return self.budget > 0

    @property
    def remaining(self) -> Decimal:
        """What may still be spent that day; negative once the day is over budget."""
        return self.budget - self.spent

    @property
    def left_text(self) -> str:
        """'₹3,800.00 left', 'nothing left' or 'over budget by ₹200.00'."""
        if self.remaining > 0:
            return f'{format_money(self.remaining)} left'
        if self.remaining == 0:
            return 'nothing left'
        return f'over budget by {format_money(-self.remaining)}'

    def with_voucher(self, amount: Decimal) -> Budget:
        """The same day as it would stand with one more voucher of `amount`."""
        return replace(self, spent=self.spent + amount)


def bill_size_problem(size: int, filename: str) -> str | None:
    """Say why a file of this size cannot be a bill photo, or None (checked before it is read whole)."""
    return upload_size_problem(size, filename, max_bytes=BILL_MAX_BYTES, noun='bill photo', choose=BILL_KINDS)


def check_bill(bill: BillUpload) -> str:
    """Refuse a bill that is empty, too big, or not a JPEG, PNG, WebP or PDF file; return its media type."""
    problem = bill_size_problem(len(bill.content), bill.filename)
    kind = file_kind(bill.content)
    if problem is None and kind is None:
        problem = f'"{shown_name(bill.filename)}" is not {BILL_KINDS}.'
    if problem is not None or kind is None:
        raise ValidationFailed({'bill': problem or ''})
    return MEDIA_TYPES[kind]


# -- entering and deciding -------------------------------------------------------------------------

@audit_denials(ENTITY, refused_action=Action.CREATE)
async def enter_expense(*, actor: Actor, details: ExpenseInput, branch_id: int | None = None) -> ExpenseView:
    """Enter a voucher at the actor's branch (or the one a superadmin chose), waiting for approval; bad input saves
    nothing and says what to correct."""
    require(actor, Permission.EXPENSES_ENTER)
    branch = await working_branch(actor, branch_id)
    check = Checker()
    spent_on = _spent_on(check, details.spent_on, today=clinic_day(branch))
    paid_to = check.text('paid_to', details.paid_to, label='name of who was paid', max_length=120)
    paid_by = check.text('paid_by', details.paid_by, label='name of who paid it', max_length=120)
    purpose = check.text('purpose', details.purpose, label='purpose (what it was for)', max_length=120)
    description = check.text('description', details.description, label='description', required=False,
                             max_length=1000)
    amount = check.money('amount', details.amount, label='amount', positive=True)
    mode = check.choice('mode', details.mode, PaymentMode, label='payment mode')
    media_type = None
    if details.bill is not None:
        try:
            media_type = check_bill(details.bill)
        except ValidationFailed as refused:
            check.fail('bill', refused.field_errors['bill'])
    check.raise_if_any()
    assert spent_on is not None and amount is not None and mode is not None
    expense_id = uuid4()
    await ensure_code(branch)
    path = None
    if details.bill is not None and media_type is not None:
        path = bills_dir() / str(expense_id)
        await asyncio.to_thread(write_encrypted, path, details.bill.content)
    try:
        async with audit.change(actor, action=Action.CREATE, entity_type=ENTITY, entity_id=expense_id) as event:
            number, _, _ = await take_number(event.connection, branch=branch, series=Series.EXPENSE, day=spent_on)
            await Expense.create(
                id=expense_id, branch_id=branch.id, number=number, spent_on=spent_on, paid_to=paid_to,
                paid_by=paid_by, purpose=purpose, description=description, amount=amount, mode=mode,
                status=ExpenseStatus.PENDING, created_by_id=actor.user_id, created_at=utcnow(),
                bill_file=path.relative_to(get_settings().uploads_dir).as_posix() if path else None,
                bill_media_type=media_type, using_db=event.connection)
            event.set_changes({'number': [None, number], 'spent_on': [None, spent_on.isoformat()],
                               'paid_to': [None, paid_to], 'paid_by': [None, paid_by], 'purpose': [None, purpose],
                               'amount': [None, str(amount)], 'mode': [None, str(mode)],
                               'bill': [None, media_type]})
            event.set_detail(f'Voucher {number}: {format_money(amount)} to {paid_to} for {purpose}'
                             + (' (with the bill)' if path else ''))
    except BaseException:
        if path is not None:
            path.unlink(missing_ok=True)
        raise
    return await _view(actor, await _find(actor, expense_id))


@audit_denials(ENTITY, refused_action=Action.UPDATE)
async def decide_expense(*, actor: Actor, expense_id: UUID, approve: bool, note: str = '') -> ExpenseView:
    """Approve or reject a voucher that waits for approval; a rejection says why."""
    require(actor, Permission.EXPENSES_APPROVE)
    expense = await _find(actor, expense_id)
    if expense.status is not ExpenseStatus.PENDING:
        raise DomainError(_not_pending(expense))
    check = Checker()
    why = check.text('note', note, label='reason for rejecting the voucher', required=not approve, max_length=300)
    check.raise_if_any()
    status = ExpenseStatus.APPROVED if approve else ExpenseStatus.REJECTED
    async with audit.change(actor, action=Action.UPDATE, entity_type=ENTITY, entity_id=expense.id) as event:
        now = utcnow()
        changed = await Expense.filter(id=expense.id, status=ExpenseStatus.PENDING).using_db(event.connection) \
            .update(status=status, decided_by_id=actor.user_id, decided_at=now, decision_note=why, updated_at=now)
        if not changed:  # decided at another desk a moment ago
            raise DomainError(_not_pending(await _current(event.connection, expense.id)))
        event.set_changes({'status': [str(ExpenseStatus.PENDING), str(status)], 'decision_note': [None, why]})
        event.set_detail(f'Voucher {expense.number}: {format_money(expense.amount)} to {expense.paid_to} '
                         + ('approved' if approve else 'rejected') + (f': {why}' if why else ''))
    return await _view(actor, await _find(actor, expense.id))


@audit_denials(ENTITY, refused_action=Action.UPDATE)
async def mark_paid(*, actor: Actor, expense_id: UUID) -> ExpenseView:
    """Record that an approved voucher has been paid."""
    require(actor, Permission.EXPENSES_APPROVE)
    expense = await _find(actor, expense_id)
    if expense.status is not ExpenseStatus.APPROVED:
        raise DomainError(_cannot_pay(expense))
    async with audit.change(actor, action=Action.UPDATE, entity_type=ENTITY, entity_id=expense.id) as event:
        now = utcnow()
        changed = await Expense.filter(id=expense.id, status=ExpenseStatus.APPROVED).using_db(event.connection) \
            .update(status=ExpenseStatus.PAID, paid_at=now, updated_at=now)
        if not changed:  # paid at another desk a moment ago
            raise DomainError(_cannot_pay(await _current(event.connection, expense.id)))
        event.set_changes({'status': [str(ExpenseStatus.APPROVED), str(ExpenseStatus.PAID)]})
        event.set_detail(f'Voucher {expense.number}: {format_money(expense.amount)} to {expense.paid_to} paid')
    return await _view(actor, await _find(actor, expense.id))


@audit_denials(ENTITY, refused_action=Action.UPDATE)
async def set_daily_budget(*, actor: Actor, amount: Any, branch_id: int | None = None) -> Budget:
    """Set what the actor's branch (the superadmin: any) may spend a day, ₹0 for no budget; returns today's."""
    require(actor, Permission.EXPENSES_APPROVE)
    branch = await working_branch(actor, branch_id)
    check = Checker()
    money = check.money('amount', amount, label='daily budget')
    check.raise_if_any()
    assert money is not None
    async with audit.change(actor, action=Action.UPDATE, entity_type=ENTITY) as event:
        before = (await Branch.get(id=branch.id).using_db(event.connection)).daily_expense_budget
        await Branch.filter(id=branch.id).using_db(event.connection).update(daily_expense_budget=money,
                                                                            updated_at=utcnow())
        event.set_changes({'daily_expense_budget': [str(before), str(money)]})
        event.set_detail(f'Daily expense budget of {branch.name}: '
                         + (format_money(money) if money else 'none') + f' (was {format_money(before)})')
    return await budget_today(actor=actor, branch_id=branch.id)


# -- reading ---------------------------------------------------------------------------------------

@audit_denials(ENTITY)
async def expense_view(*, actor: Actor, expense_id: UUID) -> ExpenseView:
    """One voucher of the actor's branch (any branch for the superadmin); the view is audited."""
    require(actor, Permission.EXPENSES_ENTER)
    expense = await _find(actor, expense_id)
    await audit.view(actor, entity_type=ENTITY, entity_id=expense.id, detail=f'Voucher {expense.number}')
    return await _view(actor, expense)


@audit_denials(ENTITY)
async def expenses_page(*, actor: Actor, page: int = 1, per_page: int = 25, status: ExpenseStatus | str | None = None,
                        day_from: date | None = None, day_to: date | None = None,
                        branch_id: int | None = None) -> Page[ExpenseRow]:
    """The branch's vouchers, newest day first, one page; by status and a range of days (the superadmin: any branch)."""
    require(actor, Permission.EXPENSES_ENTER)
    branch = await working_branch(actor, branch_id)
    query = Expense.filter(branch_id=branch.id)
    if status:
        try:
            query = query.filter(status=ExpenseStatus(status))
        except ValueError:
            raise ValidationFailed({'status': 'Choose the status from the list.'}) from None
    if isinstance(day_from, date):
        query = query.filter(spent_on__gte=day_from)
    if isinstance(day_to, date):
        query = query.filter(spent_on__lte=day_to)
    found = await read_page(query, ordering=('-spent_on', '-created_at'), page=page, per_page=per_page, row=_row,
                            sizes=PER_PAGE_SIZES, default=25)
    await audit.view(actor, entity_type=ENTITY, entity_id='', detail=f'{found.described("voucher")} of {branch.name}')
    return found


async def budget_today(*, actor: Actor, day: date | None = None, branch_id: int | None = None) -> Budget:
    """The branch's daily budget and what the vouchers of `day` (today by its clock) add up to."""
    require(actor, Permission.EXPENSES_ENTER)
    branch = await working_branch(actor, branch_id)
    chosen = day if isinstance(day, date) else clinic_day(branch)
    amounts = await Expense.filter(branch_id=branch.id, spent_on=chosen, status__in=COUNTED) \
        .values_list('amount', flat=True)
    return Budget(branch_id=branch.id, day=chosen, budget=branch.daily_expense_budget,
                  spent=sum((Decimal(amount) for amount in amounts), ZERO))


@audit_denials(ENTITY)
async def expense_bill(*, actor: Actor, expense_id: UUID) -> tuple[str, bytes, str]:
    """Decrypt a voucher's bill photo: (media type, bytes, file name); the download is audited."""
    require(actor, Permission.EXPENSES_ENTER)
    expense = await _find(actor, expense_id)
    if not expense.bill_file or not expense.bill_media_type:
        raise NotFound(NO_BILL)
    path = get_settings().uploads_dir / expense.bill_file
    if not path.resolve().is_relative_to(bills_dir().resolve()):
        raise PermissionDenied()
    try:
        content = await asyncio.to_thread(read_encrypted, path)
    except FileNotFoundError:
        raise NotFound(NO_BILL) from None
    await audit.record(actor, action=Action.DOWNLOAD, entity_type=ENTITY, entity_id=expense.id,
                       detail=f'The bill of voucher {expense.number}')
    extension = next((kind for kind, media in MEDIA_TYPES.items() if media == expense.bill_media_type), 'bin')
    return expense.bill_media_type, content, f'{expense.number.replace("/", "-")}-bill.{extension}'


def bills_dir() -> Path:
    """Where the bill photos are kept, encrypted (and re-encrypted by `prospine keys rotate`)."""
    return expense_bills_dir()


# -- inside ----------------------------------------------------------------------------------------

def _spent_on(check: Checker, value: object, *, today: date) -> date | None:
    if not isinstance(value, date):
        check.fail('spent_on', 'Enter the date the money was spent.')
        return None
    day = value.date() if isinstance(value, datetime) else value
    earliest = today - timedelta(days=MOST_DAYS_BACK)
    if day > today:
        check.fail('spent_on', 'The date cannot be in the future.')
    elif day < earliest:
        check.fail('spent_on', f'A voucher can be at most {MOST_DAYS_BACK} days old: the earliest date is '
                               f'{shown_date(earliest)}.')
    return day


async def _find(actor: Actor, expense_id: UUID) -> Expense:
    expense = await Expense.get_or_none(id=expense_id).select_related('branch') if is_uuid(expense_id) else None
    if expense is None or not actor.may_work_in(expense.branch_id):
        raise NotFound(EXPENSE_NOT_FOUND)
    return expense


async def _current(connection: BaseDBAsyncClient | None, expense_id: UUID) -> Expense:
    return await Expense.filter(id=expense_id).using_db(connection).get()


def _not_pending(expense: Expense) -> str:
    return f'Voucher {expense.number} is already {STATUS_LABELS[expense.status].lower()}: only a voucher ' \
           'waiting for approval can be approved or rejected.'


def _cannot_pay(expense: Expense) -> str:
    if expense.status is ExpenseStatus.PAID:
        return f'Voucher {expense.number} is already marked paid.'
    if expense.status is ExpenseStatus.REJECTED:
        return f'Voucher {expense.number} was rejected: it is not paid.'
    return f'Voucher {expense.number} is waiting for approval: approve it before marking it paid.'


def _row(expense: Expense) -> ExpenseRow:
    return ExpenseRow(id=expense.id, number=expense.number, spent_on=expense.spent_on, paid_to=expense.paid_to,
                      purpose=expense.purpose, amount=expense.amount, mode=expense.mode, status=expense.status,
                      has_bill=bool(expense.bill_file))


async def _view(actor: Actor, expense: Expense) -> ExpenseView:
    entered_by = await expense.created_by if expense.created_by_id else None
    decided_by = await expense.decided_by if expense.decided_by_id else None
    approver = actor.can(Permission.EXPENSES_APPROVE) and actor.may_work_in(expense.branch_id)
    return ExpenseView(
        id=expense.id, number=expense.number, branch_id=expense.branch_id, branch_name=expense.branch.name,
        spent_on=expense.spent_on, paid_to=expense.paid_to, paid_by=expense.paid_by, purpose=expense.purpose,
        description=expense.description, amount=expense.amount, mode=expense.mode, status=expense.status,
        has_bill=bool(expense.bill_file), bill_media_type=expense.bill_media_type or '',
        entered_by=entered_by.full_name if entered_by else '', entered_at=expense.created_at,
        decided_by=decided_by.full_name if decided_by else '', decided_at=expense.decided_at,
        decision_note=expense.decision_note, paid_at=expense.paid_at,
        may_decide=approver and expense.status is ExpenseStatus.PENDING,
        may_pay=approver and expense.status is ExpenseStatus.APPROVED)
