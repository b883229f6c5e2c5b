"""PostgreSQL for tests: a scratch database per test; an unreachable server fails the test in CI, else skips it."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import pytest

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
