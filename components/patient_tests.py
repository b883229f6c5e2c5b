"""The diagnostic tests section: EEG, NCV, EMG, RNS, BERA, VEP and others, with results and reports."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.services import attachments, diagnostic_tests
from app.services.diagnostic_tests import STATUS_LABELS, TestView
from app.services.paging import RECORD_PAGE_SIZES, Page
from app.services.patient_lookup import PatientRef
from components.card_pager import CardPager
from components.clinical_files import file_list, upload_box
from components.dialogs import FormDialog, fill_width
from components.guard import guarded_action
from components.live import on_change
from components.patient_sections import patient_section
from components.when import clinic_time
from models.clinical import TestKind, TestStatus

Refresh = Callable[[Actor], Awaitable[None]]
TESTS_PER_PAGE = 5  # each test is a card with its reports and an upload box
_TEXT_FIELDS = (('items', 'Items tested (nerves, muscles, modalities)'), ('limb', 'Limb or side'),
                ('referred_by', 'Referred by'), ('done_by', 'Done by'))


@patient_section('tests', title='Diagnostic tests', permission=Permission.TESTS_VIEW, order=500,
                 icon='biotech', tab='Tests')
async def tests_section(actor: Actor, patient: PatientRef) -> None:
    async def read(current: Actor, page: int, per_page: int) -> Page[TestView]:
        return await diagnostic_tests.list_tests(actor=current, patient_uid=patient.uid, page=page,
                                                 per_page=per_page)

    async def refresh(current: Actor) -> None:
        await listing.refresh(current)

    if actor.can(Permission.TESTS_EDIT):
        ui.button('Add test', icon='add', on_click=lambda: _test_dialog(patient, None, refresh)).mark('add-test')
    listing = CardPager(read=read, draw=lambda current, row: _test_card(current, patient, row, refresh),
                        permission=Permission.TESTS_VIEW, per_page=TESTS_PER_PAGE, empty='No diagnostic tests yet.')
    listing.box.mark('tests')
    await refresh(actor)
    on_change([EntityType.DIAGNOSTIC_TEST, EntityType.ATTACHMENT], refresh, permission=Permission.TESTS_VIEW,
              patient_uid=patient.uid)


async def _test_card(actor: Actor, patient: PatientRef, row: TestView, refresh: Refresh) -> None:
    with ui.card().classes('w-full gap-1').props('flat bordered').mark('test-card'):
        with ui.row().classes('w-full items-center gap-2 wrap'):
            ui.label(row.kind.value).classes('text-subtitle1 text-weight-medium')
            ui.badge(row.status_label).mark('test-status')
            ui.label(clinic_time(row.created_at)).classes('text-caption text-grey-8')
        details = [f'{label}: {getattr(row, name)}' for name, label in _TEXT_FIELDS if getattr(row, name)]
        if details:
            ui.label(' · '.join(details)).classes('text-body2').style('overflow-wrap: anywhere')
        if row.results:
            ui.label(f'Results: {row.results}').classes('text-body2') \
                .style('white-space: pre-wrap; overflow-wrap: anywhere').mark('test-results')
        # a test's own reports: a few at most; the newest page of them if ever more
        file_list((await attachments.list_attachments(actor=actor, patient_uid=patient.uid, test_id=row.id,
                                                      per_page=RECORD_PAGE_SIZES[-1])).rows)
        if actor.can(Permission.TESTS_EDIT):
            ui.button('Edit', icon='edit', on_click=lambda: _test_dialog(patient, row, refresh)).props('outline') \
                .mark('edit-test')
            upload_box(permission=Permission.TESTS_EDIT, patient_uid=patient.uid, on_saved=refresh, test_id=row.id,
                       marker='test-upload')


def _test_dialog(patient: PatientRef, row: TestView | None, refresh: Refresh) -> None:
    @guarded_action(Permission.TESTS_EDIT)
    async def submit(current: Actor) -> None:
        values = {name: element.value or '' for name, element in dialog.form.fields.items()}
        change = (lambda: diagnostic_tests.add_test(actor=current, patient_uid=patient.uid, **values)) if row is None \
            else (lambda: diagnostic_tests.update_test(actor=current, test_id=row.id, **values))
        await dialog.attempt(change, done='The test has been saved.', then=lambda _: refresh(current))

    with ui.context.client.content:  # not inside the card, which a refresh redraws
        dialog = FormDialog('Add a diagnostic test' if row is None else f'Edit {row.kind.value} test',
                            submit_label='Save', on_submit=submit)
    with dialog.body:
        dialog.form.add('kind', ui.select([kind.value for kind in TestKind], label='Test',
                                          value=row.kind.value if row else TestKind.NCV.value))
        for name, label in _TEXT_FIELDS:
            dialog.form.add(name, ui.input(label, value=getattr(row, name) if row else ''))
        dialog.form.add('status', ui.select({s.value: label for s, label in STATUS_LABELS.items()}, label='Status',
                                            value=row.status.value if row else TestStatus.REQUESTED.value))
        dialog.form.add('results', ui.textarea('Results', value=row.results if row else '').props('autogrow'))
    fill_width(dialog)
