"""One invoice or credit note (`/invoices/<number>`): its lines and figures, and what the desk can do with it.

A draft is written here (lines from the price list, the record, attended sessions or typed; the
invoice discount) and issued; an issued invoice takes payments, credit from the patient's
account and credit notes, and opens as a PDF on A4 or the 80 mm roll. The screen redraws itself
when the invoice, or a payment towards it, changes at another desk.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from nicegui import ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import DomainError
from app.money import amount_in_words, format_money
from app.services import invoices, payments, price_list
from app.services.invoices import InvoiceRow, InvoiceView
from app.services.payments import MODE_LABELS
from components.billing_dialogs import (
    credit_note_dialog,
    discount_dialog,
    issue_dialog,
    line_dialog,
    payment_dialog,
    price_dialog,
    source_dialog,
)
from components.billing_links import invoice_document_url
from components.guard import guarded_action
from components.live import on_change
from components.tables import column, picked
from components.when import clinic_date
from models.billing import InvoiceKind, InvoiceStatus, PaymentMode

STATUS_COLOURS = {InvoiceStatus.DRAFT: 'grey-7', InvoiceStatus.ISSUED: 'negative', InvoiceStatus.PARTLY_PAID: 'warning',
                  InvoiceStatus.PAID: 'positive', InvoiceStatus.CANCELLED: 'grey-8'}
LINE_COLUMNS = [column('position', '#'), column('description', 'Description', wrap='18rem'),
                column('sac', 'SAC/HSN', hide_below=760), column('quantity', 'Qty', align='right'),
                column('unit_price', 'Rate', align='right', nowrap=True),
                column('discount', 'Discount', align='right', nowrap=True, hide_below=760),
                column('tax', 'GST', align='right', nowrap=True, hide_below=600),
                column('amount', 'Amount', align='right', nowrap=True)]


def invoice_path(view: Any) -> str:
    """Where an invoice opens: its number, or the draft's id."""
    return f'/invoices/{view.number}' if view.number else f'/invoices/draft/{view.id}'


def invoice_cells(row: InvoiceRow) -> dict[str, Any]:
    """An invoice as the lists show it (the patient's and the branch's): a credit note's total is money back."""
    return {'id': str(row.id), 'path': invoice_path(row), 'number': row.number or 'Draft',
            'date': clinic_date(row.issued_on or row.created_on), 'patient': row.patient_name, 'uid': row.patient_uid,
            'total': ('− ' if row.kind is InvoiceKind.CREDIT_NOTE else '') + format_money(row.total),
            'paid': format_money(row.paid) if row.kind is InvoiceKind.INVOICE else '',
            'due': format_money(row.due) if row.due else '', 'status': row.status_label, 'branch': row.branch_name}


