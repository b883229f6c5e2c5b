"""Redirect targets after sign-in accept only local paths."""

import sys
from collections.abc import Iterator

import pytest

from app.auth.navigation import login_url, safe_next


@pytest.fixture
def screens_imported_here() -> Iterator[None]:
    """Forget the page modules these tests import, so the next app start registers its pages again.

    NiceGUI's test reset drops page modules from `sys.modules` for the same reason: importing a
    module that is already loaded would not run its `@guarded_page` decorators.
    """
    before = set(sys.modules)
    yield
    for name in set(sys.modules) - before:
        if name == 'pages' or name.startswith(('pages.', 'components.')):
            sys.modules.pop(name, None)


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


def test_every_module_in_pages_is_a_registered_screen_or_file_route(screens_imported_here: None) -> None:
    import pkgutil

    import pages

    listed = {module.__name__ for module in (*pages.SCREENS, *pages.FILE_ROUTES)}
    present = {f'pages.{info.name}' for info in pkgutil.iter_modules(pages.__path__)}
    assert present == listed
    assert len(listed) == len(pages.SCREENS) + len(pages.FILE_ROUTES)  # none named twice


def test_every_screen_module_registers_a_guarded_page(screens_imported_here: None) -> None:
    from nicegui import Client

    import pages
    from app.auth.admission import PAGES

    page_modules = {getattr(page, '__module__', '') for page in Client.page_routes}
    assert {screen.__name__ for screen in pages.SCREENS} <= page_modules
    assert set(Client.page_routes.values()) <= set(PAGES)


def test_every_patient_section_module_is_on_the_patient_page(screens_imported_here: None) -> None:
    import pkgutil
    from pathlib import Path

    import components
    from pages import patient

    with_sections = {f'components.{info.name}' for info in pkgutil.iter_modules(components.__path__)
                     if '@patient_section(' in (Path(components.__path__[0]) / f'{info.name}.py').read_text()}
    assert with_sections == {module.__name__ for module in patient.SECTION_MODULES}
