"""Invoices (`/invoices`): the branch's invoices and credit notes, newest first, paged on the server;
and one invoice (`/invoices/<number>`, a draft at `/invoices/draft/<id>`)."""

from __future__ import annotations

from uuid import UUID

from nicegui import events, ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import NotFound
from app.services import invoices
from app.services.invoices import INVOICE_NOT_FOUND, STATUS_LABELS, InvoiceRow
from app.services.paging import Page
from app.wording import counted
from components.frame import frame
from components.guard import guarded_action, guarded_page
from components.invoice_screen import InvoiceScreen, invoice_cells
from components.live import on_change
from components.server_table import ServerTable
from components.tables import column

PER_PAGE = 25
COLUMNS = [column('number', 'Number', nowrap=True), column('date', 'Date', nowrap=True),
           column('patient', 'Patient', wrap='14rem'), column('uid', 'UID', nowrap=True, hide_below=760),
           column('total', 'Total', align='right', nowrap=True),
           column('due', 'Due', align='right', nowrap=True, hide_below=600), column('status', 'Status')]
STATUS_FILTER = {'': 'Every status', **{status.value: label for status, label in STATUS_LABELS.items()}}


@guarded_page('/invoices', permission=Permission.BILLING_VIEW, title='Invoices', nav_label='Invoices',
              nav_icon='receipt_long', nav_order=40)
async def invoices_page(actor: Actor) -> None:
    audited = {'read': True}

    async def read(current: Actor, page: int, per_page: int) -> Page[InvoiceRow]:
        found = await invoices.invoices_page(actor=current, page=page, per_page=per_page, search=search.value or '',
                                             status=status.value or None, audited=audited['read'])
        summary.text = counted(found.total, 'invoice')
        return found

    @guarded_action(Permission.BILLING_VIEW)
    async def find(current: Actor) -> None:
        await listing.first_page(current)

    def opened(event: events.GenericEventArguments) -> None:
        row = event.args[1] if len(event.args) > 1 and isinstance(event.args[1], dict) else {}
        if row.get('path'):
            ui.navigate.to(row['path'])

    with frame(actor, 'Invoices'):
        with ui.row().classes('w-full items-center gap-2'):
            search = ui.input(placeholder='Number, patient UID or name').props('outlined dense clearable') \
                .classes('grow').mark('invoice-search').on('keydown.enter', find)
            status = ui.select(STATUS_FILTER, value='', on_change=find).props('outlined dense') \
                .classes('w-40').mark('invoice-status-filter')
            ui.button('Search', icon='search', on_click=find).mark('search')
        summary = ui.label().classes('text-body2 text-grey-7').mark('invoice-count')
        listing = ServerTable(COLUMNS, read=read, shown=invoice_cells, permission=Permission.BILLING_VIEW,
                              sizes=(10, 25, 50), per_page=PER_PAGE, selectable=False)
        listing.table.classes('cursor-pointer').mark('invoices')
        listing.table.on('rowClick', opened, [[], ['path'], None])
        ui.label('New invoices are started from the patient\'s page, under Billing.').classes('text-caption')
        await listing.refresh(actor)

    async def follow(current: Actor) -> None:
        """A bill or payment of the branch changed elsewhere: the same page again, not audited again."""
        audited['read'] = False
        try:
            await listing.refresh(current)
        finally:
            audited['read'] = True

    on_change([EntityType.INVOICE, EntityType.PAYMENT], follow, permission=Permission.BILLING_VIEW,
              branch_id=None if actor.is_superadmin else actor.branch_id)


@guarded_page('/invoices/{reference:path}', permission=Permission.BILLING_VIEW, title='Invoice',
              example_path='/invoices/AND/26-27/00001')
async def invoice_page(actor: Actor, reference: str) -> None:
    try:
        invoice_id = await _invoice_id(actor, reference)
    except NotFound as missing:
        with frame(actor, 'Invoice'):
            ui.context.client.status_code = 404
            ui.label(missing.message).classes('text-h6').mark('not-found')
            ui.link('All invoices', '/invoices')
        return
    with frame(actor, 'Invoice'):
        await InvoiceScreen.shown(actor, invoice_id)


async def _invoice_id(actor: Actor, reference: str) -> UUID:
    """The invoice a path names: `AND/26-27/00001`, or `draft/<id>` for a draft."""
    if reference.startswith('draft/'):
        try:
            return UUID(reference.removeprefix('draft/'))
        except ValueError:
            raise NotFound(INVOICE_NOT_FOUND) from None
    return await invoices.invoice_id_of(actor=actor, number=reference)
