"""Payments: take money at the desk against one or more invoices or as credit, apply credit, refund it.

A receipt pays the invoices chosen (or, when none is chosen, the patient's oldest dues at the
branch first); a payment larger than what is due is refused unless the desk chooses to keep the
rest as the patient's credit, which is also how an advance is taken. Credit is the part of the
patient's receipts not applied to any invoice, less what was refunded; it is applied to a later
invoice, or paid back by a refund, which an admin makes (`billing.approve`) with a reason and
which can never exceed the credit, so never exceed what was paid.

Each payment counts in one day's collections at its branch (`day`). A day that has been closed
never changes (the database refuses it too, `app.issued_records`): money taken after the closing
counts in the next open day. Every payment has a number of its branch's receipt (or refund)
series and is audited with what it paid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import utcnow
from app.errors import DomainError, NotFound
from app.money import format_money
from app.services.billing_math import ZERO
from app.services.document_numbers import Series, ensure_code, take_number
from app.services.invoices import clinic_day, status_after
from app.services.paging import Page, read_page
from app.services.patient_lookup import find_patient
from app.services.users import require
from app.services.validation import Checker, is_uuid
from models.accounts import User
from models.billing import (
    DayClosing,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    Payment,
    PaymentAllocation,
    PaymentKind,
    PaymentMode,
)
from models.clinic import Branch
from models.patients import Patient

PAYMENT_NOT_FOUND = 'That payment could not be found.'
MODE_LABELS = {PaymentMode.CASH: 'Cash', PaymentMode.CARD: 'Card', PaymentMode.UPI: 'UPI',
               PaymentMode.CHEQUE: 'Cheque', PaymentMode.BANK_TRANSFER: 'Bank transfer', PaymentMode.OTHER: 'Other'}
NEEDS_REFERENCE = {PaymentMode.CHEQUE: 'the cheque number', PaymentMode.BANK_TRANSFER: "the bank's reference"}
OWING = (InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID)


@dataclass(frozen=True, kw_only=True)
class PaymentInput:
    """What the payment form sends: the amount as typed, how it was paid, and what it pays."""

    amount: Any
    mode: PaymentMode | str | None
    reference: str = ''
    invoice_ids: Sequence[UUID] = ()  # none: the patient's oldest dues at the branch first
    keep_rest_as_credit: bool = False


@dataclass(frozen=True, kw_only=True)
class PaymentView:
    """One receipt or refund, as its page and its PDF show it."""

    id: UUID
    kind: PaymentKind
    number: str
    day: date
    received_at: datetime
    amount: Decimal
    mode: PaymentMode
    reference: str
    patient_uid: str
    patient_name: str
    branch_id: int
    branch_name: str
    received_by: str
    settles: list[tuple[str, Decimal]] = field(default_factory=list)  # (invoice number, amount)
    kept_as_credit: Decimal = ZERO
    reason: str = ''
    approved_by: str = ''

    @property
    def mode_label(self) -> str:
        return MODE_LABELS[self.mode]

    @property
    def title(self) -> str:
        return 'Refund voucher' if self.kind is PaymentKind.REFUND else 'Receipt'


@dataclass(frozen=True, kw_only=True)
class Ledger:
    """A patient's account: what was billed, credited, paid and refunded, what is due and held as credit."""

    billed: Decimal
    credited: Decimal
    received: Decimal
    refunded: Decimal
    due: Decimal
    credit: Decimal

    @property
    def paid(self) -> Decimal:
        return self.received - self.refunded


