"""Over-long and out-of-range input gets a message (or a 404 for an address), never an exception inside a handler.

Each case is one the outside test found raising inside a handler or answering 500: the fuzzing of
every service (`test_service_fuzz.py`) keeps the whole class away; these show what a person sees.
"""

from __future__ import annotations

import pytest
from nicegui.testing import User

from app.auth import throttle
from models.accounts import Role
from models.audit import AuditEvent
from tests.factories import make_branch, make_user, sign_in
from tests.test_audit_page import admin_on_audit_page
from tests.test_sign_in import submit_login


async def test_an_over_long_username_at_sign_in_is_refused_counted_and_audited(user: User) -> None:
    await make_user(Role.RECEPTION, username='nisha')
    name = 'n' * 41
    await user.open('/login')
    await submit_login(user, name, 'whatever password')
    await user.should_see('The username or password is incorrect.')
    events = await AuditEvent.filter(action='login-failed')
    assert [(event.username, event.detail) for event in events] == [(name, 'unknown username')]
    assert throttle.unknown_names.state_for(name).count == 1


@pytest.mark.parametrize(('field', 'length', 'message'), [
    ('username', 65, 'The username can be at most 64 characters.'),
    ('entity_type', 41, 'The record type can be at most 40 characters.'),
    ('entity_id', 65, 'The record id can be at most 64 characters.'),
    ('patient_id', 65, 'The patient UID can be at most 64 characters.'),
])
async def test_over_long_audit_filters_get_a_message(user: User, field: str, length: int, message: str) -> None:
    await admin_on_audit_page(user)
    user.find(marker=field).type('x' * length)
    user.find(marker='apply').click()
    await user.should_see('Please correct the highlighted fields.')
    [element] = user.find(marker=field).elements
    assert element.props.get('error-message') == message


async def test_a_huge_patient_search_gets_a_message(user: User) -> None:
    await sign_in(user, await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    await user.open('/patients')
    user.find(marker='patient-search').type('a' * 100_000)
    user.find(marker='search').click()
    await user.should_see('Search for at most 100 characters: part of a name, a UID or a phone number.')


@pytest.mark.parametrize('path', ['/patients/261201-12345678901234', '/patients/' + 'x' * 300,
                                  '/patients/261201-1234567890123/copy'])
async def test_an_address_naming_no_patient_is_a_404(user: User, path: str) -> None:
    await sign_in(user, await make_user(Role.DOCTOR, branch=await make_branch('Andheri')))
    response = await user.http_client.get(path)
    assert response.status_code == 404
    assert 'No patient has that UID.' in response.text


@pytest.mark.parametrize('user_id', ['99999999999999999999999', '0', '-1', '1e9'])
async def test_an_address_naming_no_staff_member_is_a_404(user: User, user_id: str) -> None:
    await sign_in(user, await make_user(Role.ADMIN, branch=await make_branch('Andheri')))
    response = await user.http_client.get(f'/admin/users/{user_id}')
    assert response.status_code == 404
    assert 'That staff member could not be found.' in response.text
