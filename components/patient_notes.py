"""The clinical notes section: every note with its versions and status; write, autosave, sign, amend, co-sign."""

from __future__ import annotations

import contextlib
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import events, ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import DomainError
from app.services import clinical_notes
from app.services.clinical_notes import SOAP, SOAP_LABELS, NoteView
from app.services.paging import RECORD_PAGE_SIZES, RECORD_PER_PAGE, Page
from app.services.patient_lookup import PatientRef
from app.services.vocabulary import SERVICE_LABELS
from components.dialogs import FormDialog
from components.forms import FormErrors
from components.guard import guarded_action
from components.live import on_change
from components.patient_sections import patient_section
from components.server_table import ServerTable
from components.tables import column
from components.when import clinic_time
from models.clinic import Service
from models.clinical import NoteStatus

AUTOSAVE_SECONDS = 1.5  # quiet time after the last keystroke before the draft is saved
_STATUS_COLORS = {NoteStatus.DRAFT: 'grey-7', NoteStatus.AWAITING_COSIGN: 'orange-9', NoteStatus.SIGNED: 'positive'}

Refresh = Callable[[Actor], Awaitable[None]]


@patient_section('notes', title='Clinical notes', permission=Permission.NOTES_VIEW, order=400,
                 icon='edit_note', tab='Notes')
async def notes_section(actor: Actor, patient: PatientRef) -> None:
    async def read(current: Actor, page: int, per_page: int) -> Page[NoteView]:
        return await clinical_notes.list_notes(actor=current, patient_uid=patient.uid, page=page, per_page=per_page)

    async def refresh(current: Actor) -> None:
        found = await listing.refresh(current)
        empty.set_visibility(not found.total)
        listing.table.set_visibility(bool(found.total))

    @guarded_action(Permission.NOTES_VIEW)
    async def tapped(current: Actor, event: events.GenericEventArguments) -> None:
        key = event.args[1].get('id') if len(event.args) > 1 and isinstance(event.args[1], dict) else None
        if (note := listing.records.get(str(key))) is not None:
            _note_dialog(current, note, refresh)

    if actor.can(Permission.NOTES_WRITE):
        _new_note_bar(patient, refresh)
    listing = ServerTable(COLUMNS, read=read, shown=_table_row, permission=Permission.NOTES_VIEW,
                          sizes=RECORD_PAGE_SIZES, per_page=RECORD_PER_PAGE, selectable=False)
    listing.table.classes('cursor-pointer').mark('notes')
    listing.table.on('rowClick', tapped, [[], ['id'], None])
    empty = ui.label('No clinical notes yet.').classes('text-grey-7').mark('no-notes')
    ui.label('Tap a note to read it in full, continue, sign, co-sign or amend it.') \
        .classes('text-caption text-grey-7').bind_visibility_from(listing.table, 'visible')
    await refresh(actor)
    # Written, signed or co-signed elsewhere: the page is read again; an open editor (a dialog) is left alone.
    on_change([EntityType.CLINICAL_NOTE], refresh, permission=Permission.NOTES_VIEW, patient_uid=patient.uid)


COLUMNS = [column('written', 'Written', nowrap=True), column('service', 'Service', wrap='9rem', hide_below=760),
           column('status', 'Status', wrap='9rem'), column('author', 'By', wrap='10rem', hide_below=600),
           column('summary', 'Assessment', wrap='22rem', lines=2)]


def _table_row(note: NoteView) -> dict[str, Any]:
    status = note.status_label if note.version == 1 else f'{note.status_label} (version {note.version})'
    summary = next((text for text in (note.assessment, note.subjective, note.plan, note.objective) if text.strip()),
                   '')
    return {'id': str(note.id), 'written': clinic_time(note.created_at), 'service': note.discipline_label,
            'status': status, 'author': note.author_name, 'summary': summary}


def _new_note_bar(patient: PatientRef, refresh: Refresh) -> None:
    def template_options(discipline: Service) -> dict[str, str]:
        return {t.key: t.label for t in clinical_notes.templates_for(discipline)} | {'': 'Blank note'}

    @guarded_action(Permission.NOTES_WRITE)
    async def start(current: Actor) -> None:
        try:
            note = await clinical_notes.start_note(actor=current, patient_uid=patient.uid,
                                                   discipline=Service(discipline.value),
                                                   template_key=template.value or '')
        except DomainError as error:
            ui.notify(error.message, type='negative')
            return
        await refresh(current)
        open_editor(current, note, refresh)

    def discipline_changed() -> None:
        options = template_options(Service(discipline.value))
        template.set_options(options, value=next(iter(options)))

    with ui.row().classes('w-full items-center gap-2 wrap'):
        discipline = ui.select({d.value: label for d, label in SERVICE_LABELS.items()},
                               value=Service.PHYSIOTHERAPY.value, label='Service',
                               on_change=discipline_changed).props('outlined dense').classes('min-w-[180px]') \
            .mark('note-discipline')
        first = template_options(Service.PHYSIOTHERAPY)
        template = ui.select(first, value=next(iter(first)), label='Template').props('outlined dense') \
            .classes('min-w-[220px]').mark('note-template')
        ui.button('New note', icon='note_add', on_click=start).mark('new-note')


