"""The audit logger itself: read events wait for room instead of being dropped, shutdown writes what is
queued, and events recorded inside a change share its transaction."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from app.audit import Action, audit, system_actor
from app.audit import logger as audit_logger
from app.audit.verify import verify_chain
from app.config import load_settings, use_settings
from app.db import close_database, open_database
from models.audit import AuditEvent
from models.clinic import Branch
from tests.factories import make_branch

READER = system_actor('test')
ROOT = Path(__file__).resolve().parent.parent


async def test_a_full_queue_makes_readers_wait_and_loses_nothing(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_logger, 'VIEW_QUEUE_SIZE', 2)
    monkeypatch.setattr(audit_logger, 'VIEW_BATCH_SIZE', 2)
    writing_allowed = asyncio.Event()
    commit = audit_logger.AuditLogger.commit

    async def slow_commit(self: audit_logger.AuditLogger, drafts: list) -> None:
        await writing_allowed.wait()  # the database is busy
        await commit(self, drafts)

    monkeypatch.setattr(audit_logger.AuditLogger, 'commit', slow_commit)
    readers = [asyncio.create_task(audit.view(READER, entity_type='patient', entity_id=number))
               for number in range(8)]
    await asyncio.sleep(0.2)
    waiting = [task for task in readers if not task.done()]
    # The writer holds one batch and the queue holds two more: the other readers wait for room.
    assert len(waiting) >= 3
    assert await AuditEvent.all().count() == 0

    writing_allowed.set()
    await asyncio.gather(*readers)
    await audit.flush()
    opened = await AuditEvent.filter(action='view').order_by('seq').values_list('entity_id', flat=True)
    assert sorted(opened, key=int) == [str(number) for number in range(8)]
    assert (await verify_chain()).ok


async def test_shutdown_writes_the_queued_read_events(db: None) -> None:
    for number in range(5):
        await audit.view(READER, entity_type='patient', entity_id=number, patient_id=f'P{number}')
    await audit.shutdown()
    assert await AuditEvent.filter(action='view').count() == 5
    assert set(await AuditEvent.all().values_list('patient_id', flat=True)) == {f'P{n}' for n in range(5)}


async def test_events_recorded_inside_a_change_roll_back_with_it(db: None) -> None:
    branch = await make_branch('Andheri')
    with pytest.raises(RuntimeError):
        async with audit.change(READER, action=Action.UPDATE, entity_type='branch', entity_id=branch.id):
            await Branch.filter(id=branch.id).update(name='Bandra')
            await audit.record(READER, action=Action.EXPORT, entity_type='branch', detail='inside the change')
            raise RuntimeError('the change fails half-way')
    assert (await Branch.get(id=branch.id)).name == 'Andheri'
    assert await AuditEvent.all().count() == 0

    async with audit.change(READER, action=Action.UPDATE, entity_type='branch', entity_id=branch.id):
        await Branch.filter(id=branch.id).update(name='Bandra')
        await audit.record(READER, action=Action.EXPORT, entity_type='branch', detail='inside the change')
    assert await AuditEvent.all().order_by('seq').values_list('seq', 'action') == [(1, 'update'), (2, 'export')]
    assert (await verify_chain()).ok


async def test_a_command_appending_meanwhile_does_not_fork_the_chain(environment: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The app remembers where the chain ends; `prospine keys rotate` in another process appends too."""
    monkeypatch.setenv('PROSPINE_DATABASE_URL', f'sqlite://{environment / "prospine.sqlite3"}')
    settings = load_settings()
    use_settings(settings)
    await open_database(settings)
    try:
        await audit.record(READER, action=Action.BACKUP, detail='before the command')
        command = await asyncio.create_subprocess_exec(sys.executable, '-m', 'app', 'keys', 'rotate', cwd=ROOT,
                                                       env={**os.environ}, stdout=asyncio.subprocess.PIPE,
                                                       stderr=asyncio.subprocess.PIPE)
        _, errors = await command.communicate()
        assert command.returncode == 0, errors.decode()
        await audit.record(READER, action=Action.BACKUP, detail='after the command')
        events = await AuditEvent.all().order_by('seq').values_list('seq', 'username', 'action')
        assert events == [(1, 'system:test', 'backup'), (2, 'system:cli', 'key-rotation'),
                          (3, 'system:cli', 'key-rotation'), (4, 'system:test', 'backup')]
        assert (await verify_chain()).ok
    finally:
        await close_database()
