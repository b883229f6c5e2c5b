"""The medical history section: conditions, surgeries, medications, allergies, red flags, and diagnoses."""

from __future__ import annotations

from nicegui import ui

from app.auth.actor import Actor
from app.auth.guard import guarded_action
from app.auth.permissions import NOTES_VIEW, NOTES_WRITE
from app.errors import DomainError
from app.services import medical_history
from app.services.medical_history import HISTORY_FIELDS
from app.services.patient_lookup import PatientRef
from components.forms import FormErrors
from components.patient_sections import patient_section
from components.when import clinic_time


@patient_section('history', title='Medical history', permission=NOTES_VIEW, order=300)
async def history_section(actor: Actor, patient: PatientRef) -> None:
    history = await medical_history.get_history(actor=actor, patient_uid=patient.uid)
    can_write = actor.can(NOTES_WRITE)
    form = FormErrors()
    if history.red_flags:
        with ui.row().classes('w-full items-center gap-2 bg-red-1 q-pa-sm rounded-borders').mark('red-flags'):
            ui.icon('warning', color='negative')
            ui.label(f'Red flags: {history.red_flags}').classes('text-negative text-weight-medium') \
                .style('white-space: pre-wrap; overflow-wrap: anywhere')
    areas = {}
    with ui.grid().classes('w-full gap-2').style('grid-template-columns: repeat(auto-fit, minmax(260px, 1fr))'):
        for name, label in HISTORY_FIELDS.items():
            area = ui.textarea(label, value=getattr(history, name)).props('outlined autogrow').classes('w-full')
            if not can_write:
                area.props('readonly')
            areas[name] = form.add(name, area).mark(f'history-{name}')
    status = ui.label(f'Last updated {clinic_time(history.updated_at)}' if history.updated_at else
                      'No medical history taken yet.').classes('text-caption text-grey-8')

    @guarded_action(NOTES_WRITE)
    async def save(current: Actor) -> None:
        form.clear()
        try:
            saved = await medical_history.save_history(actor=current, patient_uid=patient.uid,
                                                       **{name: areas[name].value or '' for name in HISTORY_FIELDS})
        except DomainError as error:
            form.show(error)
            return
        status.set_text(f'Last updated {clinic_time(saved.updated_at)}')
        ui.notify('The medical history has been saved.', type='positive')

    if can_write:
        ui.button('Save history', icon='save', on_click=save).mark('history-save')
    await _diagnoses(actor, patient)


async def _diagnoses(actor: Actor, patient: PatientRef) -> None:
    ui.label('Diagnoses').classes('text-subtitle1 q-mt-md')
    listing = ui.column().classes('w-full gap-1').mark('diagnoses')

    async def refresh(current: Actor) -> None:
        rows = await medical_history.list_diagnoses(actor=current, patient_uid=patient.uid)
        listing.clear()
        with listing:
            if not rows:
                ui.label('No diagnoses recorded.').classes('text-grey-7')
            for row in rows:
                code = f' ({row.code})' if row.code else ''
                ui.label(f'{row.description}{code} · {clinic_time(row.created_at)}') \
                    .style('overflow-wrap: anywhere')

    await refresh(actor)
    if not actor.can(NOTES_WRITE):
        return
    form = FormErrors()

    @guarded_action(NOTES_WRITE)
    async def add(current: Actor) -> None:
        form.clear()
        try:
            await medical_history.add_diagnosis(actor=current, patient_uid=patient.uid,
                                                description=description.value or '', code=code.value or '')
        except DomainError as error:
            form.show(error)
            return
        description.value = code.value = ''
        ui.notify('The diagnosis has been added.', type='positive')
        await refresh(current)

    with ui.row().classes('w-full items-start gap-2 wrap'):
        description = form.add('description', ui.input('Diagnosis').props('outlined').classes('grow')) \
            .mark('diagnosis-description')
        code = form.add('code', ui.input('Code (optional)').props('outlined').classes('w-32')).mark('diagnosis-code')
        ui.button('Add diagnosis', icon='add', on_click=add).props('outline').mark('diagnosis-add')
