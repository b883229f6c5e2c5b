"""How long `audit verify` takes over a chain of many events (default 100,000).

Run: `.venv/bin/python -m bench.audit_verify [EVENTS]`. The events are written through the real
logger in batches of 1,000 (the way queued read events are written), then the chain is verified
in-process and by the `prospine audit verify` command.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time

from app.audit import Action, audit, system_actor
from app.audit.events import EventDraft, Origin, who_of
from app.audit.verify import verify_chain
from bench.clinic import machine, temporary_clinic

BATCH = 1000


async def run(total: int) -> None:
    async with temporary_clinic():
        who = who_of(system_actor('bench'))
        origin = Origin('192.168.1.20', 'Mozilla/5.0 (Linux; Android 14; Tablet) Chrome/131.0')
        started = time.perf_counter()
        for first in range(0, total, BATCH):
            await audit.commit([
                EventDraft(who=who, origin=origin, action=Action.VIEW, entity_type='patient', entity_id=str(number),
                           patient_id=f'251124-{number}', detail='opened the patient page')
                for number in range(first, min(total, first + BATCH))])
        written = time.perf_counter() - started

        started = time.perf_counter()
        report = await verify_chain()
        in_process = time.perf_counter() - started
        assert report.ok, report.sentence()

        started = time.perf_counter()
        command = await asyncio.to_thread(subprocess.run, [sys.executable, '-m', 'app', 'audit', 'verify'],
                                          capture_output=True, text=True, env={**os.environ}, check=False)
        by_command = time.perf_counter() - started
    print(f'machine: {machine()}')
    print(f'events: {total:,} (written in {written:.1f} s)')
    print(f'verify_chain in-process: {in_process:.2f} s ({total / in_process:,.0f} events/s)')
    print(f'`prospine audit verify` (exit {command.returncode}, with start-up): {by_command:.2f} s'
          ' (goal: under 5 s)')
    print(f'   {command.stdout.strip() or command.stderr.strip()}')


if __name__ == '__main__':
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
