"""Dates are typed and shown day first (05/12/2026, '05 Dec 2026') whatever the browser's language (bug 15)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from nicegui import ui
from nicegui.testing import User

from app.clock import clock
from app.dates import parse_date
from components.date_input import DateInput
from components.when import clinic_date
from models.accounts import Role
from models.plans import TreatmentPlan
from tests.factories import make_branch, make_patient, make_user, sign_in

MORNING = datetime(2026, 12, 1, 5, 30, tzinfo=UTC)  # 11:00 on 1 Dec 2026 at the clinic


@pytest.fixture(autouse=True)
def first_of_december() -> None:
    clock.freeze(MORNING)  # conftest unfreezes after each test


def date_field(user: User, marker: str) -> DateInput:
    [field] = user.find(marker=marker).elements
    assert isinstance(field, DateInput)
    return field


async def open_new_plan(user: User) -> None:
    await make_patient('250101-1')
    await sign_in(user, await make_user(Role.DOCTOR))
    await user.open('/patients/250101-1?part=plans')
    user.find('new-plan').click()
    await user.should_see('New treatment plan')


@pytest.mark.parametrize('typed', ['05/12/2026', '5/12/2026', '05-12-2026', '5.12.2026', '2026-12-05',
                                   ' 05 / 12 / 2026 '])
def test_day_first_and_iso_dates_are_read_alike(typed: str) -> None:
    assert parse_date(typed) == date(2026, 12, 5)


@pytest.mark.parametrize(('typed', 'message'), [
    ('31/02/2026', 'There is no such date as 31/02/2026: check the day and the month.'),
    ('12/31/2026', 'There is no such date as 12/31/2026: check the day and the month.'),  # month first is no date
    ('05/12/26', 'Enter the date as DD/MM/YYYY, for example 05/12/2026.'),
    ('tomorrow', 'Enter the date as DD/MM/YYYY, for example 05/12/2026.'),
])
def test_what_is_not_a_date_gets_a_sentence(typed: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(typed)


def test_a_date_is_shown_with_the_month_in_words() -> None:
    assert clinic_date(date(2026, 12, 1)) == '01 Dec 2026'
    assert clinic_date(None) == ''


async def test_a_date_typed_as_05_12_2026_is_saved_as_5_december_and_shown_so(user: User) -> None:
    await open_new_plan(user)
    start = date_field(user, 'start_date')
    assert start.value == '01/12/2026' and start.props['type'] == 'text'  # never the browser's own date field
    user.find(marker='start_date').clear().type('05/12/2026')
    assert date_field(user, 'end_date').value == '25/12/2026'  # 21 days, end follows the start as typed
    user.find('dialog-submit').click()
    await user.should_see('The treatment plan has been saved.')
    plan = await TreatmentPlan.get()
    assert (plan.start_date, plan.end_date) == (date(2026, 12, 5), date(2026, 12, 25))
    await user.should_see('05 Dec 2026 to 25 Dec 2026')


async def test_a_date_that_does_not_exist_is_refused_beside_its_field(user: User) -> None:
    await open_new_plan(user)
    user.find(marker='start_date').clear().type('31/02/2026')
    user.find('dialog-submit').click()
    await user.should_see('Please correct the highlighted fields.')
    assert date_field(user, 'start_date').props['error-message'] == \
        'There is no such date as 31/02/2026: check the day and the month.'
    assert not await TreatmentPlan.exists()


async def test_leaving_a_date_field_writes_it_out_or_says_what_is_wrong(user: User) -> None:
    await make_user(Role.DOCTOR, branch=await make_branch('Andheri'))  # a clinic that is set up
    await user.open('/book')
    field = date_field(user, 'preferred_date')
    user.find(marker='preferred_date').clear().type('30/11/2026')
    user.find(marker='preferred_date').trigger('blur')
    assert field.error == 'The preferred date cannot be in the past.'
    user.find(marker='preferred_date').clear().type('5/1/2027')
    assert field.error is None  # the message goes as soon as the date is right
    user.find(marker='preferred_date').trigger('blur')
    assert field.value == '05/01/2027'
    user.find(marker='preferred_date').clear().type('1/7/2027')
    user.find(marker='preferred_date').trigger('blur')
    assert field.error == 'Choose a date within the next 180 days.'


async def test_the_calendar_opens_at_the_date_typed_and_writes_the_day_chosen(user: User) -> None:
    await open_new_plan(user)
    field = date_field(user, 'start_date')
    with user.client:
        user.find(marker='start_date').clear().type('5/12/2026')
        field.open_picker()
        assert isinstance(field.picker, ui.date) and field.picker.props['mask'] == 'DD/MM/YYYY'
        assert field.picker.value == '05/12/2026' and field.menu.value  # showing the date is not choosing
        field.picker.value = '09/12/2026'  # a tap on the 9th
    assert field.value == '09/12/2026' and not field.menu.value
    assert field.date == date(2026, 12, 9)
