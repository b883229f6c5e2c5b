"""Redirect targets after sign-in accept only local paths."""

import pytest

from app.auth.navigation import login_url, safe_next


@pytest.mark.parametrize('target', [
    'https://evil.example/', '//evil.example/path', '/\\evil.example', 'javascript:alert(1)', 'evil.example',
    '/login', '/logout', '/auth/complete?ticket=x', '\x00/x', '/ok\r\nX: y', None, '',
])
def test_unsafe_targets_become_home(target: str | None) -> None:
    assert safe_next(target) == '/'


@pytest.mark.parametrize('target', ['/', '/account', '/admin/users?page=2', '/patients/250101-1'])
def test_local_paths_are_kept(target: str) -> None:
    assert safe_next(target) == target


def test_login_url_carries_a_safe_next_and_reason() -> None:
    assert login_url(next_path='/account', reason='idle-timeout') == '/login?next=/account&reason=idle-timeout'
    assert login_url(next_path='https://evil.example') == '/login'
