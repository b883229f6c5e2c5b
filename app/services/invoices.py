"""Invoices and credit notes: write a draft, issue it with its number, correct it only by a credit note.

Who may do what: the front desk and admins (`billing.create`) write, issue and credit invoices of
their own branch; doctors (`billing.view`) see them; junior doctors see no money. Anyone who may
see invoices sees a patient's invoices from every branch (the patient belongs to the clinic).

A draft's lines come from the price list, a treatment plan (a package or an advance), attended
sessions, a consultation, a diagnostic test, or free text. Every change to a draft works its
figures out again (`billing_math`), so the draft shows what the bill will say. Issuing fixes it:
the number is taken in the issuing transaction (`document_numbers`), the figures never change
again, and the database refuses any later edit (`app.issued_records`). A discount above the
clinic's limit is approved as a plan's is (`discount_approval`), at issue.

A credit note corrects an issued invoice: it can credit at most what is left of it, needs a
reason, and first reduces what is due; what it credits beyond that was paid, so that much of the
payments is released from the invoice and becomes the patient's credit (refunded or applied to
another invoice later). An invoice credited in full is cancelled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q, Subquery

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import utcnow
from app.config import get_settings
from app.dates import shown_date
from app.errors import DomainError, NotFound
from app.money import LARGEST_AMOUNT, format_money, parse_money, to_paise
from app.services import tax_days
from app.services.billing_math import ZERO, LineTerms, credit_lines, supplies, work_out
from app.services.branches import working_branch
from app.services.clinic_hours import zone_of
from app.services.discount_approval import approvers_in, check_discount, confirm_approval, record_approval
from app.services.document_numbers import Series, ensure_code, take_number
from app.services.paging import Page, read_page
from app.services.patient_lookup import find_patient
from app.services.price_list import CONSULTATION_PRICES, DIAGNOSTIC_SAC, HEALTHCARE_SAC, price_by_code, tax_rate
from app.services.treatment_series import sessions_attended
from app.services.users import require
from app.services.validation import Checker, is_record_id, is_uuid
from models.accounts import User
from models.billing import Invoice, InvoiceKind, InvoiceLine, InvoiceStatus, Payment, PaymentAllocation, PriceItem
from models.clinic import Branch, Service
from models.clinical import DiagnosticTest, TestStatus
from models.plans import PlanType, TreatmentPlan
from models.registrations import Registration
from models.scheduling import ATTENDED, Appointment

INVOICE_NOT_FOUND = 'That invoice could not be found.'
MOST_LINES = 100
LARGEST_QUANTITY = Decimal(999)
STATUS_LABELS = {InvoiceStatus.DRAFT: 'Draft', InvoiceStatus.ISSUED: 'Due', InvoiceStatus.PARTLY_PAID: 'Partly paid',
                 InvoiceStatus.PAID: 'Paid', InvoiceStatus.CANCELLED: 'Cancelled'}
SERVICE_NAMES = {Service.PHYSIOTHERAPY: 'Physiotherapy', Service.SPEECH_THERAPY: 'Speech therapy'}
_PERCENT = re.compile(r'^\s*(?P<number>[\d.]+)\s*%\s*$')
_QUANTITY = re.compile(r'^\d{1,3}(?:\.\d{1,2})?$')


# -- what screens read -----------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class LineRow:
    id: int
    position: int
    description: str
    sac: str
    quantity: Decimal
    unit_price: Decimal
    discount: Decimal  # the line's own and its share of the invoice's
    taxable_value: Decimal
    tax_rate: Decimal
    tax: Decimal
    amount: Decimal


@dataclass(frozen=True, kw_only=True)
class CreditRow:
    id: UUID
    number: str
    issued_on: date
    total: Decimal
    reason: str


@dataclass(frozen=True, kw_only=True)
class SettlementRow:
    """A payment's part that pays this invoice."""

    payment_id: UUID
    number: str
    day: date
    mode: str
    amount: Decimal


class Owed:
    """What a bill says about money still to pay; for the invoice page's view and the lists' rows alike."""

    kind: InvoiceKind
    status: InvoiceStatus
    total: Decimal
    paid: Decimal
    credited: Decimal

    @property
    def due(self) -> Decimal:
        """What is still to pay: nothing on a draft (not billed yet) or on a credit note."""
        if self.kind is not InvoiceKind.INVOICE or self.status is InvoiceStatus.DRAFT:
            return ZERO
        return self.total - self.paid - self.credited

    @property
    def status_label(self) -> str:
        return status_label(self.kind, self.status)


@dataclass(frozen=True, kw_only=True)
class InvoiceView(Owed):
    """One invoice or credit note as its page shows it, with what the actor may do to it."""

    id: UUID
    kind: InvoiceKind
    status: InvoiceStatus
    number: str
    title: str
    patient_id: UUID
    patient_uid: str
    patient_name: str
    patient_phone: str
    branch_id: int
    branch_name: str
    issued_on: date | None
    issued_by: str
    created_on: date
    lines: list[LineRow]
    gross: Decimal
    discount: Decimal
    invoice_discount: Decimal
    taxable_value: Decimal
    cgst: Decimal
    sgst: Decimal
    igst: Decimal
    total: Decimal
    paid: Decimal
    credited: Decimal
    credit_of: str = ''
    credit_of_id: UUID | None = None
    reason: str = ''
    discount_approved_by: str = ''
    needs_approval: bool = False
    credit_notes: list[CreditRow] = field(default_factory=list)
    settlements: list[SettlementRow] = field(default_factory=list)
    may_change: bool = False  # a draft the actor may edit, issue or discard
    may_settle: bool = False  # an issued invoice with something due, at the actor's branch
    may_credit: bool = False

    @property
    def shown_number(self) -> str:
        return self.number or 'Draft'


