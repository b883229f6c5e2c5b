"""A process of the booking race: it opens the clinic's database as a second `prospine serve` would,
then in each round waits for the other processes and fires its share of attempts at one slot at once.

Run by `tests/test_booking_race.py` through `multiprocessing` (spawn), so each process has its own
event loop, its own connections and its own audit lock: only the database can keep them apart.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID


@dataclass(frozen=True, kw_only=True)
class RaceClinic:
    """What every process books: the ids made by the test before the race."""

    database_url: str
    data_dir: str
    desk_user_ids: tuple[int, ...]
    clinician_id: int
    patient_ids: tuple[UUID, ...]
    now: datetime


@dataclass(frozen=True, kw_only=True)
class RoundResult:
    process: int
    round_number: int
    booked: int
    refusals: tuple[str, ...]
    failures: tuple[str, ...]  # anything that is not a booking or a refusal: a server error


def slot_of(round_number: int) -> datetime:
    """Round 0 books Monday 09:00, round 1 09:30, ... (each round its own slot)."""
    hour, minute = divmod(9 * 60 + 30 * round_number, 60)
    return datetime(2026, 12, 7, hour, minute)


def race(clinic: RaceClinic, process: int, rounds: int, attempts: int, barrier: Any, results: Any) -> None:
    os.environ.update(PROSPINE_DATA_DIR=clinic.data_dir, PROSPINE_DATABASE_URL=clinic.database_url,
                      PROSPINE_ENV_FILE=os.path.join(clinic.data_dir, 'no.env'))
    asyncio.run(_race(clinic, process, rounds, attempts, barrier, results))


async def _race(clinic: RaceClinic, process: int, rounds: int, attempts: int, barrier: Any, results: Any) -> None:
    from app.clock import clock
    from app.config import load_settings, use_settings
    from app.db import close_database, open_database
    from app.errors import DomainError
    from app.services import appointments
    from models.accounts import User
    from tests.factories import actor_of

    settings = load_settings()
    use_settings(settings)
    clock.freeze(clinic.now)
    await open_database(settings, migrate=False)
    try:
        desks = [await actor_of(await User.get(id=user_id)) for user_id in clinic.desk_user_ids]
        for round_number in range(rounds):
            booking = appointments.BookingInput(patient_id=None, clinician_id=clinic.clinician_id,
                                                service='physiotherapy', starts=slot_of(round_number), minutes=30)
            await asyncio.to_thread(barrier.wait)
            outcomes = await asyncio.gather(*[
                appointments.book(actor=desks[attempt % len(desks)], booking=appointments.BookingInput(
                    **{**booking.__dict__, 'patient_id': clinic.patient_ids[attempt % len(clinic.patient_ids)]}))
                for attempt in range(attempts)], return_exceptions=True)
            results.put(RoundResult(
                process=process, round_number=round_number,
                booked=sum(isinstance(outcome, appointments.AppointmentRow) for outcome in outcomes),
                refusals=tuple(outcome.message for outcome in outcomes if isinstance(outcome, DomainError)),
                failures=tuple(repr(outcome) for outcome in outcomes
                               if isinstance(outcome, BaseException) and not isinstance(outcome, DomainError))))
    finally:
        await close_database()
