"""The reports (`/reports`), and a report laid out for the printer (`/reports/print?kind=&from=&to=&branch=`)."""

from __future__ import annotations

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.dates import parse_date
from app.errors import DomainError, ValidationFailed
from app.services import reports
from app.services.branches import branch_choices
from app.services.reports import ReportKind
from components.frame import frame
from components.guard import guarded_page
from components.reports_screen import ReportsScreen, cells_of, report_columns, totals_text

PRINT_CSS = """
@page { size: A4 landscape; margin: 10mm; }
@media print { .no-print { display: none !important; } body { background: #fff; } .q-table__bottom { display: none; } }
"""


@guarded_page('/reports', permission=Permission.REPORTS_VIEW, title='Reports', nav_label='Reports',
              nav_icon='summarize', nav_order=50)
async def reports_page(actor: Actor, kind: str = '') -> None:
    branches = await branch_choices(actor=actor)
    chosen = ReportKind(kind) if kind in set(ReportKind) else ReportKind.REGISTRATIONS
    with frame(actor, 'Reports'):
        screen = ReportsScreen(actor, branches=branches, kind=chosen)
        await screen.redraw(actor)


@guarded_page('/reports/print', permission=Permission.REPORTS_VIEW, title='Report for printing',
              example_path='/reports/print?kind=payments')
async def report_print_page(actor: Actor, kind: str = '', branch: str = '') -> None:
    ui.add_css(PRINT_CSS)
    query = ui.context.client.request.query_params
    try:
        printed = await reports.report_print(actor=actor, kind=kind, first_day=parse_date(query.get('from')),
                                             last_day=parse_date(query.get('to')),
                                             branch_id=int(branch) if branch.strip() else None)
    except ValueError:
        ui.label('Give the days as DD/MM/YYYY and the branch as its number.').classes('text-h6').mark('refused')
        return
    except ValidationFailed as refused:
        ui.label(' '.join(refused.field_errors.values()) or refused.message).classes('text-h6').mark('refused')
        return
    except DomainError as refused:
        ui.context.client.status_code = 404
        ui.label(refused.message).classes('text-h6').mark('refused')
        return
    ui.label(printed.spec.title).classes('text-h5')
    ui.label(printed.scope.label).classes('text-subtitle1').mark('print-scope')
    if printed.rows is None:
        ui.label(f'This report has {printed.total:,} rows, more than the {reports.PRINT_LIMIT:,} a printout holds. '
                 'Narrow the range, or export it to Excel and print from there.').classes('text-body1') \
            .mark('print-too-long')
        return
    ui.label(totals_text(printed)).classes('text-subtitle2').mark('print-totals')
    columns = report_columns(printed.spec.columns, branches=len(printed.scope.branch_ids) > 1)
    ui.table(columns=columns, rows=[cells_of(numbered, printed.spec.columns) for numbered in enumerate(printed.rows)],
             row_key='id', pagination=0).props('flat bordered dense wrap-cells').classes('w-full') \
        .mark('print-table')
    with ui.row().classes('no-print w-full justify-center q-mt-md'):
        ui.button('Print', icon='print', on_click=lambda: ui.run_javascript('window.print()')).mark('print')