@dataclass(frozen=True, kw_only=True)
class InvoiceRow(Owed):
    """One line of the invoice list."""

    id: UUID
    kind: InvoiceKind
    number: str
    status: InvoiceStatus
    patient_uid: str
    patient_name: str
    branch_name: str
    issued_on: date | None
    created_on: date
    total: Decimal
    paid: Decimal
    credited: Decimal


@dataclass(frozen=True, kw_only=True)
class LineInput:
    """A free-text line as the form sends it; amounts and the discount as typed ('10%' or '500')."""

    description: str
    unit_price: Any
    quantity: Any = 1
    discount: Any = ''
    tax_rate: Any = 0
    sac: str = HEALTHCARE_SAC


def status_label(kind: InvoiceKind, status: InvoiceStatus) -> str:
    if kind is InvoiceKind.CREDIT_NOTE:
        return 'Draft' if status is InvoiceStatus.DRAFT else 'Credit note'
    return STATUS_LABELS[status]


def document_title(kind: InvoiceKind, tax_rates: list[Decimal]) -> str:
    """What the bill is called: exempt lines only make a bill of supply, taxable only a tax invoice."""
    if kind is InvoiceKind.CREDIT_NOTE:
        return 'Credit note'
    taxed = [rate > 0 for rate in tax_rates]
    if taxed and all(taxed):
        return 'Tax invoice'
    return 'Invoice-cum-bill of supply' if any(taxed) else 'Bill of supply'


def status_after(*, total: Decimal, paid: Decimal, credited: Decimal) -> InvoiceStatus:
    """An issued invoice's status from what is paid and credited against it."""
    if total > 0 and credited >= total:
        return InvoiceStatus.CANCELLED
    if total - paid - credited <= 0:
        return InvoiceStatus.PAID
    return InvoiceStatus.PARTLY_PAID if paid > 0 else InvoiceStatus.ISSUED


def clinic_day(branch: Branch) -> date:
    """Today by the branch's clock: the date an invoice is issued on and a payment counts in."""
    return utcnow().astimezone(zone_of(branch)).date()


@audit_denials(EntityType.INVOICE)
async def invoice_view(*, actor: Actor, invoice_id: UUID | None = None, number: str | None = None) -> InvoiceView:
    """An invoice by id or number with its lines, payments and credit notes; the view is audited."""
    require(actor, Permission.BILLING_VIEW)
    invoice = await _find(invoice_id=invoice_id, number=number)
    await audit.view(actor, entity_type=EntityType.INVOICE, entity_id=invoice.id, patient_id=invoice.patient.uid,
                     detail=invoice.number or 'Draft')
    return await _view(actor, invoice)


async def invoice_id_of(*, actor: Actor, number: str) -> UUID:
    """Which invoice a number names (the page then reads it, audited)."""
    require(actor, Permission.BILLING_VIEW)
    return (await _find(number=number)).id


async def invoices_page(*, actor: Actor, page: int = 1, per_page: int = 25, search: str = '',
                        status: InvoiceStatus | str | None = None, branch_id: int | None = None,
                        patient_uid: str | None = None, audited: bool = True) -> Page[InvoiceRow]:
    """The invoices and credit notes, newest first, one page; by number, patient UID or name, and status.

    `audited=False` for a list drawn again because of a change elsewhere (the person opened nothing new).
    """
    require(actor, Permission.BILLING_VIEW)
    query = Invoice.all()
    if not actor.is_superadmin:
        query = query.filter(branch_id=actor.branch_id) if patient_uid is None else query
    elif branch_id is not None:
        query = query.filter(branch_id=(await working_branch(actor, branch_id)).id)
    if patient_uid is not None:
        query = query.filter(patient_id=(await find_patient(patient_uid)).id)
    if status:
        try:
            chosen = InvoiceStatus(status)
        except ValueError:
            raise DomainError('Choose a status from the list.') from None
        query = query.filter(status=chosen, kind=InvoiceKind.INVOICE) if chosen is not InvoiceStatus.DRAFT \
            else query.filter(status=chosen)
    text = ' '.join(search.split())
    if text:
        query = query.filter(Q(number__istartswith=text) | Q(patient__uid__istartswith=text)
                             | Q(patient__full_name__icontains=text))
    found = await read_page(query, ordering=('-created_at',), page=page, per_page=per_page, row=_list_row,
                            related=('patient', 'branch'), sizes=(10, 25, 50), default=25)
    if audited:
        await audit.view(actor, entity_type=EntityType.INVOICE, entity_id='',
                         patient_id=patient_uid, detail=found.described('invoice'))
    return found


# -- drafts ----------------------------------------------------------------------------------------

@audit_denials(EntityType.INVOICE, refused_action=Action.CREATE)
async def start_invoice(*, actor: Actor, patient_uid: str) -> InvoiceView:
    """A new draft for a patient at the actor's branch."""
    require(actor, Permission.BILLING_CREATE)
    patient = await find_patient(patient_uid)
    async with audit.change(actor, action=Action.CREATE, entity_type=EntityType.INVOICE,
                            patient_id=patient.uid, detail='Draft invoice') as event:
        invoice = await Invoice.create(branch_id=actor.branch_id, patient_id=patient.id, created_by_id=actor.user_id)
        event.entity_id = invoice.id
    return await _view(actor, await _find(invoice_id=invoice.id))


