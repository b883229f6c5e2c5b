"""Test set-up: a fresh data directory and in-memory database per test, a controllable clock."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from nicegui.testing import User
from tortoise import Tortoise, connections

from app import issued_records
from app.audit import append_only
from app.audit.chain import audit_key
from app.auth import handoff, throttle
from app.auth.admission import setup_state
from app.clock import clock
from app.config import get_settings, load_settings, use_settings
from app.db import tortoise_config
from app.services import appointments

_should_see = User.should_see


async def _should_see_within_three_seconds(self: User, *args: Any, retries: int = 30, **kwargs: Any) -> None:
    """NiceGUI's `should_see` gives a page 0.3 s (3 tries, 0.1 s apart). A sign-in hashes with argon2
    and a page build queries the database: on a loaded 2-core CI machine that can take longer, and
    the test failed though the app was right. Thirty tries only cost time when the test fails anyway."""
    await _should_see(self, *args, retries=retries, **kwargs)


User.should_see = _should_see_within_three_seconds  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the app at an empty data directory and a fresh in-memory SQLite database."""
    data_dir = tmp_path / 'data'
    monkeypatch.setenv('PROSPINE_DATA_DIR', str(data_dir))
    monkeypatch.setenv('PROSPINE_DATABASE_URL', 'sqlite://:memory:')
    monkeypatch.setenv('PROSPINE_ENV_FILE', str(tmp_path / 'no.env'))
    use_settings(load_settings())
    handoff._pending.clear()
    throttle.unknown_names.clear()
    appointments._shared_reads.clear()  # a live redraw's read is shared within a database, never across tests
    setup_state.done = False
    yield data_dir
    clock.unfreeze()
    use_settings(None)


@pytest.fixture
async def db() -> AsyncIterator[None]:
    """An initialised in-memory database for tests of services (no web page involved)."""
    await Tortoise.init(config=tortoise_config('sqlite://:memory:'), _enable_global_fallback=True)
    await Tortoise.generate_schemas()
    await append_only.install(connections.get('default'))
    await issued_records.install(connections.get('default'))
    audit_key(get_settings().data_dir, create=True)  # as opening a new installation's database does
    yield
    await Tortoise.close_connections()


@pytest.fixture
async def vault() -> AsyncIterator[None]:
    """An in-memory database with the app's models and the test-only `VaultNote` (encrypted columns)."""
    from tests.vault_models import MODULE

    await Tortoise.init(config=tortoise_config('sqlite://:memory:', extra_model_modules=[MODULE]),
                        _enable_global_fallback=True)
    await Tortoise.generate_schemas()
    await append_only.install(connections.get('default'))
    await issued_records.install(connections.get('default'))
    audit_key(get_settings().data_dir, create=True)  # as opening a new installation's database does
    yield
    await Tortoise.close_connections()
