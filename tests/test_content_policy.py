"""Every response carries a Content-Security-Policy: no inline handlers, no foreign origins, a nonce per page."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from nicegui.testing import User

from app.config import get_settings, load_settings, use_settings
from app.content_policy import policy, with_nonce
from models.accounts import Role
from tests.factories import make_user, sign_in


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(';') if part.strip())
    return {name: values for name, *values in parts}


@pytest.mark.parametrize('path', ['/login', '/setup', '/book', '/no/such/page', '/static/prospine.css', '/logout'])
async def test_every_response_forbids_inline_handlers_and_foreign_origins(user: User, path: str) -> None:
    await make_user(Role.RECEPTION)
    response = await user.http_client.get(path)
    found = directives(response.headers['Content-Security-Policy'])
    assert found['default-src'] == ["'self'"] and found['object-src'] == ["'none'"]
    assert found['script-src-attr'] == ["'none'"] and found['frame-ancestors'] == ["'none'"]
    assert "'unsafe-inline'" not in found['script-src'] and '*' not in found['script-src']
    for values in found.values():
        foreign = [value for value in values if '://' in value or value.startswith(('http', 'ws', '*'))]
        assert foreign == [], f'{path}: a foreign origin is allowed: {foreign}'


async def test_a_page_runs_only_its_own_scripts_with_a_fresh_nonce(user: User) -> None:
    await sign_in(user, await make_user(Role.RECEPTION))
    first = await user.http_client.get('/patients')
    second = await user.http_client.get('/patients')
    nonces = []
    for response in (first, second):
        script_src = directives(response.headers['Content-Security-Policy'])['script-src']
        nonce = next(value for value in script_src if value.startswith("'nonce-"))[7:-1]
        tags = re.findall(r'<script[^>]*>', response.text)
        assert tags and all(f'nonce="{nonce}"' in tag for tag in tags), tags
        nonces.append(nonce)
    assert nonces[0] != nonces[1] and len(nonces[0]) >= 22


async def test_the_page_keeps_its_cookies_when_the_nonce_is_added(user: User) -> None:
    await make_user(Role.RECEPTION)
    response = await user.http_client.get('/login')
    assert response.status_code == 200 and 'session' in response.headers.get('set-cookie', '')
    assert int(response.headers['content-length']) == len(response.content)


def test_the_nonce_goes_on_script_tags_only() -> None:
    page = b'<script>a()</script><script type="module">b()</script><scripty><noscript></noscript>'
    assert with_nonce(page, 'N') == (b'<script nonce="N">a()</script><script nonce="N" type="module">b()</script>'
                                     b'<scripty><noscript></noscript>')
    assert "'nonce-N'" in policy('N') and 'nonce' not in policy()


async def test_hsts_is_sent_only_when_the_clinic_uses_https(user: User) -> None:
    await make_user(Role.RECEPTION)
    assert 'strict-transport-security' not in (await user.http_client.get('/login')).headers
    use_settings(replace(get_settings(), https=True))
    for path in ('/login', '/static/prospine.css'):
        assert (await user.http_client.get(path)).headers['strict-transport-security'] == 'max-age=31536000'


def test_trusted_proxies_are_read_as_networks() -> None:
    settings = load_settings({'PROSPINE_TRUSTED_PROXIES': ' 10.0.0.5, 192.168.1.7/24 ,'}, env_file=Path('/absent'))
    assert settings.trusted_proxies == ('10.0.0.5/32', '192.168.1.0/24')
    assert load_settings({}, env_file=Path('/absent')).trusted_proxies == ()
