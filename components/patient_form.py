"""The patient demographics form (register and edit dialogs) and the photo picker with the camera."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import events, ui

from app.clock import clinic_today
from app.errors import ValidationFailed
from app.services import patients
from app.services.patients import PatientDetails, PatientRow, PhotoUpload
from app.services.uploads import MEGABYTE
from app.services.vocabulary import GENDER_LABELS
from components.date_input import DateInput
from components.dialogs import FormDialog
from components.upload_rejections import explain_rejections
from components.webcam import webcam_button

TEXT_FIELDS = [('full_name', 'Full name'), ('phone', 'Phone'), ('email', 'Email'), ('occupation', 'Occupation'),
               ('emergency_contact_name', 'Emergency contact name'),
               ('emergency_contact_phone', 'Emergency contact phone')]


class PatientForm:
    """Inputs for a patient's demographics inside a `FormDialog`; `details()` reads them back."""

    def __init__(self, dialog: FormDialog, row: PatientRow | None = None) -> None:
        self.inputs: dict[str, Any] = {}
        with dialog.body:
            for name, label in TEXT_FIELDS:
                value = str(getattr(row, name)) if row else ''
                self.inputs[name] = dialog.form.add(name, ui.input(label, value=value).props('outlined'))
            self.inputs['gender'] = dialog.form.add('gender', ui.select(
                {str(key): label for key, label in GENDER_LABELS.items()}, label='Gender',
                value=str(row.gender) if row else None).props('outlined'))
            with ui.row().classes('w-full gap-2 no-wrap'):
                self.inputs['date_of_birth'] = dialog.form.add('date_of_birth', DateInput(
                    'Date of birth', value=row.date_of_birth if row else None, max=clinic_today(),
                    max_message='The date of birth cannot be in the future.', years_first=True)
                    .props('outlined').classes('grow'))
                self.inputs['age_years'] = dialog.form.add('age_years', ui.number(  # no min/max: never clamp unseen
                    'or age (years)', value=row.age_years if row else None)
                    .props('outlined inputmode=numeric').classes('w-32'))
            self.inputs['address'] = dialog.form.add('address', ui.textarea(
                'Address', value=row.address if row else '').props('autogrow outlined'))
        for name, element in self.inputs.items():
            if name != 'age_years':
                element.classes('w-full')

    def details(self) -> PatientDetails:
        values = {name: self.inputs[name].value or '' for name, _ in TEXT_FIELDS}
        age = self.inputs['age_years'].value
        return PatientDetails(**values, gender=self.inputs['gender'].value or '', address=self.inputs['address'].value
                              or '', date_of_birth=self.inputs['date_of_birth'].date,
                              age_years=None if age in (None, '') else int(age))


def photo_picker(dialog: FormDialog, on_photo: Callable[[PhotoUpload], Awaitable[None] | None]) -> ui.upload:
    """An upload (the tablet's camera or a file) and a desk webcam button; checks each photo before handing it on."""

    async def deliver(photo: PhotoUpload) -> bool:
        dialog.form.clear()
        try:
            patients.check_photo(photo)
        except ValidationFailed as error:
            dialog.form.show(error)
            return False
        result = on_photo(photo)
        if result is not None:
            await result
        return True

    async def received(event: events.UploadEventArguments) -> None:
        dialog.form.clear()
        if problem := patients.photo_size_problem(event.file.size(), event.file.name):
            dialog.form.show(ValidationFailed({'photo': problem}))
            upload.reset()
            return
        if not await deliver(PhotoUpload(await event.file.read(), event.file.name)):
            upload.reset()

    async def from_webcam(photo: PhotoUpload) -> None:
        await deliver(photo)

    upload = ui.upload(label='Take or choose a photo (JPEG, PNG or WebP, at most 5 MB)', auto_upload=True,
                       max_file_size=patients.PHOTO_MAX_BYTES, on_upload=received) \
        .props('accept="image/jpeg,image/png,image/webp" capture="environment" flat bordered').classes('w-full')
    explain_rejections(upload, kinds='JPEG, PNG or WebP', max_mb=patients.PHOTO_MAX_BYTES // MEGABYTE, noun='photo')
    dialog.form.add('photo', upload)
    webcam_button(from_webcam)
    return upload
