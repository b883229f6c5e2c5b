"""The desk's money screens: the day's collections and its closing, and the outstanding dues by age."""

from __future__ import annotations

from datetime import date
from typing import Any

from nicegui import events, ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.money import format_money
from app.services import day_closing, dues
from app.services.day_closing import ClosingRow
from app.services.dues import DueRow
from app.services.paging import Page
from app.services.payments import MODE_LABELS
from app.wording import counted
from components.branch_choice import branch_chooser, first_branch
from components.date_input import DateInput
from components.dialogs import FormDialog, fill_width
from components.guard import guarded_action
from components.live import RedrawnUnaudited, on_change
from components.money_input import MoneyInput
from components.server_table import ServerTable
from components.tables import column
from components.when import clinic_date, clinic_time

CLOSING_COLUMNS = [column('day', 'Day', nowrap=True), column('collected', 'Collected', align='right', nowrap=True),
                   column('expected', 'Cash expected', align='right', nowrap=True, hide_below=600),
                   column('counted', 'Cash counted', align='right', nowrap=True),
                   column('difference', 'Difference', align='right', nowrap=True),
                   column('closed_by', 'Closed by', wrap='10rem', hide_below=760),
                   column('note', 'Note', wrap='14rem', hide_below=760)]
DUE_COLUMNS = [column('number', 'Invoice', nowrap=True), column('issued_on', 'Issued', nowrap=True),
               column('days', 'Days', align='right'), column('patient', 'Patient', wrap='14rem'),
               column('phone', 'Phone', nowrap=True, hide_below=760),
               column('total', 'Total', align='right', nowrap=True, hide_below=600),
               column('due', 'Due', align='right', nowrap=True)]


class ClosingScreen:
    """One day's collections by mode, its closing (or the form to close it), and the days closed before."""

    def __init__(self, actor: Actor, *, day: date, branches: dict[int, str]) -> None:
        """`branches`: those a superadmin may choose between (`branches.branch_choices`), none for anyone else."""
        self.day = day
        self.branch_id = first_branch(branches, actor.branch_id)
        with ui.row().classes('w-full items-end gap-2'):
            self.chosen = DateInput('Day', value=day).classes('w-48').mark('closing-day')
            ui.button('Show', icon='event', on_click=self._shown).props('outline').mark('show-day')
            branch_chooser(branches, self.branch_id, self._choose_branch)
        self.box = ui.column().classes('w-full gap-2').mark('collections')
        ui.label('Days closed').classes('text-subtitle1 q-mt-md')
        self.closed = ServerTable(CLOSING_COLUMNS, read=self._read_closed, shown=_closing_cells,
                                  permission=Permission.BILLING_VIEW, sizes=(10, 25), per_page=10, key='day',
                                  selectable=False, empty='No day has been closed yet.')
        self.closed.table.mark('closed-days')
        on_change([EntityType.PAYMENT, EntityType.DAY_CLOSING], self.follow, permission=Permission.BILLING_VIEW,
                  branch_id=None if branches else actor.branch_id)

    async def follow(self, actor: Actor) -> None:
        """A payment or closing at the branch: the same day again, not audited again."""
        await self.redraw(actor, audited=False)

    async def redraw(self, actor: Actor, *, audited: bool = True) -> None:
        figures = await day_closing.day_collections(actor=actor, day=self.day, branch_id=self.branch_id,
                                                    audited=audited)
        self.box.clear()
        with self.box:
            ui.label(f'{figures.branch_name}, {clinic_date(figures.day)}').classes('text-h6').mark('collections-day')
            with ui.row().classes('w-full gap-3 wrap'):
                for mode, label in MODE_LABELS.items():
                    if mode in figures.by_mode:
                        _tile(label, figures.by_mode[mode], marker=f'collected-{mode.value}')
                _tile('Collected', figures.collected, marker='collected-total', strong=True)
            ui.label(counted(figures.receipts, 'receipt') + (f', {format_money(figures.refunds)} refunded'
                                                       if figures.refunds else '')).classes('text-body2')
            if figures.closing is not None:
                closing = figures.closing
                ui.label(f'Closed by {closing.closed_by} at {clinic_time(closing.closed_at)}: cash counted '
                         f'{format_money(closing.cash_counted)} against {format_money(closing.cash_expected)} '
                         f'expected' + (f', a difference of {format_money(closing.difference)}'
                                        if closing.difference else '') + (f'. {closing.note}' if closing.note else '.')
                         ).classes('text-body1 text-positive').mark('closed-by')
                ui.label('A closed day never changes: money taken now counts in the next open day.') \
                    .classes('text-caption text-grey-8')
            elif figures.may_close:
                ui.button(f'Close {clinic_date(figures.day)}', icon='lock', on_click=lambda: self._close(
                    figures.cash_expected)).mark('close-day')
        await self.closed.refresh(actor)

    async def _shown(self) -> None:
        @guarded_action(Permission.BILLING_VIEW)
        async def show(current: Actor) -> None:
            if self.chosen.date_or_none is not None:
                self.day = self.chosen.date_or_none
            await self.redraw(current)

        await show()

    def _close(self, expected: Any) -> None:
        @guarded_action(Permission.BILLING_CREATE)
        async def submit(current: Actor) -> None:
            fields = dialog.form.fields
            await dialog.attempt(lambda: day_closing.close_day(actor=current, day=self.day,
                                                               cash_counted=fields['cash_counted'].value,
                                                               note=fields['note'].value or '',
                                                               branch_id=self.branch_id),
                                 done=f'{clinic_date(self.day)} is closed.', then=lambda _: self.redraw(current))

        with ui.context.client.content:  # not in the day's box, which a payment elsewhere redraws
            dialog = FormDialog(f'Close {clinic_date(self.day)}', submit_label='Close the day', on_submit=submit,
                                text=f'Count the cash in the drawer: {format_money(expected)} is expected. Once '
                                     'closed, the day cannot change.')
        with dialog.body:
            dialog.form.add('cash_counted', MoneyInput('Cash counted'))
            dialog.form.add('note', ui.input('Note', placeholder='Why the cash differs, if it does'))
        fill_width(dialog)

    async def _read_closed(self, actor: Actor, page: int, per_page: int) -> Page[ClosingRow]:
        return await day_closing.closings_page(actor=actor, page=page, per_page=per_page, branch_id=self.branch_id)

    async def _choose_branch(self, branch_id: int) -> None:
        @guarded_action(Permission.BILLING_VIEW)
        async def choose(current: Actor) -> None:
            self.branch_id = branch_id
            await self.redraw(current)

        await choose()