class InvoiceScreen:
    """The invoice page's body, drawn again from the service after every change."""

    def __init__(self, invoice_id: UUID) -> None:
        self.invoice_id = invoice_id
        self.patient_uid = ''
        self.box = ui.column().classes('w-full gap-3').mark('invoice')

    @classmethod
    async def shown(cls, actor: Actor, invoice_id: UUID) -> InvoiceScreen:
        """Draw the invoice, then follow changes to its patient's bills only (not every payment in the clinic)."""
        screen = cls(invoice_id)
        await screen.redraw(actor)
        if screen.patient_uid:
            on_change([EntityType.INVOICE, EntityType.PAYMENT], screen.redraw, permission=Permission.BILLING_VIEW,
                      patient_uid=screen.patient_uid)
        return screen

    async def redraw(self, actor: Actor) -> None:
        try:
            view = await invoices.invoice_view(actor=actor, invoice_id=self.invoice_id)
        except DomainError as gone:  # a draft discarded at another desk
            self.box.clear()
            with self.box:
                ui.label(gone.message).classes('text-h6').mark('not-found')
            return
        self.patient_uid = view.patient_uid
        credit = (await payments.patient_ledger(view.patient_id)).credit if view.may_settle else None
        self.box.clear()
        with self.box:
            self._heading(view)
            self._lines(actor, view)
            with ui.row().classes('w-full items-start gap-4 wrap'):
                self._actions(actor, view, credit)
                ui.space()
                self._totals(view)
            self._history(view)

    # -- parts ---------------------------------------------------------------------------------

    def _heading(self, view: InvoiceView) -> None:
        with ui.row().classes('w-full items-center gap-2 wrap'):
            ui.label(f'{view.title} {view.shown_number}').classes('text-h6').mark('invoice-title')
            ui.badge(view.status_label, color=STATUS_COLOURS[view.status]).classes('text-body2 q-px-sm') \
                .mark('invoice-status')
        with ui.row().classes('w-full items-center gap-x-4 gap-y-0 wrap text-body2'):
            ui.link(f'{view.patient_name} · {view.patient_uid}', f'/patients/{view.patient_uid}?part=billing') \
                .mark('invoice-patient')
            ui.label(view.branch_name)
            if view.issued_on:
                ui.label(f'Issued {clinic_date(view.issued_on)}' + (f' by {view.issued_by}' if view.issued_by else ''))
            else:
                ui.label(f'Started {clinic_date(view.created_on)}')
            if view.credit_of:
                ui.link(f'Corrects {view.credit_of}', f'/invoices/{view.credit_of}').mark('credit-of')
        if view.reason:
            ui.label(f'Reason: {view.reason}').classes('text-body2')

    def _lines(self, actor: Actor, view: InvoiceView) -> None:
        rows = [{'id': line.id, 'position': line.position, 'description': line.description, 'sac': line.sac,
                 'quantity': f'{line.quantity.normalize():f}', 'unit_price': format_money(line.unit_price),
                 'discount': format_money(line.discount) if line.discount else '',
                 'tax': f'{format_money(line.tax)} ({line.tax_rate.normalize():f} %)' if line.tax_rate else 'Exempt',
                 'amount': format_money(line.amount)} for line in view.lines]
        table = ui.table(columns=LINE_COLUMNS, rows=rows, row_key='id',
                         selection='single' if view.may_change else None,
                         pagination={'rowsPerPage': 0}).classes('w-full').props('flat bordered wrap-cells hide-bottom')
        table.mark('invoice-lines')
        if view.may_change:
            table.on('rowClick', lambda event: setattr(table, 'selected', [
                row for row in table.rows if row['id'] == (event.args[1] or {}).get('id')][:1]), [[], ['id'], None])
            self._draft_buttons(actor, view, table)
        if not rows:
            ui.label('No lines yet: add what the patient is billed for.').classes('text-body2 text-grey-8') \
                .mark('no-lines')

    def _draft_buttons(self, actor: Actor, view: InvoiceView, table: ui.table) -> None:
        @guarded_action(Permission.BILLING_CREATE)
        async def from_prices(current: Actor) -> None:
            price_dialog(view, await price_list.price_list(actor=current, branch_id=view.branch_id), self.redraw)

        @guarded_action(Permission.BILLING_CREATE)
        async def from_record(current: Actor) -> None:
            source_dialog(view, await invoices.billing_sources(actor=current, invoice_id=view.id), self.redraw)

        @guarded_action(Permission.BILLING_CREATE)
        async def sessions(current: Actor) -> None:
            await self._try(current, invoices.add_attended_sessions(actor=current, invoice_id=view.id),
                            'The attended sessions have been added.')

        @guarded_action(Permission.BILLING_CREATE)
        async def remove(current: Actor) -> None:
            row = picked(table, what='a line')
            if row is not None:
                await self._try(current, invoices.remove_line(actor=current, invoice_id=view.id, line_id=row['id']),
                                'The line has been removed.')

        with ui.row().classes('w-full gap-2 wrap'):
            ui.button('Price list', icon='sell', on_click=from_prices).mark('add-price')
            ui.button('Attended sessions', icon='event_available', on_click=sessions).props('outline') \
                .mark('add-sessions')
            ui.button('From the record', icon='folder_shared', on_click=from_record).props('outline') \
                .mark('add-from-record')
            ui.button('Typed line', icon='edit_note', on_click=lambda: line_dialog(view, self.redraw)) \
                .props('outline').mark('add-line')
            ui.button('Remove line', icon='remove_circle_outline', on_click=remove).props('flat color=negative') \
                .mark('remove-line')

    def _actions(self, actor: Actor, view: InvoiceView, credit: Any) -> None:
        with ui.column().classes('gap-2').style('min-width: 16rem'):
            if view.may_change:
                self._issue_buttons(actor, view)
            if view.may_settle:
                ui.button(f'Take payment ({format_money(view.due)})', icon='payments',
                          on_click=lambda: payment_dialog(patient_uid=view.patient_uid, invoice=view, due=view.due,
                                                          then=self.redraw)).mark('take-payment')
                if credit:
                    @guarded_action(Permission.BILLING_CREATE)
                    async def use_credit(current: Actor) -> None:
                        try:
                            applied = await payments.apply_credit(actor=current, invoice_id=view.id)
                        except DomainError as refused:
                            ui.notify(refused.message, type='negative')
                            return
                        ui.notify(f'{format_money(applied)} of the patient\'s credit applied.', type='positive')
                        await self.redraw(current)

                    ui.button(f'Use credit ({format_money(credit)})', icon='account_balance_wallet',
                              on_click=use_credit).props('outline').mark('apply-credit')
            if view.may_credit:
                ui.button('Credit note', icon='undo', on_click=lambda: credit_note_dialog(view, self.redraw)) \
                    .props('outline color=negative').mark('credit-note')
            if view.number:
                with ui.row().classes('gap-2'):
                    ui.button('PDF', icon='picture_as_pdf',
                              on_click=lambda: ui.navigate.to(invoice_document_url(view.id), new_tab=True)) \
                        .props('outline').mark('pdf-a4')
                    ui.button('80 mm', icon='receipt_long',
                              on_click=lambda: ui.navigate.to(invoice_document_url(view.id, roll=True), new_tab=True)) \
                        .props('outline').mark('pdf-roll')

    def _issue_buttons(self, actor: Actor, view: InvoiceView) -> None:
        @guarded_action(Permission.BILLING_CREATE)
        async def issue(current: Actor) -> None:
            if not view.lines:
                ui.notify('Add at least one line before issuing the invoice.', type='warning')
                return
            issue_dialog(view, await invoices.discount_approvers(actor=current) if view.needs_approval else [],
                         self._issued)

        @guarded_action(Permission.BILLING_CREATE)
        async def discard(current: Actor) -> None:
            try:
                await invoices.discard_draft(actor=current, invoice_id=view.id)
            except DomainError as refused:
                ui.notify(refused.message, type='negative')
                return
            ui.notify('The draft has been discarded.', type='positive')
            ui.navigate.to(f'/patients/{view.patient_uid}?part=billing')

        ui.button('Issue invoice', icon='task_alt', on_click=issue, color='positive').mark('issue')
        ui.button('Invoice discount', icon='percent', on_click=lambda: discount_dialog(view, self.redraw)) \
            .props('outline').mark('invoice-discount')
        ui.button('Discard draft', icon='delete_outline', on_click=discard).props('flat color=negative') \
            .mark('discard')

    async def _issued(self, actor: Actor) -> None:
        view = await invoices.invoice_view(actor=actor, invoice_id=self.invoice_id)
        ui.navigate.to(invoice_path(view))

    def _totals(self, view: InvoiceView) -> None:
        rows = [('Gross', view.gross), ('Discount', -view.discount), ('Taxable value', view.taxable_value),
                ('CGST', view.cgst), ('SGST', view.sgst), ('IGST', view.igst)]
        with ui.card().props('flat bordered').classes('gap-1').style('min-width: 18rem').mark('invoice-totals'):
            for label, amount in rows:
                if amount or label in ('Gross', 'Taxable value'):
                    _figure(label, format_money(abs(amount)) if amount >= 0 else f'− {format_money(-amount)}')
            ui.separator()
            _figure('Total', format_money(view.total), strong=True, marker='invoice-total')
            ui.label(amount_in_words(view.total)).classes('text-caption text-grey-8').mark('amount-in-words')
            if view.kind is InvoiceKind.INVOICE and view.status is not InvoiceStatus.DRAFT:
                _figure('Paid', format_money(view.paid))
                if view.credited:
                    _figure('Credited', format_money(view.credited))
                _figure('Due', format_money(view.due), strong=True, marker='invoice-due')

    def _history(self, view: InvoiceView) -> None:
        if view.settlements:
            ui.label('Payments').classes('text-subtitle2')
            for settled in view.settlements:
                ui.label(f'{clinic_date(settled.day)} · {settled.number} · {MODE_LABELS[PaymentMode(settled.mode)]} · '
                         f'{format_money(settled.amount)}').classes('text-body2').mark('settlement')
        if view.credit_notes:
            ui.label('Credit notes').classes('text-subtitle2')
            for note in view.credit_notes:
                with ui.row().classes('items-center gap-2 text-body2'):
                    ui.link(note.number, f'/invoices/{note.number}').mark('credit-note-link')
                    ui.label(f'{clinic_date(note.issued_on)} · {format_money(note.total)} · {note.reason}')

    async def _try(self, actor: Actor, change: Any, done: str) -> None:
        try:
            await change
        except DomainError as refused:
            ui.notify(refused.message, type='negative')
            return
        ui.notify(done, type='positive')
        await self.redraw(actor)


def _figure(label: str, value: str, *, strong: bool = False, marker: str = '') -> None:
    with ui.row().classes('w-full justify-between no-wrap gap-4'):
        ui.label(label).classes('text-body2' + (' text-weight-bold' if strong else ''))
        shown = ui.label(value).classes('text-body2' + (' text-weight-bold' if strong else ''))
        if marker:
            shown.mark(marker)

