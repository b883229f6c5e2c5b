"""The page guard: every registered page visited as every role, error pages, security headers."""

from collections.abc import Iterator
from datetime import timedelta
from uuid import UUID

import pytest
from nicegui import Client
from nicegui.testing import User

from app.auth import sessions
from app.auth.permissions import Permission, role_can
from app.clock import utcnow
from components.guard import PAGES, guarded_page
from models.accounts import Role
from models.billing import Invoice, InvoiceStatus
from models.scheduling import Appointment
from tests.factories import make_branch, make_patient, make_user

ANONYMOUS = 'anonymous'
TOKEN_EXAMPLE = UUID('00000000-0000-0000-0000-000000000001')  # the token page's example_path


def expected_outcome(role: Role | str, permission: str, path: str) -> tuple[int, str | None]:
    """The status (and redirect target prefix) a role should get for a page."""
    if permission == Permission.PUBLIC:
        if path == '/setup':
            return 303, '/login'
        if path == '/login' and role != ANONYMOUS:
            return 303, '/'
        return 200, None
    if role == ANONYMOUS:
        return 303, '/login' if path == '/' else '/login?next='
    return (200, None) if role_can(role, permission) else (403, None)  # type: ignore[arg-type]


async def test_every_page_as_every_role(user: User) -> None:
    registered = set(Client.page_routes.values())
    assert registered == set(PAGES), f'pages registered without @guarded_page: {registered - set(PAGES)}'
    branch = await make_branch('Andheri')
    patient = await make_patient('250101-1', branch=branch)  # the example addresses name records that exist
    doctor = await make_user(Role.DOCTOR, branch=branch, username='matrix-clinician')
    await Appointment.create(id=TOKEN_EXAMPLE, branch=branch, patient=patient, clinician=doctor,
                             service='physiotherapy', starts_at=utcnow(), ends_at=utcnow() + timedelta(minutes=30),
                             status='arrived', token_serial=1)
    await Invoice.create(branch=branch, patient=patient, status=InvoiceStatus.ISSUED, number='AND/26-27/00001',
                         financial_year='26-27', serial=1, issued_on=utcnow().date(), total=600)  # the invoice page's
    tokens: dict[Role | str, str | None] = {ANONYMOUS: None}
    for role in Role:
        staff = await make_user(role, branch=branch, username=f'matrix-{role.value}')
        tokens[role] = await sessions.issue(user=staff)

    failures = []
    for spec in PAGES.values():
        if '{' in spec.path:
            assert spec.example_path, f'{spec.path} needs an example_path for this test'
        address = spec.example_path or spec.path
        for role, token in tokens.items():
            user.http_client.cookies.clear()
            if token:
                user.http_client.cookies.set(sessions.COOKIE_NAME, token)
            response = await user.http_client.get(address)
            status, target = expected_outcome(role, spec.permission, spec.path)
            got_target = response.headers.get('location', '')
            if response.status_code != status or (target and not got_target.startswith(target)):
                failures.append(f'{address} as {role}: expected {status} {target or ""}, '
                                f'got {response.status_code} {got_target}')
            assert 'Traceback' not in response.text
    assert not failures, '\n'.join(failures)


async def test_forbidden_page_explains_and_keeps_the_frame(user: User) -> None:
    staff = await make_user(Role.RECEPTION)
    user.http_client.cookies.set(sessions.COOKIE_NAME, await sessions.issue(user=staff))
    forbidden = [spec.path for spec in PAGES.values() if spec.permission != Permission.PUBLIC and '{' not in spec.path
                 and not role_can(Role.RECEPTION, spec.permission)]
    assert forbidden, 'expected at least one page reception may not open'
    response = await user.http_client.get(forbidden[0])
    assert response.status_code == 403
    assert 'You do not have access to this page.' in response.text
    assert 'Sign out' in response.text


async def test_navigation_lists_only_what_the_role_may_open(user: User) -> None:
    staff = await make_user(Role.RECEPTION)
    user.http_client.cookies.set(sessions.COOKIE_NAME, await sessions.issue(user=staff))
    await user.open('/')
    await user.should_see(marker='navigation')
    [navigation] = user.find(marker='navigation').elements
    allowed = {spec.path for spec in PAGES.values() if spec.nav_label and role_can(Role.RECEPTION, spec.permission)}
    assert set(navigation.paths) == allowed
    assert '/admin/users' not in allowed and '/patients' in allowed


async def test_unknown_address_gets_a_friendly_404(user: User) -> None:
    await make_user(Role.RECEPTION)
    response = await user.http_client.get('/no/such/page')
    assert response.status_code == 404
    assert 'This page does not exist.' in response.text


