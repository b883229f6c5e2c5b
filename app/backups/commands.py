"""`prospine backup [PATH]` and `prospine restore PATH [--force]`: what they print and their exit status."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from tortoise import Tortoise

from app.audit import system_actor
from app.backups.archive import BackupError
from app.backups.make import MANUAL, BackupResult, database_path, make_backup
from app.backups.restore import restore_backup
from app.backups.store import human_size
from app.config import Settings
from app.db import close_database, tortoise_config
from app.logs import configure_logging
from app.wording import counted

EXIT_REFUSED = 1
EXIT_WRONG_DATABASE = 2
POSTGRES_SENTENCE = ('prospine: {command} works on the SQLite database only; on PostgreSQL use {tool}, as the '
                     'README section "Backups" describes.')


def backup_command(settings: Settings, path: str | None) -> int:
    """Write one encrypted backup of the live database; print where it went."""
    if not settings.is_sqlite:
        print(POSTGRES_SENTENCE.format(command='backup', tool='pg_dump'), file=sys.stderr)
        return EXIT_WRONG_DATABASE
    try:
        database = database_path(settings)
        if not database.is_file():
            raise BackupError(f'There is no database to back up at {database}.')
        configure_logging(settings.log_dir)
        result = asyncio.run(_backup(settings, Path(path) if path else None))
    except BackupError as error:
        print(f'prospine: {error.message}', file=sys.stderr)
        return EXIT_REFUSED
    events = f'the audit trail up to event #{result.audit_seq}' if result.audit_seq else 'no audit events'
    print(f'Backup written to {result.path} ({human_size(result.size)}): the database with {events}, '
          f'and {result.uploads} uploaded file(s).')
    if result.audit_anchor:
        print(f'Audit anchor: {result.audit_anchor} (note it away from this machine; '
              '`prospine audit verify --anchor CODE` proves later that the trail still holds that event)')
    return 0


async def _backup(settings: Settings, destination: Path | None) -> BackupResult:
    # Only connect (no migrations): a backup must not change the schema of a database the app is serving.
    await Tortoise.init(config=tortoise_config(settings.database_url), _enable_global_fallback=True)
    try:
        return await make_backup(settings=settings, actor=system_actor('cli'), kind=MANUAL, destination=destination)
    finally:
        await close_database()


def restore_command(settings: Settings, path: str, *, force: bool) -> int:
    """Restore a backup with the app stopped; print what was restored."""
    if not settings.is_sqlite:
        print(POSTGRES_SENTENCE.format(command='restore', tool='pg_restore'), file=sys.stderr)
        return EXIT_WRONG_DATABASE
    try:
        configure_logging(settings.log_dir)
        result = asyncio.run(restore_backup(settings=settings, source=Path(path), force=force))
    except BackupError as error:
        print(f'prospine: {error.message}', file=sys.stderr)
        return EXIT_REFUSED
    print(f'Restored the {result.kind} backup made {result.created}: the database passed its integrity check, '
          f'{result.uploads} uploaded file(s) were put back, and the audit trail verifies '
          f'({counted(result.events_checked, "event")} checked).')
    return 0
