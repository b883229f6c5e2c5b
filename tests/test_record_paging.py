"""The patient page pages each long part of the record on the server: the newest items first, the oldest reachable.

A long-standing patient is made with 23 consultations, 23 notes and 23 outcome records (three pages of ten),
and each role opens the parts it may see: the first page holds the newest ten, the pager counts all 23, and the
third page ends on the oldest. Only one page of rows ever reaches the browser.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from nicegui import ui
from nicegui.testing import User

from app.auth.permissions import Permission, role_can
from app.config import get_settings
from app.services import attachments, clinical_notes, consultations, diagnostic_tests, outcomes
from app.services import treatment_plans as plans
from app.services.consultations import ConsultationDetails
from models.accounts import Role
from models.clinic import Service
from tests.factories import actor_of, make_branch, make_patient, make_user, sign_in
from tests.test_clinical_record import PDF
from tests.waiting import eventually

ITEMS = 23
FIRST_DAY = date(2025, 1, 1)
ALL_ROLES = (Role.RECEPTION, Role.DOCTOR, Role.JRDOCTOR, Role.ADMIN, Role.SUPERADMIN)
CLINICAL_ROLES = (Role.DOCTOR, Role.JRDOCTOR, Role.SUPERADMIN)


async def long_record() -> str:
    branch = await make_branch('Andheri')
    patient = await make_patient('250101-1', branch=branch)
    doctor = await actor_of(await make_user(Role.DOCTOR, branch=branch, username='long.doctor'))
    tz = get_settings().tz
    for number in range(ITEMS):
        day = FIRST_DAY + timedelta(days=number)
        await consultations.create_consultation(actor=doctor, patient_id=patient.id, details=ConsultationDetails(
            chief_complaint='neck-pain', consultation_type='in-clinic', fee=str(100 + number),
            payment_method='cash', visit_at=datetime(day.year, day.month, day.day, 10, 0, tzinfo=tz)))
        note = await clinical_notes.start_note(actor=doctor, patient_uid=patient.uid,
                                               discipline=Service.PHYSIOTHERAPY)
        await clinical_notes.save_draft(actor=doctor, note_id=note.id, subjective='', objective='',
                                        assessment=f'Visit {number + 1}', plan='')
        await outcomes.record_outcome(actor=doctor, patient_id=patient.id, instrument='nprs', answers=number % 11,
                                      recorded_on=day)
    return patient.uid


def table(user: User, marker: str) -> ui.table:
    [found] = user.find(marker=marker).elements
    assert isinstance(found, ui.table)
    return found


async def first_and_last_pages(user: User, marker: str, column: str) -> tuple[list[Any], list[Any]]:
    """The column's values on the first page, then on the page the pager says is the last."""
    await user.should_see(marker=marker)
    shown = table(user, marker)
    assert shown.pagination['rowsNumber'] == ITEMS and len(shown.rows) == 10
    first = [row[column] for row in shown.rows]
    user.find(marker=marker).trigger('request', {'pagination': {'page': 3, 'rowsPerPage': 10}})
    await eventually(lambda: shown.pagination['page'] == 3, what='the third page')
    assert len(shown.rows) == ITEMS - 20
    return first, [row[column] for row in shown.rows]


@pytest.mark.parametrize('role', ALL_ROLES)
async def test_consultations_show_the_newest_first_and_reach_the_first_visit(user: User, role: Role) -> None:
    uid = await long_record()
    await sign_in(user, await make_user(role, branch=await make_branch('Bandra')))
    await user.open(f'/patients/{uid}?part=consultations')
    first, last = await first_and_last_pages(user, 'consultations', 'visit_at')
    assert first[0].startswith('23 Jan 2025') and first[-1].startswith('14 Jan 2025')  # the 23rd visit to the 14th
    assert [shown[:11] for shown in last] == ['03 Jan 2025', '02 Jan 2025', '01 Jan 2025']  # ... to the first visit


@pytest.mark.parametrize('role', CLINICAL_ROLES)
async def test_notes_show_the_newest_first_and_reach_the_first_note(user: User, role: Role) -> None:
    uid = await long_record()
    await sign_in(user, await make_user(role, branch=await make_branch('Bandra')))
    await user.open(f'/patients/{uid}?part=notes')
    first, last = await first_and_last_pages(user, 'notes', 'summary')
    assert first == [f'Visit {number}' for number in range(23, 13, -1)]
    assert last == ['Visit 3', 'Visit 2', 'Visit 1']