@audit_denials(EntityType.PAYMENT, refused_action=Action.CREATE)
async def take_payment(*, actor: Actor, patient_uid: str, payment: PaymentInput) -> PaymentView:
    """Record money received; bad input, or more than is due without choosing credit, saves nothing."""
    require(actor, Permission.BILLING_CREATE)
    patient = await _patient(patient_uid)
    check = Checker()
    amount = check.money('amount', payment.amount, label='amount received', positive=True)
    mode = check.choice('mode', payment.mode, PaymentMode, label='payment mode')
    reference = _reference(check, mode, payment.reference)
    invoices = await _owing(actor, patient, payment.invoice_ids, check)
    due = sum((_due(invoice) for invoice in invoices), ZERO)
    if amount is not None and amount > due and not payment.keep_rest_as_credit:
        check.fail('amount', f'The payment is {format_money(amount - due)} more than what is due '
                             f'({format_money(due)}). Lower the amount, or choose to keep the rest as credit.')
    check.raise_if_any()
    assert amount is not None and mode is not None
    branch = await Branch.get(id=actor.branch_id)
    await ensure_code(branch)
    async with audit.change(actor, action=Action.CREATE, entity_type=EntityType.PAYMENT,
                            patient_id=patient.uid) as event:
        await lock_branch(event.connection, branch.id)
        await _lock_patient(event.connection, patient.id)
        invoices = [await _locked_invoice(event.connection, invoice.id) for invoice in invoices]
        due = sum((_due(invoice) for invoice in invoices if invoice.status in OWING), ZERO)
        if amount > due and not payment.keep_rest_as_credit:
            raise DomainError(f'What is due changed a moment ago: it is now {format_money(due)}. '
                              'Check the amount and try again.')
        day = await collection_day(branch)
        number, _, _ = await take_number(event.connection, branch=branch, series=Series.RECEIPT, day=day)
        received = Payment(branch_id=branch.id, patient_id=patient.id, kind=PaymentKind.RECEIPT, number=number,
                           amount=amount, mode=mode, reference=reference, day=day, received_at=utcnow(),
                           received_by_id=actor.user_id)
        await received.save(force_create=True)
        settled = await _allocate(received, invoices, amount)
        event.entity_id = received.id
        event.set_changes({'amount': [None, str(amount)], 'mode': [None, str(mode)],
                           'settles': [None, {number_: str(part) for number_, part in settled}]})
        kept = amount - sum((part for _, part in settled), ZERO)
        event.set_detail(f'Receipt {number}: {format_money(amount)} by {MODE_LABELS[mode]}'
                         + (f', paying {", ".join(number_ for number_, _ in settled)}' if settled else '')
                         + (f'; {format_money(kept)} kept as credit' if kept else ''))
    return await payment_view(actor=actor, payment_id=received.id, audited=False)


@audit_denials(EntityType.INVOICE, refused_action=Action.UPDATE)
async def apply_credit(*, actor: Actor, invoice_id: UUID) -> Decimal:
    """Pay an invoice from the patient's credit, as far as it goes; returns the amount applied."""
    require(actor, Permission.BILLING_CREATE)
    invoice = await Invoice.get_or_none(id=invoice_id).select_related('patient', 'branch') \
        if is_uuid(invoice_id) else None
    if invoice is None or invoice.kind is not InvoiceKind.INVOICE or not actor.may_work_in(invoice.branch_id):
        raise NotFound('That invoice could not be found at this branch.')
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.INVOICE, entity_id=invoice.id,
                            patient_id=invoice.patient.uid) as event:
        await _lock_patient(event.connection, invoice.patient_id)
        invoice = await _locked_invoice(event.connection, invoice.id)
        if invoice.status not in OWING:
            raise DomainError('Nothing is due on this invoice.')
        available = await patient_credit(invoice.patient_id)
        if available <= 0:
            raise DomainError('The patient has no credit to apply.')
        applied, wanted = ZERO, min(_due(invoice), available)
        for receipt in await _receipts_with_credit(invoice.patient_id):
            if applied >= wanted:
                break
            applied += await _allocate_one(receipt, invoice, min(wanted - applied, receipt.amount - receipt.allocated))
        await _settle(invoice, applied)
        event.set_detail(f'Applied {format_money(applied)} of the patient\'s credit to {invoice.number}')
    return applied


