"""Server-side sessions: idle timeout, absolute lifetime, revocation, and tabs left open."""

import asyncio
from datetime import timedelta

import pytest
from nicegui.testing import User

from app.auth import sessions
from app.clock import clock
from app.security.passwords import verify_password
from components import session_watch
from models.accounts import Role, UserSession
from models.accounts import User as StaffUser
from tests.factories import PASSWORD, make_user, sign_in


async def test_token_is_random_and_only_its_hash_is_stored(db: None) -> None:
    staff = await make_user(Role.RECEPTION)
    first = await sessions.issue(user=staff)
    second = await sessions.issue(user=staff)
    assert first != second
    assert len(first) >= 43  # 32 random bytes, URL-safe base64
    stored = {s.token_hash for s in await UserSession.all()}
    assert stored == {sessions.hash_token(first), sessions.hash_token(second)}
    assert first not in stored


async def test_idle_timeout_is_enforced_on_the_server(db: None) -> None:
    staff = await make_user(Role.RECEPTION)
    clock.freeze()
    token = await sessions.issue(user=staff)
    for _ in range(3):  # activity every 14 minutes keeps it alive
        clock.advance(timedelta(minutes=14))
        assert (await sessions.resolve_token(token)).actor is not None
    clock.advance(timedelta(minutes=15))
    resolved = await sessions.resolve_token(token)
    assert resolved.actor is None
    assert resolved.ended_reason == sessions.REASON_IDLE
    clock.advance(timedelta(seconds=1))
    assert (await sessions.resolve_token(token)).actor is None  # stays ended


async def test_absolute_lifetime_ends_even_an_active_session(db: None) -> None:
    staff = await make_user(Role.RECEPTION)
    clock.freeze()
    token = await sessions.issue(user=staff)
    for _ in range(11 * 6 + 5):  # active every 10 minutes for 11 h 50 min
        clock.advance(timedelta(minutes=10))
        assert (await sessions.resolve_token(token)).actor is not None
    clock.advance(timedelta(minutes=10))
    resolved = await sessions.resolve_token(token)
    assert resolved.actor is None
    assert resolved.ended_reason == sessions.REASON_LIFETIME


async def test_idle_session_sends_the_browser_to_sign_in(user: User) -> None:
    staff = await make_user(Role.RECEPTION)
    clock.freeze()
    await sign_in(user, staff)
    assert (await user.http_client.get('/')).status_code == 200
    clock.advance(timedelta(minutes=16))
    response = await user.http_client.get('/account')
    assert response.status_code == 303
    assert response.headers['location'] == '/login?next=/account&reason=idle-timeout'
    await user.open('/account')
    await user.should_see('You were signed out after a period without activity.')


async def test_password_change_revokes_the_other_sessions(user: User) -> None:
    staff = await make_user(Role.DOCTOR)
    other_device = await sessions.issue(user=staff)
    await sign_in(user, staff)
    await user.open('/account/password')
    user.find(marker='current_password').type(PASSWORD)
    user.find(marker='new_password').type('a brand new sentence')
    user.find(marker='repeat_password').type('a brand new sentence')
    user.find(marker='save-password').click()
    await user.should_see('Your password has been changed.', retries=30)  # two argon2 hashes on a busy machine
    resolved = await sessions.resolve_token(other_device)
    assert resolved.actor is None and resolved.ended_reason == sessions.REASON_PASSWORD
    await staff.refresh_from_db()
    assert await verify_password(staff.password_hash, 'a brand new sentence')
    assert (await user.http_client.get('/')).status_code == 200  # the device that changed it stays in


async def test_password_change_refuses_bad_input_and_keeps_the_old_password(user: User) -> None:
    staff = await make_user(Role.DOCTOR)
    await sign_in(user, staff)
    await user.open('/account/password')
    user.find(marker='current_password').type('not my password')
    user.find(marker='new_password').type('short')
    user.find(marker='repeat_password').type('different')
    user.find(marker='save-password').click()
    await user.should_see('Your current password is not correct.', retries=30)
    await user.should_see('Use at least 10 characters.')
    await staff.refresh_from_db()
    assert await verify_password(staff.password_hash, PASSWORD)


async def test_deactivation_revokes_the_session(user: User) -> None:
    staff = await make_user(Role.RECEPTION)
    await sign_in(user, staff)
    assert (await user.http_client.get('/')).status_code == 200
    await StaffUser.filter(id=staff.id).update(is_active=False)
    response = await user.http_client.get('/')
    assert response.status_code == 303
    assert 'reason=user-deactivated' in response.headers['location']


async def test_must_change_password_leads_to_the_password_page(user: User) -> None:
    staff = await make_user(Role.RECEPTION, must_change_password=True)
    await sign_in(user, staff)
    response = await user.http_client.get('/')
    assert response.status_code == 303 and response.headers['location'] == '/account/password'
    await user.open('/account/password')
    await user.should_see('Please choose a new password before you continue.')


async def test_open_tab_on_a_revoked_session_goes_to_sign_in(user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_watch, 'SESSION_CHECK_SECONDS', 0.2)
    staff = await make_user(Role.RECEPTION, full_name='Nisha Pai')
    await sign_in(user, staff)
    await user.open('/account')
    await user.should_see('Nisha Pai')
    await sessions.revoke_all(user_id=staff.id, reason=sessions.REASON_ADMIN_RESET)
    for _ in range(30):
        await asyncio.sleep(0.1)
        if user.client and user.client.page.path == '/login':
            break
    await user.should_see('An administrator reset your password.')


async def test_buttons_on_a_revoked_session_refuse_to_act(user: User) -> None:
    staff = await make_user(Role.DOCTOR)
    await sign_in(user, staff)
    await user.open('/account/password')
    await sessions.revoke_all(user_id=staff.id, reason=sessions.REASON_LOGOUT)
    user.find(marker='current_password').type(PASSWORD)
    user.find(marker='new_password').type('a brand new sentence')
    user.find(marker='repeat_password').type('a brand new sentence')
    user.find(marker='save-password').click()
    await user.should_see('Sign in to continue')
    await staff.refresh_from_db()
    assert await verify_password(staff.password_hash, PASSWORD)
