"""The billing part of the patient page: the account (billed, paid, due, credit), invoices and payments.

Everyone who sees money (`billing.view`) sees it; the desk starts invoices and takes payments
(`billing.create`); admins refund credit (`billing.approve`). Both lists page on the server, so
a patient billed every day for years costs the page what a new patient does. Tap an invoice to
open it; tap a payment to open its receipt.
"""

from __future__ import annotations

from typing import Any

from nicegui import events, ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import DomainError
from app.money import format_money
from app.services import invoices, payments
from app.services.invoices import InvoiceRow
from app.services.paging import RECORD_PAGE_SIZES, RECORD_PER_PAGE, Page
from app.services.patient_lookup import PatientRef
from app.services.payments import PaymentView
from components.billing_dialogs import payment_dialog, refund_dialog
from components.billing_links import receipt_document_url
from components.guard import guarded_action
from components.invoice_screen import invoice_cells, invoice_path
from components.live import on_change
from components.patient_sections import patient_section
from components.server_table import ServerTable
from components.tables import column
from components.when import clinic_date
from models.billing import PaymentKind

INVOICE_COLUMNS = [column('number', 'Number', nowrap=True), column('date', 'Date', nowrap=True),
                   column('total', 'Total', align='right', nowrap=True),
                   column('paid', 'Paid', align='right', nowrap=True, hide_below=600),
                   column('due', 'Due', align='right', nowrap=True), column('status', 'Status'),
                   column('branch', 'Branch', hide_below=760)]
PAYMENT_COLUMNS = [column('number', 'Receipt', nowrap=True), column('day', 'Date', nowrap=True),
                   column('mode', 'Mode'), column('amount', 'Amount', align='right', nowrap=True),
                   column('settles', 'Paid towards', wrap='14rem', hide_below=600)]


@patient_section('billing', title='Billing', permission=Permission.BILLING_VIEW, order=850, icon='receipt_long',
                 tab='Billing')
async def billing_section(actor: Actor, patient: PatientRef) -> None:
    await BillingPart(actor, patient).draw(actor)


