"""How fast the audit page's queries are over a large trail (default 1,000,000 events).

Run: `.venv/bin/python -m bench.audit_page [EVENTS]`. Events are written through the real logger
in batches, spread over 50 staff, 4 branches and several actions; then each query the page makes
is timed (median of 5) as the superadmin and as a branch admin.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import time
from datetime import timedelta

from app.audit import Action, Who, audit
from app.audit.events import EventDraft, Origin
from app.auth.actor import Actor
from app.clock import utcnow
from app.services.audit_trail import EventFilter, search_events
from bench.clinic import machine, temporary_clinic
from models.accounts import Role

BATCH = 2000
ACTIONS = [Action.VIEW] * 12 + [Action.UPDATE] * 4 + [Action.CREATE] * 2 + [Action.LOGIN, Action.LOGOUT,
                                                                                Action.LOGIN_FAILED]


async def write(total: int) -> float:
    chooser = random.Random(7)
    staff = [Who(user_id=number, username=f'staff{number}', role='doctor', branch_id=number % 4 + 1)
             for number in range(1, 51)]
    origin = Origin('192.168.1.20', 'Mozilla/5.0 (Linux; Android 14; Tablet) Chrome/131.0')
    start = utcnow() - timedelta(days=365)
    started = time.perf_counter()
    for first in range(0, total, BATCH):
        drafts = []
        for number in range(first, min(total, first + BATCH)):
            action = chooser.choice(ACTIONS)
            drafts.append(EventDraft(who=chooser.choice(staff), origin=origin, action=action,
                                     entity_type='patient', entity_id=str(chooser.randrange(50_000)),
                                     patient_id=f'P{chooser.randrange(50_000)}',
                                     occurred_at=start + timedelta(seconds=number * 365 * 86400 // total)))
        await audit.commit(drafts)
    return time.perf_counter() - started


async def timed(label: str, actor: Actor, **query: object) -> None:
    durations = []
    for _ in range(5):
        started = time.perf_counter()
        page = await search_events(actor=actor, **query)  # type: ignore[arg-type]
        durations.append(time.perf_counter() - started)
    total = f'{page.total:,}+' if page.more else f'{page.total:,}'
    print(f'  {label:<52} {statistics.median(durations) * 1000:7.1f} ms  ({total} matching)')


async def run(total: int) -> None:
    async with temporary_clinic():
        written = await write(total)
        superadmin = Actor(user_id=1, username='owner', full_name='Owner', role=Role.SUPERADMIN, branch_id=1,
                           branch_name='Main')
        admin = Actor(user_id=2, username='admin', full_name='Admin', role=Role.ADMIN, branch_id=2,
                      branch_name='Second')
        today = utcnow().date()
        print(f'machine: {machine()}')
        print(f'events: {total:,} (written in {written:.0f} s)')
        print('query (median of 5):')
        await timed('superadmin, no filter, first page', superadmin, filters=EventFilter())
        await timed('superadmin, no filter, page 2,000 (offset 100,000)', superadmin, filters=EventFilter(),
                    page=2000)
        await timed('superadmin, action = login-failed', superadmin, filters=EventFilter(action='login-failed'))
        await timed('superadmin, one patient', superadmin, filters=EventFilter(patient_id='P123'))
        await timed('superadmin, one record', superadmin, filters=EventFilter(entity_type='patient',
                                                                               entity_id='4242'))
        await timed('superadmin, one day', superadmin, filters=EventFilter(date_from=today - timedelta(days=100),
                                                                           date_to=today - timedelta(days=100)))
        await timed('superadmin, sorted by action', superadmin, filters=EventFilter(), sort='action',
                    descending=False)
        await timed('admin of one branch, first page', admin, filters=EventFilter())
        await timed('admin of one branch, outcome = success', admin, filters=EventFilter(outcome='success'))


if __name__ == '__main__':
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000))
