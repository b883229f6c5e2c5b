"""Event-loop stall bench: how long the server stops answering while it does its heaviest work.

Run: `.venv/bin/python -m bench.loop_stalls --data-dir /path/to/data [--opens 30]` against the `large` demo data.
A probe GETs a small static file every 20 ms (NiceGUI serves it on the same event loop as every page and
event), and the bench reports the probe's slowest answer and its 99th percentile in each phase: idle; the
busiest patient's page opened `--opens` times in a row by a doctor; a backup started with "Back up now" on
/admin/backups; the whole audit trail verified with "Verify" on /audit. The idle answer is the floor: what
is above it is time the loop spent on something else. Servers listen on 127.0.0.1 only and stop at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

from bench.load import Seat, Target, _load, seats_by_role, signed_in_clinic
from models.accounts import Role
from tests.live.server import Page

PROBE = '/static/prospine.css'
PROBE_EVERY = 0.02


def main() -> None:
    options = _options()
    with tempfile.TemporaryDirectory(prefix='prospine-stalls-') as folder, \
            signed_in_clinic(options.data_dir, Path(folder), staff=6) as (clinic, made):
        phases = asyncio.run(_phases(clinic, seats_by_role(made), made['busiest'], options))
    events = sqlite3.connect(options.data_dir / 'prospine.sqlite3').execute('SELECT MAX(seq) FROM audit_event')
    print(f'Event-loop stall bench: {os.cpu_count()} CPU cores, sqlite, {events.fetchone()[0]:,} audit events, '
          f'busiest patient {made["busiest"]}')
    print(f'{"while":<44} {"seconds":>8} {"probes":>7} {"p99 ms":>7} {"max ms":>7}')
    for name, (seconds, answers) in phases.items():
        ordered = sorted(answers)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        print(f'{name:<44} {seconds:>8.1f} {len(answers):>7} {p99 * 1000:>7.0f} {max(answers) * 1000:>7.0f}')
    print(f'(the probe: GET {PROBE} every {PROBE_EVERY * 1000:.0f} ms; idle median '
          f'{statistics.median(phases["idle"][1]) * 1000:.1f} ms)')


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog='python -m bench.loop_stalls', description=__doc__.split('\n\n')[0])
    parser.add_argument('--data-dir', type=Path, required=True, help='the clinic data directory (a demo clinic)')
    parser.add_argument('--opens', type=int, default=30, help='times the busiest patient is opened (default 30)')
    options = parser.parse_args()
    if not (options.data_dir / 'prospine.sqlite3').exists():
        parser.error(f'{options.data_dir} holds no prospine.sqlite3: make one with `prospine demo-data`')
    return options


async def _phases(clinic: Target, seats: dict[Role, Seat], busiest: str,
                  options: argparse.Namespace) -> dict[str, tuple[float, list[float]]]:
    doctor, admin = seats[Role.DOCTOR], seats[Role.ADMIN]
    database = options.data_dir / 'prospine.sqlite3'
    async with httpx.AsyncClient(base_url=clinic.base_url, timeout=120) as http:
        warm, _ = await _open(clinic, doctor, http, f'/patients/{busiest}')  # warm up
        await warm.close()

        async def idle() -> None:
            await asyncio.sleep(3)

        async def patient() -> None:
            for _ in range(options.opens):  # one tab, as a doctor opening the patient again and again
                tab, _ = await _open(clinic, doctor, http, f'/patients/{busiest}')
                await tab.close()

        async def backup() -> None:
            await _press(clinic, admin, http, '/admin/backups', 'Back up now', database=database,
                         done=lambda since: _audited(database, since, "action = 'backup' OR entity_type = 'backup'"))

        async def verify() -> None:
            await _press(clinic, admin, http, '/audit', 'Verify', database=database,
                         done=lambda since: _audited(database, since, "detail LIKE 'verified:%'"))

        phases = {}
        for name, work in (('idle', idle), (f'busiest patient opened {options.opens} times', patient),
                           ('a backup from /admin/backups', backup),
                           ('audit verify from /audit', verify)):
            phases[name] = await _probed(clinic.base_url, work)
    return phases


async def _probed(base_url: str, work: Callable[[], Awaitable[None]]) -> tuple[float, list[float]]:
    answers: list[float] = []

    async def probe() -> None:
        async with httpx.AsyncClient(base_url=base_url, timeout=120) as own:
            await own.get(PROBE)  # the connection is opened outside the figures
            while True:
                started = time.perf_counter()
                await own.get(PROBE)
                answers.append(time.perf_counter() - started)
                await asyncio.sleep(PROBE_EVERY)

    prober = asyncio.create_task(probe())
    started = time.monotonic()
    await work()
    seconds = time.monotonic() - started
    prober.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await prober
    return seconds, answers


async def _open(target: Target, seat: Seat, http: httpx.AsyncClient, path: str) -> tuple:
    opened: list = []
    if problem := await _load(target, seat, http, path, opened):
        raise SystemExit(f'{path}: {problem}')
    return opened[0]


async def _press(target: Target, seat: Seat, http: httpx.AsyncClient, path: str, label: str, *, database: Path,
                 done: Callable[[int], bool]) -> None:
    """Open the page, press the button as a tab would, and wait until `done(seq before)` says it finished."""
    since = _query(database, 'SELECT COALESCE(MAX(seq), 0) FROM audit_event')
    tab, page = await _open(target, seat, http, path)
    button_id, button = page.find('q-btn', label=label)
    await tab.send(page.client_id, button_id, Page.listener(button, 'click'))
    deadline = time.monotonic() + 600
    while not done(since):
        if time.monotonic() > deadline:
            raise SystemExit(f'"{label}" on {path} did not finish within 10 minutes')
        await asyncio.sleep(0.5)
    await tab.close()


def _audited(database: Path, since: int, where: str) -> bool:
    return _query(database, f'SELECT COUNT(*) FROM audit_event WHERE seq > {since} AND ({where})') > 0  # noqa: S608


def _query(database: Path, sql: str) -> int:
    with contextlib.closing(sqlite3.connect(f'file:{database}?mode=ro', uri=True, timeout=30)) as connection:
        return connection.execute(sql).fetchone()[0]


if __name__ == '__main__':
    main()
