"""On a SQLite file, reads run beside a write under way instead of queueing behind it (app/sqlite_readers.py)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest
from tortoise import connections
from tortoise.exceptions import OperationalError
from tortoise.transactions import in_transaction

from app.config import load_settings, use_settings
from app.db import close_database, open_database
from models.clinic import Branch
from models.patients import Gender, Patient
from tests.factories import make_branch

HELD_SECONDS = 1.5


@pytest.fixture
async def file_database(environment: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[None]:
    monkeypatch.setenv('PROSPINE_DATABASE_URL', f'sqlite://{environment / "prospine.sqlite3"}')
    settings = load_settings()
    use_settings(settings)
    await open_database(settings)
    try:
        yield
    finally:
        await close_database()


async def add_patient(uid: str) -> Patient:
    branch = await Branch.first() or await make_branch('Andheri')
    return await Patient.create(uid=uid, full_name='Meera Iyer', name_key='meera iyer', phone='+91 98765 43210',
                                phone_digits='9876543210', gender=Gender.FEMALE, first_branch=branch,
                                registered_on=date(2025, 1, 1))


async def test_a_read_does_not_wait_for_a_write_transaction_and_sees_what_was_committed(file_database: None) -> None:
    await add_patient('250101-1')
    started = asyncio.Event()

    async def slow_write() -> None:
        async with in_transaction():
            await add_patient('250101-2')
            started.set()
            await asyncio.sleep(HELD_SECONDS)  # the writer connection stays taken, as during a long save

    writer = asyncio.create_task(slow_write())
    await started.wait()
    begun = time.monotonic()
    seen = await Patient.all().values_list('uid', flat=True)
    waited = time.monotonic() - begun
    await writer
    assert waited < HELD_SECONDS / 3, f'the read waited {waited:.2f} s for the write'
    assert seen == ['250101-1']  # the committed state, not the write still under way
    assert sorted(await Patient.all().values_list('uid', flat=True)) == ['250101-1', '250101-2']


async def test_the_read_connections_refuse_writes_and_writes_still_work(file_database: None) -> None:
    client = connections.get('default')
    reader = await client._readers.get()  # type: ignore[attr-defined]
    try:
        with pytest.raises(Exception, match='readonly'):
            await reader.execute('DELETE FROM patient')
    finally:
        client._readers.put_nowait(reader)  # type: ignore[attr-defined]
    await add_patient('250101-1')  # an INSERT goes to the writer
    assert await Patient.filter(uid='250101-1').count() == 1
    with pytest.raises(OperationalError):
        await client.execute_query('SELECT * FROM no_such_table')  # errors are Tortoise's, as before