@audit_denials(EntityType.INVOICE, refused_action=Action.UPDATE)
async def add_line(*, actor: Actor, invoice_id: UUID, line: LineInput) -> InvoiceView:
    """Add a line typed at the desk; bad input saves nothing and says what to correct."""
    invoice = await _draft(actor, invoice_id)
    check = Checker()
    description = check.text('description', line.description, label='description', max_length=200)
    quantity = _quantity(check, line.quantity)
    unit_price = check.money('unit_price', line.unit_price, label='price')
    rate = tax_rate(check, line.tax_rate)
    sac = _sac(check, line.sac)
    gross = to_paise(quantity * unit_price) if quantity is not None and unit_price is not None else None
    if gross is not None and gross > LARGEST_AMOUNT:
        check.fail('quantity', f'A line can come to at most {format_money(LARGEST_AMOUNT)}: split it into several.')
        gross = None
    discount = discount_of(check, 'discount', line.discount, of=gross) if gross is not None else ZERO
    check.raise_if_any()
    assert quantity is not None and unit_price is not None
    return await _add(actor, invoice, {'description': description, 'sac': sac, 'quantity': quantity,
                                       'unit_price': unit_price, 'line_discount': discount, 'tax_rate': rate})


@audit_denials(EntityType.INVOICE, refused_action=Action.UPDATE)
async def add_price(*, actor: Actor, invoice_id: UUID, price_id: int, quantity: Any = 1) -> InvoiceView:
    """Add an item of the branch's price list."""
    invoice = await _draft(actor, invoice_id)
    item = await PriceItem.get_or_none(id=price_id, branch_id=invoice.branch_id, is_active=True) \
        if is_record_id(price_id) else None
    if item is None:
        raise DomainError('Choose an item of the price list.')
    check = Checker()
    count = _quantity(check, quantity)
    check.raise_if_any()
    return await _add(actor, invoice, {'description': item.name, 'sac': item.sac, 'quantity': count,
                                       'unit_price': item.price, 'tax_rate': item.tax_rate, 'price_item_id': item.id})


@audit_denials(EntityType.INVOICE, refused_action=Action.UPDATE)
async def add_plan(*, actor: Actor, invoice_id: UUID, plan_id: UUID) -> InvoiceView:
    """Bill a package or an advance plan at its price and discount (a daily plan is billed visit by visit)."""
    invoice = await _draft(actor, invoice_id)
    plan = await TreatmentPlan.get_or_none(id=plan_id, patient_id=invoice.patient_id) if is_uuid(plan_id) else None
    if plan is None:
        raise DomainError('Choose one of the patient\'s treatment plans.')
    if plan.plan_type is PlanType.DAILY:
        raise DomainError('A daily plan is paid visit by visit: add its attended sessions instead.')
    if billed := await _billed_on(Invoice.filter(plan_id=plan.id)):
        raise DomainError(f'This plan is already billed on {billed}.')
    service = SERVICE_NAMES[plan.service]
    if plan.plan_type is PlanType.PACKAGE:
        values = {'description': f'{service} package, {plan.days} sessions', 'quantity': Decimal(1),
                  'unit_price': plan.package_cost or ZERO}
    else:
        values = {'description': f'{service}, {plan.days} sessions paid in advance', 'quantity': Decimal(plan.days),
                  'unit_price': plan.cost_per_day or ZERO}
    values |= {'sac': HEALTHCARE_SAC, 'tax_rate': ZERO, 'line_discount': to_paise(plan.discount)}
    return await _add(actor, invoice, values, plan_id=plan.id)


@audit_denials(EntityType.INVOICE, refused_action=Action.UPDATE)
async def add_attended_sessions(*, actor: Actor, invoice_id: UUID) -> InvoiceView:
    """Bill the patient's attended sessions not billed yet, except those of prepaid plans (packages, advances)."""
    invoice = await _draft(actor, invoice_id)
    sessions = await billable_sessions(invoice.patient_id)
    if not sessions:
        raise DomainError('The patient has no attended session left to bill.')
    if len(sessions) + await InvoiceLine.filter(invoice_id=invoice.id).count() > MOST_LINES:
        sessions = sessions[:max(0, MOST_LINES - await InvoiceLine.filter(invoice_id=invoice.id).count())]
    branch = invoice.branch
    lines = []
    for appointment in sessions:
        plan = appointment.plan
        rate = plan.cost_per_day if plan is not None and plan.cost_per_day is not None else None
        if rate is None:
            item = await price_by_code(invoice.branch_id, f'{appointment.service}-daily')
            rate = item.price if item is not None else ZERO
        day = appointment.starts_at.astimezone(zone_of(branch)).date()
        of_plan = f' (session {appointment.session_number} of {plan.days})' \
            if plan is not None and appointment.session_number else ''
        lines.append({'description': f'{SERVICE_NAMES[appointment.service]} session, {shown_date(day)}{of_plan}',
                      'sac': HEALTHCARE_SAC, 'quantity': Decimal(1), 'unit_price': rate, 'tax_rate': ZERO,
                      'appointment_id': appointment.id})
    return await _add(actor, invoice, *lines)


@audit_denials(EntityType.INVOICE, refused_action=Action.UPDATE)
async def add_consultation(*, actor: Actor, invoice_id: UUID, registration_id: UUID) -> InvoiceView:
    """Bill a consultation at the fee it was registered with."""
    invoice = await _draft(actor, invoice_id)
    registration = await Registration.get_or_none(id=registration_id, patient_id=invoice.patient_id) \
        if is_uuid(registration_id) else None
    if registration is None or registration.cancelled_at is not None:
        raise DomainError('Choose one of the patient\'s consultations that was not cancelled.')
    if billed := await _billed_on(Invoice.filter(lines__registration_id=registration.id)):
        raise DomainError(f'This consultation is already billed on {billed}.')
    day = registration.visit_at.astimezone(zone_of(invoice.branch)).date()
    item = await price_by_code(invoice.branch_id, CONSULTATION_PRICES[registration.consultation_type])
    name = item.name if item is not None else 'Consultation'
    return await _add(actor, invoice, {'description': f'{name}, {shown_date(day)}', 'sac': HEALTHCARE_SAC,
                                       'quantity': Decimal(1), 'unit_price': to_paise(registration.fee),
                                       'tax_rate': ZERO, 'registration_id': registration.id})