@audit_denials(EntityType.PAYMENT, refused_action=Action.CREATE)
async def refund(*, actor: Actor, patient_uid: str, amount: Any, mode: PaymentMode | str | None, reason: str,
                 reference: str = '') -> PaymentView:
    """Pay back part or all of a patient's credit; an admin's act, with a reason, never more than the credit."""
    require(actor, Permission.BILLING_APPROVE)
    patient = await _patient(patient_uid)
    check = Checker()
    money = check.money('amount', amount, label='amount to refund', positive=True)
    chosen = check.choice('mode', mode, PaymentMode, label='how the money is paid back')
    why = check.text('reason', reason, label='reason for the refund', max_length=300)
    note = _reference(check, chosen, reference)
    credit = await patient_credit(patient.id)
    if money is not None and money > credit:
        check.fail('amount', f'A refund can be at most the patient\'s credit, {format_money(credit)}.'
                   if credit > 0 else 'The patient has no credit to refund. Credit an invoice first.')
    check.raise_if_any()
    assert money is not None and chosen is not None
    branch = await Branch.get(id=actor.branch_id)
    await ensure_code(branch)
    async with audit.change(actor, action=Action.CREATE, entity_type=EntityType.PAYMENT,
                            patient_id=patient.uid) as event:
        await lock_branch(event.connection, branch.id)
        await _lock_patient(event.connection, patient.id)
        credit = await patient_credit(patient.id)
        if money > credit:
            raise DomainError(f'The patient\'s credit changed a moment ago: it is now {format_money(credit)}.')
        day = await collection_day(branch)
        number, _, _ = await take_number(event.connection, branch=branch, series=Series.REFUND, day=day)
        paid_back = Payment(branch_id=branch.id, patient_id=patient.id, kind=PaymentKind.REFUND, number=number,
                            amount=money, mode=chosen, reference=note, day=day, received_at=utcnow(),
                            received_by_id=actor.user_id, approved_by_id=actor.user_id, reason=why)
        await paid_back.save(force_create=True)
        event.entity_id = paid_back.id
        event.set_changes({'amount': [None, str(money)], 'mode': [None, str(chosen)], 'reason': [None, why]})
        event.set_detail(f'Refund {number}: {format_money(money)} by {MODE_LABELS[chosen]}, approved by '
                         f'{actor.full_name}: {why}')
    return await payment_view(actor=actor, payment_id=paid_back.id, audited=False)


@audit_denials(EntityType.PAYMENT)
async def payment_view(*, actor: Actor, payment_id: UUID, audited: bool = True) -> PaymentView:
    require(actor, Permission.BILLING_VIEW)
    payment = await Payment.get_or_none(id=payment_id) if is_uuid(payment_id) else None
    if payment is None:
        raise NotFound(PAYMENT_NOT_FOUND)
    patient = await Patient.get(id=payment.patient_id).only('id', 'uid', 'full_name')
    if audited:
        await audit.view(actor, entity_type=EntityType.PAYMENT, entity_id=payment.id, patient_id=patient.uid,
                         detail=payment.number)
    [view] = await _views([payment], patient=patient)
    return view


async def payments_page(*, actor: Actor, patient_uid: str, page: int = 1, per_page: int = 10) -> Page[PaymentView]:
    """A patient's receipts and refunds, newest first, one page."""
    require(actor, Permission.BILLING_VIEW)
    patient = await _patient(patient_uid)
    found = await read_page(Payment.filter(patient_id=patient.id), ordering=('-received_at',), page=page,
                            per_page=per_page, row=lambda payment: payment)
    return Page(rows=await _views(found.rows, patient=patient), total=found.total, page=found.page,
                per_page=found.per_page)


