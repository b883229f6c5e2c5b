"""A process of the issuing race: it opens the clinic's database as a second `prospine serve` would,
then in each round waits for the other processes and issues its share of the drafts at once.

Run by `tests/test_issuing_race.py` through `multiprocessing` (spawn), so each process has its own
event loop, its own connections and its own audit lock: only the database keeps the numbers apart.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID


@dataclass(frozen=True, kw_only=True)
class IssuingClinic:
    database_url: str
    data_dir: str
    desk_user_id: int
    drafts: tuple[tuple[tuple[UUID, ...], ...], ...]  # per round, per process: the drafts it issues
    now: datetime


@dataclass(frozen=True, kw_only=True)
class IssueResult:
    process: int
    round_number: int
    numbers: tuple[str, ...]
    failures: tuple[str, ...]


def issue_drafts(clinic: IssuingClinic, process: int, barrier: Any, results: Any) -> None:
    os.environ.update(PROSPINE_DATA_DIR=clinic.data_dir, PROSPINE_DATABASE_URL=clinic.database_url,
                      PROSPINE_ENV_FILE=os.path.join(clinic.data_dir, 'no.env'))
    asyncio.run(_issue(clinic, process, barrier, results))


async def _issue(clinic: IssuingClinic, process: int, barrier: Any, results: Any) -> None:
    from app.clock import clock
    from app.config import load_settings, use_settings
    from app.db import close_database, open_database
    from app.services import invoices
    from models.accounts import User
    from tests.factories import actor_of

    settings = load_settings()
    use_settings(settings)
    clock.freeze(clinic.now)
    await open_database(settings, migrate=False)
    try:
        desk = await actor_of(await User.get(id=clinic.desk_user_id))
        for round_number, shares in enumerate(clinic.drafts):
            await asyncio.to_thread(barrier.wait)
            outcomes = await asyncio.gather(*[invoices.issue(actor=desk, invoice_id=draft_id)
                                              for draft_id in shares[process]], return_exceptions=True)
            results.put(IssueResult(
                process=process, round_number=round_number,
                numbers=tuple(outcome.number for outcome in outcomes if isinstance(outcome, invoices.InvoiceView)),
                failures=tuple(repr(outcome) for outcome in outcomes if isinstance(outcome, BaseException))))
    finally:
        await close_database()
