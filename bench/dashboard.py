"""Dashboard bench: the clinic's figures on a demo clinic, and the admin's home page beside an empty NiceGUI page.

Run: `.venv/bin/python -m bench.dashboard --data-dir /path/to/data [--opens 20]` (make the data with
`prospine demo-data --scale large`). First, in this process, it works out the figures of every branch together
(as the superadmin sees them) for each period the dashboard offers, `--opens` times each, and prints the median
and the SQL queries each took. Then it serves the clinic and opens each role's home page (`/`: the admin's
figures of this month and charts, the desk's day, a clinician's day) and `/reports` `--opens` times in a row as
a browser tab does (GET, then the websocket until NiceGUI's handshake), and the empty NiceGUI page the same way,
and prints each and its ratio to the empty page. Servers listen
on 127.0.0.1 only and stop at the end. The first build after opening a database reads its pages from disk;
one untimed warm-up round comes first.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from bench.load import Seat, Target, _empty_server, seats_by_role, signed_in_clinic
from bench.patient_page import _opens
from models.accounts import Role

# The home page of each role (its dashboard) and the reports' first page, as (name, role, path).
PAGES = (("an admin's home (this month)", Role.ADMIN, '/'), ("reception's home (the desk's day)", Role.RECEPTION, '/'),
         ("a doctor's home (her day)", Role.DOCTOR, '/'), ("a junior doctor's home", Role.JRDOCTOR, '/'),
         ('reports (registrations, month)', Role.ADMIN, '/reports'))


class _Counter(logging.Handler):
    """Counts the statements Tortoise sends (its clients log each one at DEBUG)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def main() -> None:
    options = _options()
    figures = asyncio.run(_figures(options))
    with tempfile.TemporaryDirectory(prefix='prospine-dashboard-') as folder:
        with signed_in_clinic(options.data_dir, Path(folder), staff=8) as (clinic, made):
            seats = seats_by_role(made)
            pages = {name: asyncio.run(_page(clinic, seats[role], path, options.opens))
                     for name, role, path in PAGES if role in seats}
        with _empty_server(Path(folder) / 'empty.log') as base_url:
            empty = asyncio.run(_page(Target(base_url, {}), Seat('', Role.RECEPTION, ()), '/', options.opens))
    _report(figures, pages, empty, options)


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog='python -m bench.dashboard', description=__doc__.split('\n\n')[0])
    parser.add_argument('--data-dir', type=Path, required=True, help='the clinic data directory (a demo clinic)')
    parser.add_argument('--opens', type=int, default=20, help='times each is built (default 20)')
    options = parser.parse_args()
    if not (options.data_dir / 'prospine.sqlite3').exists():
        parser.error(f'{options.data_dir} holds no prospine.sqlite3: make one with `prospine demo-data`')
    return options


async def _figures(options: argparse.Namespace) -> dict[str, tuple[list[float], int]]:
    os.environ['PROSPINE_DATA_DIR'] = str(options.data_dir)
    from app.auth import sessions
    from app.config import load_settings, use_settings
    from app.db import close_database, open_database
    from app.services import clinic_figures
    from app.services.clinic_figures import PERIOD_LABELS, PeriodKind, period_of
    from models.accounts import User

    settings = load_settings()
    use_settings(settings)
    await open_database(settings)
    counter = _Counter()
    client_log = logging.getLogger('tortoise.db_client')
    client_log.setLevel(logging.DEBUG)
    client_log.addHandler(counter)
    try:
        superadmin = await User.filter(role=Role.SUPERADMIN).first()
        assert superadmin is not None, 'the demo clinic has a superadmin'
        actor = await sessions.actor_for(superadmin, session_id=None)
        results: dict[str, tuple[list[float], int]] = {}
        for kind in (PeriodKind.TODAY, PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.YEAR):
            period = period_of(kind)
            await clinic_figures.clinic_figures(actor=actor, period=period, audited=False)  # warm up
            seconds = []
            for _ in range(options.opens):
                counter.count = 0
                started = time.perf_counter()
                await clinic_figures.clinic_figures(actor=actor, period=period, audited=False)
                seconds.append(time.perf_counter() - started)
            results[PERIOD_LABELS[kind]] = (seconds, counter.count)
        return results
    finally:
        client_log.removeHandler(counter)
        await close_database()


async def _page(target: Target, seat: Seat, path: str, opens: int) -> dict:
    async with httpx.AsyncClient(base_url=target.base_url, timeout=60) as http:
        await _opens(target, seat, http, path, 2)  # warm up
        return await _opens(target, seat, http, path, opens)


def _report(figures: dict[str, tuple[list[float], int]], pages: dict[str, dict], empty: dict,
            options: argparse.Namespace) -> None:
    print(f'Dashboard bench: {os.cpu_count()} CPU cores, SQLite, {options.data_dir}, {options.opens} builds each')
    print('The figures of all branches together (the superadmin), worked out in this process:')
    print(f'  {"period":<24} {"median ms":>10} {"max ms":>8} {"queries":>8}')
    for label, (seconds, queries) in figures.items():
        print(f'  {label:<24} {statistics.median(seconds) * 1000:>10.1f} {max(seconds) * 1000:>8.1f} {queries:>8}')
    floor = statistics.median(empty['seconds'])
    print('Pages, GET + websocket handshake:')
    print(f'  {"page":<34} {"median ms":>10} {"p95 ms":>8} {"x empty":>8} {"elements":>9}')
    for name, result in (*pages.items(), ('empty NiceGUI page', empty)):
        times = sorted(result['seconds'])
        median, p95 = statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f'  {name:<34} {median * 1000:>10.1f} {p95 * 1000:>8.1f} {median / floor:>8.1f} {result["elements"]:>9}')


if __name__ == '__main__':
    main()