@audit_denials(EntityType.INVOICE, refused_action=Action.UPDATE)
async def add_test(*, actor: Actor, invoice_id: UUID, test_id: UUID) -> InvoiceView:
    """Bill a diagnostic test at the price list's price for its kind."""
    invoice = await _draft(actor, invoice_id)
    test = await DiagnosticTest.get_or_none(id=test_id, patient_id=invoice.patient_id) if is_uuid(test_id) \
        else None
    if test is None or test.status is TestStatus.CANCELLED:
        raise DomainError('Choose one of the patient\'s tests that was not cancelled.')
    if billed := await _billed_on(Invoice.filter(lines__diagnostic_test_id=test.id)):
        raise DomainError(f'This test is already billed on {billed}.')
    item = await price_by_code(invoice.branch_id, f'test-{str(test.kind).lower()}')
    return await _add(actor, invoice, {
        'description': item.name if item is not None else f'{test.kind} test', 'sac': DIAGNOSTIC_SAC,
        'quantity': Decimal(1), 'unit_price': item.price if item is not None else ZERO,
        'tax_rate': item.tax_rate if item is not None else ZERO, 'diagnostic_test_id': test.id})


@audit_denials(EntityType.INVOICE, refused_action=Action.UPDATE)
async def remove_line(*, actor: Actor, invoice_id: UUID, line_id: int) -> InvoiceView:
    invoice = await _draft(actor, invoice_id)
    line = await InvoiceLine.get_or_none(id=line_id, invoice_id=invoice.id) if is_record_id(line_id) else None
    if line is None:
        raise DomainError('That line is no longer on the invoice.')
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.INVOICE, entity_id=invoice.id,
                            patient_id=invoice.patient.uid) as event:
        await _draft(actor, invoice_id)
        await line.delete()
        await _refigure(invoice)
        event.set_detail(f'Removed a line: {line.description}')
    return await _view(actor, await _find(invoice_id=invoice.id))


@audit_denials(EntityType.INVOICE, refused_action=Action.UPDATE)
async def set_invoice_discount(*, actor: Actor, invoice_id: UUID, discount: Any,
                               interstate: bool | None = None) -> InvoiceView:
    """Set the discount off the whole invoice ('10%' or an amount) and whether GST is charged as IGST."""
    invoice = await _draft(actor, invoice_id)
    lines = await InvoiceLine.filter(invoice_id=invoice.id)
    left = sum((to_paise(line.quantity * line.unit_price) - line.line_discount for line in lines), ZERO)
    check = Checker()
    amount = discount_of(check, 'invoice_discount', discount, of=left)
    check.raise_if_any()
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.INVOICE, entity_id=invoice.id,
                            patient_id=invoice.patient.uid) as event:
        await _draft(actor, invoice_id)
        invoice.invoice_discount = amount
        if interstate is not None:
            invoice.interstate = interstate
        await Invoice.filter(id=invoice.id).update(invoice_discount=amount, interstate=invoice.interstate)
        await _refigure(invoice)
        event.set_changes({'invoice_discount': [None, str(amount)], 'interstate': [None, invoice.interstate]})
        event.set_detail(f'Invoice discount {format_money(amount)}')
    return await _view(actor, await _find(invoice_id=invoice.id))


@audit_denials(EntityType.INVOICE, refused_action=Action.DELETE)
async def discard_draft(*, actor: Actor, invoice_id: UUID) -> None:
    """Throw a draft away (an issued invoice is only ever corrected by a credit note)."""
    invoice = await _draft(actor, invoice_id)
    async with audit.change(actor, action=Action.DELETE, entity_type=EntityType.INVOICE, entity_id=invoice.id,
                            patient_id=invoice.patient.uid, detail='Draft discarded'):
        await _draft(actor, invoice_id)
        await InvoiceLine.filter(invoice_id=invoice.id).delete()
        await Invoice.filter(id=invoice.id).delete()


# -- issuing and crediting -------------------------------------------------------------------------

@audit_denials(EntityType.INVOICE, refused_action=Action.UPDATE)
async def issue(*, actor: Actor, invoice_id: UUID, approver_id: int | None = None,
                approver_password: str = '') -> InvoiceView:
    """Issue a draft: it takes the branch's next number and is never edited again."""
    invoice = await _draft(actor, invoice_id)
    if not await InvoiceLine.filter(invoice_id=invoice.id).exists():
        raise DomainError('Add at least one line before issuing the invoice.')
    check = Checker()
    approved_by = await check_discount(check, actor, invoice.discount, invoice.gross, approver_id,
                                       field='invoice_discount')
    approval = None
    if approved_by is not None and approved_by != actor.user_id:
        approval = await confirm_approval(check, approved_by, invoice.discount, approver_password)
    check.raise_if_any()
    await ensure_code(invoice.branch)
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.INVOICE, entity_id=invoice.id,
                            patient_id=invoice.patient.uid) as event:
        invoice = await _draft(actor, invoice_id, connection=event.connection)
        figures = await _refigure(invoice)
        day = clinic_day(invoice.branch)
        number, year, serial = await take_number(event.connection, branch=invoice.branch, series=Series.INVOICE,
                                                 day=day)
        status = status_after(total=figures.total, paid=ZERO, credited=ZERO)
        await Invoice.filter(id=invoice.id).update(
            status=status, number=number, financial_year=year, serial=serial, issued_on=day, issued_at=utcnow(),
            issued_by_id=actor.user_id, discount_approved_by_id=approved_by, updated_at=utcnow())
        await tax_days.count_issued(event.connection, invoice_id=invoice.id)
        await record_approval(approval, entity_type=EntityType.INVOICE, entity_id=invoice.id,
                              patient_uid=invoice.patient.uid)
        event.set_changes({'status': ['draft', str(status)], 'number': [None, number]})
        event.set_detail(f'Issued {number}: {format_money(figures.total)}')
    return await _view(actor, await _find(invoice_id=invoice.id))


