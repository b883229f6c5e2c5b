"""SQLite runs with the settings that keep data safe: WAL, synchronous=FULL, a busy timeout, foreign keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from tortoise import connections

from app.config import load_settings, use_settings
from app.db import close_database, open_database


async def test_the_app_database_uses_the_safe_settings(environment: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('PROSPINE_DATABASE_URL', f'sqlite://{environment / "prospine.sqlite3"}')
    settings = load_settings()
    use_settings(settings)
    await open_database(settings)
    try:
        connection = connections.get('default')
        values = {}
        for pragma in ('journal_mode', 'synchronous', 'busy_timeout', 'foreign_keys'):
            _, rows = await connection.execute_query(f'PRAGMA {pragma}')
            values[pragma] = rows[0][0]
    finally:
        await close_database()
    assert values == {'journal_mode': 'wal', 'synchronous': 2, 'busy_timeout': 5000, 'foreign_keys': 1}  # 2 = FULL
