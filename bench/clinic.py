"""A throw-away clinic for benchmarks: a data directory and a migrated SQLite file, like a real install."""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from app.config import Settings, load_settings, use_settings
from app.db import close_database, open_database


@asynccontextmanager
async def temporary_clinic() -> AsyncIterator[Settings]:
    with tempfile.TemporaryDirectory(prefix='prospine-bench-') as folder:
        data_dir = Path(folder) / 'data'
        os.environ['PROSPINE_DATA_DIR'] = str(data_dir)
        os.environ['PROSPINE_DATABASE_URL'] = f'sqlite://{data_dir / "prospine.sqlite3"}'
        os.environ['PROSPINE_ENV_FILE'] = str(Path(folder) / 'none.env')
        settings = load_settings()
        use_settings(settings)
        await open_database(settings)
        try:
            yield settings
        finally:
            await close_database()


def machine() -> str:
    return f'{os.cpu_count()} CPU cores, SQLite file database (WAL, synchronous=FULL)'
