"""One patient (`/patients/{uid}`): a compact header, then the parts of the record the role may see, as tabs.

Only the part the role uses most (or the one named by `?part=`) is built with the page; another
part is built the first time its tab is tapped, and every part shows one page of its newest items.
So the page of a patient with 500 visits costs what a new patient's does.
"""

from __future__ import annotations

from nicegui import ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import NotFound
from app.services.patient_lookup import NOT_FOUND, open_patient
from components import (
    patient_access,
    patient_attachments,
    patient_billing,
    patient_consultations,
    patient_details,
    patient_history,
    patient_notes,
    patient_outcomes,
    patient_plans,
    patient_tests,
    patient_visits,
)
from components.frame import frame
from components.guard import guarded_action, guarded_page
from components.live import on_change
from components.patient_header import PatientHeaderView
from components.patient_sections import PatientSection, opening_section, sections_for

# The modules whose `@patient_section`s make up this page (each section says its own order).
SECTION_MODULES = (patient_details, patient_consultations, patient_history, patient_notes, patient_tests,
                   patient_attachments, patient_outcomes, patient_visits, patient_plans, patient_billing,
                   patient_access)


@guarded_page('/patients/{uid}', permission=Permission.PATIENTS_VIEW, title='Patient',
              example_path='/patients/250101-1')
async def patient_page(actor: Actor, uid: str, part: str = '') -> None:
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
        header = PatientHeaderView(patient)
        await header.draw(actor)
        on_change([EntityType.PATIENT, EntityType.MEDICAL_HISTORY, EntityType.TREATMENT_PLAN], header.draw,
                  permission=Permission.PATIENTS_VIEW, patient_uid=patient.uid)
        sections = sections_for(actor)
        first = opening_section(actor, sections, asked=part)
        built: set[str] = set()
        panels: dict[str, ui.tab_panel] = {}

        async def build(current: Actor, section: PatientSection) -> None:
            if section.key in built:
                return
            built.add(section.key)
            with panels[section.key]:
                await section.render(current, patient)

        @guarded_action(Permission.PATIENTS_VIEW)
        async def opened(current: Actor, key: str) -> None:
            section = next((section for section in sections if section.key == key), None)
            if section is None or not current.can(section.permission):
                return
            ui.navigate.history.replace(f'/patients/{patient.uid}?part={key}')  # a reload opens the same part
            await build(current, section)

        with ui.tabs(value=first.key, on_change=lambda event: opened(event.value)) \
                .props('align=left inline-label no-caps').classes('w-full prospine-wrapping-tabs') as tabs:
            for section in sections:
                ui.tab(section.key, label=section.tab, icon=section.icon).mark(f'section-{section.key}') \
                    .tooltip(section.title)
        with ui.tab_panels(tabs, value=first.key, animated=False).classes('w-full bg-transparent') \
                .props('keep-alive'):
            for section in sections:
                panels[section.key] = ui.tab_panel(section.key).classes('q-px-none gap-2') \
                    .mark(f'part-{section.key}')
        await build(actor, first)
