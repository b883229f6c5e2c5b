"""The backups page, on a file-based SQLite clinic (an in-memory database cannot be backed up)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from nicegui import ui
from nicegui.testing import User

from app.audit import system_actor
from app.backups.archive import header_of
from app.backups.make import DAILY, make_backup
from app.backups.store import list_backups
from app.config import get_settings, load_settings, use_settings
from app.web import readiness
from models.accounts import Role
from models.audit import AuditEvent
from tests.factories import make_branch, make_user, sign_in


@pytest.fixture(autouse=True)
def sqlite_file(environment: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Serve the page from a SQLite file in the test's data directory (set before the `user` fixture starts)."""
    monkeypatch.setenv('PROSPINE_DATABASE_URL', f'sqlite://{environment / "prospine.sqlite3"}')
    use_settings(load_settings())
    yield environment


@pytest.fixture
async def user(user: User) -> User:
    """The `user` fixture once the app's start-up has opened the database (migrating a file takes a moment)."""
    deadline = asyncio.get_running_loop().time() + 30
    while not readiness.ready:  # migrated, and the new installation's audit key made
        assert asyncio.get_running_loop().time() < deadline, 'the app did not open its database'
        await asyncio.sleep(0.05)
    return user


def backup_rows(user: User) -> list[dict]:
    return user.find(marker='backup-table').elements.pop().rows


async def test_back_up_now_makes_a_backup_and_shows_it(user: User) -> None:
    admin = await make_user(Role.ADMIN, branch=await make_branch('Andheri'))
    await sign_in(user, admin)
    await user.open('/admin/backups')
    await user.should_see('No backup has been made yet.')
    await user.should_see('stop the clinic app, then run `prospine restore <file>`', retries=1)
    user.find('Back up now').click()
    await user.should_see('Backup made: prospine-', retries=50)
    [backup] = list_backups(get_settings().backups_dir)
    assert backup.kind == 'manual' and header_of(backup.path).kind == 'manual'
    await user.should_see('Last backup:')
    assert [row['name'] for row in backup_rows(user)] == [backup.name]
    assert backup_rows(user)[0]['kind'] == 'Manual'
    [event] = await AuditEvent.filter(action='backup')
    assert (event.username, event.outcome, event.entity_id) == (admin.username, 'success', backup.name)


async def test_the_page_shows_the_last_daily_backup_first(user: User) -> None:
    await sign_in(user, await make_user(Role.SUPERADMIN, branch=await make_branch('Andheri')))
    await user.open('/')  # the app is up (database open) before a backup is made directly
    first = await make_backup(settings=get_settings(), actor=system_actor('scheduler'), kind=DAILY)
    await user.open('/admin/backups')
    await user.should_see('Last backup:')
    last = user.find(marker='last-backup').elements.pop()
    assert isinstance(last, ui.label) and ', daily, ' in last.text
    assert [row['name'] for row in backup_rows(user)] == [first.path.name]


async def test_a_failed_backup_says_why(user: User) -> None:
    await sign_in(user, await make_user(Role.ADMIN, branch=await make_branch('Andheri')))
    await user.open('/admin/backups')
    (get_settings().data_dir / 'keys').mkdir(parents=True, exist_ok=True)
    (get_settings().data_dir / 'keys' / 'keyring.json').write_text('damaged')
    user.find('Back up now').click()
    await user.should_see('The backup failed: The key file', retries=50)
    assert list_backups(get_settings().backups_dir) == []
    [event] = await AuditEvent.filter(action='backup')
    assert event.outcome == 'failed'


async def test_reception_cannot_open_backups(user: User) -> None:
    await sign_in(user, await make_user(Role.RECEPTION))
    assert (await user.http_client.get('/admin/backups')).status_code == 403