class DuesScreen(RedrawnUnaudited):
    """What the branch is owed by age, and the invoices behind it, oldest first."""

    def __init__(self, actor: Actor, *, branches: dict[int, str]) -> None:
        """`branches`: those a superadmin may choose between (`branches.branch_choices`), none for anyone else."""
        self.bucket: str | None = None
        self.audited = True
        self.branch_id = first_branch(branches, actor.branch_id)
        branch_chooser(branches, self.branch_id, self._choose_branch)
        self.summary = ui.row().classes('w-full gap-3 wrap').mark('ageing')
        self.listing = ServerTable(DUE_COLUMNS, read=self._read, shown=_due_cells, permission=Permission.BILLING_VIEW,
                                   sizes=(10, 25, 50), per_page=25, key='id', selectable=False,
                                   empty='Nothing is due: every issued invoice is paid or credited.')
        self.listing.table.classes('cursor-pointer').mark('dues')
        self.listing.table.on('rowClick', _open_invoice, [[], ['number'], None])
        ui.label('Tap an invoice to open it and take the payment.').classes('text-caption text-grey-7')
        on_change([EntityType.INVOICE, EntityType.PAYMENT], self.follow, permission=Permission.BILLING_VIEW,
                  branch_id=None if branches else actor.branch_id)


    async def redraw(self, actor: Actor) -> None:
        ageing = await dues.ageing(actor=actor, branch_id=self.branch_id)
        self.summary.clear()
        with self.summary:
            self._bucket_tile(None, 'All dues', ageing.invoices, ageing.total)
            for bucket in ageing.buckets:
                self._bucket_tile(bucket.label, f'{bucket.label} days', bucket.invoices, bucket.amount)
        await self.listing.first_page(actor)

    def _bucket_tile(self, label: str | None, title: str, invoices: int, amount: Any) -> None:
        chosen = self.bucket == label
        with ui.card().props('flat bordered').classes('gap-0 q-pa-sm cursor-pointer'
                                                      + (' bg-primary text-white' if chosen else '')) \
                .style('min-width: 9rem').mark(f'bucket {label or "all"}') as tile:
            ui.label(title).classes('text-caption')
            ui.label(format_money(amount)).classes('text-subtitle1 text-weight-medium')
            ui.label(counted(invoices, 'invoice')).classes('text-caption')
        tile.on('click', lambda: self._choose(label))

    async def _choose(self, label: str | None) -> None:
        @guarded_action(Permission.BILLING_VIEW)
        async def choose(current: Actor) -> None:
            self.bucket = label
            await self.redraw(current)

        await choose()

    async def _read(self, actor: Actor, page: int, per_page: int) -> Page[DueRow]:
        return await dues.dues_page(actor=actor, page=page, per_page=per_page, bucket=self.bucket,
                                    branch_id=self.branch_id, audited=self.audited)

    async def _choose_branch(self, branch_id: int) -> None:
        @guarded_action(Permission.BILLING_VIEW)
        async def choose(current: Actor) -> None:
            self.branch_id, self.bucket = branch_id, None
            await self.redraw(current)

        await choose()


def _tile(label: str, amount: Any, *, marker: str, strong: bool = False) -> None:
    with ui.card().props('flat bordered').classes('gap-0 q-pa-sm').style('min-width: 8rem'):
        ui.label(label).classes('text-caption text-grey-8')
        ui.label(format_money(amount)).classes('text-subtitle1' + (' text-weight-bold' if strong else '')) \
            .mark(marker)


def _closing_cells(row: ClosingRow) -> dict[str, Any]:
    return {'day': clinic_date(row.day), 'collected': format_money(row.collected),
            'expected': format_money(row.cash_expected), 'counted': format_money(row.cash_counted),
            'difference': format_money(row.difference) if row.difference else '', 'closed_by': row.closed_by,
            'note': row.note}


def _due_cells(row: DueRow) -> dict[str, Any]:
    return {'id': str(row.invoice_id), 'number': row.number, 'issued_on': clinic_date(row.issued_on),
            'days': row.days, 'patient': f'{row.patient_name} ({row.patient_uid})', 'phone': row.patient_phone,
            'total': format_money(row.total), 'due': format_money(row.due)}


def _open_invoice(event: events.GenericEventArguments) -> None:
    row = event.args[1] if len(event.args) > 1 and isinstance(event.args[1], dict) else {}
    if row.get('number'):
        ui.navigate.to(f'/invoices/{row["number"]}')


