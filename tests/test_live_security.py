"""Against a real server: a page's events run only for its own session, and the transport trusts nobody else.

The outside test captured a doctor's "Add diagnosis" and replayed it with the doctor's client id
from a receptionist's socket and from an anonymous `/book` socket: it ran as the doctor. Here the
same replay changes nothing and is audited; the doctor's own socket, sending the same messages,
does add the diagnosis (so the messages are right and the test can fail).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import nicegui
import pytest
import socketio

from tests.live.server import LiveClinic, Page, Tab, live_clinic, page_of


@pytest.fixture(scope='module')
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveClinic]:
    with live_clinic(tmp_path_factory.mktemp('live')) as running:
        yield running


def diagnoses(clinic: LiveClinic) -> int:
    return clinic.rows('SELECT count(*) FROM diagnosis')[0][0]


def refusals(clinic: LiveClinic, username: str) -> list[tuple]:
    return clinic.rows("SELECT username, entity_type, detail FROM audit_event WHERE action = 'permission-denied' "
                       "AND entity_type = 'page-client' AND username = ? ORDER BY seq", username)


async def add_diagnosis(tab: Tab, page: Page, description: str) -> None:
    field_id, field = page.find('nicegui-input', label='Diagnosis')
    button_id, button = page.find('q-btn', label='Add diagnosis')
    await tab.send(page.client_id, field_id, Page.listener(field, 'update:value'), description)
    await tab.send(page.client_id, button_id, Page.listener(button, 'click'))


async def until(condition, what: str, seconds: float = 10) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds * 20)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f'{what} did not happen within {seconds} s')


async def test_a_replayed_event_runs_only_from_the_session_the_page_was_built_for(clinic: LiveClinic) -> None:
    doctors_page = page_of(clinic.get(f'/patients/{clinic.patient}?part=history', role='doctor'))
    doctor = Tab(clinic, role='doctor')
    await doctor.connect(doctors_page.client_id)

    reception = Tab(clinic, role='reception')
    await reception.connect(page_of(clinic.get('/patients', role='reception')).client_id)
    anonymous = Tab(clinic, role=None)
    await anonymous.connect(page_of(clinic.get('/book')).client_id)
    before = diagnoses(clinic)
    try:
        await add_diagnosis(reception, doctors_page, 'Forged by the desk')
        await add_diagnosis(anonymous, doctors_page, 'Forged by a stranger')
        await until(lambda: refusals(clinic, 'reception') and refusals(clinic, ''), 'both refusals audited')
        await asyncio.sleep(0.5)
        assert diagnoses(clinic) == before
        assert refusals(clinic, 'reception') == [('reception', 'page-client',
                                                 'event for a page this connection did not open')]

        await add_diagnosis(doctor, doctors_page, 'Lumbar spondylosis')  # the page's own socket: it runs
        await until(lambda: diagnoses(clinic) == before + 1, "the doctor's own diagnosis")
    finally:
        for tab in (doctor, reception, anonymous):
            await tab.close()


async def test_a_socket_of_another_session_cannot_join_a_page(clinic: LiveClinic) -> None:
    doctors_page = page_of(clinic.get(f'/patients/{clinic.patient}', role='doctor'))
    intruder = Tab(clinic, role='reception')
    with pytest.raises(socketio.exceptions.ConnectionError):
        await intruder.connect(doctors_page.client_id)
    await until(lambda: ('reception', 'page-client', 'connection from another session to a page')
                in refusals(clinic, 'reception'), 'the refused connection audited')
    stranger = Tab(clinic, role=None)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await stranger.connect(doctors_page.client_id)


def test_an_upload_needs_the_session_the_page_was_built_for(clinic: LiveClinic) -> None:
    page = page_of(clinic.get(f'/patients/{clinic.patient}?part=attachments', role='doctor'))
    _, upload = page.find('nicegui-upload', **{'auto-upload': True})
    url = clinic.base_url + upload['props']['url']
    files = {'file': ('lab report.pdf', b'%PDF-1.7\nreport\n%%EOF', 'application/pdf')}
    for cookies in ({}, {'prospine_session': clinic.tokens['reception']}):
        refused = httpx.post(url, files=files, cookies=cookies, timeout=20)
        assert refused.status_code == 403
    assert clinic.rows('SELECT count(*) FROM attachment') == [(0,)]
    assert ('reception', 'page-client', 'upload from another session to a page') in refusals(clinic, 'reception')


@pytest.mark.parametrize('origin', ['http://evil.example', 'null', 'http://127.0.0.1:1'])
def test_socket_io_answers_only_the_apps_own_origin(clinic: LiveClinic, origin: str) -> None:
    handshake = f'{clinic.base_url}/_nicegui_ws/socket.io/?EIO=4&transport=polling'
    foreign = httpx.get(handshake, headers={'Origin': origin}, timeout=10)
    assert foreign.status_code == 400 and 'access-control-allow-origin' not in foreign.headers
    own = httpx.get(handshake, headers={'Origin': clinic.base_url}, timeout=10)
    assert own.status_code == 200 and own.headers['access-control-allow-origin'] == clinic.base_url


def test_forwarded_addresses_are_not_believed_by_default(clinic: LiveClinic) -> None:
    refused = clinic.get('/admin/users', role='reception', **{'X-Forwarded-For': '203.0.113.9'})
    assert refused.status_code == 403
    [(address,)] = clinic.rows("SELECT client_ip FROM audit_event WHERE entity_id = '/admin/users' "
                               "ORDER BY seq DESC LIMIT 1")
    assert address == '127.0.0.1'


def test_no_server_banner(clinic: LiveClinic) -> None:
    response = clinic.get('/login')
    assert 'server' not in response.headers


def test_forwarded_addresses_from_a_named_proxy_are_believed(tmp_path: Path) -> None:
    with live_clinic(tmp_path, PROSPINE_TRUSTED_PROXIES='127.0.0.1') as behind_proxy:
        refused = behind_proxy.get('/admin/users', role='reception', **{'X-Forwarded-For': '203.0.113.9'})
        assert refused.status_code == 403
        [(address,)] = behind_proxy.rows("SELECT client_ip FROM audit_event WHERE entity_id = '/admin/users' "
                                         'ORDER BY seq DESC LIMIT 1')
        assert address == '203.0.113.9'


def test_the_servers_own_middlewares_answer_as_before(clinic: LiveClinic) -> None:
    """Plain ASGI in place of Starlette's BaseHTTPMiddleware (app.plain_middleware): the same headers, gzip
    on top."""
    redirected = clinic.get('/', **{'X-Forwarded-Prefix': '/clinic'})  # a clinic behind a proxy's sub-path
    assert redirected.status_code == 303 and redirected.headers['location'] == '/clinic/login'
    script = clinic.get(f'/_nicegui/{nicegui.__version__}/static/nicegui.js')
    assert script.status_code == 200 and 'immutable' in script.headers['cache-control']
    page = clinic.get('/login', **{'Accept-Encoding': 'gzip'})
    assert page.headers['content-encoding'] == 'gzip' and page.headers['x-frame-options'] == 'DENY'
    nonce = re.search(r"'nonce-([\w-]+)'", page.headers['content-security-policy'])[1]  # type: ignore[index]
    scripts = re.findall(r'<script[^>]*>', page.text)
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert 'session=' in page.headers['set-cookie']  # the browser's storage id (NiceGUI's request tracking)
