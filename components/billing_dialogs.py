"""The billing dialogs: a line, an item of the price list, the invoice discount, issue, payment, credit note, refund.

Each is a `FormDialog` whose submit re-checks the session and permission (`guarded_action`) and
saves through one service call; a refusal shows beside its field and keeps the dialog open.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import ValidationFailed
from app.money import format_money
from app.services import invoices, payments
from app.services.invoices import BillingSources, InvoiceView, LineInput
from app.services.payments import MODE_LABELS, PaymentInput
from app.services.price_list import GST_RATES, KIND_LABELS, PriceRow
from components.dialogs import FormDialog, fill_width
from components.guard import guarded_action
from components.money_input import MoneyInput
from models.billing import PaymentMode

Refresh = Callable[[Actor], Awaitable[None]]
MODE_OPTIONS = {mode.value: label for mode, label in MODE_LABELS.items()}
RATE_OPTIONS = {str(rate): f'{rate} %' + (' (exempt)' if rate == 0 else '') for rate in GST_RATES}


def line_dialog(view: InvoiceView, then: Refresh) -> None:
    """A line typed at the desk: what, how many, at what price, less what, with what GST."""
    @guarded_action(Permission.BILLING_CREATE)
    async def submit(current: Actor) -> None:
        fields = dialog.form.fields
        line = LineInput(description=fields['description'].value or '', quantity=fields['quantity'].value,
                         unit_price=fields['unit_price'].value, discount=fields['discount'].value,
                         tax_rate=fields['tax_rate'].value, sac=fields['sac'].value or '')
        await dialog.attempt(lambda: invoices.add_line(actor=current, invoice_id=view.id, line=line),
                             done='The line has been added.', then=lambda _: then(current))

    with ui.context.client.content:  # not in the screen a live redraw clears
        dialog = FormDialog('Add a line', submit_label='Add', on_submit=submit)
    with dialog.body:
        dialog.form.add('description', ui.input('Description', placeholder='Lumbar support belt'))
        with ui.row().classes('w-full no-wrap gap-2'):
            dialog.form.add('quantity', ui.input('Quantity', value='1').props('inputmode=decimal')).classes('col')
            dialog.form.add('unit_price', MoneyInput('Price each', noun='price')).classes('col')
        dialog.form.add('discount', ui.input('Discount', placeholder='10% or 500').props('clearable'))
        with ui.row().classes('w-full no-wrap gap-2'):
            dialog.form.add('tax_rate', ui.select(RATE_OPTIONS, label='GST', value='0')).classes('col')
            dialog.form.add('sac', ui.input('SAC / HSN code', value='999314')).classes('col')
    fill_width(dialog)


def price_dialog(view: InvoiceView, prices: list[PriceRow], then: Refresh) -> None:
    """An item of the branch's price list, in a quantity."""
    @guarded_action(Permission.BILLING_CREATE)
    async def submit(current: Actor) -> None:
        fields = dialog.form.fields
        await dialog.attempt(lambda: invoices.add_price(actor=current, invoice_id=view.id,
                                                        price_id=fields['price'].value,
                                                        quantity=fields['quantity'].value),
                             done='The item has been added.', then=lambda _: then(current))

    options = {row.id: f'{row.label} ({KIND_LABELS[row.kind].lower()})' for row in prices}
    with ui.context.client.content:  # not in the screen a live redraw clears
        dialog = FormDialog('Add from the price list', submit_label='Add', on_submit=submit)
    with dialog.body:
        dialog.form.add('price', ui.select(options, label='Item', with_input=True))
        dialog.form.add('quantity', ui.input('Quantity', value='1').props('inputmode=decimal'))
    fill_width(dialog)


