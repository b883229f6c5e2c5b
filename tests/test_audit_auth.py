"""Sign-in, sign-out, expiry and refusals are written to the audit trail, with who, where and why."""

from __future__ import annotations

from datetime import timedelta

from nicegui.testing import User

from app.audit.verify import verify_chain
from app.auth import sessions
from app.auth import sign_in as sign_in_service
from app.clock import clock
from models.accounts import Role, UserSession
from models.audit import AuditEvent
from tests.factories import PASSWORD, make_user, sign_in
from tests.test_sign_in import submit_login


async def events(action: str) -> list[AuditEvent]:
    return await AuditEvent.filter(action=action).order_by('seq')


async def test_sign_in_and_out_are_audited_with_session_and_device(user: User) -> None:
    staff = await make_user(Role.DOCTOR, username='ravi', full_name='Dr Ravi Menon')
    await user.open('/login')
    await submit_login(user, 'ravi', 'not the password')
    await user.should_see('The username or password is incorrect.')
    await submit_login(user, 'ravi', PASSWORD)
    await user.should_see('Welcome, Dr Ravi Menon.', retries=30)  # argon2 and a redirect: slow on a busy machine
    session = await UserSession.get(user=staff)

    [failed] = await events('login-failed')
    assert (failed.user_id, failed.username, failed.role, failed.outcome, failed.detail) == \
        (staff.id, 'ravi', 'doctor', 'failed', 'wrong password')
    [login] = await events('login')
    assert (login.user_id, login.session_id, login.entity_type, login.entity_id, login.outcome) == \
        (staff.id, session.id, 'session', str(session.id), 'success')
    assert login.branch_id == staff.branch_id  # type: ignore[attr-defined]
    assert login.client_ip and login.user_agent  # where the sign-in came from
    assert login.occurred_at is not None

    await user.open('/logout')
    await user.should_see('You have signed out.')
    [logout] = await events('logout')
    assert (logout.user_id, logout.session_id, logout.detail) == (staff.id, session.id, 'logout')
    assert (await verify_chain()).ok


async def test_unknown_usernames_and_deactivated_accounts_are_audited(db: None) -> None:
    await make_user(Role.RECEPTION, username='former', is_active=False)
    assert not (await sign_in_service.check_password(username='Nobody', password=PASSWORD)).ok
    assert not (await sign_in_service.check_password(username='former', password=PASSWORD)).ok
    unknown, deactivated = await events('login-failed')
    assert (unknown.user_id, unknown.username, unknown.detail) == (None, 'nobody', 'unknown username')
    assert (deactivated.username, deactivated.detail) == ('former', 'account deactivated')
    assert await AuditEvent.filter(action='login').count() == 0


async def test_a_lockout_is_audited_once_and_later_attempts_are_denied(db: None) -> None:
    clock.freeze()
    staff = await make_user(Role.RECEPTION, username='nisha')
    for _ in range(10):
        assert not (await sign_in_service.check_password(username='nisha', password='wrong wrong wrong')).ok
        clock.advance(timedelta(minutes=1))
    refusal = await sign_in_service.check_password(username='nisha', password=PASSWORD)  # right, but locked
    assert refusal.error and 'locked' in refusal.error
    [lockout] = await events('lockout')
    assert (lockout.user_id, lockout.entity_id) == (staff.id, str(staff.id))
    assert 'locked after 10 failed attempts' in lockout.detail
    assert await AuditEvent.filter(action='login-failed', outcome='failed').count() == 10
    [refused] = await AuditEvent.filter(action='login-failed', outcome='denied')
    assert refused.detail == 'account locked'
    assert await AuditEvent.filter(action='login').count() == 0
    assert (await verify_chain()).ok


async def test_an_expired_session_is_audited_once(user: User) -> None:
    clock.freeze()
    staff = await make_user(Role.RECEPTION)
    token = await sign_in(user, staff)
    clock.advance(timedelta(hours=1))
    assert (await sessions.resolve_token(token)).ended_reason == sessions.REASON_IDLE
    assert (await sessions.resolve_token(token)).ended_reason == sessions.REASON_IDLE
    [expired] = await events('session-expired')
    assert (expired.user_id, expired.detail, expired.entity_type) == (staff.id, 'idle-timeout', 'session')


async def test_a_refused_page_is_audited(user: User) -> None:
    staff = await make_user(Role.RECEPTION, username='nisha')
    await sign_in(user, staff)
    response = await user.http_client.get('/admin/users')
    assert response.status_code == 403
    [denied] = await events('permission-denied')
    assert (denied.user_id, denied.outcome, denied.entity_type, denied.entity_id) == \
        (staff.id, 'denied', 'page', '/admin/users')
    assert denied.detail == 'needs users.view'
