"""Database wiring: the Tortoise configuration, start-up with migrations, and shutdown.

SQLite (the embedded default) and PostgreSQL each keep their own aerich migration tree under
`migrations/<dialect>/`, because aerich writes dialect-specific SQL. Both trees are generated
from the same models and a test fails when either drifts from them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

from tortoise import Tortoise, connections

from app import issued_records
from app.audit import append_only
from app.audit.chain import AuditKeyError, audit_key, head_path
from app.audit.verify import ensure_audit_key
from app.config import Settings, url_without_password
from app.security.sealing import seal_plain_values
from models import MODEL_MODULES

MIGRATIONS_ROOT = Path(__file__).resolve().parent.parent / 'migrations'
SQLITE_PRAGMAS = {'journal_mode': 'WAL', 'synchronous': 'FULL', 'busy_timeout': 5000, 'foreign_keys': 'ON'}


def dialect_of(database_url: str) -> str:
    """Return the migration tree name for a database URL."""
    return 'sqlite' if database_url.startswith('sqlite://') else 'postgres'


def migrations_location(database_url: str) -> Path:
    return MIGRATIONS_ROOT / dialect_of(database_url)


def tortoise_config(database_url: str, *, extra_model_modules: Sequence[str] = ()) -> dict[str, Any]:
    """Build the Tortoise configuration (also used by aerich); tests may add model modules of their own."""
    if database_url.startswith('sqlite://'):
        path = database_url.removeprefix('sqlite://')
        connection: dict[str, Any] | str = {
            'engine': 'app.sqlite_readers',  # Tortoise's SQLite client with a few read connections
            'credentials': {'file_path': path, **SQLITE_PRAGMAS},
        }
    else:
        connection = database_url
    return {
        'connections': {'default': connection},
        'apps': {'models': {'models': [*MODEL_MODULES, *extra_model_modules, 'aerich.models'],
                            'default_connection': 'default'}},
        'use_tz': True,
        'timezone': 'UTC',
    }


class DatabaseUnavailable(Exception):
    """The database cannot be opened; the message is a sentence for the admin."""


def check_database_file(database_url: str) -> None:
    """Open the SQLite file once, plainly, before Tortoise does.

    A path that is a folder, a file that is not a database, or one the service account may not
    write: aiosqlite would fail in its worker thread and closing the half-made connection then
    waits for ever, so the app would hang at start-up without a word. Here it is one sentence.
    """
    if dialect_of(database_url) != 'sqlite' or ':memory:' in database_url:
        return
    path = Path(database_url.removeprefix('sqlite://'))
    advice = 'Check PROSPINE_DATABASE_URL, or restore the newest backup with `prospine restore`.'
    if path.exists() and not path.is_file():
        raise DatabaseUnavailable(f'The database {path} is not a file. {advice}')
    try:
        with closing(sqlite3.connect(path, timeout=5)) as connection:
            connection.execute('PRAGMA schema_version').fetchone()
    except sqlite3.Error as error:
        raise DatabaseUnavailable(f'The database {path} cannot be opened ({error}). {advice}') from None


async def check_postgres_reachable(database_url: str) -> None:
    """Connect once to PostgreSQL, so `prospine serve` refuses to start in one sentence when it cannot."""
    import asyncpg

    try:
        connection = await asyncpg.connect(database_url.replace('postgres://', 'postgresql://', 1), timeout=10)
    except (OSError, TimeoutError, asyncpg.PostgresError) as error:
        raise DatabaseUnavailable(f'The database {url_without_password(database_url)} cannot be reached ({error}). '
                                  'Check PROSPINE_DATABASE_URL and that PostgreSQL is running.') from None
    await connection.close()


async def open_database(settings: Settings, *, migrate: bool = True) -> None:
    """Connect and bring the schema up to date (an in-memory database gets the schema directly).

    `migrate=False` only connects: for commands that read (verifying the audit trail), which
    should neither wait for nor change the schema.
    """
    if settings.is_sqlite and not settings.is_memory_database:
        Path(settings.database_url.removeprefix('sqlite://')).parent.mkdir(parents=True, exist_ok=True)
    check_database_file(settings.database_url)
    if settings.is_memory_database:  # always a new installation (the tests'): its key, before anyone writes
        audit_key(settings.data_dir, create=not head_path(settings.data_dir).exists())
        await Tortoise.init(config=tortoise_config(settings.database_url), _enable_global_fallback=True)
        await Tortoise.generate_schemas()
        await append_only.install(connections.get('default'))
        await issued_records.install(connections.get('default'))
        return
    if migrate:
        await apply_migrations(settings.database_url)
    await Tortoise.init(config=tortoise_config(settings.database_url), _enable_global_fallback=True)
    try:
        await ensure_audit_key(settings.data_dir)  # a new installation's key; a used one's must be there
    except AuditKeyError:
        await Tortoise.close_connections()
        raise
    if migrate:
        await seal_plain_values()  # what a migration moved, still plain, into an encrypted column


async def apply_migrations(database_url: str) -> list[str]:
    """Apply every committed migration the database lacks; return their names."""
    from aerich import Command

    check_database_file(database_url)
    command = Command(
        tortoise_config=tortoise_config(database_url),
        app='models',
        location=str(migrations_location(database_url)),
    )
    try:
        await Tortoise.init(config=tortoise_config(database_url))  # aerich skips this when Tortoise looks inited
        await command.init()
        return await command.upgrade(run_in_transaction=True)
    finally:
        await Tortoise.close_connections()


async def close_database() -> None:
    await Tortoise.close_connections()
