"""Two-factor sign-in: enrolling on the page, signing in with codes, recovery codes, the per-role rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from nicegui.testing import User

from app.auth import sessions, sign_in
from app.auth.actor import Actor
from app.clock import clock
from app.errors import DomainError, PermissionDenied, ValidationFailed
from app.security.totp import current_code
from app.services import two_factor
from models.accounts import RecoveryCode, Role, RolePolicy, UserSession
from models.accounts import User as StaffUser
from tests.factories import PASSWORD, make_branch, make_user
from tests.factories import sign_in as sign_in_as

START = datetime(2025, 3, 3, 4, 30, 5, tzinfo=UTC)  # 5 s into a 30 s time step
WAIT = 20  # retries while a handler hashes a password or the page navigates


@pytest.fixture(autouse=True)
def frozen_clock() -> None:
    clock.freeze(START)


def next_step() -> None:
    """Let the authenticator app show its next code."""
    clock.advance(timedelta(seconds=30))


async def actor_of(staff: StaffUser) -> Actor:
    return await sessions.actor_for(staff, session_id=None)


def text_of(user: User, marker: str) -> list[str]:
    return [element.text for element in user.find(marker=marker).elements]  # type: ignore[attr-defined]


async def enrol_on_page(user: User) -> tuple[str, list[str]]:
    """Set up two-factor sign-in on the page like a person would; return the secret and the recovery codes."""
    await user.open('/account/two-factor')
    user.find(marker='start-enrolment').click()
    await user.should_see(marker='qr-code')
    secret = text_of(user, 'secret')[0].replace(' ', '')
    user.find(marker='code').type(current_code(secret))
    user.find(marker='confirm').click()
    await user.should_see(marker='codes-note', retries=WAIT)
    codes = text_of(user, 'recovery-code')
    assert len(codes) == 10
    return secret, codes


async def sign_in_on_page(user: User, username: str, code: str | None = None) -> None:
    """Sign in on /login with the password and, when given, the second-step code."""
    await user.open('/login')
    user.find(marker='username').type(username)
    user.find(marker='password').type(PASSWORD)
    user.find(marker='sign-in').click()
    if code is not None:
        await user.should_see(marker='verify', retries=WAIT)
        user.find(marker='code').type(code)
        user.find(marker='verify').click()


async def test_enrol_then_sign_in_with_the_authenticator_code(user: User) -> None:
    staff = await make_user(Role.DOCTOR, username='ravi', full_name='Dr Ravi Menon')
    await sign_in_as(user, staff)
    await user.open('/account/two-factor')
    await user.should_see('Two-factor sign-in is off for your account.')
    secret, _ = await enrol_on_page(user)
    await user.should_see('Two-factor sign-in is on. Here are your recovery codes.')

    stored = await StaffUser.get(id=staff.id)
    assert stored.totp_enabled
    assert stored.totp_secret == secret  # the model reads plain text; the column holds ciphertext
    stored_column = await StaffUser.filter(id=staff.id).values_list('totp_secret', flat=True)
    assert stored_column[0].startswith('enc1:') and secret not in stored_column[0]
    assert await RecoveryCode.filter(user_id=staff.id).count() == 10
    assert not await RecoveryCode.filter(code_hash__in=text_of(user, 'recovery-code')).exists()

    await user.open('/logout')
    await user.should_see('You have signed out.')
    await sign_in_on_page(user, 'ravi')
    await user.should_see('Enter the 6-digit code from your authenticator app, or one of your recovery codes.',
                          retries=WAIT)
    next_step()
    user.find(marker='code').type(current_code(secret))
    user.find(marker='verify').click()
    await user.should_see('Welcome, Dr Ravi Menon.', retries=WAIT)


async def test_a_code_is_refused_the_second_time(user: User) -> None:
    staff = await make_user(Role.DOCTOR, username='ravi', full_name='Dr Ravi Menon')
    await sign_in_as(user, staff)
    secret, _ = await enrol_on_page(user)
    await user.open('/logout')
    next_step()
    code = current_code(secret)
    await sign_in_on_page(user, 'ravi', code)
    await user.should_see('Welcome, Dr Ravi Menon.', retries=WAIT)

    await user.open('/logout')
    await sign_in_on_page(user, 'ravi', code)
    await user.should_see(sign_in.WRONG_CODE, retries=WAIT)
    assert user.client is not None and user.client.page.path == '/login'


async def test_the_code_used_to_enrol_cannot_sign_in(user: User) -> None:
    staff = await make_user(Role.DOCTOR, username='ravi')
    await sign_in_as(user, staff)
    secret, _ = await enrol_on_page(user)
    await user.open('/logout')
    await sign_in_on_page(user, 'ravi', current_code(secret))
    await user.should_see(sign_in.WRONG_CODE, retries=WAIT)


async def test_a_wrong_code_is_refused_and_counts_as_a_failed_sign_in(user: User) -> None:
    staff = await make_user(Role.RECEPTION, username='nisha')
    await sign_in_as(user, staff)
    secret, _ = await enrol_on_page(user)
    await user.open('/logout')
    next_step()
    wrong = f'{(int(current_code(secret)) + 1) % 1_000_000:06d}'
    await sign_in_on_page(user, 'nisha', wrong)
    await user.should_see(sign_in.WRONG_CODE, retries=WAIT)
    assert (await StaffUser.get(id=staff.id)).failed_login_count == 1
    assert user.client is not None and user.client.page.path == '/login'


async def test_a_recovery_code_works_once(user: User) -> None:
    staff = await make_user(Role.RECEPTION, username='nisha', full_name='Nisha Pai')
    await sign_in_as(user, staff)
    _, codes = await enrol_on_page(user)
    await user.open('/logout')
    await sign_in_on_page(user, 'nisha', codes[0].upper())
    await user.should_see('Welcome, Nisha Pai.', retries=WAIT)

    await user.open('/logout')
    await sign_in_on_page(user, 'nisha', codes[0])
    await user.should_see(sign_in.WRONG_CODE, retries=WAIT)
    assert (await StaffUser.get(id=staff.id)).failed_login_count == 1
    assert await RecoveryCode.filter(user_id=staff.id, used_at=None).count() == 9


async def test_wrong_code_while_enrolling_saves_nothing(user: User) -> None:
    staff = await make_user(Role.RECEPTION)
    await sign_in_as(user, staff)
    await user.open('/account/two-factor')
    user.find(marker='start-enrolment').click()
    await user.should_see(marker='qr-code')
    user.find(marker='code').type('12345')
    user.find(marker='confirm').click()
    await user.should_see(two_factor.WRONG_CODE, retries=WAIT)
    stored = await StaffUser.get(id=staff.id)
    assert not stored.totp_enabled and stored.totp_secret is None


async def test_requiring_two_factor_for_a_role_sends_its_members_to_enrol(user: User) -> None:
    admin = await make_user(Role.ADMIN)
    await sign_in_as(user, admin)
    await user.open('/admin/security')
    user.find(marker='two-factor-doctor').click()
    await user.should_see('Two-factor sign-in is now required for Doctor.', retries=WAIT)
    assert (await RolePolicy.get(role=Role.DOCTOR)).two_factor_required
    assert (await two_factor.role_requirements())[Role.DOCTOR]

    doctor = await make_user(Role.DOCTOR, full_name='Dr Ravi Menon')
    await sign_in_as(user, doctor)
    for path in ('/', '/account', '/account/password'):
        response = await user.http_client.get(path)
        assert response.status_code == 303
        assert response.headers['location'] == '/account/two-factor'
    await user.open('/account')
    await user.should_see(marker='required-banner')
    assert user.client is not None and user.client.page.path == '/account/two-factor'

    await enrol_on_page(user)
    await user.open('/')
    await user.should_see('Welcome, Dr Ravi Menon.')
    await user.open('/account/two-factor')
    await user.should_see(marker='cannot-disable')
    await user.should_not_see(marker='disable')
    await user.should_not_see(marker='required-banner')
    with pytest.raises(DomainError, match='requires two-factor'):
        await two_factor.disable(actor=await actor_of(doctor), password=PASSWORD)
    assert (await StaffUser.get(id=doctor.id)).totp_enabled


async def test_reception_cannot_open_the_security_settings(user: User) -> None:
    reception = await make_user(Role.RECEPTION)
    await sign_in_as(user, reception)
    response = await user.http_client.get('/admin/security')
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        await two_factor.set_role_requirement(actor=await actor_of(reception), role=Role.RECEPTION, required=True)
    assert not await RolePolicy.exists()


async def test_disable_and_new_recovery_codes_need_the_password(user: User) -> None:
    staff = await make_user(Role.RECEPTION)
    await sign_in_as(user, staff)
    _, first_codes = await enrol_on_page(user)
    await user.open('/account/two-factor')
    await user.should_see('Recovery codes left: 10 of 10.')

    user.find(marker='password').type('not my password')
    user.find(marker='regenerate').click()
    await user.should_see(two_factor.WRONG_PASSWORD, retries=WAIT)
    user.find(marker='password').type(PASSWORD)
    user.find(marker='regenerate').click()
    await user.should_see('Your new recovery codes. The old ones no longer work.', retries=WAIT)
    new_codes = text_of(user, 'recovery-code')
    assert not set(new_codes) & set(first_codes)

    await user.open('/account/two-factor')
    user.find(marker='password').type(PASSWORD)
    user.find(marker='disable').click()
    await user.should_see('Two-factor sign-in is off for your account.', retries=WAIT)
    stored = await StaffUser.get(id=staff.id)
    assert not stored.totp_enabled and stored.totp_secret is None
    assert not await RecoveryCode.filter(user_id=staff.id).exists()


async def test_admin_resets_two_factor_of_staff_in_their_branch_only(db: None) -> None:
    home, other = await make_branch('Andheri'), await make_branch('Bandra')
    admin = await make_user(Role.ADMIN, branch=home)
    doctor = await make_user(Role.DOCTOR, branch=home)
    elsewhere = await make_user(Role.DOCTOR, branch=other)
    superadmin = await make_user(Role.SUPERADMIN, branch=home)
    for staff in (doctor, elsewhere, superadmin):
        await enrol_directly(staff)

    await two_factor.reset_for_user(actor=await actor_of(admin), user_id=doctor.id)
    stored = await StaffUser.get(id=doctor.id)
    assert not stored.totp_enabled and stored.totp_secret is None
    assert not await RecoveryCode.filter(user_id=doctor.id).exists()

    for target in (elsewhere, superadmin):
        with pytest.raises(PermissionDenied):
            await two_factor.reset_for_user(actor=await actor_of(admin), user_id=target.id)
        assert (await StaffUser.get(id=target.id)).totp_enabled
    with pytest.raises(PermissionDenied):
        await two_factor.reset_for_user(actor=await actor_of(doctor), user_id=elsewhere.id)
    await two_factor.reset_for_user(actor=await actor_of(superadmin), user_id=elsewhere.id)
    assert not (await StaffUser.get(id=elsewhere.id)).totp_enabled


async def test_only_a_superadmin_sets_the_rule_for_superadmins(db: None) -> None:
    admin = await make_user(Role.ADMIN)
    superadmin = await make_user(Role.SUPERADMIN)
    with pytest.raises(PermissionDenied):
        await two_factor.set_role_requirement(actor=await actor_of(admin), role=Role.SUPERADMIN, required=True)
    await two_factor.set_role_requirement(actor=await actor_of(superadmin), role=Role.SUPERADMIN, required=True)
    await two_factor.set_role_requirement(actor=await actor_of(admin), role=Role.RECEPTION, required=True)
    await two_factor.set_role_requirement(actor=await actor_of(admin), role=Role.RECEPTION, required=False)
    assert await two_factor.role_requirements() == {role: role is Role.SUPERADMIN for role in Role}
    with pytest.raises(ValidationFailed):
        await two_factor.set_role_requirement(actor=await actor_of(admin), role='nurse', required=True)


async def enrol_directly(staff: StaffUser) -> list[str]:
    """Enrol a member of staff through the service (for tests that are not about enrolling)."""
    actor = await actor_of(staff)
    enrolment = await two_factor.begin_enrolment(actor=actor)
    return await two_factor.confirm_enrolment(actor=actor, secret=enrolment.secret,
                                              code=current_code(enrolment.secret))


async def test_the_code_step_expires_after_five_minutes(user: User) -> None:
    staff = await make_user(Role.RECEPTION, username='nisha')
    await sign_in_as(user, staff)
    secret, _ = await enrol_on_page(user)
    await user.open('/logout')
    await user.open('/login')
    user.find(marker='username').type('nisha')
    user.find(marker='password').type(PASSWORD)
    user.find(marker='sign-in').click()
    await user.should_see(marker='verify', retries=WAIT)
    clock.advance(timedelta(minutes=6))
    user.find(marker='code').type(current_code(secret))
    user.find(marker='verify').click()
    await user.should_see('That took too long.', retries=WAIT)
    assert await UserSession.filter(user=staff, revoked_at=None).count() == 0
