"""One patient (`/patients/{uid}`): the sections the signed-in role may see, in order."""

from __future__ import annotations

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import NotFound
from app.services.patient_lookup import NOT_FOUND, open_patient
from components import (
    patient_access,
    patient_attachments,
    patient_consultations,
    patient_details,
    patient_history,
    patient_notes,
    patient_outcomes,
    patient_plans,
    patient_tests,
)
from components.frame import frame
from components.guard import guarded_page
from components.patient_sections import sections_for

# The modules whose `@patient_section`s make up this page (each section says its own order).
SECTION_MODULES = (patient_details, patient_consultations, patient_history, patient_notes, patient_tests,
                   patient_attachments, patient_outcomes, patient_plans, patient_access)


@guarded_page('/patients/{uid}', permission=Permission.PATIENTS_VIEW, title='Patient',
              example_path='/patients/250101-1')
async def patient_page(actor: Actor, uid: str) -> None:
    try:  # fetched before the frame, whose timer would let the page be sent half-built
        patient = await open_patient(actor=actor, uid=uid)
    except NotFound:
        patient = None
    with frame(actor, patient.full_name if patient else 'Patient'):
        if patient is None:
            ui.context.client.status_code = 404
            ui.label(NOT_FOUND).classes('text-h6').mark('not-found')
            ui.button('Find a patient', icon='search', on_click=lambda: ui.navigate.to('/patients'))
            return
        ui.label(f'UID {patient.uid}').classes('text-subtitle1 text-grey-8').mark('patient-uid')
        # A copy a patient asked for, in a new tab to print (a real link: never blocked).
        if actor.can(Permission.RECORD_COPY):
            copy_link = ui.button('Copy for the patient', icon='description').props('outline target=_blank') \
                .mark('record-copy-link')
            copy_link.props['href'] = f'/patients/{patient.uid}/copy'
        for section in sections_for(actor):
            with ui.expansion(section.title, value=True).classes('w-full').props('header-class=text-h6') \
                    .mark(f'section-{section.key}'):
                await section.render(actor, patient)
