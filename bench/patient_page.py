"""Patient page bench: the busiest patient's page against a new patient's and an empty NiceGUI page, in one run.

Run: `.venv/bin/python -m bench.patient_page --data-dir /path/to/data [--opens 30] [--tabs 20]`
(make the data with `prospine demo-data --scale large`). For a doctor and for reception it opens the patient with
the most consultations `--opens` times in a row, as a browser tab does (GET, then the websocket until NiceGUI's
handshake is done), and the same for the patient with the least history and for the empty page. It prints the
median and p95 of each, the ratio to the empty page, the elements and HTML bytes each page ships, and the
server's RSS growth per open tab (`--tabs` held open at once). How long the event loop stalls meanwhile is
`bench.loop_stalls`. Servers listen on 127.0.0.1 only and stop at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from bench.load import (
    Seat,
    Target,
    _cookie,
    _empty_server,
    _load,
    _memory,
    _server_pid,
    seats_by_role,
    signed_in_clinic,
)
from models.accounts import Role
from tests.live.server import Tab


def main() -> None:
    options = _options()
    with tempfile.TemporaryDirectory(prefix='prospine-patient-page-') as folder:
        with signed_in_clinic(options.data_dir, Path(folder), staff=6,
                              database_url=options.database_url) as (clinic, made):
            busiest, lightest = made['busiest'], made['lightest']
            results = asyncio.run(_measure(clinic, seats_by_role(made), busiest, lightest, options))
        with _empty_server(Path(folder) / 'empty.log') as base_url:
            results.update(asyncio.run(_measure_empty(Target(base_url, {}), options)))
    _report(results, options, busiest=busiest, lightest=lightest)


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog='python -m bench.patient_page', description=__doc__.split('\n\n')[0])
    parser.add_argument('--data-dir', type=Path, required=True, help='the clinic data directory (a demo clinic)')
    parser.add_argument('--opens', type=int, default=30, help='times each page is opened in a row (default 30)')
    parser.add_argument('--tabs', type=int, default=20, help='tabs held open to weigh one (default 20)')
    parser.add_argument('--database-url', default='', help='PROSPINE_DATABASE_URL (default: the SQLite file)')
    options = parser.parse_args()
    if not (options.data_dir / 'prospine.sqlite3').exists() and not options.database_url:
        parser.error(f'{options.data_dir} holds no prospine.sqlite3: make one with `prospine demo-data`')
    return options


async def _measure(clinic: Target, seats: dict[Role, Seat], busiest: str, lightest: str,
                   options: argparse.Namespace) -> dict[str, dict]:
    results: dict[str, dict] = {}
    server = _server_pid(clinic.base_url)
    async with httpx.AsyncClient(base_url=clinic.base_url, timeout=60) as http:
        doctor, reception = seats[Role.DOCTOR], seats[Role.RECEPTION]
        await _opens(clinic, doctor, http, f'/patients/{busiest}', 3)  # warm up: imports, caches, the first build
        results['busiest, doctor'] = await _opens(clinic, doctor, http, f'/patients/{busiest}', options.opens)
        results['busiest, reception'] = await _opens(clinic, reception, http, f'/patients/{busiest}', options.opens)
        results['light patient, doctor'] = await _opens(clinic, doctor, http, f'/patients/{lightest}', options.opens)
        results['busiest, doctor']['per_tab_kb'] = await _per_tab(clinic, doctor, http, f'/patients/{busiest}',
                                                                  options.tabs, server)
    return results


async def _measure_empty(target: Target, options: argparse.Namespace) -> dict[str, dict]:
    seat = Seat('', Role.RECEPTION, ())
    async with httpx.AsyncClient(base_url=target.base_url, timeout=60) as http:
        await _opens(target, seat, http, '/', 3)
        result = await _opens(target, seat, http, '/', options.opens)
        result['per_tab_kb'] = await _per_tab(target, seat, http, '/', options.tabs, _server_pid(target.base_url))
    return {'empty NiceGUI page': result}


async def _opens(target: Target, seat: Seat, http: httpx.AsyncClient, path: str, count: int) -> dict:
    """Open the page `count` times in a row, each tab closed before the next opens; time GET + handshake."""
    seconds, elements, size = [], 0, 0
    for _ in range(count):
        opened: list = []
        started = time.perf_counter()
        problem = await _load(target, seat, http, path, opened)
        seconds.append(time.perf_counter() - started)
        if problem:
            raise SystemExit(f'{path}: {problem}')
        tab, page = opened[0]
        elements = len(page.elements)
        size = size or len((await http.get(path, cookies=_cookie(target, seat))).content)
        await tab.close()
    return {'seconds': seconds, 'elements': elements, 'bytes': size}


async def _per_tab(target: Target, seat: Seat, http: httpx.AsyncClient, path: str, count: int, server: int) -> float:
    """Hold `count` live tabs of the page; the server's RSS growth per tab, in kB."""
    await asyncio.sleep(1)
    before = _memory(server)['VmRSS']
    held: list[tuple[Tab, object]] = []
    for _ in range(count):
        await _load(target, seat, http, path, held)
    await asyncio.sleep(1)
    grown = _memory(server)['VmRSS'] - before
    await asyncio.gather(*(tab.close() for tab, _ in held), return_exceptions=True)
    return grown / count


def _report(results: dict[str, dict], options: argparse.Namespace, *, busiest: str, lightest: str) -> None:
    import os

    empty = results['empty NiceGUI page']
    floor = statistics.median(empty['seconds'])
    print(f'Patient page bench: {os.cpu_count()} CPU cores, '
          f'{options.database_url.split("://")[0] if options.database_url else "sqlite"}, '
          f'busiest patient {busiest}, light patient {lightest} (fewest visits and notes), {options.opens} opens each')
    print(f'{"page":<22} {"median ms":>10} {"p95 ms":>8} {"x empty":>8} {"elements":>9} {"HTML kB":>8}')
    for name, result in results.items():
        times = sorted(result['seconds'])
        median, p95 = statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f'{name:<22} {median * 1000:>10.1f} {p95 * 1000:>8.1f} {median / floor:>8.1f} '
              f'{result["elements"]:>9} {result["bytes"] / 1024:>8.1f}')
    busy = results['busiest, doctor']
    print(f'server RSS per open tab: busiest patient {busy["per_tab_kb"] / 1024:.2f} MB, '
          f'empty page {empty["per_tab_kb"] / 1024:.2f} MB ({options.tabs} tabs held)')


if __name__ == '__main__':
    main()
