"""Invoice numbers under concurrency: 20 invoices issued at once in one branch get 20 consecutive numbers.

Four processes (four `prospine serve` on one database) issue five drafts each at the same moment,
three rounds over: the 60 numbers must be AND/26-27/00001 to 00060, none shared and none skipped,
on SQLite and on PostgreSQL, and nothing may fail.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from pathlib import Path

import pytest

from app.audit.verify import verify_chain
from app.config import Settings, load_settings, use_settings
from app.db import close_database, open_database
from app.services import invoices
from app.services.invoices import LineInput
from models.accounts import Role
from models.billing import DocumentSerial, Invoice, InvoiceStatus
from tests.factories import actor_of, make_branch, make_patient, make_user
from tests.issuing_race import IssueResult, IssuingClinic, issue_drafts
from tests.postgres import file_or_server_url
from tests.scheduling import NOW_UTC

__all__ = ['file_or_server_url']  # the fixture, imported so that pytest finds it here

PROCESSES = 4
AT_ONCE_PER_PROCESS = 5
ROUNDS = 3


async def test_twenty_invoices_issued_at_once_get_twenty_consecutive_numbers(file_or_server_url: str, environment: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    database_url = file_or_server_url
    monkeypatch.setenv('PROSPINE_DATABASE_URL', database_url)
    settings = load_settings()
    use_settings(settings)
    clinic = await _clinic(settings, database_url)
    context = multiprocessing.get_context('spawn')
    barrier, results = context.Barrier(PROCESSES), context.Queue()
    workers = [context.Process(target=issue_drafts, args=(clinic, number, barrier, results))
               for number in range(PROCESSES)]
    for worker in workers:
        worker.start()
    rounds: dict[int, list[IssueResult]] = {}
    try:
        for _ in range(PROCESSES * ROUNDS):
            result: IssueResult = results.get(timeout=120)
            rounds.setdefault(result.round_number, []).append(result)
    finally:
        for worker in workers:
            worker.join(timeout=30)
            if worker.is_alive():
                worker.kill()
    assert [worker.exitcode for worker in workers] == [0] * PROCESSES
    numbers: list[str] = []
    for round_number, shares in sorted(rounds.items()):
        assert [failure for share in shares for failure in share.failures] == [], round_number
        issued = sorted(number for share in shares for number in share.numbers)
        at_once = PROCESSES * AT_ONCE_PER_PROCESS
        first = round_number * at_once + 1
        assert issued == [f'AND/26-27/{serial:05d}' for serial in range(first, first + at_once)], round_number
        numbers += issued
    assert len(set(numbers)) == len(numbers) == 60
    await open_database(settings, migrate=False)
    try:
        stored = await Invoice.exclude(status=InvoiceStatus.DRAFT).order_by('serial').values_list('serial', flat=True)
        assert stored == list(range(1, 61))
        assert await DocumentSerial.filter(series='invoice').values_list('serial', flat=True) == [60]
        report = await verify_chain()
        assert report.ok, report
    finally:
        await close_database()


async def _clinic(settings: Settings, database_url: str) -> IssuingClinic:
    await asyncio.create_task(open_database(settings))  # migrations in a task of their own, as the app does
    try:
        branch = await make_branch('Andheri')
        desk = await make_user(Role.RECEPTION, branch=branch, full_name='Priya Nair')
        patient = await make_patient(full_name='Meera Iyer', branch=branch)
        actor = await actor_of(desk)
        drafts = []
        for _ in range(ROUNDS):
            shares = []
            for _ in range(PROCESSES):
                share = []
                for _ in range(AT_ONCE_PER_PROCESS):
                    draft = await invoices.start_invoice(actor=actor, patient_uid=patient.uid)
                    await invoices.add_line(actor=actor, invoice_id=draft.id,
                                            line=LineInput(description='Physiotherapy session', unit_price='600'))
                    share.append(draft.id)
                shares.append(tuple(share))
            drafts.append(tuple(shares))
    finally:
        await close_database()
    return IssuingClinic(database_url=database_url, data_dir=str(settings.data_dir), desk_user_id=desk.id,
                         drafts=tuple(drafts), now=NOW_UTC)