def _note_dialog(actor: Actor, note: NoteView, refresh: Refresh) -> None:
    """One note in full (its newest version), what the reader may do with it, and its earlier versions."""
    with ui.context.client.content, ui.dialog(value=True) as dialog, \
            ui.card().classes('w-full gap-1').style('max-width: 900px').mark(f'note-v{note.version}'):
        with ui.row().classes('w-full items-center gap-2 wrap'):
            ui.label(f'{note.discipline_label} note · version {note.version}').classes('text-h6')
            ui.badge(note.status_label, color=_STATUS_COLORS[note.status]).mark('note-status')
        _note_text(note)
        with ui.row().classes('w-full gap-2 wrap items-center'):
            mine = note.author_id == actor.user_id

            def then(action: Callable[[], Any]) -> Callable[[], Awaitable[None]]:
                async def run() -> None:  # the action first: its handler still has this dialog to run in
                    result = action()
                    if inspect.isawaitable(result):
                        await result
                    dialog.close()
                return run

            if note.status is NoteStatus.DRAFT and mine and actor.can(Permission.NOTES_WRITE):
                ui.button('Continue writing', icon='edit', on_click=then(lambda: open_editor(actor, note, refresh))) \
                    .props('outline').mark('note-edit')
            if note.status is NoteStatus.AWAITING_COSIGN and actor.can(Permission.NOTES_COSIGN) \
                    and note.author_id != actor.user_id:
                ui.button('Co-sign', icon='how_to_reg', on_click=then(lambda: _cosign(note, refresh))) \
                    .mark('note-cosign')
            if note.status is not NoteStatus.DRAFT and actor.can(Permission.NOTES_WRITE):
                ui.button('Amend', icon='history_edu', on_click=then(lambda: _amend_dialog(note, refresh))) \
                    .props('outline').mark('note-amend')
            ui.space()
            ui.button('Close', on_click=dialog.close).props('flat').mark('note-dialog-close')
        if note.version > 1:
            earlier = ui.column().classes('w-full gap-1')
            with earlier:
                ui.button('Show earlier versions', icon='history', on_click=lambda: _earlier(note, earlier)) \
                    .props('flat').mark('note-earlier')
    dialog.on_value_change(lambda event: None if event.value else dialog.delete())


def _note_text(note: NoteView) -> None:
    byline = f'By {note.author_name}, {clinic_time(note.created_at)}'
    if note.signed_at:
        byline += f'; signed {clinic_time(note.signed_at)}'
    if note.cosigned_at:
        byline += f'; co-signed by {note.cosigned_by_name} {clinic_time(note.cosigned_at)}'
    ui.label(byline).classes('text-caption text-grey-8')
    if note.amendment_reason:
        ui.label(f'Amendment of version {note.version - 1}: {note.amendment_reason}') \
            .classes('text-body2 text-italic').mark('note-reason')
    for part in SOAP:
        if text := getattr(note, part):
            ui.label(SOAP_LABELS[part]).classes('text-weight-medium q-mt-xs')
            ui.label(text).classes('text-body2').style('white-space: pre-wrap; overflow-wrap: anywhere')


@guarded_action(Permission.NOTES_VIEW)
async def _earlier(current: Actor, note: NoteView, box: ui.column) -> None:
    versions = await clinical_notes.note_history(actor=current, note_id=note.id)
    box.clear()
    with box:
        for version in reversed(versions[:-1]):
            with ui.card().classes('w-full gap-1').props('flat bordered').mark(f'note-v{version.version}'):
                ui.label(f'Version {version.version} · {version.status_label} · replaced by a newer version') \
                    .classes('text-subtitle2')
                _note_text(version)


