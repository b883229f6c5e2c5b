"""Redis for tests: an unreachable server fails the test in CI, else skips it (as `tests/postgres.py` does)."""

from __future__ import annotations

import os
import uuid

import pytest
from redis import asyncio as redis

from tests.postgres import in_ci

REDIS_URL = os.environ.get('PROSPINE_TEST_REDIS_URL', 'redis://127.0.0.1:6379/0')


async def reachable_redis() -> str:
    """Return the test Redis URL, or fail/skip the test when it cannot be reached."""
    client = redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        await client.ping()
    except (OSError, redis.RedisError) as error:
        message = f'Redis is not reachable at {REDIS_URL} (set PROSPINE_TEST_REDIS_URL): {error}'
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    finally:
        await client.aclose()
    return REDIS_URL


def scratch_channel() -> str:
    """A channel no other test (or clinic) uses."""
    return f'prospine-test:{uuid.uuid4().hex}'