@audit_denials(EntityType.INVOICE, refused_action=Action.CREATE)
async def credit_note(*, actor: Actor, invoice_id: UUID, amount: Any, reason: str) -> InvoiceView:
    """Correct an issued invoice by a credit note; what it credits beyond the due becomes the patient's credit."""
    require(actor, Permission.BILLING_CREATE)
    invoice = await _find(invoice_id=invoice_id)
    _refuse_elsewhere(actor, invoice)
    if invoice.kind is not InvoiceKind.INVOICE or invoice.status is InvoiceStatus.DRAFT:
        raise DomainError('Only an issued invoice can be credited. A draft can be changed or discarded.')
    left = invoice.total - invoice.credited
    check = Checker()
    credit = check.money('amount', amount, label='amount to credit', positive=True)
    if credit is not None and credit > left:
        check.fail('amount', f'A credit note can be at most {format_money(left)}, what is left of this invoice.')
    why = check.text('reason', reason, label='reason for the credit note', max_length=300)
    check.raise_if_any()
    assert credit is not None
    await ensure_code(invoice.branch)
    async with audit.change(actor, action=Action.CREATE, entity_type=EntityType.INVOICE,
                            patient_id=invoice.patient.uid) as event:
        invoice = await _locked(event.connection, invoice.id)
        left = invoice.total - invoice.credited
        if credit > left:
            raise DomainError(f'A credit note can be at most {format_money(left)}, what is left of this invoice.')
        due = invoice.total - invoice.paid - invoice.credited
        released = await _release_payments(invoice, credit - due) if credit > due else ZERO
        sold = await InvoiceLine.filter(invoice_id=invoice.id).values_list('sac', 'tax_rate', 'amount', 'tax')
        lines = credit_lines(credit, supplies(sold), interstate=invoice.interstate)
        day = clinic_day(invoice.branch)
        taxable = sum((line.taxable_value for line in lines), ZERO)
        note = await Invoice.create(
            branch_id=invoice.branch_id, patient_id=invoice.patient_id, kind=InvoiceKind.CREDIT_NOTE,
            credit_of_id=invoice.id, reason=why, interstate=invoice.interstate, created_by_id=actor.user_id,
            gross=taxable, taxable_value=taxable,
            cgst=sum((line.cgst for line in lines), ZERO), sgst=sum((line.sgst for line in lines), ZERO),
            igst=sum((line.igst for line in lines), ZERO), total=credit)
        await InvoiceLine.bulk_create([
            InvoiceLine(invoice_id=note.id, position=position, description=f'Credit against {invoice.number}: {why}'
                        [:200], sac=line.sac, quantity=Decimal(1), unit_price=line.taxable_value,
                        tax_rate=line.tax_rate, taxable_value=line.taxable_value, tax=line.tax, amount=line.amount)
            for position, line in enumerate(lines, start=1)])
        number, year, serial = await take_number(event.connection, branch=invoice.branch,
                                                 series=Series.CREDIT_NOTE, day=day)
        await Invoice.filter(id=note.id).update(status=InvoiceStatus.ISSUED, number=number, financial_year=year,
                                                serial=serial, issued_on=day, issued_at=utcnow(),
                                                issued_by_id=actor.user_id)
        await tax_days.count_issued(event.connection, invoice_id=note.id)
        paid, credited = invoice.paid - released, invoice.credited + credit
        await Invoice.filter(id=invoice.id).update(paid=paid, credited=credited, updated_at=utcnow(),
                                                   status=status_after(total=invoice.total, paid=paid,
                                                                       credited=credited))
        event.entity_id = note.id
        event.set_detail(f'Credit note {number} against {invoice.number}: {format_money(credit)}, {why}'
                         + (f'; {format_money(released)} of payments become the patient\'s credit' if released else ''))
    return await _view(actor, await _find(invoice_id=note.id))


@dataclass(frozen=True, kw_only=True)
class Choice:
    id: UUID
    label: str


@dataclass(frozen=True, kw_only=True)
class BillingSources:
    """What a draft may bill for its patient: unbilled prepaid plans, consultations, tests, and attended sessions."""

    plans: list[Choice]
    consultations: list[Choice]
    tests: list[Choice]
    sessions: int


async def discount_approvers(*, actor: Actor) -> list[tuple[int, str]]:
    """Who at the actor's branch may approve an invoice's discount above the limit."""
    require(actor, Permission.BILLING_CREATE)
    return await approvers_in(actor.branch_id)


