"""A copy of one patient's health record (`/patients/{uid}/copy`), laid out for printing on A4.

Drawn without the app's frame so the printout holds only the record; a back link and the Print
button stand above it and are left off the paper.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import NotFound
from app.services.patient_lookup import NOT_FOUND
from app.services.record_copy import RecordCopy, prepare_copy
from components.design import apply_theme
from components.guard import guarded_page
from components.when import clinic_date, clinic_day, clinic_time

NONE_RECORDED = 'None recorded.'
PRINT_CSS = '''
.record-copy { max-width: 210mm; }
.record-copy .copy-text { white-space: pre-wrap; overflow-wrap: anywhere; }
@page { size: A4; margin: 15mm; }
@media print {
    .no-print, .q-header, .q-drawer, .q-footer { display: none !important; }
    .q-page-container { padding: 0 !important; }
    .record-copy { max-width: none; padding: 0; }
    .record-copy .copy-item { break-inside: avoid; }
    .record-copy .copy-heading { break-after: avoid; }
}
'''


@guarded_page('/patients/{uid}/copy', permission=Permission.RECORD_COPY, title='Copy of the health record',
              example_path='/patients/250101-1/copy')
async def record_copy_page(actor: Actor, uid: str) -> None:
    try:
        copy = await prepare_copy(actor=actor, patient_uid=uid)
    except NotFound:
        copy = None
    apply_theme()
    ui.add_css(PRINT_CSS)
    with ui.column().classes('prospine-page record-copy gap-3').mark('record-copy'):
        with ui.row().classes('no-print w-full items-center gap-2'):
            back = f'/patients/{copy.patient.uid}' if copy else '/patients'
            ui.button('Back to the patient' if copy else 'Find a patient', icon='arrow_back',
                      on_click=lambda: ui.navigate.to(back)).props('outline').mark('back-to-patient')
            if copy:
                ui.button('Print', icon='print', on_click=lambda: ui.run_javascript('window.print()')) \
                    .mark('print-copy')
        if copy is None:
            ui.context.client.status_code = 404
            ui.label(NOT_FOUND).classes('text-h6').mark('not-found')
            return
        _heading(copy)
        _sections(copy)


def _heading(copy: RecordCopy) -> None:
    ui.label(copy.clinic_name).classes('text-h5')
    ui.label(copy.branch_name).classes('text-subtitle2 text-grey-8')
    ui.label('Copy of the health record').classes('text-h6 q-mt-sm')
    ui.label(f'{copy.patient.full_name} · UID {copy.patient.uid}').classes('text-subtitle1 text-weight-medium')
    ui.label(f'Prepared {clinic_time(copy.prepared_at)} by {copy.prepared_by}').classes('text-caption text-grey-8')


def _sections(copy: RecordCopy) -> None:
    patient = copy.patient
    age = f'{patient.age_years} (as given on {clinic_date(patient.registered_on)})' \
        if patient.date_of_birth is None and patient.age_years is not None else ''
    with _section('Patient details'):
        _facts([('Name', patient.full_name), ('UID', patient.uid), ('Gender', patient.gender),
                ('Date of birth', clinic_date(patient.date_of_birth)), ('Age', age), ('Phone', patient.phone),
                ('Address', patient.address), ('First branch', patient.first_branch),
                ('Registered on', clinic_date(patient.registered_on))])
    with _section('Consultations', copy.consultations):
        for visit in copy.consultations:
            with _item(f'{clinic_time(visit.visit_at)} · {visit.consultation_type} · {visit.branch}', visit.status):
                _facts([('Chief complaint', visit.chief_complaint), ("In the patient's words", visit.complaint_details),
                        ("Doctor's notes", visit.doctor_notes), ('Prescription', visit.prescription),
                        ('Follow-up', clinic_date(visit.follow_up_date))])
    with _section('Medical history', copy.history):
        _facts([(entry.label, entry.text) for entry in copy.history])
    with _section('Diagnoses', copy.diagnoses):
        for diagnosis in copy.diagnoses:
            code = f' ({diagnosis.code})' if diagnosis.code else ''
            with _item(f'{diagnosis.description}{code}', diagnosis.status):
                ui.label(f'Diagnosed {clinic_day(diagnosis.diagnosed_at)}').classes('text-caption')
    with _section('Clinical notes', copy.notes):
        for note in copy.notes:
            byline = f'Signed {clinic_time(note.signed_at)} by {note.author}'
            if note.cosigned_by:
                byline += f'; co-signed {clinic_time(note.cosigned_at)} by {note.cosigned_by}'
            with _item(note.discipline):
                ui.label(byline).classes('text-caption')
                if note.amended:
                    ui.label(f'Amended on {clinic_day(note.signed_at)}: {note.amendment_reason}') \
                        .classes('text-body2 text-italic')
                _facts([(part.label, part.text) for part in note.parts])
    with _section('Diagnostic tests', copy.tests):
        for test in copy.tests:
            with _item(' · '.join(part for part in (test.kind, test.items, test.limb) if part), test.status):
                ui.label(f'Requested {clinic_day(test.requested_at)}').classes('text-caption')
                _facts([('Results', test.results)])
    with _section('Outcome measures', copy.outcomes):
        _facts([(f'{clinic_date(outcome.recorded_on)} · {outcome.instrument}', outcome.score or 'Not scored')
                for outcome in copy.outcomes])
    with _section('Treatment plans', copy.plans):
        for plan in copy.plans:
            with _item(f'{plan.service} · {plan.plan_type}', plan.status):
                ui.label(f'{clinic_date(plan.start_date)} to {clinic_date(plan.end_date)} · {plan.days} days') \
                    .classes('text-body2')


@contextmanager
def _section(title: str, entries: Sequence[object] | None = None) -> Iterator[None]:
    """A heading, then the section's entries; a section with none (given and empty) says so."""
    ui.label(title).classes('copy-heading text-h6 q-mt-md')
    with ui.column().classes('w-full gap-2'):
        if entries is not None and not entries:
            ui.label(NONE_RECORDED).classes('text-grey-8')
        yield


@contextmanager
def _item(title: str, status: str = '') -> Iterator[None]:
    """One entry of a section (a consultation, a note, ...), kept on one page when printed."""
    with ui.column().classes('copy-item w-full gap-1 q-pl-sm').style('border-left: 3px solid #cbd5e1'):
        ui.label(f'{title} · {status}' if status else title).classes('text-subtitle1 text-weight-medium')
        yield


def _facts(facts: list[tuple[str, str]]) -> None:
    """Label and text pairs; those with no text are left out."""
    for label, text in facts:
        if text:
            with ui.row().classes('w-full gap-2 no-wrap'):
                ui.label(label).classes('text-grey-8').style('min-width: 10rem')
                ui.label(text).classes('copy-text text-body2').style('flex: 1 1 0')