async def _views(found: Sequence[Payment], *, patient: Patient) -> list[PaymentView]:
    """The views of one patient's payments, read together: what each settles, who took and approved it, the
    branch, a query each for the whole page (read one payment at a time, a page of ten took over 40 queries)."""
    ids = [payment.id for payment in found]
    settles: dict[str, list[tuple[str, Decimal]]] = {str(payment_id): [] for payment_id in ids}
    for payment_id, number, amount in await PaymentAllocation.filter(payment_id__in=ids, amount__gt=0) \
            .order_by('id').values_list('payment_id', 'invoice__number', 'amount'):
        settles[str(payment_id)].append((number or '', amount))
    staff = {payment.received_by_id for payment in found} | {payment.approved_by_id for payment in found}
    names = dict(await User.filter(id__in=[user_id for user_id in staff if user_id]).values_list('id', 'full_name'))
    branches = dict(await Branch.filter(id__in={payment.branch_id for payment in found}).values_list('id', 'name'))
    return [PaymentView(
        id=payment.id, kind=payment.kind, number=payment.number, day=payment.day, received_at=payment.received_at,
        amount=payment.amount, mode=payment.mode, reference=payment.reference, patient_uid=patient.uid,
        patient_name=patient.full_name, branch_id=payment.branch_id, branch_name=branches.get(payment.branch_id, ''),
        received_by=names.get(payment.received_by_id, '') if payment.received_by_id else '',
        settles=settles[str(payment.id)],
        kept_as_credit=payment.amount - payment.allocated if payment.kind is PaymentKind.RECEIPT else ZERO,
        reason=payment.reason, approved_by=names.get(payment.approved_by_id, '') if payment.approved_by_id else '')
        for payment in found]


async def ledger(*, actor: Actor, patient_uid: str) -> Ledger:
    """The patient's account over every branch; the view is audited."""
    require(actor, Permission.BILLING_VIEW)
    patient = await _patient(patient_uid)
    await audit.view(actor, entity_type=EntityType.PAYMENT, entity_id='', patient_id=patient.uid,
                     detail="The patient's account")
    return await patient_ledger(patient.id)


async def patient_ledger(patient_id: UUID) -> Ledger:
    invoices = await Invoice.filter(patient_id=patient_id).exclude(status=InvoiceStatus.DRAFT).values(
        'kind', 'total', 'paid', 'credited')
    payments = await Payment.filter(patient_id=patient_id).values('kind', 'amount', 'allocated')
    billed = sum((row['total'] for row in invoices if row['kind'] == InvoiceKind.INVOICE), ZERO)
    credited = sum((row['total'] for row in invoices if row['kind'] == InvoiceKind.CREDIT_NOTE), ZERO)
    due = sum((row['total'] - row['paid'] - row['credited'] for row in invoices
               if row['kind'] == InvoiceKind.INVOICE), ZERO)
    received = sum((row['amount'] for row in payments if row['kind'] == PaymentKind.RECEIPT), ZERO)
    refunded = sum((row['amount'] for row in payments if row['kind'] == PaymentKind.REFUND), ZERO)
    unapplied = sum((row['amount'] - row['allocated'] for row in payments if row['kind'] == PaymentKind.RECEIPT), ZERO)
    return Ledger(billed=billed, credited=credited, received=received, refunded=refunded, due=due,
                  credit=unapplied - refunded)


async def patient_credit(patient_id: UUID) -> Decimal:
    """What the patient has paid and not had applied to an invoice or refunded."""
    return (await patient_ledger(patient_id)).credit


async def collection_day(branch: Branch) -> date:
    """The day a payment taken now counts in: today, or the next day not yet closed."""
    day = clinic_day(branch)
    closed = set(await DayClosing.filter(branch_id=branch.id, day__gte=day).values_list('day', flat=True))
    while day in closed:
        day += timedelta(days=1)
    return day


# -- inside ----------------------------------------------------------------------------------------

async def _patient(uid: str) -> Patient:
    return await find_patient(uid)


def _reference(check: Checker, mode: PaymentMode | None, reference: str) -> str:
    text = check.text('reference', reference, label='reference', required=False, max_length=60)
    if mode in NEEDS_REFERENCE and not text:
        check.fail('reference', f'Enter {NEEDS_REFERENCE[mode]}.')
    return text