@guarded_action(Permission.NOTES_COSIGN)
async def _cosign(current: Actor, note: NoteView, refresh: Refresh) -> None:
    try:
        await clinical_notes.cosign_note(actor=current, note_id=note.id)
    except DomainError as error:
        ui.notify(error.message, type='negative')
        return
    ui.notify('The note has been co-signed.', type='positive')
    await refresh(current)


def _amend_dialog(note: NoteView, refresh: Refresh) -> None:
    @guarded_action(Permission.NOTES_WRITE)
    async def amend(current: Actor) -> None:
        async def write(amendment: NoteView) -> None:
            await refresh(current)
            open_editor(current, amendment, refresh)

        await dialog.attempt(lambda: clinical_notes.amend_note(actor=current, note_id=note.id,
                                                               reason=reason.value or ''),
                             done=f'Version {note.version + 1} is open for the amendment.', then=write)

    with ui.context.client.content:
        dialog = FormDialog(f'Amend version {note.version}', submit_label='Amend', on_submit=amend,
                            text='A signed note is kept as it is. The amendment becomes a new version.')
    dialog.submit.mark('dialog-submit', 'amend-submit')
    with dialog.body:
        reason = dialog.form.add('reason', ui.input('Reason for the amendment').props('outlined').classes('w-full'))


def open_editor(actor: Actor, note: NoteView, refresh: Refresh) -> None:
    """Edit a draft in a dialog; the text is saved AUTOSAVE_SECONDS after the clinician stops typing."""
    state = {'dirty': False, 'changed_at': 0.0, 'saving': False}
    form = FormErrors()

    def changed() -> None:
        state['dirty'], state['changed_at'] = True, time.monotonic()
        saved_label.set_text('Not saved yet')

    @guarded_action(Permission.NOTES_WRITE)
    async def save(current: Actor) -> bool:
        if state['saving']:
            return False
        state['saving'], state['dirty'] = True, False
        try:
            form.clear()
            saved = await clinical_notes.save_draft(actor=current, note_id=note.id,
                                                    **{part: areas[part].value or '' for part in SOAP})
        except DomainError as error:
            form.show(error)
            return False
        finally:
            state['saving'] = False
        if not state['dirty'] and not saved_label.is_deleted:
            saved_label.set_text(f'Draft saved {clinic_time(saved.updated_at, seconds=True)}')
        return True

    async def autosave() -> None:
        if state['dirty'] and time.monotonic() - state['changed_at'] >= AUTOSAVE_SECONDS:
            await save()

    @guarded_action(Permission.NOTES_SIGN)
    async def sign(current: Actor) -> None:
        if state['dirty'] and not await save():
            return
        try:
            signed = await clinical_notes.sign_note(actor=current, note_id=note.id)
        except DomainError as error:
            ui.notify(error.message, type='negative')
            return
        message = 'The note has been signed.'
        if signed.status is NoteStatus.AWAITING_COSIGN:
            message += " It now waits for a doctor's co-signature."
        ui.notify(message, type='positive')
        timer.cancel()
        await refresh(current)
        dialog.close()

    @guarded_action(Permission.NOTES_VIEW)
    async def close(current: Actor) -> None:
        if state['dirty']:
            await save()
        if current.can(Permission.NOTES_WRITE):
            with contextlib.suppress(DomainError):  # a draft with text in it is kept, as it should be
                await clinical_notes.discard_untouched_draft(actor=current, note_id=note.id)
        timer.cancel()
        await refresh(current)
        dialog.close()

    with ui.context.client.content, ui.dialog(value=True).props('persistent') as dialog, \
            ui.card().classes('w-full gap-2').style('max-width: 900px'):
        title = f'{note.discipline_label} note'
        if note.version > 1:
            title += f' · amendment (version {note.version})'
        ui.label(title).classes('text-h6')
        areas = {part: form.add(part, ui.textarea(SOAP_LABELS[part], value=getattr(note, part), on_change=changed)
                                .props('outlined autogrow').classes('w-full')).mark(f'note-{part}') for part in SOAP}
        with ui.row().classes('w-full items-center justify-end gap-2 wrap'):
            saved_label = ui.label('Saved as a draft while you type').classes('text-caption text-grey-8 grow') \
                .mark('note-save-state')
            ui.button('Close', on_click=close).props('flat').mark('note-close')
            ui.button('Save draft', icon='save', on_click=save).props('outline').mark('note-save')
            sign_button = ui.button('Sign', icon='verified', on_click=sign).mark('note-sign')
        timer = ui.timer(0.5, autosave)
    sign_button.set_visibility(actor.can(Permission.NOTES_SIGN))
    dialog.on_value_change(lambda event: None if event.value else dialog.delete())
