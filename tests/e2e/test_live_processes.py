"""Two `prospine serve` processes on one PostgreSQL database, told of each other's changes over Redis.

A receptionist saves an inquiry in a browser on process A; the inquiries page an admin has open
in another browser on process B shows it, without a reload. Both processes share one data
directory's keys (copied, as a second server would be set up) and sessions live in the database.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

from app.migration_tools import scratch_postgres
from tests.live.server import serve
from tests.postgres import reachable_server
from tests.processes import free_port
from tests.redis_server import reachable_redis, scratch_channel
from tests.test_cli import REPO, cli_env

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = pytest.mark.postgres

TIMEOUT_MS = 15_000
T = TypeVar('T')


@pytest.fixture
def run_async() -> Iterator[Callable[[Coroutine[Any, Any, T]], T]]:
    """Run coroutines on a loop of their own (Playwright's sync API keeps one running in this thread)."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name='test-async', daemon=True)
    thread.start()
    try:
        yield lambda coroutine: asyncio.run_coroutine_threadsafe(coroutine, loop).result(timeout=120)
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()


@pytest.fixture
def database(run_async: Callable[[Coroutine[Any, Any, Any]], Any]) -> Iterator[str]:
    """A scratch PostgreSQL database (fails in CI, skips elsewhere, when the server is unreachable)."""
    scratch = scratch_postgres(run_async(reachable_server()), prefix='prospine_t')
    url = run_async(scratch.__aenter__())
    try:
        yield url
    finally:
        run_async(scratch.__aexit__(None, None, None))


@pytest.fixture
def redis_url(run_async: Callable[[Coroutine[Any, Any, str]], str]) -> str:
    """The test Redis (fails in CI, skips elsewhere, when it is unreachable)."""
    return run_async(reachable_redis())


@contextmanager
def serving(data_dir: Path, log: Path, **variables: str) -> Iterator[str]:
    """`prospine serve` on a free port; yields its base URL."""
    env = cli_env(data_dir, PROSPINE_HOST='127.0.0.1', PROSPINE_PORT=str(free_port()), PYTHONUNBUFFERED='1',
                  **variables)
    with serve(env, log) as base_url:
        yield base_url


def signed_in(browser: Browser, base_url: str, token: str) -> BrowserContext:
    context = browser.new_context(base_url=base_url, viewport={'width': 1366, 'height': 768})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_cookies([{'name': 'prospine_session', 'value': token, 'url': base_url}])
    return context


def open_inquiries(context: BrowserContext) -> Page:
    page = context.new_page()
    page.goto('/inquiries')
    page.wait_for_function('window.did_handshake === true')
    return page


def test_an_inquiry_saved_on_one_process_appears_on_a_page_open_on_another(
        browser: Browser, database: str, redis_url: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    first_dir, second_dir = tmp_path / 'a' / 'data', tmp_path / 'b' / 'data'
    shared = {'PROSPINE_DATABASE_URL': database, 'PROSPINE_REDIS_URL': redis_url,
              'PROSPINE_REDIS_CHANNEL': scratch_channel()}
    seeded = subprocess.run([sys.executable, '-m', 'tests.live.seed'], cwd=REPO, env=cli_env(first_dir, **shared),
                            capture_output=True, text=True, timeout=120, check=False)
    assert seeded.returncode == 0, seeded.stderr
    tokens = json.loads(seeded.stdout)['tokens']
    shutil.copytree(first_dir, second_dir, ignore=shutil.ignore_patterns('logs', 'serve.lock'))  # the same keys

    with serving(first_dir, tmp_path / 'a.log', **shared) as first, \
            serving(second_dir, tmp_path / 'b.log', **shared) as second:
        watching = open_inquiries(signed_in(browser, second, tokens['admin']))
        watching.evaluate('window.__not_reloaded = true')

        desk = open_inquiries(signed_in(browser, first, tokens['reception']))
        desk.get_by_role('button', name='New quick inquiry').click()
        desk.get_by_label('Name').fill('Arjun Mehta')
        desk.get_by_label('Phone').fill('98200 12345')
        desk.get_by_role('button', name='Save').click()
        expect(desk.get_by_text('The inquiry of Arjun Mehta has been saved.')).to_be_visible(timeout=TIMEOUT_MS)

        expect(watching.get_by_role('cell', name='Arjun Mehta')).to_be_visible(timeout=TIMEOUT_MS)
        assert watching.evaluate('window.__not_reloaded === true')  # the row came over the open page's socket
        watching.screenshot(path=tmp_path / 'inquiries-updated-on-b.png')
        assert 'Live updates travel over Redis' in (second_dir / 'logs' / 'prospine.log').read_text()