@pytest.mark.parametrize('role', CLINICAL_ROLES)
async def test_outcome_records_show_the_newest_first_and_reach_the_first(user: User, role: Role) -> None:
    uid = await long_record()
    await sign_in(user, await make_user(role, branch=await make_branch('Bandra')))
    await user.open(f'/patients/{uid}?part=outcomes')
    first, last = await first_and_last_pages(user, 'outcome-records', 'recorded_on')
    assert first[0] == '23 Jan 2025' and first[-1] == '14 Jan 2025'
    assert last == ['03 Jan 2025', '02 Jan 2025', '01 Jan 2025']
    await user.should_see(marker='chart-nprs')  # the trend still draws every visit


@pytest.mark.parametrize('role', (Role.RECEPTION, Role.ADMIN))
async def test_roles_without_the_clinical_record_get_no_notes_or_outcomes_tab(user: User, role: Role) -> None:
    uid = await long_record()
    await sign_in(user, await make_user(role, branch=await make_branch('Bandra')))
    await user.open(f'/patients/{uid}?part=notes')  # asking for a part the role may not see opens its own
    await user.should_see(marker='consultations')
    await user.should_not_see(marker='section-notes')
    await user.should_not_see(marker='section-outcomes')
    await user.should_not_see('Visit 23')


CARDS = 7  # two pages of five for tests and plans; files page by ten, so twelve of them


async def card_record() -> str:
    branch = await make_branch('Andheri')
    patient = await make_patient('250101-1', branch=branch)
    doctor = await actor_of(await make_user(Role.DOCTOR, branch=branch, username='card.doctor'))
    for number in range(1, CARDS + 1):
        await diagnostic_tests.add_test(actor=doctor, patient_uid=patient.uid, kind='NCV', items=f'Nerve {number}')
        await plans.create_plan(actor=doctor, patient_id=patient.id, details=plans.PlanInput(
            service='physiotherapy', plan_type='daily', days=10, start_date=FIRST_DAY + timedelta(days=number),
            cost_per_day='600'))
    for number in range(1, 13):
        await attachments.save_attachment(actor=doctor, patient_uid=patient.uid, content=PDF,
                                          filename=f'report {number}.pdf')
    return patient.uid


def texts(user: User, marker: str, starts: str) -> list[str]:
    [box] = user.find(marker=marker).elements
    return [element.text for element in box.descendants() if isinstance(element, ui.label)
            and element.text.startswith(starts)]


async def turn_to_last_page(user: User) -> None:
    [pager] = [element for element in user.find(marker='card-pager').elements if element.visible]
    assert isinstance(pager, ui.pagination)
    pager.set_value(pager.max)  # as a tap on the last page number


@pytest.mark.parametrize('role', [role for role in ALL_ROLES if role_can(role, Permission.TESTS_VIEW)])
async def test_diagnostic_tests_show_the_newest_first_and_reach_the_first(user: User, role: Role) -> None:
    uid = await card_record()
    await sign_in(user, await make_user(role, branch=await make_branch('Bandra')))
    await user.open(f'/patients/{uid}?part=tests')
    await user.should_see(marker='tests')
    assert texts(user, 'tests', 'Items tested') == [f'Items tested (nerves, muscles, modalities): Nerve {n}'
                                                     for n in (7, 6, 5, 4, 3)]
    await turn_to_last_page(user)
    await eventually(lambda: len(texts(user, 'tests', 'Items tested')) == 2, what='the second page of tests')
    assert texts(user, 'tests', 'Items tested')[-1].endswith('Nerve 1')


@pytest.mark.parametrize('role', [role for role in ALL_ROLES if role_can(role, Permission.PLANS_VIEW)])
async def test_plans_show_the_newest_first_and_reach_the_first(user: User, role: Role) -> None:
    uid = await card_record()
    await sign_in(user, await make_user(role, branch=await make_branch('Bandra')))
    await user.open(f'/patients/{uid}?part=plans')
    await user.should_see(marker='plan-card')
    starts = texts(user, 'plans', 'Day ')
    assert len(starts) == 5 and '08 Jan 2025 to' in starts[0] and '04 Jan 2025 to' in starts[-1]
    await turn_to_last_page(user)
    await eventually(lambda: len(texts(user, 'plans', 'Day ')) == 2, what='the second page of plans')
    assert '02 Jan 2025 to' in texts(user, 'plans', 'Day ')[-1]


@pytest.mark.parametrize('role', CLINICAL_ROLES)
async def test_files_show_the_newest_first_and_reach_the_first(user: User, role: Role) -> None:
    uid = await card_record()
    await sign_in(user, await make_user(role, branch=await make_branch('Bandra')))
    await user.open(f'/patients/{uid}?part=attachments')
    await user.should_see(marker='attachments')
    assert texts(user, 'attachments', 'report ') == [f'report {n}.pdf' for n in range(12, 2, -1)]
    await turn_to_last_page(user)
    await eventually(lambda: len(texts(user, 'attachments', 'report ')) == 2, what='the second page of files')
    assert texts(user, 'attachments', 'report ') == ['report 2.pdf', 'report 1.pdf']
