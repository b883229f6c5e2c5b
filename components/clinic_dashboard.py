"""The admin dashboard: the clinic's figures for a chosen period, per branch and together, with charts.

What each figure means is `clinic_figures.DEFINITIONS`, shown under a help icon beside it. The
figures follow the clinic live: a payment, booking, registration or voucher elsewhere draws them
again (`on_change`, debounced, not audited again), for the branch the admin works in (the
superadmin: any branch).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Any

from nicegui import ui
from nicegui.events import EChartPointClickEventArguments

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import clinic_today
from app.errors import DomainError, ValidationFailed
from app.money import format_money
from app.services import clinic_figures, figure_lists
from app.services.appointments import STATUS_LABELS
from app.services.clinic_figures import (
    DEFINITIONS,
    PERIOD_LABELS,
    BranchFigures,
    ClinicFigures,
    Period,
    PeriodKind,
)
from app.services.consultations import COMPLAINT_LABELS
from app.services.figure_lists import FUNNEL_STAGES, FigureList, ListedRow
from app.services.outcome_scoring import INSTRUMENT_NAMES
from app.services.paging import Page
from app.services.payments import MODE_LABELS
from app.wording import counted
from components.actions import guarded_action
from components.date_input import DateInput
from components.design import retheme_charts, themed_chart
from components.dialogs import FormDialog
from components.live import RedrawnUnaudited, on_change
from components.server_table import ServerTable
from components.tables import column
from components.when import clinic_date, clinic_time
from models.scheduling import AppointmentStatus

ALL = 0
OpenList = Callable[[FigureList, str, str], Awaitable[None]]
# what a tap on a chart opens: from the series' and the point's index, the list and its key (None: nothing)
Behind = Callable[[int, int], tuple[FigureList, str] | None]
LIST_COLUMNS = [column('when', 'When', nowrap=True), column('patient', 'Patient', wrap='14rem'),
                column('detail', 'What', wrap='18rem', hide_below=600),
                column('amount', 'Amount', align='right', nowrap=True)]
LIST_BRANCH_COLUMN = column('branch', 'Branch', hide_below=760)
FOLLOWED = [EntityType.PAYMENT, EntityType.INVOICE, EntityType.APPOINTMENT, EntityType.PATIENT, EntityType.INQUIRY,
            EntityType.EXPENSE, EntityType.TREATMENT_PLAN, EntityType.OUTCOME]
BRANCH_COLUMNS = [column('branch', 'Branch', wrap='10rem'), column('billed', 'Billed', align='right', nowrap=True),
                  column('collected', 'Collected', align='right', nowrap=True),
                  column('dues', 'Dues', align='right', nowrap=True, hide_below=600),
                  column('patients', 'New patients', align='right', hide_below=600),
                  column('appointments', 'Appointments', align='right', hide_below=760),
                  column('no_show', 'No-show', align='right', hide_below=760),
                  column('utilisation', 'Utilisation', align='right', hide_below=760)]


def rate_text(rate: Decimal | None) -> str:
    return '—' if rate is None else f'{rate} %'


class ClinicDashboard(RedrawnUnaudited):
    """The period chooser, the branch chooser (superadmin), the tiles, the per-branch table and the charts."""

    def __init__(self, actor: Actor, *, branches: dict[int, str]) -> None:
        self.kind = PeriodKind.MONTH
        self.period: Period | None = None  # what the charts show, for the lists behind their bars
        self.branch_id = ALL if actor.is_superadmin else actor.branch_id
        self.browser_dark = False  # the theme 'auto' follows: the browser's, known once its page connects
        if actor.dark_mode is None:
            ui.context.client.on_connect(self._follow_browser_theme)
        with ui.row().classes('w-full items-end gap-2'):
            ui.toggle({kind.value: label for kind, label in PERIOD_LABELS.items()}, value=self.kind.value,
                      on_change=lambda event: self._choose_period(event.value)) \
                .props('dense no-caps spread').classes('max-w-full').mark('period')
            with ui.row().classes('items-end gap-2') as self.custom:
                today = clinic_today()
                self.first = DateInput('From', value=today.replace(day=1)).classes('w-36').mark('period-from')
                self.last = DateInput('To', value=today).classes('w-36').mark('period-to')
                ui.button('Show', icon='insights', on_click=self._show_custom).props('outline').mark('period-show')
            self.custom.set_visibility(False)
            ui.space()
            if len(branches) > 1:
                ui.select({ALL: 'All branches', **branches}, value=ALL, label='Branch',
                          on_change=lambda event: self._choose_branch(event.value)) \
                    .props('outlined dense options-dense').classes('w-48').mark('dashboard-branch')
        self.period_label = ui.label('').classes('text-caption text-grey-8').mark('period-label')
        self.body = ui.column().classes('w-full gap-3').mark('clinic-figures')
        on_change(FOLLOWED, self.follow, permission=Permission.REPORTS_VIEW,
                  branch_id=None if actor.is_superadmin else actor.branch_id)

    # -- reading ---------------------------------------------------------------------------------------


    async def redraw(self, actor: Actor) -> None:
        try:
            period = clinic_figures.period_of(self.kind, first_day=self.first.date_or_none,
                                              last_day=self.last.date_or_none)
            figures = await clinic_figures.clinic_figures(actor=actor, period=period,
                                                          branch_id=self.branch_id or None, audited=self.audited)
        except ValidationFailed as refused:  # a custom range that makes no sense: say what, keep what is shown
            ui.notify(' '.join(refused.field_errors.values()) or refused.message, type='negative')
            return
        except DomainError as refused:
            ui.notify(refused.message, type='negative')
            return
        self.period_label.text = period.label
        self.period = period
        self.body.clear()
        with self.body:
            shown = figures.together if len(figures.branches) > 1 else figures.branches[0]
            _tiles(shown)
            if len(figures.branches) > 1:
                _branch_table(figures)
            dark = self.browser_dark if actor.dark_mode is None else actor.dark_mode
            _charts(shown, period, self._open_list, dark=dark)

    async def _follow_browser_theme(self) -> None:
        """With the theme left to the browser, ask it which one it shows and draw the charts to match."""
        try:
            dark = await ui.run_javascript("document.body.classList.contains('body--dark')", timeout=3)
        except TimeoutError:
            return
        if bool(dark) != self.browser_dark:
            self.browser_dark = bool(dark)
            retheme_charts(self.browser_dark)

    # -- choices ---------------------------------------------------------------------------------------

    async def _choose_period(self, value: str) -> None:
        self.kind = PeriodKind(value)
        self.custom.set_visibility(self.kind is PeriodKind.CUSTOM)
        if self.kind is not PeriodKind.CUSTOM:
            await self._redraw_guarded()

    async def _show_custom(self) -> None:
        await self._redraw_guarded()

    async def _choose_branch(self, value: int) -> None:
        self.branch_id = value
        await self._redraw_guarded()

    async def _open_list(self, kind: FigureList, key: str, title: str) -> None:
        """The rows behind a bar or a slice, a page at a time, in a dialog a live redraw leaves open."""
        @guarded_action(Permission.REPORTS_VIEW)
        async def opened(current: Actor) -> None:
            period, branch_id = self.period, self.branch_id or None
            if period is None:
                return

            async def read(reader: Actor, page: int, per_page: int) -> Page[ListedRow]:
                return await figure_lists.figure_list(actor=reader, period=period, kind=kind, key=key,
                                                      branch_id=branch_id, page=page, per_page=per_page)

            with ui.context.client.content:
                dialog = FormDialog(title, text=period.label, max_width='960px')
            with dialog.body:
                listing = ServerTable(LIST_COLUMNS if branch_id else [*LIST_COLUMNS, LIST_BRANCH_COLUMN],
                                      read=read, shown=_listed_cells, permission=Permission.REPORTS_VIEW,
                                      sizes=figure_lists.LIST_SIZES, per_page=figure_lists.LIST_PER_PAGE,
                                      selectable=False)
                listing.table.mark('figure-list')
            try:
                await listing.refresh(current)
            except DomainError as refused:
                dialog.close()
                ui.notify(refused.message, type='negative')
                return

            @guarded_action(Permission.REPORTS_VIEW)
            async def shown(reader: Actor) -> None:
                await listing.refresh(reader)  # again once open: the table mounted in the dialog reset its count

            dialog.dialog.on('show', shown)

        await opened()

    async def _redraw_guarded(self) -> None:
        @guarded_action(Permission.REPORTS_VIEW)
        async def redraw(current: Actor) -> None:
            await self.redraw(current)

        await redraw()


def _tiles(figures: BranchFigures) -> None:
    budget = f'of {format_money(figures.budget)} budget' if figures.budget else 'no daily budget set'
    held = figures.appointment_count
    with ui.element('div').classes('w-full grid gap-3') \
            .style('grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr))').mark('figure-tiles'):
        _tile('billed', 'Billed', format_money(figures.billed))
        _tile('collected', 'Collected', format_money(figures.collected))
        _tile('dues', 'Outstanding dues', format_money(figures.dues), 'today')
        _tile('new_patients', 'New patients', str(figures.new_patients))
        _tile('active_plans', 'Active plans', str(figures.active_plans), 'today')
        _tile('appointments', 'Appointments', str(held))
        _tile('no_show_rate', 'No-show rate', rate_text(figures.no_show_rate))
        _tile('cancellation_rate', 'Cancellation rate', rate_text(figures.cancellation_rate))
        _tile('utilisation', 'Utilisation', rate_text(figures.utilisation),
              f'{figures.booked_minutes // 60} of {figures.working_minutes // 60} hours')
        _tile('rebooking_rate', 'Rebooking rate', rate_text(figures.rebooking_rate),
              f'{figures.rebooked_patients} of {counted(figures.seen_patients, "patient")} seen')
        _tile('conversion', 'Inquiry conversion', rate_text(figures.conversion_rate),
              f'of {counted(figures.inquiries, "inquiry", "inquiries")}')
        _tile('expenses', 'Expenses', format_money(figures.expenses), budget)


def _tile(key: str, label: str, value: str, note: str = '') -> None:
    with ui.card().props('flat bordered').classes('gap-0 q-pa-sm').mark(f'tile-{key}'):
        with ui.row().classes('w-full items-center no-wrap gap-1'):
            ui.label(label).classes('text-caption text-grey-8')
            ui.space()
            with ui.icon('help_outline', size='16px').classes('text-grey-6 cursor-pointer') as help_icon:
                ui.tooltip(DEFINITIONS[key]).classes('text-body2').style('max-width: 20rem')
            help_icon.props['aria-label'] = f'What {label} counts'
        ui.label(value).classes('text-h6 text-weight-medium').mark(f'value-{key}')
        if note:
            ui.label(note).classes('text-caption text-grey-7')


def _branch_table(figures: ClinicFigures) -> None:
    rows = [_branch_cells(branch) for branch in (*figures.branches, figures.together)]
    ui.table(columns=BRANCH_COLUMNS, rows=rows, row_key='branch').props('flat bordered dense wrap-cells') \
        .classes('w-full').mark('branch-figures')


def _branch_cells(branch: BranchFigures) -> dict[str, Any]:
    return {'branch': branch.branch_name, 'billed': format_money(branch.billed),
            'collected': format_money(branch.collected), 'dues': format_money(branch.dues),
            'patients': branch.new_patients, 'appointments': branch.appointment_count,
            'no_show': rate_text(branch.no_show_rate), 'utilisation': rate_text(branch.utilisation)}


def _listed_cells(row: ListedRow) -> dict[str, Any]:
    when = clinic_time(row.when) if isinstance(row.when, datetime) else clinic_date(row.when)
    return {'id': row.id, 'when': when, 'patient': row.patient, 'detail': row.detail,
            'amount': format_money(row.amount) if row.amount is not None else '', 'branch': row.branch}


def _bucket_label(bucket: str) -> str:
    """'2026-12-07' as '07 Dec', '2026-12' as 'Dec 2026'."""
    day = date.fromisoformat(bucket if len(bucket) > 7 else f'{bucket}-01')
    return f'{day:%d %b}' if len(bucket) > 7 else f'{day:%b %Y}'


def _charts(figures: BranchFigures, period: Period, open_list: OpenList, *, dark: bool) -> None:
    with ui.element('div').classes('w-full grid gap-3') \
            .style('grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr))'):
        draw = partial(_chart, dark=dark, open_list=open_list)
        buckets = period.buckets()
        money = bool(figures.billed_over_time or figures.collected_over_time)
        draw('Revenue and collections over time', 'over-time', DEFINITIONS['over_time'], {
            **_over_time(buckets), 'legend': {'bottom': 0},
            'series': [{'type': 'line', 'name': name, 'smooth': True,
                        'data': [float(series.get(bucket, 0)) for bucket in buckets] if money else []}
                       for name, series in (('Billed', figures.billed_over_time),
                                            ('Collected', figures.collected_over_time))]},
             behind=lambda series, point: (FigureList.BILLED_ON if series == 0 else FigureList.COLLECTED_ON,
                                           buckets[point]) if 0 <= point < len(buckets) else None)
        held = [status for status in AppointmentStatus
                if any(status in counts for counts in figures.appointments_over_time.values())]
        draw('Appointments by status over time', 'appointments-over-time', DEFINITIONS['appointments_over_time'], {
            **_over_time(buckets), 'legend': {'bottom': 0, 'type': 'scroll'},
            'series': [{'type': 'bar', 'stack': 'held', 'name': STATUS_LABELS[status],
                        'data': [figures.appointments_over_time.get(bucket, {}).get(status, 0) for bucket in buckets]}
                       for status in held]},
             behind=lambda series, point: (FigureList.APPOINTMENTS_ON, f'{held[series].value}/{buckets[point]}')
             if 0 <= series < len(held) and 0 <= point < len(buckets) else None)
        modes = [mode for mode, amount in figures.collected_by_mode.items() if amount]
        draw('Collections by mode', 'collections', DEFINITIONS['collected'], {
            'tooltip': {'trigger': 'item'},
            'legend': {'bottom': 0},
            'series': [{'type': 'pie', 'radius': ['40%', '70%'], 'name': 'Collected',
                        'data': [{'name': MODE_LABELS[mode], 'value': float(amount)}
                                 for mode, amount in figures.collected_by_mode.items() if amount]}]},
             behind=_by_point(FigureList.COLLECTIONS, [mode.value for mode in modes]))
        statuses = list(figures.appointments)
        draw('Appointments by status', 'appointments', DEFINITIONS['appointments'], _bars(
            [STATUS_LABELS[status] for status in statuses], [figures.appointments[status] for status in statuses],
            horizontal=True, name='Appointments'),
            behind=_by_point(FigureList.APPOINTMENTS, [status.value for status in statuses]))
        uses = [use for use in figures.clinicians if use.working_minutes or use.booked_minutes]
        draw('Utilisation per clinician', 'utilisation', DEFINITIONS['utilisation'], _bars(
            [use.name for use in uses], [float(use.utilisation or 0) for use in uses], unit=' %', horizontal=True),
            behind=_by_point(FigureList.CLINICIAN, [str(use.clinician_id) for use in uses]))
        sources = figures.sources[:8]
        draw('Inquiries by source', 'sources', DEFINITIONS['conversion'], {
            **_bars([source.source for source in sources], [source.inquiries for source in sources],
                    horizontal=True, name='Inquiries'),
            'series': [{'type': 'bar', 'name': 'Inquiries', 'data': [source.inquiries for source in sources]},
                       {'type': 'bar', 'name': 'Registered', 'data': [source.registered for source in sources]}],
            'legend': {'bottom': 0}}, behind=_by_point(FigureList.SOURCE, [source.source for source in sources]))
        complaints = [(complaint, count) for complaint, count in figures.complaints.items() if count]
        draw('Chief complaints', 'complaints', DEFINITIONS['complaints'], _bars(
            [COMPLAINT_LABELS[complaint] for complaint, _ in complaints], [count for _, count in complaints],
            horizontal=True, name='Consultations'),
            behind=_by_point(FigureList.COMPLAINT, [complaint.value for complaint, _ in complaints]))
        inquiries, registered, treated = figures.funnel
        draw('Inquiry funnel', 'funnel', DEFINITIONS['funnel'], {
            'tooltip': {'trigger': 'item'},
            'series': [{'type': 'funnel', 'name': 'Inquiries', 'left': '10%', 'width': '80%', 'sort': 'none',
                        'label': {'position': 'inside', 'formatter': '{b}: {c}'},
                        'data': [{'name': 'Inquiries', 'value': inquiries},
                                 {'name': 'Registered', 'value': registered},
                                 {'name': 'Started a plan', 'value': treated}] if inquiries else []}]},
             behind=_by_point(FigureList.FUNNEL, list(FUNNEL_STAGES)))
        changes = list(figures.outcomes)
        draw('Outcome improvement', 'outcomes', DEFINITIONS['outcomes'], _bars(
            [INSTRUMENT_NAMES[change.instrument] for change in changes],
            [float(change.reached_rate or 0) for change in changes], unit=' %', name='Reaching the MCID'),
            behind=_by_point(FigureList.OUTCOME, [change.instrument.value for change in changes]))


def _by_point(kind: FigureList, keys: list[str]) -> Behind:
    """A chart of one series: each bar or slice opens the list of its key."""
    return lambda _series, point: (kind, keys[point]) if 0 <= point < len(keys) else None


def _over_time(buckets: list[str]) -> dict[str, Any]:
    """The axes of a chart over the period's days or months (ECharts leaves out labels that would overlap)."""
    return {'tooltip': {'trigger': 'axis'}, 'grid': {'left': 8, 'right': 16, 'top': 16, 'bottom': 40,
                                                     'containLabel': True},
            'xAxis': {'type': 'category', 'data': [_bucket_label(bucket) for bucket in buckets]},
            'yAxis': {'type': 'value'}}