class BillingPart:
    def __init__(self, actor: Actor, patient: PatientRef) -> None:
        self.patient = patient
        self.account = ui.row().classes('w-full gap-3 wrap').mark('account')
        self.buttons = ui.row().classes('w-full gap-2 wrap')
        self.packages = ui.column().classes('w-full gap-1')
        ui.label('Invoices').classes('text-subtitle1 q-mt-sm')
        self.invoices = ServerTable(INVOICE_COLUMNS, read=self._read_invoices, shown=invoice_cells,
                                    permission=Permission.BILLING_VIEW, sizes=RECORD_PAGE_SIZES,
                                    per_page=RECORD_PER_PAGE, selectable=False)
        self.invoices.table.classes('cursor-pointer').mark('patient-invoices')
        self.invoices.table.on('rowClick', self._open_invoice, [[], ['path'], None])
        ui.label('Payments').classes('text-subtitle1 q-mt-sm')
        self.payments = ServerTable(PAYMENT_COLUMNS, read=self._read_payments, shown=_payment_cells,
                                    permission=Permission.BILLING_VIEW, sizes=RECORD_PAGE_SIZES,
                                    per_page=RECORD_PER_PAGE, selectable=False)
        self.payments.table.classes('cursor-pointer').mark('patient-payments')
        self.payments.table.on('rowClick', self._open_receipt, [[], ['id'], None])
        ui.label('Tap an invoice to open it, a payment to open its receipt.').classes('text-caption text-grey-7')
        on_change([EntityType.INVOICE, EntityType.PAYMENT], self.draw, permission=Permission.BILLING_VIEW,
                  patient_uid=patient.uid)

    async def draw(self, actor: Actor) -> None:
        account = await payments.ledger(actor=actor, patient_uid=self.patient.uid)
        self.account.clear()
        with self.account:
            billed = 'Billed, after credit notes' if account.credited else 'Billed'
            for label, amount, marker in ((billed, account.billed - account.credited, 'billed'),
                                          ('Paid', account.paid, 'paid'), ('Due', account.due, 'due'),
                                          ('Credit', account.credit, 'credit')):
                with ui.card().props('flat bordered').classes('gap-0 q-pa-sm').style('min-width: 9rem'):
                    ui.label(label).classes('text-caption text-grey-8')
                    ui.label(format_money(amount)).classes('text-subtitle1 text-weight-medium') \
                        .mark(f'account-{marker}')
        self.buttons.clear()
        with self.buttons:
            if actor.can(Permission.BILLING_CREATE):
                ui.button('New invoice', icon='add', on_click=self._new_invoice).mark('new-invoice')
                ui.button('Take payment', icon='payments', on_click=lambda: payment_dialog(
                    patient_uid=self.patient.uid, invoice=None, due=account.due, then=self.draw)) \
                    .props('outline').mark('take-payment')
            if actor.can(Permission.BILLING_APPROVE) and account.credit > 0:
                ui.button('Refund credit', icon='currency_exchange', on_click=lambda: refund_dialog(
                    patient_uid=self.patient.uid, credit=account.credit, then=self.draw)) \
                    .props('outline color=negative').mark('refund')
        self.packages.clear()
        prepaid = await invoices.prepaid_plans(actor=actor, patient_uid=self.patient.uid)
        with self.packages:
            if prepaid:
                ui.label('Packages and advances').classes('text-subtitle1 q-mt-sm')
            for plan in prepaid:
                billed = f'billed on {plan.invoice_number}, {format_money(plan.paid)} of {format_money(plan.total)} ' \
                         'paid' if plan.invoice_number else f'not billed yet ({format_money(plan.total)})'
                ui.label(f'{plan.label}: {plan.used} used, {plan.remaining} remaining · {billed}') \
                    .classes('text-body2').mark('prepaid-plan')
        await self.invoices.refresh(actor)
        await self.payments.refresh(actor)

    async def _read_invoices(self, actor: Actor, page: int, per_page: int) -> Page[InvoiceRow]:
        return await invoices.invoices_page(actor=actor, patient_uid=self.patient.uid, page=page, per_page=per_page)

    async def _read_payments(self, actor: Actor, page: int, per_page: int) -> Page[PaymentView]:
        return await payments.payments_page(actor=actor, patient_uid=self.patient.uid, page=page, per_page=per_page)

    @staticmethod
    def _open_invoice(event: events.GenericEventArguments) -> None:
        row = event.args[1] if len(event.args) > 1 and isinstance(event.args[1], dict) else {}
        if row.get('path'):
            ui.navigate.to(row['path'])

    @staticmethod
    def _open_receipt(event: events.GenericEventArguments) -> None:
        row = event.args[1] if len(event.args) > 1 and isinstance(event.args[1], dict) else {}
        if row.get('id'):
            ui.navigate.to(receipt_document_url(row['id']), new_tab=True)

    async def _new_invoice(self) -> None:
        @guarded_action(Permission.BILLING_CREATE)
        async def start(current: Actor) -> None:
            try:
                draft = await invoices.start_invoice(actor=current, patient_uid=self.patient.uid)
            except DomainError as refused:
                ui.notify(refused.message, type='negative')
                return
            ui.navigate.to(invoice_path(draft))

        await start()


def _payment_cells(row: PaymentView) -> dict[str, Any]:
    refund = row.kind is PaymentKind.REFUND
    return {'id': str(row.id), 'number': row.number, 'day': clinic_date(row.day),
            'mode': row.mode_label + (' (refund)' if refund else ''),
            'amount': f'− {format_money(row.amount)}' if refund else format_money(row.amount),
            'settles': ', '.join(number for number, _ in row.settles)
                       + (f'{", " if row.settles else ""}credit {format_money(row.kept_as_credit)}'
                          if row.kept_as_credit else '')}