def source_dialog(view: InvoiceView, sources: BillingSources, then: Refresh) -> None:
    """Bill what the patient's record holds: a prepaid plan, a consultation or a test."""
    choices: dict[str, tuple[str, Any]] = {}
    labels: dict[str, str] = {}
    for kind, rows in (('plan', sources.plans), ('consultation', sources.consultations), ('test', sources.tests)):
        for row in rows:
            choices[f'{kind}:{row.id}'] = (kind, row.id)
            labels[f'{kind}:{row.id}'] = f'{kind.capitalize()}: {row.label}'

    @guarded_action(Permission.BILLING_CREATE)
    async def submit(current: Actor) -> None:
        kind, record_id = choices.get(dialog.form.fields['source'].value, ('', None))

        async def add() -> InvoiceView:
            if kind == 'plan':
                return await invoices.add_plan(actor=current, invoice_id=view.id, plan_id=record_id)
            if kind == 'consultation':
                return await invoices.add_consultation(actor=current, invoice_id=view.id, registration_id=record_id)
            if kind == 'test':
                return await invoices.add_test(actor=current, invoice_id=view.id, test_id=record_id)
            raise ValidationFailed({'source': 'Choose what to bill.'})

        await dialog.attempt(add, done='Added to the invoice.', then=lambda _: then(current))

    with ui.context.client.content:  # not in the screen a live redraw clears
        dialog = FormDialog('Bill from the record', submit_label='Add', on_submit=submit,
                            text='Plans paid in advance or as a package, consultations and tests not billed yet.')
    with dialog.body:
        if labels:
            dialog.form.add('source', ui.select(labels, label='What to bill'))
        else:
            ui.label('Nothing in the record is waiting to be billed.').classes('text-body2').mark('nothing-to-bill')
            dialog.submit.set_visibility(False)
    fill_width(dialog)


def discount_dialog(view: InvoiceView, then: Refresh) -> None:
    @guarded_action(Permission.BILLING_CREATE)
    async def submit(current: Actor) -> None:
        fields = dialog.form.fields
        await dialog.attempt(lambda: invoices.set_invoice_discount(
            actor=current, invoice_id=view.id, discount=fields['invoice_discount'].value,
            interstate=bool(fields['interstate'].value)), done='The invoice has been updated.',
            then=lambda _: then(current))

    with ui.context.client.content:  # not in the screen a live redraw clears
        dialog = FormDialog('Invoice discount and tax', submit_label='Save', on_submit=submit,
                            text='A discount off the whole invoice, shared over its lines before GST.')
    with dialog.body:
        dialog.form.add('invoice_discount', ui.input('Discount', placeholder='10% or 500',
                                                     value=str(view.invoice_discount) if view.invoice_discount else ''))
        dialog.form.add('interstate', ui.checkbox('Supply to another state: charge IGST instead of CGST and SGST',
                                                  value=False))
    fill_width(dialog)


def issue_dialog(view: InvoiceView, approvers: list[tuple[int, str]], then: Refresh) -> None:
    """Issue the draft: its number is taken now and it can no longer be changed."""
    @guarded_action(Permission.BILLING_CREATE)
    async def submit(current: Actor) -> None:
        fields = dialog.form.fields
        approver = fields['discount_approved_by'].value if 'discount_approved_by' in fields else None
        password = fields['approver_password'].value if 'approver_password' in fields else ''
        await dialog.attempt(lambda: invoices.issue(actor=current, invoice_id=view.id, approver_id=approver,
                                                    approver_password=password or ''),
                             done=lambda issued: f'Invoice {issued.number} has been issued.',
                             then=lambda issued: then(current))

    with ui.context.client.content:  # not in the screen a live redraw clears
        dialog = FormDialog(f'Issue this invoice for {format_money(view.total)}?', submit_label='Issue',
                            on_submit=submit, text='It gets the next invoice number and can no longer be changed; '
                                                   'a mistake is then corrected by a credit note.')
    with dialog.body:
        if view.needs_approval:
            ui.label(f'The discount of {format_money(view.discount)} is above the clinic\'s limit: a doctor or an '
                     'admin approves it with their password.').classes('text-body2 text-warning')
            dialog.form.add('discount_approved_by', ui.select(dict(approvers), label='Approved by'))
            dialog.form.add('approver_password', ui.input('Their password', password=True,
                                                          password_toggle_button=True))
    fill_width(dialog)


