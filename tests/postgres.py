"""PostgreSQL for tests: a scratch database per test; an unreachable server fails the test in CI, else skips it."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from tortoise.backends.base.executor import EXECUTOR_CACHE

from app.audit import audit
from app.config import load_settings, use_settings
from app.db import close_database, open_database
from app.migration_tools import scratch_postgres

SERVER_URL = os.environ.get('PROSPINE_TEST_POSTGRES_URL', 'postgres://postgres@127.0.0.1:5432/test')


def in_ci() -> bool:
    """Tell whether this run is CI, where a missing PostgreSQL is an error rather than a reason to skip."""
    return os.environ.get('CI', '').strip().lower() not in {'', '0', 'false', 'no'}


async def reachable_server() -> str:
    """Return the test server's URL (its `test` database), or fail/skip the test when it cannot be reached."""
    try:
        connection = await asyncpg.connect(SERVER_URL, timeout=5)
    except (OSError, TimeoutError, asyncpg.PostgresError) as error:
        message = f'PostgreSQL is not reachable at {SERVER_URL} (set PROSPINE_TEST_POSTGRES_URL): {error}'
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    await connection.close()
    return SERVER_URL


@asynccontextmanager
async def postgres_database() -> AsyncIterator[str]:
    """Yield the URL of a new, empty database named prospine_t_<random hex>; drop it afterwards."""
    server = await reachable_server()
    async with scratch_postgres(server, prefix='prospine_t') as url:
        yield url


@pytest.fixture(params=['sqlite', pytest.param('postgres', marks=pytest.mark.postgres)])
async def file_or_server_url(request: pytest.FixtureRequest, environment: Path) -> AsyncIterator[str]:
    """A database several processes share: a SQLite file in the data directory, then a scratch PostgreSQL one.

    For the race tests (`test_booking_race`, `test_issuing_race`): import the fixture into the test module.
    """
    if request.param == 'sqlite':
        yield f'sqlite://{environment / "prospine.sqlite3"}'
        return
    EXECUTOR_CACHE.clear()  # Tortoise caches insert SQL per connection name, not per dialect
    try:
        async with postgres_database() as url:
            yield url
    finally:
        EXECUTOR_CACHE.clear()


@pytest.fixture(params=['sqlite', pytest.param('postgres', marks=pytest.mark.postgres)])
async def database(request: pytest.FixtureRequest, environment: Path,
                   monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[None]:
    """The app's database on SQLite in memory, then on a scratch PostgreSQL one, for services written in raw SQL.

    Import the fixture into the test module (`test_clinic_figures`, `test_desk_day`).
    """
    if request.param == 'sqlite':
        context: Any = contextlib.nullcontext('sqlite://:memory:')
    else:
        context = postgres_database()
    async with context as url:
        monkeypatch.setenv('PROSPINE_DATABASE_URL', url)
        settings = load_settings()
        use_settings(settings)
        EXECUTOR_CACHE.clear()  # Tortoise caches insert SQL per connection name, not per dialect
        await asyncio.create_task(open_database(settings))
        try:
            yield
        finally:
            await audit.shutdown()
            await close_database()
            EXECUTOR_CACHE.clear()
