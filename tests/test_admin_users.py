"""The staff pages, as an administrator uses them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from nicegui import ui
from nicegui.testing import User

from app.auth import sessions
from app.clock import utcnow
from models.accounts import EmployeeProfile, Role
from models.accounts import User as Staff
from tests.factories import PASSWORD, make_branch, make_user, sign_in
from tests.waiting import eventually

TEMPORARY = 'blue kettle morning'
HASHING = 50  # retries (of 0.1 s) for steps that hash or verify a password, slow on a busy machine


def table_rows(user: User) -> list[dict[str, Any]]:
    return user.find(ui.table).elements.pop().rows


def row_of(user: User, username: str) -> dict[str, Any]:
    return next(row for row in table_rows(user) if row['username'] == username)


def tap_row(user: User, username: str) -> None:
    """Tap a row of the table, as a person selects a staff member."""
    row = row_of(user, username)
    user.find(ui.table).trigger('rowClick', [{}, {'id': row['id']}, 0])


async def open_as_admin(user: User, **fields: Any) -> Staff:
    admin = await make_user(Role.ADMIN, username='admin.a', **fields)
    await sign_in(user, admin)
    await user.open('/admin/users')
    return admin


async def open_create_dialog(user: User) -> None:
    user.find('add-user').click()
    await user.should_see('Add a staff member')


def fill_new_staff(user: User, *, username: str, full_name: str, role: str, password: str) -> None:
    user.find(marker='full_name').type(full_name)
    user.find(marker='username').type(username)
    user.find(marker='role').elements.pop().set_value(role)
    user.find(marker='temporary_password').type(password)


async def sign_in_through_page(user: User, username: str, password: str) -> None:
    """Sign out, then sign in on the sign-in page as a person would."""
    user.http_client.cookies.clear()
    await user.open('/login')
    user.find(marker='username').type(username)
    user.find(marker='password').type(password)
    user.find('sign-in').click()


async def test_admin_creates_a_reception_user(user: User) -> None:
    await open_as_admin(user)
    await open_create_dialog(user)
    fill_new_staff(user, username='priya', full_name='Priya Shah', role='reception', password=TEMPORARY)
    user.find('dialog-submit').click()
    await user.should_see('Priya Shah can now sign in as "priya".', retries=HASHING)
    await user.should_not_see('dialog-submit')  # the dialog has gone
    await eventually(lambda: any(row['username'] == 'priya' for row in table_rows(user)),
                     what='the new member of staff in the table')  # the table is redrawn after the message
    row = row_of(user, 'priya')
    assert (row['full_name'], row['role'], row['status']) == ('Priya Shah', 'Reception', 'Active (new password due)')
    stored = await Staff.get(username='priya')
    assert stored.must_change_password and stored.role is Role.RECEPTION
    assert await EmployeeProfile.exists(user_id=stored.id)


async def test_duplicate_username_and_weak_passwords_are_refused(user: User) -> None:
    await open_as_admin(user)
    await open_create_dialog(user)
    fill_new_staff(user, username='admin.a', full_name='Second Admin', role='admin', password='short')
    user.find('dialog-submit').click()
    await user.should_see('The username "admin.a" is already taken. Choose another one.', retries=HASHING)
    await user.should_see('Use at least 10 characters.')
    user.find(marker='username').clear()
    user.find(marker='username').type('second')
    user.find(marker='temporary_password').clear()
    user.find(marker='temporary_password').type('password123')
    user.find('dialog-submit').click()
    await user.should_see('This password is too common.', retries=HASHING)
    assert await Staff.all().count() == 1
    assert [row['username'] for row in table_rows(user)] == ['admin.a']


async def test_admin_is_not_offered_superadmin_or_other_branches(user: User) -> None:
    own = await make_branch('Andheri')
    await make_branch('Bandra')
    await open_as_admin(user, branch=own)
    await open_create_dialog(user)
    roles = user.find(marker='role').elements.pop().options
    branch_choices = user.find(marker='branch').elements.pop().options
    assert 'superadmin' not in roles and 'reception' in roles
    assert list(branch_choices) == [own.id]


async def test_admin_of_a_branch_sees_only_its_staff(user: User) -> None:
    branch_a, branch_b = await make_branch('Andheri'), await make_branch('Bandra')
    await make_user(Role.DOCTOR, username='doc.a', branch=branch_a)
    await make_user(Role.DOCTOR, username='doc.b', branch=branch_b)
    await open_as_admin(user, branch=branch_a)
    assert sorted(row['username'] for row in table_rows(user)) == ['admin.a', 'doc.a']
    assert {row['branch'] for row in table_rows(user)} == {'Andheri'}


async def test_admin_changes_a_role(user: User) -> None:
    await make_user(Role.DOCTOR, username='dr.mehta', full_name='Kiran Mehta')
    await open_as_admin(user)
    tap_row(user, 'dr.mehta')
    user.find('edit-user').click()
    await user.should_see('Edit dr.mehta')
    user.find(marker='role').elements.pop().set_value('jrdoctor')
    user.find('dialog-submit').click()
    await user.should_see('The changes have been saved.')
    assert row_of(user, 'dr.mehta')['role'] == 'Junior doctor'


async def test_deactivation_ends_the_live_session_and_sign_in(user: User) -> None:
    staff = await make_user(Role.RECEPTION, username='front.desk', full_name='Ravi Kumar')
    token = await sessions.issue(user=staff)
    await open_as_admin(user)
    tap_row(user, 'front.desk')
    user.find('deactivate-user').click()
    await user.should_see('Deactivate Ravi Kumar?')
    user.find('dialog-submit').click()
    await user.should_see('Ravi Kumar has been deactivated and signed out.')
    assert row_of(user, 'front.desk')['status'] == 'Inactive'
    assert (await sessions.resolve_token(token)).actor is None
    await sign_in_through_page(user, 'front.desk', PASSWORD)
    await user.should_see('The username or password is incorrect.', retries=HASHING)


async def test_reset_password_forces_a_change_at_next_sign_in(user: User) -> None:
    await make_user(Role.DOCTOR, username='dr.iyer', full_name='Meera Iyer')
    await open_as_admin(user)
    tap_row(user, 'dr.iyer')
    user.find('reset-password').click()
    await user.should_see('Reset the password of dr.iyer')
    user.find(marker='temporary_password').type(TEMPORARY)
    user.find('dialog-submit').click()
    await user.should_see('Meera Iyer must choose a new password at the next sign-in.', retries=HASHING)
    await sign_in_through_page(user, 'dr.iyer', TEMPORARY)
    await user.should_see('Please choose a new password before you continue.', retries=HASHING)
    assert user.back_history[-1].startswith('/auth/complete')
    response = await user.http_client.get('/')
    assert response.status_code == 303 and response.headers['location'] == '/account/password'


async def test_lockout_is_visible_and_unlock_lets_them_sign_in(user: User) -> None:
    await make_user(Role.RECEPTION, username='locked.out', full_name='Sunil Das', failed_login_count=0,
                    locked_until=utcnow() + timedelta(minutes=10))
    await open_as_admin(user)
    row = row_of(user, 'locked.out')
    assert row['locked'] and row['lock'].startswith('Locked until')
    tap_row(user, 'locked.out')
    user.find('unlock-user').click()
    await user.should_see('Sunil Das is unlocked and can sign in again.')
    row = row_of(user, 'locked.out')
    assert not row['locked'] and row['lock'] == ''
    await sign_in_through_page(user, 'locked.out', PASSWORD)
    await user.should_see('Welcome, Sunil Das.', retries=HASHING)


async def test_reception_cannot_open_the_staff_pages(user: User) -> None:
    await sign_in(user, await make_user(Role.RECEPTION))
    assert (await user.http_client.get('/admin/users')).status_code == 403
    assert (await user.http_client.get('/admin/users/1')).status_code == 403


async def test_profile_refuses_bad_phone_and_future_birth_date(user: User) -> None:
    staff = await make_user(Role.DOCTOR, username='dr.nair', full_name='Anil Nair')
    await open_as_admin(user)
    tap_row(user, 'dr.nair')
    user.find('open-profile').click()
    await user.should_see('Anil Nair (dr.nair)')
    user.find(marker='job_title').type('Physiotherapist')
    user.find(marker='phone').type('12345')
    user.find(marker='date_of_birth').type('2999-01-01')
    user.find('save-profile').click()
    await user.should_see('Enter a 10-digit phone number, for example 98765 43210.')
    await user.should_see('The date of birth cannot be in the future.')
    assert (await EmployeeProfile.get(user_id=staff.id)).job_title == ''
    user.find(marker='phone').clear()
    user.find(marker='phone').type('98765 43210')
    user.find(marker='date_of_birth').clear()
    user.find(marker='date_of_birth').type('1988-02-29')
    user.find('save-profile').click()
    await user.should_see('The profile has been saved.')
    profile = await EmployeeProfile.get(user_id=staff.id)
    assert (profile.job_title, profile.phone, str(profile.date_of_birth)) == \
        ('Physiotherapist', '+91 98765 43210', '1988-02-29')


async def test_profile_of_another_branch_is_not_shown(user: User) -> None:
    stranger = await make_user(Role.DOCTOR, branch=await make_branch('Bandra'), full_name='Hidden Person')
    await open_as_admin(user, branch=await make_branch('Andheri'))
    response = await user.http_client.get(f'/admin/users/{stranger.id}')
    assert response.status_code == 404 and 'That staff member could not be found.' in response.text
    assert 'Hidden Person' not in response.text


async def test_reset_two_factor_clears_it_and_signs_them_out(user: User) -> None:
    from models.accounts import RecoveryCode

    staff = await make_user(Role.DOCTOR, username='lost.phone', full_name='Dr Lina Roy', totp_enabled=True)
    staff.totp_secret = 'JBSWY3DPEHPK3PXP'  # encrypted with the row id, so set once the row exists
    await staff.save(update_fields=['totp_secret'])
    await RecoveryCode.create(user=staff, code_hash='0' * 64)
    their_token = await sessions.issue(user=staff)
    await open_as_admin(user)
    tap_row(user, 'lost.phone')
    user.find('reset-two-factor').click()
    await user.should_see('Two-factor sign-in of Dr Lina Roy was reset; they are signed out.')
    await staff.refresh_from_db()
    assert not staff.totp_enabled and staff.totp_secret is None
    assert not await RecoveryCode.filter(user=staff).exists()
    resolved = await sessions.resolve_token(their_token)
    assert resolved.actor is None and resolved.ended_reason == sessions.REASON_TWO_FACTOR_RESET


async def test_an_admin_is_not_offered_changes_to_a_superadmin(user: User) -> None:
    branch = await make_branch('Andheri')
    await make_user(Role.SUPERADMIN, username='boss', branch=branch)
    await make_user(Role.DOCTOR, username='ravi', branch=branch)
    await open_as_admin(user, branch=branch)
    await user.should_not_see(marker='superadmin-only')
    tap_row(user, 'boss')
    await user.should_see('Only a superadmin can change a superadmin.')
    for marker in ('edit-user', 'reset-password', 'unlock-user', 'reset-two-factor', 'deactivate-user'):
        await user.should_not_see(marker=marker)
    await user.should_see(marker='open-profile')
    tap_row(user, 'ravi')
    await user.should_see(marker='reset-password')
    await user.should_not_see(marker='superadmin-only')