def _bars(names: list[str], values: list[Any], *, unit: str = '', horizontal: bool = False,
          name: str = '') -> dict[str, Any]:
    categories = {'type': 'category', 'data': names, 'inverse': horizontal,  # the first at the top
                  'axisLabel': {'width': 120, 'overflow': 'truncate', 'interval': 0}}
    amounts = {'type': 'value', 'axisLabel': {'formatter': '{value}' + unit}}
    return {'tooltip': {'trigger': 'axis'}, 'grid': {'left': 8, 'right': 16, 'top': 16, 'bottom': 32,
                                                     'containLabel': True},
            'xAxis': amounts if horizontal else categories, 'yAxis': categories if horizontal else amounts,
            'series': [{'type': 'bar', 'name': name, 'data': values}]}


def _chart(title: str, key: str, definition: str, options: dict[str, Any], *, behind: Behind, open_list: OpenList,
           dark: bool = False) -> None:
    """A chart in its card; a tap on a bar, a point or a slice opens the rows `behind` it names."""
    with ui.card().props('flat bordered').classes('min-w-0').mark(f'chart-{key}'):
        ui.label(title).classes('text-subtitle1 text-weight-medium')
        empty = not any(series.get('data') for series in options.get('series', []))
        if empty:
            ui.label('Nothing in this period.').classes('text-grey-7').mark(f'chart-{key}-empty')
        else:
            bars = len(options['yAxis'].get('data', [])) if isinstance(options.get('yAxis'), dict) else 0
            height = max(240, 24 * bars + 70)  # a row a name, however many clinicians or sources
            chart = themed_chart(options, dark=dark).classes('w-full').mark(f'echart-{key}')
            chart.style['height'] = f'{height}px'

            async def tapped(event: EChartPointClickEventArguments) -> None:
                found = behind(event.series_index, event.data_index)
                if found is not None:
                    shown = f'{event.series_name}, {event.name}' if len(options['series']) > 1 else event.name
                    await open_list(*found, f'{title}: {shown}')

            chart.on_point_click(tapped)
            chart.classes('cursor-pointer')
        ui.label(definition).classes('text-caption text-grey-7')
