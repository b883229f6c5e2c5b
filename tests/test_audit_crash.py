"""A process killed in the middle of audited changes leaves every committed change with its event."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.config import load_settings, use_settings
from app.db import close_database, open_database
from app.services.setup import create_superadmin
from models.audit import AuditEvent
from models.clinic import Branch
from tests.factories import PASSWORD

CHANGES = 1000
KILL_AFTER = 300  # committed branches seen before the kill; the process is mid-way through the rest
ROOT = Path(__file__).resolve().parent.parent


def test_sigkill_mid_way_loses_no_event_and_keeps_the_chain(environment: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv('PROSPINE_DATABASE_URL', f'sqlite://{environment / "prospine.sqlite3"}')
    settings = load_settings()
    use_settings(settings)

    async def prepare() -> None:
        await open_database(settings)
        try:
            await create_superadmin(username='owner', full_name='Owner', password=PASSWORD, branch_name='Main',
                                    clinic_name='ProSpine Clinic')
        finally:
            await close_database()

    asyncio.run(prepare())
    writer = subprocess.Popen([sys.executable, '-m', 'tests.audit_crash_writer', str(CHANGES)], cwd=ROOT,
                              env={**os.environ}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reported = []
    try:
        assert writer.stdout is not None
        while len(reported) < KILL_AFTER:
            line = writer.stdout.readline()
            assert line, f'the writer stopped early: {writer.stderr.read() if writer.stderr else ""}'
            reported.append(int(line))
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.kill()
        writer.wait(timeout=10)
    assert writer.returncode == -signal.SIGKILL

    async def inspect() -> tuple[set[int], dict[int, int]]:
        await open_database(settings)
        try:
            branches = set(await Branch.filter(name__startswith='Crash ').values_list('id', flat=True))
            main_branch = await Branch.get(name='Main')  # its creation by create-admin is audited too
            events = await (AuditEvent.filter(entity_type='branch', action='create')
                            .exclude(entity_id=str(main_branch.id)).values_list('entity_id', 'seq'))
            return branches, {int(entity_id): seq for entity_id, seq in events}
        finally:
            await close_database()

    branches, events = asyncio.run(inspect())
    assert KILL_AFTER <= len(branches) < CHANGES, 'the kill did not land mid-way'
    assert set(reported) <= branches  # everything the writer saw committed is there
    assert set(events) == branches  # every committed branch has its event, and no event lacks its branch
    assert sorted(events.values()) == list(range(min(events.values()), max(events.values()) + 1))  # gapless
    capsys.readouterr()
    assert main(['audit', 'verify']) == 0
    assert 'intact' in capsys.readouterr().out