async def billing_sources(*, actor: Actor, invoice_id: UUID) -> BillingSources:
    invoice = await _draft(actor, invoice_id)
    zone = zone_of(invoice.branch)
    live = Invoice.filter(kind=InvoiceKind.INVOICE, plan_id__isnull=False).exclude(status=InvoiceStatus.CANCELLED)
    billed_plans = set(await live.values_list('plan_id', flat=True))
    plans = [plan for plan in await TreatmentPlan.filter(patient_id=invoice.patient_id).exclude(
        plan_type=PlanType.DAILY).order_by('-start_date').limit(20) if plan.id not in billed_plans]
    billed_tests = InvoiceLine.filter(diagnostic_test_id__isnull=False, invoice__kind=InvoiceKind.INVOICE) \
        .exclude(invoice__status=InvoiceStatus.CANCELLED).values_list('diagnostic_test_id', flat=True)
    tests = await DiagnosticTest.filter(patient_id=invoice.patient_id).exclude(status=TestStatus.CANCELLED) \
        .exclude(id__in=Subquery(billed_tests)).order_by('-created_at').limit(20)
    return BillingSources(
        plans=[Choice(id=plan.id, label=f'{SERVICE_NAMES[plan.service]} {plan.plan_type.value}, {plan.days} sessions '
                                        f'from {shown_date(plan.start_date)}: {format_money(plan.total)}')
               for plan in plans],
        consultations=[Choice(id=registration.id, label=f'{shown_date(registration.visit_at.astimezone(zone).date())}'
                                                      f': {format_money(registration.fee)}')
                       for registration in await unbilled_consultations(invoice.patient_id)],
        tests=[Choice(id=test.id, label=f'{test.kind} test of {shown_date(test.created_at.astimezone(zone).date())}')
               for test in tests],
        sessions=len(await billable_sessions(invoice.patient_id)))


@dataclass(frozen=True, kw_only=True)
class PrepaidRow:
    """A package or advance plan: its sessions used (attended in the calendar) and remaining, and its bill."""

    plan_id: UUID
    label: str
    sessions: int
    used: int
    invoice_number: str  # '' while the plan is not billed
    total: Decimal
    paid: Decimal

    @property
    def remaining(self) -> int:
        return max(0, self.sessions - self.used)


async def prepaid_plans(*, actor: Actor, patient_uid: str) -> list[PrepaidRow]:
    """The patient's packages and advance plans, newest first, with sessions used and remaining."""
    require(actor, Permission.BILLING_VIEW)
    patient = await find_patient(patient_uid)
    plans = await TreatmentPlan.filter(patient_id=patient.id).exclude(plan_type=PlanType.DAILY) \
        .order_by('-start_date').limit(10)
    used = await sessions_attended([plan.id for plan in plans])
    bills = {invoice.plan_id: invoice for invoice in await Invoice.filter(
        plan_id__in=[plan.id for plan in plans], kind=InvoiceKind.INVOICE).exclude(status=InvoiceStatus.CANCELLED)}
    rows = []
    for plan in plans:
        bill = bills.get(plan.id)
        rows.append(PrepaidRow(plan_id=plan.id, label=f'{SERVICE_NAMES[plan.service]} {plan.plan_type.value}, '
                                                      f'{plan.days} sessions from {shown_date(plan.start_date)}',
                               sessions=plan.days, used=used.get(plan.id, 0),
                               invoice_number=(bill.number or 'a draft') if bill else '',
                               total=bill.total if bill else plan.total, paid=bill.paid if bill else ZERO))
    return rows


# -- reading for other services --------------------------------------------------------------------

async def billable_sessions(patient_id: UUID) -> list[Appointment]:
    """Attended sessions not billed on a live invoice, outside prepaid plans; oldest first.

    A visit outside any plan on a day the patient had a consultation at that branch is the consultation itself:
    it is billed at the consultation's fee (`add_consultation`), so it is not offered again as a session.
    """
    billed = InvoiceLine.filter(appointment_id__isnull=False, invoice__kind=InvoiceKind.INVOICE) \
        .exclude(invoice__status=InvoiceStatus.CANCELLED).values_list('appointment_id', flat=True)
    sessions = await Appointment.filter(patient_id=patient_id, status__in=ATTENDED) \
        .filter(Q(plan_id__isnull=True) | Q(plan__plan_type=PlanType.DAILY)).exclude(id__in=Subquery(billed)) \
        .order_by('starts_at').limit(MOST_LINES).select_related('plan', 'branch')
    unplanned = [session for session in sessions if session.plan_id is None]
    if not unplanned:
        return list(sessions)
    consulted = {(registration.branch_id, registration.visit_at.astimezone(zone_of(registration.branch)).date())
                 for registration in await Registration.filter(
                     patient_id=patient_id, cancelled_at__isnull=True,
                     visit_at__gte=unplanned[0].starts_at - timedelta(days=1),
                     visit_at__lte=unplanned[-1].starts_at + timedelta(days=1)).select_related('branch')}
    return [session for session in sessions if session.plan_id is not None
            or (session.branch_id, session.starts_at.astimezone(zone_of(session.branch)).date()) not in consulted]


async def unbilled_consultations(patient_id: UUID) -> list[Registration]:
    """The patient's consultations not cancelled and not billed on a live invoice, newest first."""
    billed = InvoiceLine.filter(registration_id__isnull=False, invoice__kind=InvoiceKind.INVOICE) \
        .exclude(invoice__status=InvoiceStatus.CANCELLED).values_list('registration_id', flat=True)
    return list(await Registration.filter(patient_id=patient_id, cancelled_at__isnull=True)
                .exclude(id__in=Subquery(billed)).order_by('-visit_at').limit(20))


