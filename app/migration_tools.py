"""Developer tools for the two aerich migration trees: write new migrations, report drift.

Both work on scratch databases brought up to the committed migrations, because aerich diffs the
models against the state recorded in a database's `aerich` table. aerich keeps its working state
on the `Migrate` class, so every session here starts and ends by clearing it.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from aerich import Command
from aerich.exceptions import NotSupportError
from aerich.migrate import Migrate
from tortoise import Tortoise
from tortoise.backends.base import executor

from app.config import url_without_password
from app.db import MIGRATIONS_ROOT, dialect_of, migrations_location, tortoise_config

APP = 'models'
_NAME = re.compile(r'[a-z][a-z0-9_]{0,59}')


class MigrationToolError(RuntimeError):
    """A developer tool cannot run; the message is one line saying why."""


async def make_migrations(*, name: str, postgres_url: str, root: Path = MIGRATIONS_ROOT) -> list[str]:
    """Write a migration into each dialect's tree under `root` when the models changed; return a line for each."""
    if not _NAME.fullmatch(name):
        raise MigrationToolError(f'the migration name must be lower-case letters, digits and _, got {name!r}')
    await _check_reachable(postgres_url)  # before writing anything, so the two trees stay in step
    lines = []
    with tempfile.TemporaryDirectory(prefix='prospine-make-') as scratch:
        lines.append(await _make_one(f'sqlite://{Path(scratch) / "scratch.sqlite3"}', name=name, root=root))
    async with scratch_postgres(postgres_url, prefix='prospine_make') as url:
        lines.append(await _make_one(url, name=name, root=root))
    return lines


async def drift(database_url: str, *, migrations_dir: Path | None = None) -> list[str]:
    """Return the SQL statements a new migration would hold (none when models and migrations agree).

    The database is first brought up to the migrations (meant for a scratch database); aerich works on
    a copy of the tree (`migrations_dir`, by default the committed one for the URL's dialect).
    """
    source = migrations_dir or migrations_location(database_url)
    with tempfile.TemporaryDirectory(prefix='prospine-drift-') as scratch:
        location = Path(scratch) / 'migrations'
        shutil.copytree(source, location, ignore=shutil.ignore_patterns('__pycache__'))
        await upgrade(database_url, location=location)
        try:
            _written, statements = await _diff(database_url, location=location, name='drift')
        except NotSupportError as error:
            return [f'-- aerich cannot write this change on {dialect_of(database_url)}: {error}']
    return statements


async def upgrade(database_url: str, *, location: Path | None = None) -> list[str]:
    """Apply the migrations of `location` (default: the committed tree) the database lacks; return their names."""
    async with _aerich(database_url, location or migrations_location(database_url)) as command:
        return await command.upgrade(run_in_transaction=True)


@asynccontextmanager
async def scratch_postgres(server_url: str, *, prefix: str = 'prospine_scratch') -> AsyncIterator[str]:
    """Create an empty, uniquely named database on the server of `server_url`; yield its URL, then drop it."""
    import asyncpg

    name = f'{prefix}_{secrets.token_hex(6)}'
    connection = await asyncpg.connect(server_url, timeout=10)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    try:
        yield urlunsplit(urlsplit(server_url)._replace(path=f'/{name}'))
    finally:
        connection = await asyncpg.connect(server_url, timeout=10)
        try:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await connection.close()


async def _make_one(database_url: str, *, name: str, root: Path) -> str:
    dialect = dialect_of(database_url)
    location = root / dialect
    await upgrade(database_url, location=location)
    try:
        written, _statements = await _diff(database_url, location=location, name=name)
    except NotSupportError as error:
        return f'{dialect}: aerich cannot write this change ({error}); write this migration by hand'
    if not written:
        return f'{dialect}: no changes'
    path = Migrate.get_migration_dir(str(location), APP) / written
    return f'{dialect}: wrote {path.relative_to(root.parent)}'


async def _diff(database_url: str, *, location: Path, name: str) -> tuple[str, list[str]]:
    """Let aerich write a migration into `location` if the models changed; return its file name and SQL."""
    async with _aerich(database_url, location) as command:
        written = await command.migrate(name, no_input=True)
        return written, list(Migrate.upgrade_operators) if written else []


@asynccontextmanager
async def _aerich(database_url: str, location: Path) -> AsyncIterator[Command]:
    config = tortoise_config(database_url)
    _reset_aerich()
    executor.EXECUTOR_CACHE.clear()  # keyed by connection name, not dialect: SQLite's SQL would reach PostgreSQL
    # aerich only initialises Tortoise when no context is active, and a closed one lingers in the task.
    await Tortoise.init(config=config)
    command = Command(tortoise_config=config, app=APP, location=str(location))
    try:
        await command.init()
        yield command
    finally:
        await Tortoise.close_connections()
        _reset_aerich()
        executor.EXECUTOR_CACHE.clear()


def _reset_aerich() -> None:
    """Forget the operators, renames and last state aerich's `Migrate` class kept from an earlier run."""
    Migrate.upgrade_operators = []
    Migrate.downgrade_operators = []
    Migrate._upgrade_fk_m2m_index_operators = []
    Migrate._downgrade_fk_m2m_index_operators = []
    Migrate._upgrade_m2m = []
    Migrate._downgrade_m2m = []
    Migrate._rename_fields = {}
    Migrate._rename_models = {}
    Migrate._last_version_content = None
    Migrate._db_version = None


async def _check_reachable(server_url: str) -> None:
    import asyncpg

    try:
        connection = await asyncpg.connect(server_url, timeout=10)
    except (OSError, TimeoutError, asyncpg.PostgresError) as error:
        raise MigrationToolError(f'cannot reach PostgreSQL at {url_without_password(server_url)}: {error}; '
                                 'nothing was written (pass --postgres-url)') from None
    await connection.close()
