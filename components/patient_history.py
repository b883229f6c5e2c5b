"""The medical history section: conditions, surgeries, medications, allergies, red flags, and diagnoses."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import DomainError
from app.services import medical_history
from app.services.medical_history import HISTORY_FIELDS, DiagnosisView
from app.services.patient_lookup import PatientRef
from components.dialogs import FormDialog, fill_width
from components.forms import FormErrors
from components.guard import guarded_action
from components.live import on_change
from components.patient_sections import patient_section
from components.when import clinic_day, clinic_time
from models.clinical import DiagnosisStatus

Refresh = Callable[[Actor], Awaitable[None]]


@patient_section('history', title='Medical history', permission=Permission.NOTES_VIEW, order=300,
                 icon='medical_information', tab='History')
async def history_section(actor: Actor, patient: PatientRef) -> None:
    history = await medical_history.get_history(actor=actor, patient_uid=patient.uid)
    can_write = actor.can(Permission.NOTES_WRITE)
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

    @guarded_action(Permission.NOTES_WRITE)
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
                _diagnosis_row(row, refresh, can_write=current.can(Permission.NOTES_WRITE))

    await refresh(actor)
    # The diagnoses only: the history form above may be half typed, so it is never redrawn by itself.
    on_change([EntityType.DIAGNOSIS], refresh, permission=Permission.NOTES_VIEW, patient_uid=patient.uid)
    if not actor.can(Permission.NOTES_WRITE):
        return
    form = FormErrors()

    @guarded_action(Permission.NOTES_WRITE)
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


def _diagnosis_row(row: DiagnosisView, refresh: Refresh, *, can_write: bool) -> None:
    """One diagnosis: resolved ones greyed, those entered in error struck through with the reason."""
    in_error = row.status is DiagnosisStatus.ENTERED_IN_ERROR
    code = f' ({row.code})' if row.code else ''
    with ui.row().classes('w-full items-center gap-x-2 gap-y-0 wrap').mark(f'diagnosis-{row.status.value}'):
        with ui.column().classes('grow min-w-0 gap-0'):
            text = ui.label(f'{row.description}{code} · {clinic_time(row.created_at)}') \
                .style('overflow-wrap: anywhere')
            if row.status is not DiagnosisStatus.ACTIVE:
                text.classes('text-grey-7')
            if in_error:
                text.style('text-decoration: line-through')
            if row.status_changed_at:
                ui.label(_status_line(row)).classes(f'text-caption {"text-negative" if in_error else "text-grey-8"}') \
                    .style('overflow-wrap: anywhere').mark('diagnosis-status')
        if not can_write or in_error:
            return

        resolving = row.status is DiagnosisStatus.ACTIVE

        @guarded_action(Permission.NOTES_WRITE)
        async def change_status(current: Actor) -> None:
            change = medical_history.resolve_diagnosis if resolving else medical_history.reactivate_diagnosis
            try:
                await change(actor=current, diagnosis_id=row.id)
            except DomainError as error:
                ui.notify(error.message, type='negative')
                return
            ui.notify(f'"{row.description}" is now {"resolved" if resolving else "active"}.', type='positive')
            await refresh(current)

        if resolving:
            ui.button('Resolve', icon='check_circle', on_click=change_status).props('flat') \
                .mark('diagnosis-resolve', f'diagnosis-resolve-{row.id}')
        else:
            ui.button('Active again', icon='replay', on_click=change_status).props('flat') \
                .mark('diagnosis-reactivate', f'diagnosis-reactivate-{row.id}')
        ui.button('Entered in error', icon='block', color='negative',
                  on_click=lambda: _error_dialog(row, refresh)).props('flat') \
            .mark('diagnosis-error', f'diagnosis-error-{row.id}')


def _status_line(row: DiagnosisView) -> str:
    """Like 'Resolved 24 Nov 2026 by Asha Rao'."""
    when = clinic_day(row.status_changed_at)
    by = f' by {row.status_changed_by}' if row.status_changed_by else ''
    if row.status is DiagnosisStatus.ENTERED_IN_ERROR:
        return f'Entered in error {when}{by}: {row.error_reason}'
    return f'{"Active again" if row.status is DiagnosisStatus.ACTIVE else row.status_label} {when}{by}'


def _error_dialog(row: DiagnosisView, refresh: Refresh) -> None:
    @guarded_action(Permission.NOTES_WRITE)
    async def submit(current: Actor) -> None:
        await dialog.attempt(
            lambda: medical_history.mark_diagnosis_in_error(actor=current, diagnosis_id=row.id,
                                                            reason=reason.value or ''),
            done=f'"{row.description}" has been marked entered in error.',
            then=lambda _: refresh(current))

    with ui.context.client.content:  # not inside the listing, which a refresh redraws
        dialog = FormDialog('Diagnosis entered in error', submit_label='Mark entered in error', on_submit=submit,
                            submit_color='negative',
                            text=f'"{row.description}" stays in the record, struck through, with your reason. '
                                 'It cannot be changed afterwards.')
    with dialog.body:
        reason = dialog.form.add('error_reason', ui.textarea('Reason').props('autogrow counter maxlength=300')) \
            .mark('diagnosis-error-reason')
    fill_width(dialog)
