"""Patients (`/patients`): search by name, UID or phone with server-side paging, and register a patient."""

from __future__ import annotations

import base64
from typing import Any

from nicegui import events, ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import DomainError, ValidationFailed
from app.services import patients
from app.services.patients import LikelyDuplicate, PatientRow, PhotoUpload
from app.services.vocabulary import GENDER_LABELS
from app.wording import counted
from components.dialogs import FormDialog
from components.first_consultation import FirstConsultationForm
from components.frame import frame
from components.guard import guarded_action, guarded_page
from components.live import on_change
from components.patient_form import PatientForm, photo_picker
from components.tables import column
from components.when import clinic_date

PER_PAGE = 25
COLUMNS = [column('uid', 'UID', nowrap=True), column('full_name', 'Name', wrap='16rem'),
           column('phone', 'Phone', nowrap=True), column('gender', 'Gender'), column('age', 'Age'),
           column('first_branch', 'First branch', wrap='12rem'), column('registered_on', 'Registered', nowrap=True)]


def _table_row(row: PatientRow) -> dict[str, Any]:
    return {'id': str(row.id), 'uid': row.uid, 'full_name': row.full_name, 'phone': row.phone,
            'gender': GENDER_LABELS[row.gender], 'age': row.age, 'first_branch': row.first_branch,
            'registered_on': clinic_date(row.registered_on)}


@guarded_page('/patients', permission=Permission.PATIENTS_VIEW, title='Patients', nav_label='Patients',
              nav_icon='personal_injury', nav_order=20)
async def patients_page(actor: Actor) -> None:
    state: dict[str, Any] = {'page': 1, 'per_page': PER_PAGE}

    async def load(current: Actor) -> None:
        try:
            page = await patients.search_patients(actor=current, query=search.value or '', page=state['page'],
                                                  per_page=state['per_page'])
        except ValidationFailed as refused:
            table.rows = []
            found.text = next(iter(refused.field_errors.values()), refused.message)
            found.classes(replace='text-body2 text-negative')
            return
        found.classes(replace='text-body2 text-grey-7')
        state['page'] = page.page
        table.rows = [_table_row(row) for row in page.rows]
        table.pagination = {'page': page.page, 'rowsPerPage': page.per_page, 'rowsNumber': page.total}
        found.text = counted(page.total, 'patient')

    @guarded_action(Permission.PATIENTS_VIEW)
    async def find(current: Actor) -> None:
        state['page'] = 1
        await load(current)

    @guarded_action(Permission.PATIENTS_VIEW)
    async def requested(current: Actor, event: events.GenericEventArguments) -> None:
        pagination = event.args.get('pagination', {}) if isinstance(event.args, dict) else {}
        state['page'] = int(pagination.get('page') or 1)
        state['per_page'] = int(pagination.get('rowsPerPage') or PER_PAGE)
        await load(current)

    def opened(event: events.GenericEventArguments) -> None:
        row = event.args[1] if len(event.args) > 1 and isinstance(event.args[1], dict) else {}
        if row.get('uid'):
            ui.navigate.to(f'/patients/{row["uid"]}')

    with frame(actor, 'Patients'):
        with ui.row().classes('w-full items-center gap-2'):
            search = ui.input(placeholder='Name, UID or phone').props('outlined dense clearable autofocus') \
                .classes('grow').mark('patient-search').on('keydown.enter', find)
            ui.button('Search', icon='search', on_click=find).mark('search')
            if actor.can(Permission.PATIENTS_EDIT):
                ui.button('Register patient', icon='person_add',
                          on_click=lambda: open_register(money=actor.sees_money)).mark('register-patient')
        found = ui.label('').classes('text-body2 text-grey-7').mark('found')
        table = ui.table(columns=COLUMNS, rows=[], row_key='id',
                         pagination={'page': 1, 'rowsPerPage': PER_PAGE, 'rowsNumber': 0}) \
            .classes('w-full').props('flat bordered wrap-cells :rows-per-page-options="[10, 25, 50, 100]"') \
            .mark('patients')
        table.on('request', requested)
        table.on('rowClick', opened, [[], ['uid'], None])
        await load(actor)
        on_change([EntityType.PATIENT], load, permission=Permission.PATIENTS_VIEW)  # registered or changed elsewhere


def open_register(*, money: bool) -> None:
    """The register dialog: demographics, photo, optionally the first consultation (its fee when `money`), and the
    likely-duplicate warning."""
    pending: dict[str, PhotoUpload | None] = {'photo': None}

    async def submit(confirm: bool = False) -> None:
        await register(confirm)

    @guarded_action(Permission.PATIENTS_EDIT)
    async def register(current: Actor, confirm: bool) -> None:
        dialog.form.clear()
        try:
            row = await patients.register_patient(actor=current, details=form.details(), photo=pending['photo'],
                                                  first_consultation=first.details(), confirm_not_duplicate=confirm)
        except LikelyDuplicate as duplicate:
            show_duplicates(duplicate)
            return
        except DomainError as error:
            dialog.form.show(error)
            return
        ui.notify(f'{row.full_name} is registered as {row.uid}.', type='positive')
        ui.navigate.to(f'/patients/{row.uid}')  # before closing: closing deletes the dialog this handler runs in
        dialog.close()

    def show_duplicates(duplicate: LikelyDuplicate) -> None:
        warning.clear()
        with warning:
            ui.label(duplicate.message).classes('text-body2 text-weight-medium').mark('duplicate-warning')
            for match in duplicate.matches:
                ui.link(f'{match.full_name} · {match.uid} · {match.phone}', f'/patients/{match.uid}') \
                    .mark('duplicate-match')
            ui.button('Register anyway', icon='person_add', on_click=lambda: submit(True), color='warning') \
                .mark('register-anyway')
        warning.set_visibility(True)
        warning.run_method('scrollIntoView', {'block': 'start', 'behavior': 'smooth'})  # where the eye goes next

    def keep_photo(photo: PhotoUpload) -> None:
        pending['photo'] = photo
        kind = patients.check_photo(photo)
        preview.clear()
        with preview:
            encoded = base64.b64encode(photo.content).decode()
            ui.image(f'data:{patients.PHOTO_TYPES[kind]};base64,{encoded}').classes('w-32').mark('photo-preview')

    dialog = FormDialog('Register a patient', submit_label='Register', on_submit=submit)
    with dialog.body:  # the warning first: below the fields it sat under the fold and Register seemed to do nothing
        warning = ui.column().classes('w-full gap-1 q-pa-sm bg-amber-1 rounded-borders').mark('duplicate-box')
        warning.set_visibility(False)
    form = PatientForm(dialog)
    with dialog.body:
        preview = ui.row().classes('w-full justify-center')
        photo_picker(dialog, keep_photo).mark('photo')
        first = FirstConsultationForm(dialog, ask_referral=True, money=money)
