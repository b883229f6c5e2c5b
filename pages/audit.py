"""The audit trail (`/audit`): filter, page through and export events, and verify the chain."""

from __future__ import annotations

from typing import Any

from nicegui import events, ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import DomainError
from app.services import audit_trail
from components.date_input import DateInput
from components.forms import FormErrors
from components.frame import frame
from components.guard import guarded_action, guarded_page
from components.tables import clamp_cells, column, show_row_on_tap
from components.when import clinic_time

# Narrow tables drop where the event came from, then its patient and detail, and long changes are cut to three lines;
# a tap on a row shows the whole event.
COLUMNS = [
    column('time', 'Time', sortable=True, nowrap=True),
    column('user', 'User', sortable=True, wrap='9rem'),
    column('action', 'Action', sortable=True),
    column('entity', 'Record', wrap='10rem', lines=2),
    column('patient', 'Patient', nowrap=True, hide_below=760),
    column('outcome', 'Outcome', sortable=True),
    column('changes', 'Changes', wrap='28rem', lines=3),
    column('detail', 'Detail', wrap='12rem', lines=3, hide_below=760),
    column('origin', 'From', wrap='12rem', hide_below=1040),
]


def _row(event: Any) -> dict[str, Any]:
    device = event.user_agent if len(event.user_agent) <= 40 else event.user_agent[:39] + '…'
    return {
        'seq': event.seq,
        'time': clinic_time(event.occurred_at, seconds=True),
        'user': f'{event.username} ({event.role})' if event.role else event.username or '—',
        'action': event.action,
        'entity': f'{event.entity_type} #{event.entity_id}' if event.entity_id else event.entity_type,
        'patient': event.patient_id or '',
        'outcome': event.outcome,
        'changes': audit_trail.changes_summary(event.changes),
        'detail': event.detail,
        'origin': ' · '.join(part for part in (event.client_ip, device) if part),
    }


@guarded_page('/audit', permission=Permission.AUDIT_VIEW, title='Audit trail', nav_label='Audit trail',
              nav_icon='policy', nav_order=90)
async def audit_page(actor: Actor) -> None:
    state: dict[str, Any] = {'page': 1, 'per_page': 50, 'sort': 'time', 'descending': True}
    form = FormErrors()

    def filters() -> audit_trail.EventFilter:
        return audit_trail.EventFilter(
            date_from=date_from.date, date_to=date_to.date, username=username.value or '',
            action=action.value or '', patient_id=patient.value or '', entity_type=entity_type.value or '',
            entity_id=entity_id.value or '', outcome=outcome.value or '')

    async def load(current: Actor) -> None:
        form.clear()
        try:
            page = await audit_trail.search_events(actor=current, filters=filters(), page=state['page'],
                                                   per_page=state['per_page'], sort=state['sort'],
                                                   descending=state['descending'])
        except DomainError as error:
            form.show(error)
            return
        state['page'] = page.page
        table.rows = [_row(event) for event in page.rows]
        table.pagination = {'page': page.page, 'rowsPerPage': page.per_page, 'rowsNumber': page.total,
                            'sortBy': state['sort'], 'descending': state['descending']}
        found.text = f'{page.total:,}+ events: narrow the filters or dates to page further back' if page.more \
            else f'{page.total:,} event{"s" if page.total != 1 else ""}'

    @guarded_action(Permission.AUDIT_VIEW)
    async def apply(current: Actor) -> None:
        state['page'] = 1
        await load(current)

    @guarded_action(Permission.AUDIT_VIEW)
    async def clear(current: Actor) -> None:
        for element in (date_from, date_to, username, action, patient, entity_type, entity_id, outcome):
            element.value = None if isinstance(element, ui.select) else ''
        state['page'] = 1
        await load(current)

    @guarded_action(Permission.AUDIT_VIEW)
    async def requested(current: Actor, event: events.GenericEventArguments) -> None:
        pagination = event.args.get('pagination', {}) if isinstance(event.args, dict) else {}
        state['page'] = int(pagination.get('page') or 1)
        state['per_page'] = int(pagination.get('rowsPerPage') or 50)
        state['sort'] = pagination.get('sortBy') or 'time'
        state['descending'] = bool(pagination.get('descending', True))
        await load(current)

    @guarded_action(Permission.AUDIT_VIEW)
    async def export(current: Actor) -> None:
        try:
            exported = await audit_trail.export_csv(actor=current, filters=filters())
        except DomainError as error:
            form.show(error)
            return
        ui.download.content(exported.content, exported.filename, 'text/csv')
        note = ' (only the newest ones: narrow the filters for the rest)' if exported.truncated else ''
        ui.notify(f'{exported.rows:,} events exported{note}.', type='positive')

    @guarded_action(Permission.AUDIT_VIEW)
    async def verify(current: Actor) -> None:
        verify_button.disable()
        result.text = 'Checking the chain…'
        result.classes(replace='text-body2')

        def progress(checked: int) -> None:
            result.text = f'Checking the chain… {checked:,} events so far'

        try:
            report = await audit_trail.verify(actor=current, progress=progress)
        finally:
            verify_button.enable()
        result.text = report.sentence()
        if report.anchor:
            result.text += (f' Anchor of the newest event: {report.anchor}. Write it down or send it away from this '
                            'machine: `prospine audit verify --anchor` later proves that the trail still holds it.')
        result.classes(replace='text-body2 ' + ('text-positive' if report.ok else 'text-negative text-weight-bold'))

    with frame(actor, 'Audit trail'):
        with ui.row().classes('w-full items-end gap-2'):
            date_from = form.add('date_from', DateInput('From').props('outlined dense').classes('w-44'))
            date_to = form.add('date_to', DateInput('To').props('outlined dense').classes('w-44'))
            username = form.add('username', ui.input('Username').props('outlined dense clearable'))
            action = form.add('action', ui.select(audit_trail.action_options(), label='Action', clearable=True)
                              .props('outlined dense').classes('min-w-40'))
            outcome = form.add('outcome', ui.select(audit_trail.outcome_options(), label='Outcome', clearable=True)
                               .props('outlined dense').classes('min-w-32'))
            patient = form.add('patient_id', ui.input('Patient').props('outlined dense clearable'))
            entity_type = form.add('entity_type', ui.input('Record type').props('outlined dense clearable'))
            entity_id = form.add('entity_id', ui.input('Record id').props('outlined dense clearable'))
        with ui.row().classes('items-center gap-2'):
            ui.button('Show', icon='filter_alt', on_click=apply).mark('apply')
            ui.button('Clear filters', icon='filter_alt_off', on_click=clear).props('outline').mark('clear')
            ui.button('Export CSV', icon='download', on_click=export).props('outline').mark('export')
            verify_button = ui.button('Verify', icon='verified', on_click=verify).props('outline').mark('verify')
            found = ui.label('').classes('text-body2 text-grey-7').mark('found')
        result = ui.label('').classes('text-body2').mark('verify-result')
        table = ui.table(columns=COLUMNS, rows=[], row_key='seq',
                         pagination={'page': 1, 'rowsPerPage': 50, 'rowsNumber': 0, 'sortBy': 'time',
                                     'descending': True}) \
            .classes('w-full').props('flat bordered wrap-cells :rows-per-page-options="[25, 50, 100]"') \
            .mark('events')
        table.on('request', requested)
        clamp_cells(table)
        show_row_on_tap(table, 'Audit event')
        ui.label('Tap an event to see all of it. Events cannot be changed or deleted. '
                 'Times are in the clinic\'s time zone.') \
            .classes('text-caption text-grey-7')
        await load(actor)
