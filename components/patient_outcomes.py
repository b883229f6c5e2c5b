"""The "Outcome measures" section: record pain, ODI and NDI at a visit; trend charts and the change so far."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import clinic_today
from app.services import outcomes
from app.services.outcome_scoring import INSTRUMENT_NAMES, OPTION_LABELS, SECTION_LABELS, SECTIONS, score_text
from app.services.paging import RECORD_PAGE_SIZES, RECORD_PER_PAGE, Page
from app.services.patient_lookup import PatientRef
from components.date_input import DateInput
from components.dialogs import FormDialog, fill_width
from components.guard import guarded_action
from components.patient_sections import patient_section
from components.server_table import ServerTable
from components.tables import column
from components.when import clinic_date

PAIN_OPTIONS = {value: str(value) for value in range(11)}
SECTION_OPTIONS = dict(enumerate(OPTION_LABELS))
BUTTONS = ((outcomes.Instrument.NPRS, 'Record pain'), (outcomes.Instrument.ODI, 'Record ODI'),
           (outcomes.Instrument.NDI, 'Record NDI'))


@patient_section('outcomes', title='Outcome measures', permission=Permission.NOTES_VIEW, order=700,
                 icon='show_chart', tab='Outcomes')
async def outcomes_section(actor: Actor, patient: PatientRef) -> None:
    host = ui.element('div')  # dialogs live here, outside what a redraw clears
    box = ui.column().classes('w-full gap-3 min-w-0')

    async def read(current: Actor, page: int, per_page: int) -> Page[outcomes.OutcomeRow]:
        return await outcomes.list_outcomes(actor=current, patient_id=patient.id, page=page, per_page=per_page)

    async def draw(current: Actor) -> None:
        trends = await outcomes.patient_trends(actor=current, patient_id=patient.id)
        box.clear()
        with box:
            if current.can(Permission.NOTES_WRITE):
                with ui.row().classes('gap-2 flex-wrap'):
                    for instrument, label in BUTTONS:
                        ui.button(label, icon='add_chart',
                                  on_click=lambda _, chosen=instrument: _record_dialog(host, patient, chosen, draw)) \
                            .props('outline').mark(f'record-{instrument.value}')
            if not trends:
                ui.label('No outcome measures recorded yet.').classes('text-grey-7').mark('no-outcomes')
            for trend in trends:
                _trend(trend)
        if trends:
            await listing.refresh(current)
        listing.table.set_visibility(bool(trends))

    listing = ServerTable(COLUMNS, read=read, shown=_table_row, permission=Permission.NOTES_VIEW,
                          sizes=RECORD_PAGE_SIZES, per_page=RECORD_PER_PAGE, selectable=False)
    listing.table.mark('outcome-records')
    await draw(actor)


COLUMNS = [column('recorded_on', 'Visit', nowrap=True), column('measure', 'Measure', wrap='12rem'),
           column('score', 'Score', nowrap=True), column('by', 'Recorded by', wrap='10rem', hide_below=600)]


def _table_row(row: outcomes.OutcomeRow) -> dict[str, Any]:
    return {'id': str(row.id), 'recorded_on': clinic_date(row.recorded_on), 'measure': INSTRUMENT_NAMES[row.instrument],
            'score': score_text(row.instrument, row.score) or 'not scored (too many blank sections)',
            'by': row.recorded_by}


def _trend(trend: outcomes.Trend) -> None:
    with ui.card().classes('w-full min-w-0').props('flat bordered').mark(f'trend-{trend.instrument.value}'):
        ui.label(trend.title).classes('text-subtitle1 text-weight-medium')
        if trend.change is not None:
            colour = 'text-positive' if trend.change.passes else 'text-grey-8'
            ui.label(trend.change.sentence()).classes(colour).mark(f'change-{trend.instrument.value}')
        else:
            ui.label('Record a later visit to see the change since the first.').classes('text-grey-7')
        scored = [point for point in trend.points if point.score is not None]
        if scored:
            ui.echart(_chart(trend.instrument, scored)).classes('w-full').style('height: 220px') \
                .mark(f'chart-{trend.instrument.value}')


def _chart(instrument: outcomes.Instrument, points: list[outcomes.TrendPoint]) -> dict[str, Any]:
    top = 10 if instrument is outcomes.Instrument.NPRS else 100
    return {
        'grid': {'left': 40, 'right': 16, 'top': 16, 'bottom': 28},
        'tooltip': {'trigger': 'axis'},
        'xAxis': {'type': 'category', 'data': [clinic_date(point.recorded_on) for point in points]},
        'yAxis': {'type': 'value', 'min': 0, 'max': top},
        'series': [{'type': 'line', 'name': INSTRUMENT_NAMES[instrument], 'data': [float(point.score or 0)
                                                                                    for point in points]}],
    }


def _record_dialog(host: ui.element, patient: PatientRef, instrument: outcomes.Instrument, redraw: Any) -> None:
    fields: dict[str, Any] = {}

    @guarded_action(Permission.NOTES_WRITE)
    async def save(current: Actor) -> None:
        answers: Any = fields['pain'].value if instrument is outcomes.Instrument.NPRS else \
            [fields[f'section_{number}'].value for number in range(1, SECTIONS + 1)]

        def done(row: outcomes.OutcomeRow) -> str:
            shown = 'saved without a score: too many sections left blank' if row.score is None else \
                f'saved: {score_text(instrument, row.score)}'
            return f'{INSTRUMENT_NAMES[instrument]} {shown}.'

        await dialog.attempt(lambda: outcomes.record_outcome(actor=current, patient_id=patient.id,
                                                             instrument=instrument, answers=answers,
                                                             recorded_on=fields['recorded_on'].date),
                             done=done, then=lambda _: redraw(current))

    text = '' if instrument is outcomes.Instrument.NPRS else \
        'Score each section 0-5 as the patient marked it; leave a section blank if they skipped it.'
    with host:
        dialog = FormDialog(f'Record {INSTRUMENT_NAMES[instrument]}', submit_label='Save', on_submit=save,
                            text=text)
    with dialog.body:
        today = clinic_today()
        fields['recorded_on'] = dialog.form.add('recorded_on', DateInput(
            'Visit date', value=today, max=today, max_message='The visit date cannot be in the future.'))
        if instrument is outcomes.Instrument.NPRS:
            fields['pain'] = dialog.form.add('pain', ui.select(PAIN_OPTIONS, label='Pain now: 0 = none, 10 = worst '
                                                                                  'imaginable'))
        else:
            for number, label in enumerate(SECTION_LABELS[instrument], start=1):
                fields[f'section_{number}'] = dialog.form.add(
                    f'section_{number}', ui.select(SECTION_OPTIONS, label=f'{number}. {label}', clearable=True))
    fill_width(dialog)