def payment_dialog(*, patient_uid: str, invoice: InvoiceView | None, due: Decimal, then: Refresh) -> None:
    """Take a payment: for one invoice, or the patient's oldest dues first; the rest as credit when chosen."""
    @guarded_action(Permission.BILLING_CREATE)
    async def submit(current: Actor) -> None:
        fields = dialog.form.fields
        payment = PaymentInput(amount=fields['amount'].value, mode=fields['mode'].value,
                               reference=fields['reference'].value or '',
                               invoice_ids=[invoice.id] if invoice is not None else [],
                               keep_rest_as_credit=bool(fields['keep_rest_as_credit'].value))
        await dialog.attempt(lambda: payments.take_payment(actor=current, patient_uid=patient_uid, payment=payment),
                             done=lambda receipt: f'Receipt {receipt.number}: {format_money(receipt.amount)} received.',
                             then=lambda _: then(current))

    what = f'for {invoice.number}' if invoice is not None else 'towards the oldest dues first'
    with ui.context.client.content:  # not in the screen a live redraw clears
        dialog = FormDialog('Take a payment', submit_label='Save payment', on_submit=submit,
                            text=f'{format_money(due)} due {what}.' if due > 0 else
                            'Nothing is due: the payment is held as the patient\'s credit (an advance).')
    with dialog.body:
        dialog.form.add('amount', MoneyInput('Amount received', value=due if due > 0 else None))
        dialog.form.add('mode', ui.toggle(MODE_OPTIONS, value=PaymentMode.CASH.value).props('spread no-caps')
                        .classes('w-full'))
        dialog.form.add('reference', ui.input('Reference', placeholder='UPI reference, cheque or slip number'))
        dialog.form.add('keep_rest_as_credit', ui.checkbox('Keep any amount over what is due as credit',
                                                           value=due <= 0))
    for name in ('amount', 'reference'):
        dialog.form.fields[name].classes('w-full').props('outlined')


def credit_note_dialog(view: InvoiceView, then: Refresh) -> None:
    @guarded_action(Permission.BILLING_CREATE)
    async def submit(current: Actor) -> None:
        fields = dialog.form.fields
        await dialog.attempt(lambda: invoices.credit_note(actor=current, invoice_id=view.id,
                                                          amount=fields['amount'].value,
                                                          reason=fields['reason'].value or ''),
                             done=lambda note: f'Credit note {note.number} has been issued.',
                             then=lambda _: then(current))

    left = view.total - view.credited
    with ui.context.client.content:  # not in the screen a live redraw clears
        dialog = FormDialog(f'Credit note against {view.number}', submit_label='Issue credit note', on_submit=submit,
                            submit_color='negative',
                            text=f'Up to {format_money(left)}. What it credits beyond the {format_money(view.due)} due '
                                 'was paid, and becomes the patient\'s credit.')
    with dialog.body:
        dialog.form.add('amount', MoneyInput('Amount to credit', value=left))
        dialog.form.add('reason', ui.input('Reason', placeholder='Session not given, billed twice, ...'))
    fill_width(dialog)


def refund_dialog(*, patient_uid: str, credit: Decimal, then: Refresh) -> None:
    @guarded_action(Permission.BILLING_APPROVE)
    async def submit(current: Actor) -> None:
        fields = dialog.form.fields
        await dialog.attempt(lambda: payments.refund(actor=current, patient_uid=patient_uid,
                                                     amount=fields['amount'].value, mode=fields['mode'].value,
                                                     reason=fields['reason'].value or '',
                                                     reference=fields['reference'].value or ''),
                             done=lambda paid: f'Refund {paid.number}: {format_money(paid.amount)} paid back.',
                             then=lambda _: then(current))

    with ui.context.client.content:  # not in the screen a live redraw clears
        dialog = FormDialog('Refund the patient\'s credit', submit_label='Refund', on_submit=submit,
                            submit_color='negative', text=f'The patient\'s credit is {format_money(credit)}.')
    with dialog.body:
        dialog.form.add('amount', MoneyInput('Amount to refund', value=credit))
        dialog.form.add('mode', ui.toggle(MODE_OPTIONS, value=PaymentMode.CASH.value).props('spread no-caps')
                        .classes('w-full'))
        dialog.form.add('reference', ui.input('Reference'))
        dialog.form.add('reason', ui.input('Reason'))
    for name in ('amount', 'reference', 'reason'):
        dialog.form.fields[name].classes('w-full').props('outlined')
