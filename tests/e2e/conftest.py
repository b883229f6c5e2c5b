"""Browser tests: a real `prospine serve` process and headless Chromium driven by Playwright.

The server runs as a subprocess with its own environment (an empty temporary data directory,
the SQLite file in it, a free port, no `.env` file), so nothing here shares the in-memory
database or the NiceGUI user simulation the other tests use. Chromium is the system package
(`/usr/bin/chromium`, or `PROSPINE_CHROMIUM`): when it is missing the tests skip locally and
fail when `CI` is set.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import httpx
import pytest

from tests.processes import free_port, stop

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CHROMIUM = '/usr/bin/chromium'
START_TIMEOUT_SECONDS = 60.0
CHROMIUM_ARGS = [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync',
]


@dataclass(frozen=True, kw_only=True)
class Server:
    """The running clinic app."""

    base_url: str
    data_dir: Path
    log_file: Path


def running_in_ci() -> bool:
    return os.environ.get('CI', '').strip().lower() not in {'', '0', 'false', 'no', 'off'}


def unavailable(reason: str) -> NoReturn:
    """Skip locally, fail in CI: a browser test that silently skips in CI tests nothing."""
    if running_in_ci():
        pytest.fail(f'{reason} (CI is set, so the browser tests must run; .ci/run installs chromium)',
                    pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def environment() -> None:
    """Replace tests/conftest.py's in-memory set-up: the browser talks to a separate server process."""


def _server_command() -> list[str]:
    script = Path(sys.executable).with_name('prospine')
    if script.is_file():
        return [str(script), 'serve']
    return [sys.executable, '-m', 'app', 'serve']


def _log_tail(log_file: Path, lines: int = 40) -> str:
    try:
        return '\n'.join(log_file.read_text(errors='replace').splitlines()[-lines:])
    except OSError:
        return '(no log)'


@pytest.fixture(scope='module')
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`prospine serve` on a free port with an empty data directory, for the whole module."""
    root = tmp_path_factory.mktemp('e2e-server')
    data_dir = root / 'data'
    log_file = root / 'server.log'
    port = free_port()
    # No PROSPINE_* from the test process, and no PYTEST_CURRENT_TEST / NICEGUI_*: NiceGUI would
    # believe it runs under pytest and ignore the port.
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(('PROSPINE_', 'PYTEST_', 'NICEGUI_'))}
    env.update({
        'PROSPINE_DATA_DIR': str(data_dir),
        'PROSPINE_DATABASE_URL': '',
        'PROSPINE_HOST': '127.0.0.1',
        'PROSPINE_PORT': str(port),
        'PROSPINE_ENV_FILE': str(root / 'no.env'),
        'PYTHONUNBUFFERED': '1',
    })
    base_url = f'http://127.0.0.1:{port}'
    with log_file.open('wb') as log:
        process = subprocess.Popen(
            _server_command(), cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f'prospine serve exited with {process.returncode}:\n{_log_tail(log_file)}',
                            pytrace=False)
            try:
                httpx.get(f'{base_url}/', timeout=2.0, follow_redirects=False)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail(f'prospine serve did not answer within {START_TIMEOUT_SECONDS:.0f} s:\n'
                                f'{_log_tail(log_file)}', pytrace=False)
                time.sleep(0.2)
        yield Server(base_url=base_url, data_dir=data_dir, log_file=log_file)
    finally:
        stop(process)


@pytest.fixture(scope='module')
def chromium_path() -> str:
    """The system Chromium: `PROSPINE_CHROMIUM` when set, else /usr/bin/chromium or `chromium` on PATH."""
    chosen = os.environ.get('PROSPINE_CHROMIUM', '').strip()
    candidates = [chosen] if chosen else [DEFAULT_CHROMIUM, shutil.which('chromium') or '']
    for path in candidates:
        if path and Path(path).is_file() and os.access(path, os.X_OK):
            return path
    unavailable(f'Chromium is not installed at {candidates[0]} (apt-get install chromium)')


@pytest.fixture(scope='module')
def browser(chromium_path: str) -> Iterator[Browser]:
    """Headless system Chromium, shared by the module (each test opens its own contexts)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("The 'playwright' package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope='module')
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Screenshots go to pytest's temporary directory, never into the repository."""
    return tmp_path_factory.mktemp('e2e-screenshots')
