"""Reports bench: each report's first page on a demo clinic, and a 100,000-row Excel export's memory, beside an
empty NiceGUI page.

Run: `.venv/bin/python -m bench.reports --data-dir /path/to/data [--opens 10] [--rows 100000]` (make the data
with `prospine demo-data --scale large`). First, in this process, it reads the first page (25 rows, with the
totals over every row) of every report for the whole history of the clinic's first branch (ten years: the
largest filter an admin can ask for), `--opens` times each, and prints the median and the SQL queries.
Then it serves the clinic and, as its admin, downloads the appointments report as Excel over the range that
holds at least `--rows` rows, sampling the server's resident memory every 50 ms: it prints the rows, the time,
the file's size and the memory's growth above where it stood before. It also opens `/reports` and an empty
NiceGUI page as a browser tab does (GET, then the websocket until NiceGUI's handshake) and prints both and
their ratio. Servers listen on 127.0.0.1 only and stop at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from bench.dashboard import _Counter, _page
from bench.load import Seat, Target, _cookie, _empty_server, _memory, _server_pid, seats_by_role, signed_in_clinic
from models.accounts import Role


def main() -> None:
    options = _options()
    pages, (export_from, rows), last_day, branch_id = asyncio.run(_first_pages(options))
    with tempfile.TemporaryDirectory(prefix='prospine-reports-') as folder:
        with signed_in_clinic(options.data_dir, Path(folder), staff=8, branch=branch_id) as (clinic, made):
            admin = seats_by_role(made)[Role.ADMIN]
            export = {**asyncio.run(_export(clinic, admin, export_from, last_day)), 'rows': rows,
                      'days': (last_day - export_from).days}
            screen = asyncio.run(_page(clinic, admin, '/reports', options.opens))
        with _empty_server(Path(folder) / 'empty.log') as base_url:
            empty = asyncio.run(_page(Target(base_url, {}), Seat('', Role.RECEPTION, ()), '/', options.opens))
    _report(pages, export, screen, empty, options, last_day - timedelta(days=3_650), last_day)


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog='python -m bench.reports', description=__doc__.split('\n\n')[0])
    parser.add_argument('--data-dir', type=Path, required=True, help='the clinic data directory (a demo clinic)')
    parser.add_argument('--opens', type=int, default=10, help='times each page is read (default 10)')
    parser.add_argument('--rows', type=int, default=100_000, help='rows the Excel export holds at least')
    options = parser.parse_args()
    if not (options.data_dir / 'prospine.sqlite3').exists():
        parser.error(f'{options.data_dir} holds no prospine.sqlite3: make one with `prospine demo-data`')
    return options


async def _first_pages(options: argparse.Namespace) -> tuple[dict[str, tuple[list[float], int, int]],
                                                                 tuple[date, int], date, int]:
    os.environ['PROSPINE_DATA_DIR'] = str(options.data_dir)
    from app.auth import sessions
    from app.clock import clinic_today
    from app.config import load_settings, use_settings
    from app.db import close_database, open_database
    from app.services import reports
    from app.services.reports import REPORTS
    from models.accounts import User

    settings = load_settings()
    use_settings(settings)
    await open_database(settings)
    counter = _Counter()
    client_log = logging.getLogger('tortoise.db_client')
    client_log.setLevel(logging.DEBUG)
    client_log.addHandler(counter)
    try:
        admin = await User.filter(role=Role.ADMIN, is_active=True).order_by('id').first()
        assert admin is not None and admin.branch_id is not None, 'the demo clinic has an admin'
        actor = await sessions.actor_for(admin, session_id=None)
        last_day = clinic_today()
        first_day = last_day - timedelta(days=3_650)
        results: dict[str, tuple[list[float], int, int]] = {}
        for kind, spec in REPORTS.items():
            await reports.report_page(actor=actor, kind=kind, first_day=first_day, last_day=last_day)  # warm up
            seconds, total = [], 0
            for _ in range(options.opens):
                counter.count = 0
                started = time.perf_counter()
                page = await reports.report_page(actor=actor, kind=kind, first_day=first_day, last_day=last_day)
                seconds.append(time.perf_counter() - started)
                total = page.total
            results[spec.title] = (seconds, counter.count, total)
        days = 30
        while True:  # the shortest range back from today that holds `--rows` appointments
            export_from = last_day - timedelta(days=days)
            held = (await reports.report_page(actor=actor, kind='appointments', first_day=export_from,
                                              last_day=last_day)).total
            if held >= options.rows or days >= 3_650:
                break
            days = min(3_650, int(days * max(1.2, options.rows / max(held, 1) * 1.05)))
        return results, (export_from, held), last_day, admin.branch_id
    finally:
        client_log.removeHandler(counter)
        await close_database()


async def _export(target: Target, seat: Seat, first_day: date, last_day: date) -> dict:
    """Download the appointments report as Excel for the range, sampling the server's memory every 50 ms."""
    server = _server_pid(target.base_url)
    async with httpx.AsyncClient(base_url=target.base_url, timeout=600, cookies=_cookie(target, seat)) as http:
        await asyncio.sleep(1)
        before = _memory(server)['VmRSS']
        peak = before
        done = asyncio.Event()

        async def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _memory(server)['VmRSS'])
                await asyncio.sleep(0.05)

        sampler = asyncio.create_task(sample())
        started = time.perf_counter()
        response = await http.get('/reports/files/appointments.xlsx', params={
            'from': first_day.isoformat(), 'to': last_day.isoformat()})
        seconds = time.perf_counter() - started
        done.set()
        await sampler
        response.raise_for_status()
    return {'seconds': seconds, 'bytes': len(response.content), 'grown_mb': (peak - before) / 1024,
            'before_mb': before / 1024}


def _report(pages: dict[str, tuple[list[float], int, int]], export: dict, screen: dict, empty: dict,
            options: argparse.Namespace, first_day: date, last_day: date) -> None:
    print(f'Reports bench: {os.cpu_count()} CPU cores, SQLite, {options.data_dir}, {options.opens} reads each')
    print(f'First page (25 rows and the totals) of each report, one branch, {first_day} to {last_day}:')
    print(f'  {"report":<36} {"rows":>9} {"median ms":>10} {"max ms":>8} {"queries":>8}')
    for title, (seconds, queries, total) in pages.items():
        print(f'  {title:<36} {total:>9,} {statistics.median(seconds) * 1000:>10.1f} {max(seconds) * 1000:>8.1f} '
              f'{queries:>8}')
    print(f'Excel export of the appointments report: {export["rows"]:,} rows ({export["days"]} days), '
          f'{export["seconds"]:.1f} s, {export["bytes"] / 1e6:.1f} MB file; the server\'s memory grew '
          f'{export["grown_mb"]:.1f} MB above {export["before_mb"]:.0f} MB')
    floor = statistics.median(empty['seconds'])
    print('Pages, GET + websocket handshake:')
    print(f'  {"page":<34} {"median ms":>10} {"x empty":>8} {"elements":>9}')
    for name, result in (('/reports (registrations, month)', screen), ('empty NiceGUI page', empty)):
        median = statistics.median(result['seconds'])
        print(f'  {name:<34} {median * 1000:>10.1f} {median / floor:>8.1f} {result["elements"]:>9}')


if __name__ == '__main__':
    main()
