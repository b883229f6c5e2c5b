"""The demographics section of the patient page: details, photo, and the edit dialog."""

from __future__ import annotations

import base64

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.services import patients
from app.services.patient_lookup import PatientRef
from app.services.patients import PatientRow, PhotoUpload
from app.services.vocabulary import GENDER_LABELS
from components.dialogs import FormDialog
from components.guard import guarded_action
from components.patient_form import PatientForm, photo_picker
from components.patient_sections import patient_section
from components.when import clinic_date


@patient_section('details', title='Details', permission=Permission.PATIENTS_VIEW, order=100, icon='badge')
async def details_section(actor: Actor, patient: PatientRef) -> None:
    box = ui.column().classes('w-full gap-2')

    async def draw(current: Actor) -> None:
        row = await patients.get_patient(actor=current, patient_id=patient.id)
        photo = await patients.load_photo(actor=current, patient_id=patient.id) if row.has_photo else None
        box.clear()
        with box, ui.row().classes('w-full items-start gap-4'):
            if photo is not None:
                encoded = base64.b64encode(photo.content).decode()
                ui.image(f'data:{photo.media_type};base64,{encoded}').classes('w-32 rounded-borders') \
                    .mark('patient-photo')
            else:
                ui.icon('account_circle', size='6rem').classes('text-grey-5').mark('no-photo')
            with ui.column().classes('gap-1').style('min-width: 0; flex: 1 1 16rem'):
                for label, value in _facts(row):
                    with ui.row().classes('gap-2 no-wrap'):
                        ui.label(label).classes('text-grey-7').style('min-width: 9rem')
                        ui.label(value or '—').classes('text-body1').style('overflow-wrap: anywhere')
        if current.can(Permission.PATIENTS_EDIT):
            with box, ui.row().classes('gap-2'):
                ui.button('Edit details', icon='edit', on_click=lambda: open_edit(row)).props('outline') \
                    .mark('edit-patient')
                ui.button('Photo', icon='photo_camera', on_click=open_photo).props('outline').mark('patient-photo-edit')

    def open_edit(row: PatientRow) -> None:
        @guarded_action(Permission.PATIENTS_EDIT)
        async def save(current: Actor) -> None:
            await dialog.attempt(
                lambda: patients.update_patient(actor=current, patient_id=patient.id, details=form.details()),
                done='The patient details have been saved.',
                then=lambda _: draw(current))

        dialog = FormDialog(f'Edit {row.full_name}', submit_label='Save', on_submit=save)
        form = PatientForm(dialog, row)

    def open_photo() -> None:
        @guarded_action(Permission.PATIENTS_EDIT)
        async def store(current: Actor, photo: PhotoUpload) -> None:
            await dialog.attempt(lambda: patients.save_photo(actor=current, patient_id=patient.id, photo=photo),
                                 done='The photo has been saved.', then=lambda _: draw(current))

        dialog = FormDialog('Photo', text='Take a photo with the camera or choose an image.')
        with dialog.body:
            photo_picker(dialog, store)

    await draw(actor)


def _facts(row: PatientRow) -> list[tuple[str, str]]:
    birth = clinic_date(row.date_of_birth)
    return [('Name', row.full_name), ('Phone', row.phone), ('Email', row.email),
            ('Gender', GENDER_LABELS[row.gender]), ('Date of birth', birth), ('Age', row.age),
            ('Address', row.address), ('Occupation', row.occupation),
            ('Emergency contact', ' · '.join(part for part in (row.emergency_contact_name,
                                                                row.emergency_contact_phone) if part)),
            ('First branch', row.first_branch), ('Registered', clinic_date(row.registered_on))]
