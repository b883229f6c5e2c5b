"""The reports screen: choose a report, a range of days and (the superadmin) a branch; read it a page at a time
with its totals; export it as CSV or Excel, or open it for printing.

The table is paged on the server (`ServerTable`), so a ten-year report sends the browser one page.
Each report has its own columns, so choosing another draws a new table.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import clinic_today
from app.dates import shown_date
from app.errors import DomainError, ValidationFailed
from app.money import format_money
from app.services import reports
from app.services.paging import Page
from app.services.reports import REPORTS, ColumnKind, ReportColumn, ReportKind, ReportPage, Row
from components.actions import guarded_action
from components.date_input import DateInput
from components.report_links import report_file_link, report_print_link
from components.server_table import ServerTable
from components.tables import column

ALL = 0
NUMERIC = (ColumnKind.MONEY, ColumnKind.NUMBER)
CODES = ('uid', 'number')  # kept on one line: an invoice number or a UID broken in two is misread
NARROW = 1040  # below this table width (a tablet) a report shows its main columns only


def shown_cell(value: Any, kind: ColumnKind) -> str:
    """A report's value as the screen and the print view show it."""
    if value is None:
        return ''
    if kind is ColumnKind.MONEY:
        return format_money(Decimal(value))
    if isinstance(value, datetime):
        return f'{shown_date(value.date())}, {value:%H:%M}'
    if isinstance(value, date):
        return shown_date(value)
    return str(value)


def totals_text(page: ReportPage | reports.ReportPrint) -> str:
    """'3 rows · Total ₹1,920.00 · Paid ₹1,100.00': the count and each column the report totals."""
    parts = [f'{page.total:,} row{"" if page.total == 1 else "s"}']
    labels = {spec.key: spec for spec in page.spec.columns}
    for key, value in page.totals.items():
        spec = labels.get(key)
        if spec is not None:
            parts.append(f'{spec.label} {shown_cell(value, spec.kind)}')
    return ' · '.join(parts)


def report_columns(columns: tuple[ReportColumn, ...], *, branches: bool) -> list[dict[str, Any]]:
    return [column(spec.key, spec.label, align='right' if spec.kind in NUMERIC else 'left',
                   nowrap=spec.kind is not ColumnKind.TEXT or spec.key in CODES,
                   hide_below=NARROW if spec.secondary else None)
            for spec in columns if branches or spec.key != 'branch']


def cells_of(numbered: tuple[int, Row], columns: tuple[ReportColumn, ...]) -> dict[str, Any]:
    number, row = numbered
    return {'id': number, **{spec.key: shown_cell(value, spec.kind) for spec, value in zip(columns, row, strict=True)}}


class ReportsScreen:
    def __init__(self, actor: Actor, *, branches: dict[int, str], kind: ReportKind = ReportKind.REGISTRATIONS) -> None:
        self.kind = kind
        self.branch_id = ALL if actor.is_superadmin else actor.branch_id
        today = clinic_today()
        with ui.row().classes('w-full items-end gap-2'):
            ui.select({spec.kind.value: spec.title for spec in REPORTS.values()}, value=kind.value, label='Report',
                      on_change=lambda event: self._choose(event.value)) \
                .props('outlined dense options-dense').classes('w-72 max-w-full').mark('report-kind')
            self.first = DateInput('From', value=today.replace(day=1)).props('outlined dense').classes('w-40') \
                .mark('report-from')
            self.last = DateInput('To', value=today).props('outlined dense').classes('w-40').mark('report-to')
            if len(branches) > 1:
                ui.select({ALL: 'All branches', **branches}, value=ALL, label='Branch',
                          on_change=lambda event: self._choose_branch(event.value)) \
                    .props('outlined dense options-dense').classes('w-48').mark('report-branch')
            ui.button('Show', icon='table_view', on_click=self._show).mark('report-show')
        self.description = ui.label().classes('text-body2 text-grey-8').mark('report-description')
        with ui.row().classes('w-full items-center justify-end gap-2'):
            ui.button('CSV', icon='download', on_click=lambda: self._download('csv')).props('outline') \
                .mark('export-csv')
            ui.button('Excel', icon='grid_on', on_click=lambda: self._download('xlsx')).props('outline') \
                .mark('export-xlsx')
            ui.button('Print', icon='print', on_click=self._print).props('outline').mark('report-print')
        self.totals = ui.label().classes('text-subtitle2').mark('report-totals')
        self.body = ui.column().classes('w-full gap-1')
        self.listing: ServerTable[tuple[int, Row]] | None = None

    @property
    def _branch(self) -> int | None:
        return self.branch_id or None

    async def redraw(self, actor: Actor) -> None:
        """Draw the chosen report's table afresh and read its first page."""
        spec = REPORTS[self.kind]
        self.description.set_text(spec.description)
        self.body.clear()
        with self.body:
            listing: ServerTable[tuple[int, Row]] = ServerTable(
                report_columns(spec.columns, branches=self._branch is None), read=self._read,
                shown=lambda numbered: cells_of(numbered, spec.columns), permission=Permission.REPORTS_VIEW,
                sizes=reports.PAGE_SIZES, per_page=reports.PER_PAGE, selectable=False)
            listing.table.mark('report-table')
        self.listing = listing
        try:
            await listing.refresh(actor)
        except ValidationFailed as refused:
            ui.notify(' '.join(refused.field_errors.values()) or refused.message, type='negative')
        except DomainError as refused:
            ui.notify(refused.message, type='negative')

    async def _read(self, actor: Actor, page: int, per_page: int) -> Page[tuple[int, Row]]:
        found = await reports.report_page(actor=actor, kind=self.kind, first_day=self.first.date_or_none,
                                          last_day=self.last.date_or_none, branch_id=self._branch, page=page,
                                          per_page=per_page)
        self.totals.set_text(totals_text(found))
        first = (found.page - 1) * found.per_page
        return Page(rows=list(enumerate(found.rows, start=first)), total=found.total, page=found.page,
                    per_page=found.per_page)

    async def _choose(self, value: str) -> None:
        self.kind = ReportKind(value)
        await self._show()

    async def _choose_branch(self, value: int) -> None:
        self.branch_id = value
        await self._show()

    async def _show(self) -> None:
        @guarded_action(Permission.REPORTS_VIEW)
        async def shown(current: Actor) -> None:
            await self.redraw(current)

        await shown()

    def _range(self) -> tuple[date, date] | None:
        first, last = self.first.date_or_none, self.last.date_or_none
        if first is None or last is None:
            ui.notify('Give the first and the last day of the report.', type='negative')
            return None
        return first, last

    def _download(self, extension: str) -> None:
        days = self._range()
        if days is not None:
            ui.download.from_url(report_file_link(kind=self.kind.value, extension=extension, first_day=days[0],
                                         last_day=days[1], branch_id=self._branch))

    def _print(self) -> None:
        days = self._range()
        if days is not None:
            ui.navigate.to(report_print_link(kind=self.kind.value, first_day=days[0], last_day=days[1],
                                             branch_id=self._branch), new_tab=True)