def discount_of(check: Checker, name: str, value: Any, *, of: Decimal) -> Decimal:
    """A discount as typed: '10%' of `of`, or an amount; never below nothing or above what it comes off."""
    text = '' if value is None else str(value).strip()
    if not text:
        return ZERO
    if match := _PERCENT.match(text):
        try:
            percent = Decimal(match['number'])
        except InvalidOperation:
            percent = None
        if percent is None or percent > 100:
            check.fail(name, 'A discount cannot be more than 100 %.')
            return ZERO
        return to_paise(of * percent / 100)
    try:
        amount = parse_money(text, label='discount')
    except DomainError as refused:
        check.fail(name, f'{refused.message} Or type a percentage, like 10%.')
        return ZERO
    if amount > of:
        check.fail(name, f'The discount cannot be more than what it comes off, {format_money(of)}.')
        return ZERO
    return amount


# -- inside ----------------------------------------------------------------------------------------

async def _find(*, invoice_id: UUID | None = None, number: str | None = None) -> Invoice:
    if invoice_id is not None:
        invoice = await Invoice.get_or_none(id=invoice_id).select_related('patient', 'branch') \
            if is_uuid(invoice_id) else None
    else:
        cleaned = (number or '').strip().upper()
        invoice = await Invoice.get_or_none(number=cleaned).select_related('patient', 'branch') \
            if 0 < len(cleaned) <= 16 else None
    if invoice is None:
        raise NotFound(INVOICE_NOT_FOUND)
    return invoice


async def _locked(connection: BaseDBAsyncClient, invoice_id: UUID) -> Invoice:
    """The invoice as it is now, its row locked until the transaction ends (PostgreSQL; SQLite holds the file)."""
    if connection.capabilities.dialect != 'sqlite':  # FOR UPDATE cannot join: lock the row, then read it
        await Invoice.filter(id=invoice_id).using_db(connection).select_for_update().values_list('id', flat=True)
    found = await Invoice.filter(id=invoice_id).using_db(connection).select_related('patient', 'branch').first()
    if found is None:
        raise NotFound(INVOICE_NOT_FOUND)
    return found


def _refuse_elsewhere(actor: Actor, invoice: Invoice) -> None:
    if not actor.may_work_in(invoice.branch_id):
        raise DomainError(f'This invoice belongs to {invoice.branch.name}: it is changed there.')


async def _draft(actor: Actor, invoice_id: UUID, *, connection: BaseDBAsyncClient | None = None) -> Invoice:
    """A draft the actor may change; an issued invoice is refused with what to do instead."""
    require(actor, Permission.BILLING_CREATE)
    invoice = await _locked(connection, invoice_id) if connection is not None else await _find(invoice_id=invoice_id)
    _refuse_elsewhere(actor, invoice)
    if invoice.status is not InvoiceStatus.DRAFT:
        what = 'credit note' if invoice.kind is InvoiceKind.CREDIT_NOTE else 'invoice'
        raise DomainError(f'{what.capitalize()} {invoice.number} is issued and can no longer be changed. '
                          + ('To correct it, issue a credit note.' if what == 'invoice' else ''))
    return invoice


async def _billed_on(invoices: Any) -> str:
    """The number (or 'a draft') of the first live invoice in `invoices`, or ''."""
    found = await invoices.filter(kind=InvoiceKind.INVOICE).exclude(status=InvoiceStatus.CANCELLED).first()
    if found is None:
        return ''
    return found.number or 'a draft invoice'


async def _add(actor: Actor, invoice: Invoice, *lines: dict[str, Any], plan_id: UUID | None = None) -> InvoiceView:
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.INVOICE, entity_id=invoice.id,
                            patient_id=invoice.patient.uid) as event:
        invoice = await _draft(actor, invoice.id, connection=event.connection)
        count = await InvoiceLine.filter(invoice_id=invoice.id).count()
        if count + len(lines) > MOST_LINES:
            raise DomainError(f'An invoice holds at most {MOST_LINES} lines: issue this one and start another.')
        last = await InvoiceLine.filter(invoice_id=invoice.id).order_by('-position').first()
        position = last.position if last is not None else 0
        for offset, values in enumerate(lines, start=1):
            await InvoiceLine.create(invoice_id=invoice.id, position=position + offset, **values)
        if plan_id is not None:
            await Invoice.filter(id=invoice.id).update(plan_id=plan_id)
        figures = await _refigure(invoice)
        event.set_detail(f'Added {lines[0]["description"]}' + (f' and {len(lines) - 1} more' if len(lines) > 1 else '')
                         + f'; the draft comes to {format_money(figures.total)}')
    return await _view(actor, await _find(invoice_id=invoice.id))


async def _refigure(invoice: Invoice) -> Any:
    """Work a draft's figures out again from its lines, and keep them on the lines and the invoice."""
    lines = await InvoiceLine.filter(invoice_id=invoice.id).order_by('position')
    gross_left = sum((to_paise(line.quantity * line.unit_price) - line.line_discount for line in lines), ZERO)
    invoice_discount = min(invoice.invoice_discount, gross_left)
    figures = work_out([LineTerms(quantity=line.quantity, unit_price=line.unit_price,
                                  line_discount=line.line_discount, tax_rate=line.tax_rate) for line in lines],
                       invoice_discount=invoice_discount, interstate=invoice.interstate)
    for line, worked in zip(lines, figures.lines, strict=True):
        await InvoiceLine.filter(id=line.id).update(shared_discount=worked.shared_discount,
                                                    taxable_value=worked.taxable_value, tax=worked.tax,
                                                    amount=worked.amount)
    await Invoice.filter(id=invoice.id).update(
        invoice_discount=invoice_discount, gross=figures.gross, discount=figures.discount,
        taxable_value=figures.taxable_value, cgst=figures.cgst, sgst=figures.sgst, igst=figures.igst,
        total=figures.total, updated_at=utcnow())
    invoice.gross, invoice.discount, invoice.total = figures.gross, figures.discount, figures.total
    return figures


