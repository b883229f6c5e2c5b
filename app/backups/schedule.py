"""The daily backup of a serving app: every hour, make one when the newest is a day old.

Started by the web process on SQLite files only. A failure is logged and audited (by
`make_backup`) and the loop carries on; it never takes the app down.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from app.audit import system_actor
from app.backups.archive import BackupError
from app.backups.make import DAILY, BackupResult, make_backup
from app.backups.store import newest_backup
from app.clock import utcnow
from app.config import Settings

log = logging.getLogger(__name__)

CHECK_EVERY_SECONDS = 3600.0
FIRST_CHECK_SECONDS = 60.0  # let the app finish starting first
BACKUP_AGE = timedelta(hours=24)
_task: asyncio.Task[None] | None = None


async def backup_if_due(*, settings: Settings) -> BackupResult | None:
    """Make a daily backup when the newest backup is older than a day (or there is none)."""
    newest = await asyncio.to_thread(newest_backup, settings.backups_dir)
    if newest is not None and newest.created is not None and utcnow() - newest.created < BACKUP_AGE:
        return None
    return await make_backup(settings=settings, actor=system_actor('scheduler'), kind=DAILY)


async def _run(settings: Settings) -> None:
    await asyncio.sleep(FIRST_CHECK_SECONDS)
    while True:
        try:
            await backup_if_due(settings=settings)
        except BackupError as error:  # already logged and audited
            log.warning('The daily backup was not made: %s', error.message)
        except Exception:
            log.exception('The daily backup check failed')
        await asyncio.sleep(CHECK_EVERY_SECONDS)


def start_daily_backups(settings: Settings) -> None:
    """Start the hourly check in the running event loop (SQLite files only)."""
    global _task
    if not settings.is_sqlite:
        log.info('No daily backups on PostgreSQL: back it up with pg_dump (see "Backups" in the README).')
        return
    if settings.is_memory_database:
        return
    if _task is None or _task.done():
        _task = asyncio.get_running_loop().create_task(_run(settings), name='daily-backups')


async def stop_daily_backups() -> None:
    """Stop the hourly check (at shutdown)."""
    global _task
    if _task is not None:
        _task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await _task
        _task = None