def _due(invoice: Invoice) -> Decimal:
    return invoice.total - invoice.paid - invoice.credited


async def _owing(actor: Actor, patient: Patient, invoice_ids: Sequence[UUID], check: Checker) -> list[Invoice]:
    """The invoices a payment settles, oldest first: those chosen, or all the patient owes at the branch."""
    query = Invoice.filter(patient_id=patient.id, branch_id=actor.branch_id, kind=InvoiceKind.INVOICE,
                           status__in=OWING)
    if invoice_ids:
        wanted = [invoice_id for invoice_id in invoice_ids if is_uuid(invoice_id)]
        query = query.filter(id__in=wanted)
        found = await query.order_by('issued_at')
        if len(found) != len(set(invoice_ids)):
            check.fail('invoices', 'Choose invoices of this patient at this branch that still have something due.')
        return list(found)
    return list(await query.order_by('issued_at'))


async def lock_branch(connection: BaseDBAsyncClient, branch_id: int) -> None:
    """Queue behind any day closing or payment at the branch (PostgreSQL; SQLite holds the write lock already)."""
    if connection.capabilities.dialect != 'sqlite':
        await Branch.filter(id=branch_id).using_db(connection).select_for_update().values_list('id', flat=True)


async def _lock_patient(connection: BaseDBAsyncClient, patient_id: UUID) -> None:
    """Serialise the changes to one patient's credit (PostgreSQL; SQLite's write lock does it already)."""
    if connection.capabilities.dialect != 'sqlite':
        await Patient.filter(id=patient_id).using_db(connection).select_for_update().values_list('id', flat=True)


async def _locked_invoice(connection: BaseDBAsyncClient, invoice_id: UUID) -> Invoice:
    query = Invoice.filter(id=invoice_id).using_db(connection)
    if connection.capabilities.dialect != 'sqlite':
        query = query.select_for_update()
    return await query.get()


async def _allocate(payment: Payment, invoices: list[Invoice], amount: Decimal) -> list[tuple[str, Decimal]]:
    """Spread a receipt over invoices, oldest first; returns (invoice number, amount) for each paid."""
    left, settled = amount, []
    for invoice in invoices:
        if left <= 0:
            break
        part = min(left, _due(invoice))
        if part <= 0:
            continue
        await _allocate_one(payment, invoice, part)
        await _settle(invoice, part)
        settled.append((invoice.number or '', part))
        left -= part
    return settled


async def _allocate_one(payment: Payment, invoice: Invoice, amount: Decimal) -> Decimal:
    """Apply `amount` of a receipt to an invoice (one allocation row per pair, grown if it exists)."""
    if amount <= 0:
        return ZERO
    existing = await PaymentAllocation.get_or_none(payment_id=payment.id, invoice_id=invoice.id)
    if existing is None:
        await PaymentAllocation.create(payment_id=payment.id, invoice_id=invoice.id, amount=amount)
    else:
        await PaymentAllocation.filter(id=existing.id).update(amount=existing.amount + amount)
    payment.allocated += amount
    await Payment.filter(id=payment.id).update(allocated=payment.allocated)
    return amount


async def _settle(invoice: Invoice, amount: Decimal) -> None:
    """Count `amount` more as paid on an invoice and move its status on."""
    invoice.paid += amount
    invoice.status = status_after(total=invoice.total, paid=invoice.paid, credited=invoice.credited)
    await Invoice.filter(id=invoice.id).update(paid=invoice.paid, status=invoice.status, updated_at=utcnow())


async def _receipts_with_credit(patient_id: UUID) -> list[Payment]:
    receipts = await Payment.filter(patient_id=patient_id, kind=PaymentKind.RECEIPT).order_by('received_at')
    return [receipt for receipt in receipts if receipt.amount > receipt.allocated]
