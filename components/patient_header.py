"""The top of a patient's page: who the patient is, the plan under way, and what must not be missed."""

from __future__ import annotations

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.services.patient_header import patient_header
from app.services.patient_lookup import PatientRef
from app.services.vocabulary import GENDER_LABELS


class PatientHeaderView:
    """Name is the page title; below it UID, age, phone and active plans, then allergies and red flags."""

    def __init__(self, patient: PatientRef) -> None:
        self.patient = patient
        self.box = ui.column().classes('w-full gap-1').mark('patient-header')

    async def draw(self, actor: Actor) -> None:
        header = await patient_header(actor=actor, patient_id=self.patient.id)
        row = header.patient
        self.box.clear()
        with self.box:
            with ui.row().classes('w-full items-center gap-x-4 gap-y-1 wrap text-body1'):
                ui.label(f'UID {row.uid}').classes('text-weight-medium whitespace-nowrap').mark('patient-uid')
                facts = ', '.join(part for part in (row.age, GENDER_LABELS[row.gender]) if part)
                ui.label(facts).mark('patient-age')
                ui.label(row.phone).classes('whitespace-nowrap').mark('patient-phone')
                for plan in header.active_plans or ():
                    ui.label(plan).classes('text-primary').mark('patient-plan')
                ui.space()
                if actor.can(Permission.RECORD_COPY):  # a copy a patient asked for, in a new tab to print
                    copy_link = ui.button('Copy for the patient', icon='description') \
                        .props('outline dense target=_blank').mark('record-copy-link')
                    copy_link.props['href'] = f'/patients/{row.uid}/copy'
            if header.allergies:
                _alert('Allergies', header.allergies, colour='orange', marker='patient-allergies')
            if header.red_flags:
                _alert('Red flags', header.red_flags, colour='red', marker='patient-red-flags')


def _alert(title: str, text: str, *, colour: str, marker: str) -> None:
    with ui.row().classes(f'w-full items-start no-wrap gap-2 bg-{colour}-1 q-px-sm q-py-xs rounded-borders') \
            .mark(marker):
        ui.icon('warning', color=f'{colour}-9').classes('q-mt-xs')
        ui.label(f'{title}: {text}').classes(f'text-{colour}-10 text-weight-medium') \
            .style('white-space: pre-wrap; overflow-wrap: anywhere; min-width: 0')
