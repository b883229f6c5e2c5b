"""The race the calendar must win: 50 desks in 5 processes book one clinician's slot at once, 20 times over.

Each round must end with exactly one booking and a clear sentence for the 49 others, never a
server error, on SQLite (a file shared by the processes) and on PostgreSQL (a pool per process).
"""

from __future__ import annotations

import asyncio
import multiprocessing
from pathlib import Path

import pytest

from app.audit.verify import verify_chain
from app.config import Settings, load_settings, use_settings
from app.db import close_database, open_database
from models.accounts import Role
from models.scheduling import Appointment
from tests.booking_race import RaceClinic, RoundResult, race, slot_of
from tests.factories import make_branch, make_patient, make_user
from tests.postgres import file_or_server_url
from tests.scheduling import NOW_UTC

__all__ = ['file_or_server_url']  # the fixture, imported so that pytest finds it here

PROCESSES = 5
ATTEMPTS_PER_PROCESS = 10
ROUNDS = 20


async def test_fifty_desks_in_five_processes_book_one_slot_once(file_or_server_url: str, environment: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    database_url = file_or_server_url
    monkeypatch.setenv('PROSPINE_DATABASE_URL', database_url)
    settings = load_settings()
    use_settings(settings)
    clinic = await _clinic(settings, database_url)
    context = multiprocessing.get_context('spawn')
    barrier, results = context.Barrier(PROCESSES), context.Queue()
    workers = [context.Process(target=race, args=(clinic, number, ROUNDS, ATTEMPTS_PER_PROCESS, barrier, results))
               for number in range(PROCESSES)]
    for worker in workers:
        worker.start()
    rounds: dict[int, list[RoundResult]] = {}
    try:
        for _ in range(PROCESSES * ROUNDS):
            result: RoundResult = results.get(timeout=120)
            rounds.setdefault(result.round_number, []).append(result)
    finally:
        for worker in workers:
            worker.join(timeout=30)
            if worker.is_alive():
                worker.kill()
    assert [worker.exitcode for worker in workers] == [0] * PROCESSES
    for round_number, shares in sorted(rounds.items()):
        assert [failure for share in shares for failure in share.failures] == [], round_number
        assert sum(share.booked for share in shares) == 1, round_number
        refusals = [refusal for share in shares for refusal in share.refusals]
        assert len(refusals) == PROCESSES * ATTEMPTS_PER_PROCESS - 1
        slot = slot_of(round_number)
        expected = f'Dr Kavita Mehta is already booked {slot:%H:%M}-'
        assert all(refusal.startswith((expected, 'Someone booked that time a moment ago')) for refusal in refusals), \
            set(refusals)
    await open_database(settings, migrate=False)
    try:
        assert await Appointment.all().count() == ROUNDS
        report = await verify_chain()
        assert report.ok, report
        assert report.checked >= ROUNDS * PROCESSES * ATTEMPTS_PER_PROCESS  # every booking and every refusal
    finally:
        await close_database()


async def _clinic(settings: Settings, database_url: str) -> RaceClinic:
    await asyncio.create_task(open_database(settings))  # migrations in a task of their own, as the app does
    try:
        branch = await make_branch('Andheri')
        doctor = await make_user(Role.DOCTOR, branch=branch, full_name='Dr Kavita Mehta')
        desks = [await make_user(Role.RECEPTION, branch=branch), doctor]
        patients = [await make_patient(full_name=f'Patient {number}', branch=branch) for number in range(5)]
    finally:
        await close_database()
    return RaceClinic(database_url=database_url, data_dir=str(settings.data_dir),
                      desk_user_ids=tuple(user.id for user in desks), clinician_id=doctor.id,
                      patient_ids=tuple(patient.id for patient in patients), now=NOW_UTC)
