"""Signing in and out through the pages, the one message for every wrong credential, throttling."""

import asyncio
import time
from datetime import timedelta

from nicegui.testing import User

from app.auth import sign_in
from app.clock import clock
from app.security.passwords import hash_password_sync
from models.accounts import Role, UserSession
from models.accounts import User as StaffUser
from tests.factories import PASSWORD, make_user


async def submit_login(user: User, username: str, password: str) -> None:
    user.find(marker='username').clear().type(username)
    user.find(marker='password').clear().type(password)
    user.find(marker='sign-in').click()


async def test_sign_in_and_sign_out(user: User) -> None:
    staff = await make_user(Role.DOCTOR, username='ravi', full_name='Dr Ravi Menon')
    await user.open('/login')
    await submit_login(user, 'Ravi ', PASSWORD)
    await user.should_see('Welcome, Dr Ravi Menon.')
    session = await UserSession.get(user=staff)
    assert session.revoked_at is None
    assert len(session.token_hash) == 64

    await user.open('/logout')
    await user.should_see('You have signed out.')
    await session.refresh_from_db()
    assert session.revoked_reason == 'logout'
    response = await user.http_client.get('/')
    assert response.status_code == 303
    assert response.headers['location'].startswith('/login')


async def test_sign_in_returns_to_the_page_asked_for(user: User) -> None:
    await make_user(Role.RECEPTION, username='nisha')
    await user.open('/account')
    await user.should_see('Sign in to continue')
    await submit_login(user, 'nisha', PASSWORD)
    await user.should_see('Change password')
    assert user.client is not None and user.client.page.path == '/account'


async def test_next_refuses_addresses_outside_the_app(user: User) -> None:
    await make_user(Role.RECEPTION, username='nisha', full_name='Nisha Pai')
    await user.open('/login?next=https://evil.example/steal')
    await submit_login(user, 'nisha', PASSWORD)
    await user.should_see('Welcome, Nisha Pai.')
    assert user.client is not None and user.client.page.path == '/'


async def test_unknown_user_and_wrong_password_get_the_same_message(user: User) -> None:
    await make_user(Role.RECEPTION, username='nisha')
    await user.open('/login')
    await submit_login(user, 'nobody-here', PASSWORD)
    await user.should_see(sign_in.WRONG_CREDENTIALS)
    await user.open('/login')
    await submit_login(user, 'nisha', 'not the password at all')
    await user.should_see(sign_in.WRONG_CREDENTIALS)
    assert await UserSession.all().count() == 0


async def test_deactivated_user_gets_the_same_message(db: None) -> None:
    await make_user(Role.RECEPTION, username='gone', is_active=False)
    outcome = await sign_in.check_password(username='gone', password=PASSWORD)
    assert outcome.error == sign_in.WRONG_CREDENTIALS


async def test_unknown_user_costs_about_as_long_as_a_wrong_password(db: None) -> None:
    await make_user(Role.RECEPTION, username='nisha')

    async def timed(username: str) -> float:
        started = time.perf_counter()
        await sign_in.check_password(username=username, password='wrong password here')
        return time.perf_counter() - started

    await make_user(Role.RECEPTION, username='other')
    unknown_times, wrong_times = [], []
    for i in range(5):  # interleaved, so load on the machine hits both alike
        unknown_times.append(await timed(f'ghost{i}'))
        wrong_times.append(await timed('nisha' if i % 2 else 'other'))
    unknown, wrong = min(unknown_times), min(wrong_times)
    assert 0.5 < unknown / wrong < 2.0, (unknown, wrong)


async def test_growing_delay_then_lockout(db: None) -> None:
    staff = await make_user(Role.RECEPTION, username='nisha')
    clock.freeze()
    for _ in range(5):
        outcome = await sign_in.check_password(username='nisha', password='wrong password')
        assert outcome.error == sign_in.WRONG_CREDENTIALS
        clock.advance(timedelta(seconds=1))
    clock.advance(timedelta(seconds=-1))
    refused = await sign_in.check_password(username='nisha', password=PASSWORD)
    assert refused.error is not None and 'wait' in refused.error
    await staff.refresh_from_db()
    assert staff.failed_login_count == 5  # a refused attempt is not counted

    for _ in range(5):
        clock.advance(timedelta(seconds=20))
        await sign_in.check_password(username='nisha', password='wrong password')
    await staff.refresh_from_db()
    assert staff.locked_until is not None
    clock.advance(timedelta(minutes=5))
    locked = await sign_in.check_password(username='nisha', password=PASSWORD)
    assert locked.error is not None and 'locked for 15 minutes' in locked.error

    clock.advance(timedelta(minutes=11))
    assert (await sign_in.check_password(username='nisha', password=PASSWORD)).ok


async def test_unknown_names_are_throttled_like_accounts(db: None) -> None:
    clock.freeze()
    for _ in range(10):
        await sign_in.check_password(username='ghost', password='wrong password')
        clock.advance(timedelta(seconds=40))
    outcome = await sign_in.check_password(username='ghost', password='wrong password')
    assert outcome.error is not None and 'locked for 15 minutes' in outcome.error


async def test_success_resets_the_failure_count(db: None) -> None:
    staff = await make_user(Role.RECEPTION, username='nisha')
    clock.freeze()
    for _ in range(3):
        await sign_in.check_password(username='nisha', password='wrong password')
    assert (await sign_in.check_password(username='nisha', password=PASSWORD)).ok
    await sign_in.start_session(user_id=staff.id, ip='10.0.0.5', user_agent='tablet')
    await staff.refresh_from_db()
    assert staff.failed_login_count == 0
    assert staff.last_login_at is not None


async def wait_for_failures(staff: StaffUser, expected: int) -> None:
    for _ in range(100):
        await staff.refresh_from_db()
        if staff.failed_login_count == expected or staff.locked_until is not None:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f'expected {expected} failed sign-ins, found {staff.failed_login_count}')


async def test_locked_account_message_on_the_page(user: User) -> None:
    staff = await make_user(Role.RECEPTION, username='nisha')
    clock.freeze()
    await user.open('/login')
    for attempt in range(1, 11):
        await submit_login(user, 'nisha', 'wrong password')
        await wait_for_failures(staff, attempt)
        await user.should_see(sign_in.WRONG_CREDENTIALS)
        clock.advance(timedelta(seconds=61))
    assert staff.locked_until is not None
    await submit_login(user, 'nisha', PASSWORD)
    await user.should_see('this account is locked for 15 minutes')


async def test_old_hash_parameters_are_upgraded_at_sign_in(db: None) -> None:
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(PASSWORD)
    staff = await make_user(Role.RECEPTION, username='nisha')
    await StaffUser.filter(id=staff.id).update(password_hash=weak)
    assert (await sign_in.check_password(username='nisha', password=PASSWORD)).ok
    await staff.refresh_from_db()
    assert staff.password_hash != weak
    assert 'm=38912,t=2' in staff.password_hash
    assert hash_password_sync(PASSWORD).split('$')[3] == staff.password_hash.split('$')[3]


async def test_a_ticket_works_once_and_only_for_its_browser(user: User) -> None:
    await make_user(Role.RECEPTION, username='nisha')
    response = await user.http_client.get('/auth/complete?ticket=made-up&next=/')
    assert response.status_code == 303
    assert response.headers['location'] == '/login?reason=retry'
    assert 'prospine_session' not in response.headers.get('set-cookie', '')
