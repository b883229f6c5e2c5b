"""Audit overhead: the same change (rename a branch) with and without the audit logger, in one run.

Run: `.venv/bin/python -m bench.audit_overhead [ROUNDS]`. The two kinds of change alternate so that
disk and CPU noise fall on both alike; each is its own transaction, committed with SQLite's
synchronous=FULL as in production. Prints the median of each and their ratio.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time

from tortoise.transactions import in_transaction

from app.audit import Action, audit, system_actor
from app.audit.diff import changes_between
from bench.clinic import machine, temporary_clinic
from models.clinic import Branch


async def run(rounds: int) -> None:
    async with temporary_clinic():
        plain_branch = await Branch.create(name='Plain', clinic_name='ProSpine Clinic')
        audited_branch = await Branch.create(name='Audited', clinic_name='ProSpine Clinic')
        actor = system_actor('bench')
        plain, audited = [], []
        for number in range(rounds):
            started = time.perf_counter()
            async with in_transaction():
                branch = await Branch.get(id=plain_branch.id)
                branch.address = f'Street {number}'
                await branch.save(update_fields=['address'])
            plain.append(time.perf_counter() - started)

            started = time.perf_counter()
            async with audit.change(actor, action=Action.UPDATE, entity_type='branch',
                                    entity_id=audited_branch.id) as event:
                branch = await Branch.get(id=audited_branch.id)
                before = {'address': branch.address}
                branch.address = f'Street {number}'
                await branch.save(update_fields=['address'])
                event.set_changes(changes_between(before, {'address': branch.address}))
            audited.append(time.perf_counter() - started)
    plain_ms, audited_ms = statistics.median(plain) * 1000, statistics.median(audited) * 1000
    print(f'machine: {machine()}')
    print(f'rounds: {rounds} of each, alternating')
    print(f'change without the audit logger: median {plain_ms:.2f} ms')
    print(f'same change, audited:            median {audited_ms:.2f} ms')
    print(f'overhead ratio: {audited_ms / plain_ms:.2f}x (goal: under 1.5x)')


if __name__ == '__main__':
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 500))