@pytest.fixture
def failing_page() -> Iterator[str]:
    path = '/test-only/failing'

    @guarded_page(path, permission=Permission.PUBLIC, title='Failing')
    def failing() -> None:
        raise RuntimeError('secret internal detail /etc/passwd')

    yield path
    PAGES.pop(path, None)


async def test_a_failing_page_shows_no_stack_trace(user: User, failing_page: str,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    await make_user(Role.RECEPTION)
    response = await user.http_client.get(failing_page)
    assert response.status_code == 500
    assert 'Something went wrong on our side.' in response.text
    assert 'secret internal detail' not in response.text
    assert 'Traceback' not in response.text
    assert 'RuntimeError' not in response.text
    caplog.clear()  # the error is logged on purpose; the user fixture fails tests on ERROR logs


@pytest.mark.parametrize('path', ['/login', '/setup', '/no/such/page', '/static/prospine.css', '/logout'])
async def test_security_headers_on_every_response(user: User, path: str) -> None:
    response = await user.http_client.get(path)
    assert response.headers['X-Content-Type-Options'] == 'nosniff'
    assert "frame-ancestors 'none'" in response.headers['Content-Security-Policy']
    assert response.headers['Referrer-Policy'] == 'same-origin'
    assert response.headers['X-Frame-Options'] == 'DENY'


async def test_session_cookie_is_http_only_and_strict(user: User) -> None:
    from app.auth import handoff

    staff = await make_user(Role.RECEPTION)
    await user.open('/login')
    browser_id = user.http_client.cookies.get('session')
    assert browser_id is not None
    token = await sessions.issue(user=staff)
    # the browser id lives inside NiceGUI's signed cookie; claim with the id the server sees
    from nicegui import app

    with user:
        ticket = handoff.stash(token=token, browser_id=str(app.storage.browser['id']))
    response = await user.http_client.get(f'/auth/complete?ticket={ticket}&next=/account')
    assert response.status_code == 303
    assert response.headers['location'] == '/account'
    cookie = response.headers['set-cookie'].lower()
    assert 'prospine_session=' in cookie
    assert 'httponly' in cookie and 'samesite=strict' in cookie
    assert 'max-age' not in cookie and 'expires' not in cookie
    again = await user.http_client.get(f'/auth/complete?ticket={ticket}&next=/account')
    assert again.headers['location'] == '/login?reason=retry'  # single use


async def test_cookies_are_secure_when_served_over_https(user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    from nicegui import app

    from app.auth import handoff
    from app.config import load_settings, use_settings

    monkeypatch.setenv('PROSPINE_HTTPS', 'true')
    use_settings(load_settings())
    staff = await make_user(Role.RECEPTION)
    await user.open('/login')
    with user:
        ticket = handoff.stash(token=await sessions.issue(user=staff), browser_id=str(app.storage.browser['id']))
    response = await user.http_client.get(f'/auth/complete?ticket={ticket}&next=/')
    assert 'secure' in response.headers['set-cookie'].lower()


async def test_logs_are_written_to_the_data_directory_without_passwords(user: User, environment) -> None:
    from tests.test_sign_in import submit_login

    await make_user(Role.RECEPTION, username='nisha')
    await user.open('/login')
    await submit_login(user, 'nisha', 'my secret attempt 123')
    await user.should_see('The username or password is incorrect.')
    log_file = environment / 'logs' / 'prospine.log'
    text = log_file.read_text(encoding='utf-8')
    assert 'ProSpine started' in text
    assert 'my secret attempt 123' not in text


async def test_a_page_opened_while_the_app_starts_says_so_and_reloads(user: User) -> None:
    """NiceGUI answers before its start-up handlers finish; until the database is open, a page explains."""
    from app.web import readiness

    assert await readiness.wait()  # the fixture's start-up has opened the database
    readiness.ready, readiness.patience = False, 0.2
    try:
        response = await user.http_client.get('/login')
        assert response.status_code == 503 and response.headers['Retry-After'] == '2'
        assert 'ProSpine is starting' in response.text and 'http-equiv="refresh"' in response.text
        assert response.headers['X-Frame-Options'] == 'DENY'
        assert (await user.http_client.get('/static/prospine.css')).status_code == 200
    finally:
        readiness.ready, readiness.patience = True, 5.0
    assert (await user.http_client.get('/login')).status_code in (200, 303)


async def test_a_database_that_failed_to_open_is_explained_without_waiting(user: User) -> None:
    from app.web import readiness

    assert await readiness.wait()
    readiness.ready, readiness.failed = False, True
    try:
        response = await user.http_client.get('/patients')
        assert response.status_code == 503
        assert "ProSpine could not open the clinic's data" in response.text and 'logs/prospine.log' in response.text
    finally:
        readiness.ready, readiness.failed = True, False