async def _release_payments(invoice: Invoice, amount: Decimal) -> Decimal:
    """Take `amount` of the payments allocated to an invoice back off it, newest first; it becomes credit."""
    left = amount
    for allocation in await PaymentAllocation.filter(invoice_id=invoice.id).order_by('-created_at', '-id'):
        if left <= 0:
            break
        taken = min(left, allocation.amount)
        await PaymentAllocation.filter(id=allocation.id).update(amount=allocation.amount - taken)
        payment = await Payment.get(id=allocation.payment_id)
        await Payment.filter(id=payment.id).update(allocated=payment.allocated - taken)
        left -= taken
    return amount - left


def _list_row(invoice: Invoice) -> InvoiceRow:
    return InvoiceRow(id=invoice.id, kind=invoice.kind, number=invoice.number or '', status=invoice.status,
                      patient_uid=invoice.patient.uid, patient_name=invoice.patient.full_name,
                      branch_name=invoice.branch.name, issued_on=invoice.issued_on,
                      created_on=invoice.created_at.astimezone(zone_of(invoice.branch)).date(), total=invoice.total,
                      paid=invoice.paid,
                      credited=invoice.credited)


async def _view(actor: Actor, invoice: Invoice) -> InvoiceView:
    lines = await InvoiceLine.filter(invoice_id=invoice.id).order_by('position')
    # what paid it, a query for all of them (one a payment, an invoice paid in instalments took one each)
    settlements = [SettlementRow(payment_id=payment_id, number=number, day=day, mode=str(mode), amount=amount)
                   for payment_id, number, day, mode, amount in await PaymentAllocation.filter(
                       invoice_id=invoice.id, amount__gt=0).order_by('created_at', 'id').values_list(
                       'payment_id', 'payment__number', 'payment__day', 'payment__mode', 'amount')]
    notes = await Invoice.filter(credit_of_id=invoice.id, kind=InvoiceKind.CREDIT_NOTE).exclude(
        status=InvoiceStatus.DRAFT).order_by('created_at')
    credit_of = await Invoice.filter(id=invoice.credit_of_id).values_list('number', flat=True) \
        if invoice.credit_of_id else []
    staff = [user_id for user_id in (invoice.issued_by_id, invoice.discount_approved_by_id) if user_id]
    names = dict(await User.filter(id__in=staff).values_list('id', 'full_name')) if staff else {}
    draft = invoice.status is InvoiceStatus.DRAFT
    here = actor.may_work_in(invoice.branch_id) and actor.can(Permission.BILLING_CREATE)
    limit = get_settings().discount_limit_percent
    due = invoice.total - invoice.paid - invoice.credited
    is_invoice = invoice.kind is InvoiceKind.INVOICE
    return InvoiceView(
        id=invoice.id, kind=invoice.kind, status=invoice.status, number=invoice.number or '',
        title=document_title(invoice.kind, [line.tax_rate for line in lines]), patient_id=invoice.patient_id,
        patient_uid=invoice.patient.uid,
        patient_name=invoice.patient.full_name, patient_phone=invoice.patient.phone or '',
        branch_id=invoice.branch_id, branch_name=invoice.branch.name, issued_on=invoice.issued_on,
        issued_by=names.get(invoice.issued_by_id, '') if invoice.issued_by_id else '',
        created_on=invoice.created_at.astimezone(zone_of(invoice.branch)).date(),
        lines=[LineRow(id=line.id, position=line.position, description=line.description, sac=line.sac,
                       quantity=line.quantity, unit_price=line.unit_price,
                       discount=line.line_discount + line.shared_discount, taxable_value=line.taxable_value,
                       tax_rate=line.tax_rate, tax=line.tax, amount=line.amount) for line in lines],
        gross=invoice.gross, discount=invoice.discount, invoice_discount=invoice.invoice_discount,
        taxable_value=invoice.taxable_value, cgst=invoice.cgst, sgst=invoice.sgst, igst=invoice.igst,
        total=invoice.total, paid=invoice.paid, credited=invoice.credited,
        credit_of=credit_of[0] or '' if credit_of else '', credit_of_id=invoice.credit_of_id, reason=invoice.reason,
        discount_approved_by=names.get(invoice.discount_approved_by_id, '') if invoice.discount_approved_by_id else '',
        needs_approval=draft and invoice.gross > 0 and invoice.discount * 100 > invoice.gross * limit,
        credit_notes=[CreditRow(id=note.id, number=note.number or '', issued_on=note.issued_on or date.min,
                                total=note.total, reason=note.reason) for note in notes],
        settlements=settlements, may_change=draft and here,
        may_settle=is_invoice and not draft and due > 0 and here,
        may_credit=is_invoice and not draft and invoice.total - invoice.credited > 0 and here)


def _quantity(check: Checker, value: Any) -> Decimal | None:
    text = ('' if value is None else str(value)).strip()
    if text.startswith(('-', '−')):
        check.fail('quantity', 'The quantity must be more than 0.')
        return None
    if not _QUANTITY.match(text) or Decimal(text) == 0:
        check.fail('quantity', f'Enter the quantity, from 1 to {LARGEST_QUANTITY:,} (at most two decimals).')
        return None
    return Decimal(text).quantize(Decimal('0.01'))


def _sac(check: Checker, value: str | None) -> str:
    code = (value or '').strip() or HEALTHCARE_SAC
    if not code.isdigit() or not 4 <= len(code) <= 8:
        check.fail('sac', 'A SAC or HSN code is 4 to 8 digits, like 999314.')
    return code

