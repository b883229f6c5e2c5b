"""Load bench: N signed-in staff using the dashboard at once, against a demo clinic, beside an empty NiceGUI page.

Run: `.venv/bin/python -m bench.load --data-dir /path/to/data [--staff 20] [--seconds 30] [--think 0]`.
Make the data with `PROSPINE_DATA_DIR=/path/to/data .venv/bin/prospine demo-data --scale large` (or `small`).

Each member of staff (real sessions, roles in the demo roster's proportion) walks the day's round as a browser
tab does: GET a page, then open its websocket (a load counts once NiceGUI's handshake is done and the tab is
live), and on the patients page types a name and presses Search (timed until the table's update arrives).
Reception, doctors and junior doctors also open the calendar (`/calendar`: the day view of today) and `/today`,
and on the calendar move an appointment they may move to a free slot of its column (the `eventDrop` a drag
sends) and book one (tap a free slot, find a patient by UID in the dialog, choose them, press Book); each is
timed until both the toast and the redrawn calendar have arrived. A move or booking the server refuses (another
desk took the slot meanwhile, the patient is busy then), or that finds nothing to move or no free slot, is
counted apart as refused, not as an error. Those who see money (reception, doctors, admins; not junior doctors)
open `/invoices` (the branch's list) and a patient's billing tab (`/patients/<uid>?part=billing`, checked to open
on it); reception and admins also open an invoice with something due (`/invoices/<number>`: the branch's newest,
up to 500, each seat its own share so that two tabs rarely pay the same one) and take a payment: press Take
payment, fill the dialog (the due or part of it, a mode, a reference, no credit kept) and press Save payment,
timed until the toast 'Receipt ... received.' and the invoice redrawn with that receipt have arrived; one paid at
another tab meanwhile is refused, not an error. Moves, bookings and payments are real writes to the data directory
(as the sessions and the audit trail of every run are); `--no-changes` leaves them out. A data directory with
appointments today: the demo data once it has them, or `python -m bench.calendar_views --keep-data DIR`.
Each seat is one browser tab (its pages share the tab's id); the previous page's socket closes when the
next page opens. `--think 0` is a closed loop; `--think 5` waits 2.5-7.5 s
between steps. After `--seconds` the same loop runs against an empty NiceGUI page (one label) for the same time,
and the bench prints loads/s, p50/p95/p99 per page and action, error pages, server RSS per connected tab,
and the ratios to the empty page. Servers listen on 127.0.0.1 only and are stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, Decimal
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import socketio

from app.auth.permissions import Permission, role_can
from app.money import money_text, parse_money
from bench.load_results import Run, Timings, log_errors, report
from models.accounts import Role
from tests.live.server import Page, Tab, page_of, serve
from tests.processes import free_port, stop
from tests.test_cli import REPO, cli_env

HOST = '127.0.0.1'
ERROR_TEXT = 'Something went wrong on our side.'  # components.errors: the 500 page's heading


@dataclass(frozen=True)
class Target:
    """A server the tabs talk to, shaped like tests.live.server.LiveClinic for `Tab` (tokens by username)."""

    base_url: str
    tokens: dict[str, str]


@dataclass(frozen=True)
class Seat:
    """One member of staff at a desk: whose session, and the round of steps their role may take."""

    username: str
    role: Role
    steps: tuple[str, ...]
    user_id: int = 0
    branch_id: int = 0


class Refused(Exception):
    """The server answered an action with a refusal (a toast saying why): timed, but not an error."""


# The round a member of staff walks, in order: a page, or (no path) an action on the page before it: `search` is
# the Search button on /patients, `move` and `book` act on /calendar, `pay` on /invoices/<number>. The calendar
# steps are the desk's and the clinicians' (admins may see the calendar too, but their round stays what it was);
# the billing pages are for whoever sees money, an invoice to pay for whoever takes payments.
CALENDAR_ROLES = frozenset({Role.RECEPTION, Role.DOCTOR, Role.JRDOCTOR})
ROUND = (('home', '/', Permission.HOME_VIEW, None), ('patients', '/patients', Permission.PATIENTS_VIEW, None),
         ('search', '', Permission.PATIENTS_VIEW, None),
         ('patient', '/patients/{uid}', Permission.PATIENTS_VIEW, None),
         ('calendar', '/calendar', Permission.SCHEDULE_VIEW, CALENDAR_ROLES),
         ('move', '', Permission.SCHEDULE_VIEW, CALENDAR_ROLES), ('book', '', Permission.SCHEDULE_VIEW, CALENDAR_ROLES),
         ('today', '/today', Permission.SCHEDULE_VIEW, CALENDAR_ROLES),
         ('invoices', '/invoices', Permission.BILLING_VIEW, None),
         ('billing', '/patients/{uid}?part=billing', Permission.BILLING_VIEW, None),
         ('invoice', '/invoices/{number}', Permission.BILLING_CREATE, None),
         ('pay', '', Permission.BILLING_CREATE, None),
         ('inquiries', '/inquiries', Permission.INQUIRIES_VIEW, None), ('audit', '/audit', Permission.AUDIT_VIEW, None),
         ('reports', '/reports', Permission.REPORTS_VIEW, None))
PATHS = {name: path for name, path, _, _ in ROUND} | {'empty': '/'}
# An action: the page it acts on, and its name in the tables.
ACTIONS = {'search': ('patients', 'search (button)'), 'move': ('calendar', 'move (eventDrop)'),
           'book': ('calendar', 'book (dialog)'), 'pay': ('invoice', 'pay (dialog)')}
CHANGES = frozenset({'move', 'book', 'pay'})  # the actions that write, left out by --no-changes
PATIENT_FIELD = 'Patient: name, UID or phone'  # components.patient_picker: the booking dialog's patient field
TAKE_PAYMENT = 'Take payment ('  # components.invoice_screen: the invoice's button, 'Take payment (₹1,200.00)'
PAY_MODES = ('Cash', 'UPI', 'Card')  # of the dialog's mode toggle: the modes a reference is not required for
RECEIPT = re.compile(r'Receipt (\S+): .* received\.')  # components.billing_dialogs: the toast of a payment
ANSWER_TIMEOUT = 15  # seconds an action waits for each answer of the server
MIDNIGHT = datetime.min.time()
# Each seat is one browser tab: its pages share the tab's NiceGUI id, as nicegui.js keeps it in the tab's
# sessionStorage, so the server can tell the page a tab left from one that lost its network.
_tab_ids: dict[str, str] = {}


def main() -> None:
    options = _options()
    if options.host != HOST:
        raise SystemExit(f'bench.load serves and loads on {HOST} only, not {options.host}')
    with tempfile.TemporaryDirectory(prefix='prospine-load-') as folder:
        log = options.data_dir / 'logs' / 'prospine.log'  # where the app logs (Settings.log_dir)
        since = log.stat().st_size if log.exists() else 0
        with signed_in_clinic(options.data_dir, Path(folder), staff=options.staff, port=options.port,
                              database_url=options.database_url) as (clinic, made):
            seats = [Seat(person['username'], Role(person['role']),
                          tuple(step for step in _steps(Role(person['role']))
                                if not (options.no_changes and step in CHANGES)),
                          person.get('user_id', 0), person.get('branch_id', 0)) for person in made['staff']]
            dues = {int(branch): numbers for branch, numbers in made.get('dues', {}).items()}
            print(_machine(options, seats, dues), flush=True)
            ours = asyncio.run(_phase(clinic, seats, options, patients=made['patients'], searches=made['searches'],
                                      dues=dues))
        ours.server_errors = log_errors(log, since)
        with _empty_server(Path(folder) / 'empty.log') as base_url:
            empty_seats = [Seat('', seat.role, ('empty',)) for seat in seats]
            empty = asyncio.run(_phase(Target(base_url, {}), empty_seats, options, patients=[], searches=[]))
    report(ours, empty, options)


@contextmanager
def signed_in_clinic(data_dir: Path, folder: Path, *, staff: int, port: int = 0, database_url: str = '',
                     branch: int | None = None) -> Iterator[tuple[Target, dict]]:
    """Sign `staff` people in (bench.load_sessions; only `branch`'s staff if given), serve the clinic on
    127.0.0.1, and stop it afterwards."""
    env = clinic_env(data_dir, folder, port=port, database_url=database_url)
    made = _sign_in(env, staff, branch)
    with serve(env, folder / 'server.log') as base_url:
        yield Target(base_url, {person['username']: person['token'] for person in made['staff']}), made


def clinic_env(data_dir: Path, folder: Path, *, port: int = 0, database_url: str = '') -> dict[str, str]:
    """The environment of `prospine serve` and of the bench's helper processes for this data directory."""
    env = cli_env(data_dir, PROSPINE_HOST=HOST, PROSPINE_PORT=str(port or free_port()), PYTHONUNBUFFERED='1',
                  PROSPINE_ENV_FILE=str(folder / 'absent.env'))
    if database_url:
        env['PROSPINE_DATABASE_URL'] = database_url
    return env


def seats_by_role(made: dict) -> dict[Role, Seat]:
    """One signed-in member of staff per role (the last of each), for benches that act as a role."""
    return {Role(person['role']): Seat(person['username'], Role(person['role']), ()) for person in made['staff']}


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog='python -m bench.load', description=__doc__.split('\n\n')[0])
    parser.add_argument('--data-dir', type=Path, required=True, help='the clinic data directory (a demo clinic)')
    parser.add_argument('--staff', type=int, default=20, help='signed-in staff using it at once (default 20)')
    parser.add_argument('--seconds', type=float, default=30, help='how long each phase runs (default 30)')
    parser.add_argument('--think', type=float, default=0,
                        help='mean seconds between steps (default 0: closed loop); waits are 0.5-1.5 times it')
    parser.add_argument('--database-url', default='', help='PROSPINE_DATABASE_URL, e.g. postgres://... '
                        '(default: the SQLite file in the data directory)')
    parser.add_argument('--port', type=int, default=0, help='port of the clinic server (default: a free one)')
    parser.add_argument('--host', default=HOST, help=f'must be {HOST}; anything else is refused')
    parser.add_argument('--seed', type=int, default=1, help='seed of the patients and names chosen')
    parser.add_argument('--no-changes', action='store_true',
                        help='leave out moving and booking appointments and taking payments (they are real '
                        'writes to the data directory)')
    options = parser.parse_args()
    if not (options.data_dir / 'prospine.sqlite3').exists() and not options.database_url:
        parser.error(f'{options.data_dir} holds no prospine.sqlite3: make one with `prospine demo-data`')
    if options.staff < 1 or options.seconds <= 0 or options.think < 0:
        parser.error('--staff must be at least 1, --seconds above 0, --think 0 or more')
    return options


def _steps(role: Role) -> tuple[str, ...]:
    return tuple(name for name, _, permission, roles in ROUND
                 if role_can(role, permission) and (roles is None or role in roles))


def _sign_in(env: dict[str, str], count: int, branch: int | None = None) -> dict:
    command = [sys.executable, '-m', 'bench.load_sessions', str(count), *([str(branch)] if branch else [])]
    made = subprocess.run(command, cwd=REPO, env=env,  # noqa: S603
                          capture_output=True, text=True, timeout=600, check=False)
    if made.returncode != 0:
        raise SystemExit(f'could not sign the staff in:\n{made.stderr[-3000:]}')
    return json.loads(made.stdout)


@contextmanager
def _empty_server(log: Path) -> Iterator[str]:
    port = free_port()
    with log.open('wb') as output:
        process = subprocess.Popen([sys.executable, '-m', 'bench.load_empty', str(port)], cwd=REPO,  # noqa: S603
                                   env=cli_env(None, PYTHONUNBUFFERED='1'), stdout=output, stderr=subprocess.STDOUT)
    base_url = f'http://{HOST}:{port}'
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(f'the empty NiceGUI page did not start:\n{log.read_text()}')
            try:
                if httpx.get(base_url + '/', timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f'the empty NiceGUI page did not answer within 60 s:\n{log.read_text()}')
            time.sleep(0.2)
        yield base_url
    finally:
        stop(process)


async def _phase(target: Target, seats: list[Seat], options: argparse.Namespace, *, patients: list[str],
                 searches: list[str], dues: dict[int, list[str]] | None = None) -> Run:
    """Let every seat walk its round until the time is up; return the timings and the server's memory."""
    run = Run()
    server = _server_pid(target.base_url)
    shares = _shares(seats, dues or {})
    async with httpx.AsyncClient(base_url=target.base_url, timeout=30, follow_redirects=False,
                                 limits=httpx.Limits(max_connections=len(seats) * 2)) as http:
        warm = {seat.role: (seat, share) for seat, share in zip(seats, shares, strict=True)}
        for seat, share in warm.values():  # warm: first loads fill NiceGUI's caches
            for name in seat.steps:
                if PATHS[name] and (share or name != 'invoice'):
                    await http.get(PATHS[name].format(uid=patients[0] if patients else '',
                                                      number=share[0] if share else ''),
                                   cookies=_cookie(target, seat))
        run.held, run.held_kb = await _hold(target, seats, http, patients, server)
        run.rss_before_kb = _memory(server)['VmRSS']
        cpu, started = _cpu(), time.monotonic()
        server_cpu = _server_cpu(server)
        deadline = started + options.seconds
        tabs: list[Tab | None] = [None] * len(seats)
        chooser = random.Random(options.seed)
        walkers = [_walk(index, seat, target, http, run, tabs, deadline, options.think, random.Random(chooser.random()),
                         patients, searches, shares[index]) for index, seat in enumerate(seats)]
        await asyncio.gather(*walkers)
        run.seconds = time.monotonic() - started
        run.client_cpu = _cpu() - cpu
        run.server_cpu, run.server_loop_cpu = (after - before for after, before in
                                               zip(_server_cpu(server), server_cpu, strict=True))
        memory = _memory(server)
        run.rss_after_kb, run.peak_kb = memory['VmRSS'], memory['VmHWM']
        run.connected = sum(1 for tab in tabs if tab is not None and tab.socket.connected)
        await asyncio.gather(*(tab.close() for tab in tabs if tab is not None), return_exceptions=True)
    return run


def _shares(seats: list[Seat], dues: dict[int, list[str]]) -> list[list[str]]:
    """Each seat's own share of its branch's invoices with something due, dealt round the seats there that open
    invoices (so two tabs rarely pay the same one; when there are fewer invoices than seats, some share them all)."""
    shares: list[list[str]] = [[] for _ in seats]
    for branch, numbers in dues.items():
        here = [index for index, seat in enumerate(seats) if seat.branch_id == branch and 'invoice' in seat.steps]
        for place, index in enumerate(here):
            shares[index] = numbers[place::len(here)] or list(numbers)
    return shares


async def _walk(index: int, seat: Seat, target: Target, http: httpx.AsyncClient, run: Run, tabs: list[Tab | None],
                deadline: float, think: float, chooser: random.Random, patients: list[str],
                searches: list[str], dues: list[str]) -> None:
    """Walk one seat's round again and again until the deadline, keeping its latest tab open as a browser does.
    `dues` are the invoice numbers this seat opens to pay; one paid in full, or found with nothing due, leaves it."""
    await asyncio.sleep(chooser.uniform(0, min(1.0, think or 0.2)))  # staff do not all start in the same millisecond
    page: Page | None = None
    current = number = ''
    step = chooser.randrange(len(seat.steps))
    while time.monotonic() < deadline:
        name = seat.steps[step % len(seat.steps)]
        step += 1
        if name in ACTIONS:
            on_page, label = ACTIONS[name]
            tab = tabs[index]
            if current == on_page and page is not None and tab is not None:
                if name == 'search':
                    act = partial(_search, tab, page, chooser.choice(searches or ['a']))
                elif name == 'move':
                    act = partial(_move, tab, page, chooser)
                elif name == 'book':
                    act = partial(_book, tab, page, seat, chooser, patients, run.by_name['book (Book pressed)'])
                else:
                    act = partial(_pay, tab, page, chooser, dues, number, run.by_name['pay (Save pressed)'])
                await _timed(run.by_name[label], act)
        else:
            if name == 'invoice' and not dues:
                continue  # every invoice of this seat's share is paid: the round goes on without one
            number = chooser.choice(dues) if name == 'invoice' else number
            path = PATHS[name].format(uid=chooser.choice(patients) if patients else '', number=number)
            opened: list[tuple[Tab, Page]] = []
            ok = await _timed(run.by_name[f'{name} {PATHS[name]}'],
                              partial(_load, target, seat, http, path, opened))
            previous, tabs[index] = tabs[index], opened[0][0] if opened else None
            page, current = (opened[0][1], name) if ok and opened else (None, '')
            if previous is not None:
                await previous.close()
        if think:
            await asyncio.sleep(chooser.uniform(0.5 * think, 1.5 * think))


async def _timed(timings: Timings, work: Callable[[], Awaitable[str]]) -> bool:
    """Run one page load or action; record its time, or the reason it failed (an error page, no socket)."""
    started = time.perf_counter()
    try:
        why = await work()
    except Refused as refusal:
        timings.refused(str(refusal), time.perf_counter() - started)
        return False
    except Exception as failure:  # any failure of a load is an error to count, not to crash on
        why = f'{type(failure).__name__}: {failure}'[:200]
    if why:
        timings.failed(why)
        return False
    timings.durations.append(time.perf_counter() - started)
    return True


async def _load(target: Target, seat: Seat, http: httpx.AsyncClient, path: str, opened: list) -> str:
    """GET a page and open its websocket as nicegui.js does; return why it failed, or '' once the tab is live."""
    response = await http.get(path, cookies=_cookie(target, seat))
    if response.status_code != 200:
        return f'status {response.status_code} on {path}' + (f' to {response.headers["location"]}'
                                                            if 'location' in response.headers else '')
    if ERROR_TEXT in response.text:
        return f'the error page on {path}'
    page = page_of(response)
    part = parse_qs(urlsplit(path).query).get('part', [''])[0]
    if part and not any(element['tag'] == 'q-tab-panels' and element.get('props', {}).get('model-value') == part
                        for element in page.elements.values()):
        return f'{path} did not open on its {part} part'
    tab = Tab(target, role=seat.username or None,  # type: ignore[arg-type]  # duck-typed like LiveClinic
              tab_id=_tab_ids.setdefault(seat.username or str(id(seat)), str(uuid.uuid4())))
    updates: asyncio.Queue = asyncio.Queue()
    inbox: asyncio.Queue = asyncio.Queue()  # ('update' | 'notify', data), for the calendar's actions

    def updated(data: dict) -> None:
        """Keep `page.elements` as the browser's are (the calendar's actions read them), and queue the update."""
        for key, element in data.items():
            if key == '_id':
                continue
            if element is None:
                page.elements.pop(str(key), None)
            else:
                page.elements[str(key)] = element
        updates.put_nowait(data)
        inbox.put_nowait(('update', data))

    tab.socket.on('update', updated)
    tab.socket.on('notify', lambda data: inbox.put_nowait(('notify', data)))
    tab.socket.on('run_javascript', partial(_answer, tab, page.client_id))
    tab.updates = updates  # type: ignore[attr-defined]
    tab.inbox = inbox  # type: ignore[attr-defined]
    opened.append((tab, page))
    await tab.connect(page.client_id)
    return ''


async def _answer(tab: Tab, client_id: str, message: dict) -> None:
    """Answer the page's JavaScript requests as a desktop browser would; only the drawer's question has an answer."""
    if message.get('request_id') and tab.socket.connected:
        result = True if '__IS_DRAWER_OPEN__' in message.get('code', '') else None  # wide screen: the menu shows
        with suppress(socketio.exceptions.BadNamespaceError):  # the tab closed meanwhile
            await tab.socket.emit('javascript_response',
                                  {'request_id': message['request_id'], 'client_id': client_id, 'result': result})


async def _search(tab: Tab | None, page: Page, word: str) -> str:
    """Type a name into the patients search and press Search; return '' once the table's update arrives."""
    assert tab is not None
    field = page.find('nicegui-input', placeholder='Name, UID or phone')
    button = page.find('q-btn', label='Search')
    table_id = next(int(key) for key, element in page.elements.items() if 'table' in element['tag'])
    updates: asyncio.Queue = tab.updates  # type: ignore[attr-defined]
    while not updates.empty():
        updates.get_nowait()
    await _set(tab, page, field, word)
    await _click(tab, page, button)
    while True:
        update = await asyncio.wait_for(updates.get(), timeout=15)
        if str(table_id) in update or table_id in update:
            return ''


async def _move(tab: Tab, page: Page, chooser: random.Random) -> str:
    """Drop an appointment this seat may move (its `editable` flag) into a free slot of its own column, as the
    calendar's JavaScript reports a drag (`eventDrop`); return '' once the toast and the redrawn calendar arrive."""
    calendar_id, calendar = _calendar(page)
    events = calendar['props']['events']
    movable = [event for event in events if event.get('editable') and event.get('display') != 'background']
    for event in chooser.sample(movable, len(movable)):
        starts, ends = datetime.fromisoformat(event['start']), datetime.fromisoformat(event['end'])
        resource = (event.get('resourceIds') or [None])[0]
        slot = _free_slot(calendar, resource, starts.date(), ends - starts, chooser)
        if slot is not None:
            break
    else:
        raise Refused('nothing to move: no appointment this seat may move has a free slot in its column')
    _drain(tab)
    await tab.send(page.client_id, calendar_id, Page.listener(calendar, 'eventDrop'), {
        'event_id': event['id'], 'start': _naive(slot), 'end': _naive(slot + (ends - starts)),
        'old_start': event['start'], 'old_end': event['end'], 'resource_id': resource, 'old_resource_id': resource})
    await _answered(tab, lambda _: all(other.get('id') != event['id'] for other in _events(page)))
    return ''


async def _book(tab: Tab, page: Page, seat: Seat, chooser: random.Random, patients: list[str],
                pressed: Timings) -> str:
    """Tap a free slot of the day view, find a patient by UID in the booking dialog, choose them and press Book;
    return '' once the toast and the redrawn calendar arrive (a clinician books in their own column only).
    `pressed` gets the time from pressing Book to that answer, the booking itself without the dialog's steps."""
    calendar_id, calendar = _calendar(page)
    resources = [resource['id'] for resource in calendar['props']['resources']]
    if seat.role is not Role.RECEPTION:
        resources = [resource for resource in resources if resource == str(seat.user_id)]
    day = date.fromisoformat(calendar['props']['options']['date'][:10])
    slot = resource = None
    for resource in chooser.sample(resources, len(resources)):
        slot = _free_slot(calendar, resource, day, timedelta(minutes=_slot_minutes(calendar)), chooser)
        if slot is not None:
            break
    if slot is None or not patients:
        raise Refused('nothing to book: no free slot in the columns this seat may book, or no patients')
    _drain(tab)
    await tab.send(page.client_id, calendar_id, Page.listener(calendar, 'dateClick'),
                   {'date': _naive(slot), 'all_day': False, 'resource_id': resource})
    field = await _appeared(tab, page, _with('nicegui-input', label=PATIENT_FIELD))
    known = set(page.elements)
    uid = chooser.choice(patients)
    await _set(tab, page, field, uid)  # typed, debounce not waited
    match = await _appeared(tab, page, lambda element: element['tag'] == 'q-item' and any(
        listener['type'] == 'click' for listener in element.get('events', [])), among=lambda key: key not in known)
    await _click(tab, page, match)
    await _appeared(tab, page, lambda element: f'· {uid} ·' in element.get('text', ''))
    submit = await _appeared(tab, page, lambda element: _with('q-btn', label='Book')(element)
                             and not element['props'].get('icon'))  # the dialog's, not the toolbar's
    started = time.perf_counter()
    await _click(tab, page, submit)
    await _answered(tab, lambda _: any(
        other.get('start') == _naive(slot) and resource in other.get('resourceIds', []) and
        other.get('display') != 'background' for other in _events(page)))
    pressed.durations.append(time.perf_counter() - started)
    return ''


async def _pay(tab: Tab, page: Page, chooser: random.Random, dues: list[str], number: str, pressed: Timings) -> str:
    """Press Take payment on the invoice page, fill the dialog (the due or part of it, a mode that needs no
    reference with one typed anyway, no credit kept) and press Save payment; return '' once the toast 'Receipt ...
    received.' and the invoice redrawn with that receipt have arrived. `pressed` gets the time from Save payment to
    that answer. Paid at another tab meanwhile, it is refused (the server's message, with a field's if it says one);
    an invoice paid in full, or found with nothing due, leaves `dues`."""
    take = next(((int(key), element) for key, element in page.elements.items() if element['tag'] == 'q-btn'
                 and str(element.get('props', {}).get('label', '')).startswith(TAKE_PAYMENT)), None)
    if take is None:
        _settled(dues, number)
        raise Refused(f'nothing to pay: {number} has nothing due any more')
    _drain(tab)
    await _click(tab, page, take)
    amount = await _appeared(tab, page, _with('nicegui-input', label='Amount received'))
    mode = await _appeared(tab, page, lambda element: element['tag'] == 'q-btn-toggle')
    reference = await _appeared(tab, page, _with('nicegui-input', label='Reference'))
    keep = await _appeared(tab, page, lambda element: element['tag'] == 'q-checkbox'
                           and element.get('text', '').startswith('Keep any amount'))
    submit = await _appeared(tab, page, _with('q-btn', label='Save payment'))
    due = parse_money(amount[1]['props']['value'], label='amount')  # the dialog offers what is due
    paying = due if due < 2 or chooser.random() < 0.5 else max(Decimal(1), (
        due * Decimal(chooser.randrange(20, 80)) / 100).quantize(Decimal(1), rounding=ROUND_DOWN))
    await _set(tab, page, amount, money_text(paying))
    await _set(tab, page, mode, chooser.choice([option['value'] for option in mode[1]['props']['options']
                                                if option['label'] in PAY_MODES]))
    await _set(tab, page, reference, f'BENCH-{chooser.randrange(10 ** 6):06d}')
    await _set(tab, page, keep, False)
    started = time.perf_counter()
    await _click(tab, page, submit)
    try:
        await _answered(tab, partial(_shows_receipt, page))
    except Refused as refusal:
        _settled(dues, number)  # paid at another desk: what is left of it is theirs to take
        beside = [element['props']['error-message'] for element in page.elements.values()
                  if element.get('props', {}).get('error-message')]
        raise Refused('; '.join([str(refusal), *beside])[:200]) from None
    pressed.durations.append(time.perf_counter() - started)
    if paying == due:
        _settled(dues, number)
    return ''


def _shows_receipt(page: Page, told: list[str]) -> bool:
    """Whether the invoice, as the updates have left it, lists the receipt a toast of `told` names."""
    receipts = [found.group(1) for toast in told if (found := RECEIPT.match(toast))]
    return any(f' · {receipt} · ' in element.get('text', '') for receipt in receipts
               for element in page.elements.values())


def _settled(dues: list[str], number: str) -> None:
    with suppress(ValueError):
        dues.remove(number)


def _calendar(page: Page) -> tuple[int, dict]:
    return next((int(key), element) for key, element in page.elements.items()
                if element['tag'] == 'nicegui-event_calendar')


def _events(page: Page) -> list[dict]:
    """The appointments and blocks the calendar shows now (as the updates have left it)."""
    return _calendar(page)[1]['props']['events']


def _slot_minutes(calendar: dict) -> int:
    hours, minutes = calendar['props']['options'].get('slotDuration', '00:30').split(':')[:2]
    return int(hours) * 60 + int(minutes)


def _free_slot(calendar: dict, resource: str | None, day: date, length: timedelta,
               chooser: random.Random) -> datetime | None:
    """A random start on the slot grid of `day` where `length` fits in `resource`'s column, clear of every
    appointment and grey (closed) block the calendar shows there; None if the column is full."""
    options = calendar['props']['options']
    step = timedelta(minutes=_slot_minutes(calendar))
    earliest = datetime.combine(day, datetime.strptime(options.get('slotMinTime', '08:00'), '%H:%M').time())
    latest = datetime.combine(day, MIDNIGHT) + timedelta(
        hours=int(options.get('slotMaxTime', '20:00')[:2]), minutes=int(options.get('slotMaxTime', '20:00')[3:5]))
    taken = []
    for event in calendar['props']['events']:
        if resource is None or not event.get('resourceIds') or resource in event['resourceIds']:
            if event.get('allDay'):
                taken.append((datetime.combine(date.fromisoformat(event['start'][:10]), MIDNIGHT),
                              datetime.combine(date.fromisoformat(event['end'][:10]), MIDNIGHT)))
            else:
                taken.append((datetime.fromisoformat(event['start']), datetime.fromisoformat(event['end'])))
    starts = []
    moment = earliest
    while moment + length <= latest:
        if all(moment + length <= begins or ends <= moment for begins, ends in taken):
            starts.append(moment)
        moment += step
    return chooser.choice(starts) if starts else None


def _naive(moment: datetime) -> str:
    return moment.isoformat(timespec='seconds')


def _drain(tab: Tab) -> None:
    inbox: asyncio.Queue = tab.inbox  # type: ignore[attr-defined]
    while not inbox.empty():
        inbox.get_nowait()


async def _appeared(tab: Tab, page: Page, wanted: Callable[[dict], bool], *,
                    among: Callable[[str], bool] = lambda _: True) -> tuple[int, dict]:
    """Wait until the page (as the updates have left it) holds an element that is `wanted`; return it."""
    inbox: asyncio.Queue = tab.inbox  # type: ignore[attr-defined]
    while True:
        for key, element in list(page.elements.items()):
            if among(key) and wanted(element):
                return int(key), element
        kind, data = await asyncio.wait_for(inbox.get(), timeout=ANSWER_TIMEOUT)
        if kind == 'notify' and data.get('type') in {'negative', 'warning'}:
            raise Refused(data.get('message', '')[:200])


async def _answered(tab: Tab, redrawn: Callable[[list[str]], bool]) -> None:
    """Wait for the server's answer: a positive toast and a page that shows the change (`redrawn`, given the
    positive toasts so far), or a refusal (a negative or warning toast)."""
    inbox: asyncio.Queue = tab.inbox  # type: ignore[attr-defined]
    told: list[str] = []
    while True:
        if told and redrawn(told):
            return
        kind, data = await asyncio.wait_for(inbox.get(), timeout=ANSWER_TIMEOUT)
        if kind == 'notify':
            if data.get('type') in {'negative', 'warning'}:
                raise Refused(data.get('message', '')[:200])
            if data.get('type') == 'positive':
                told.append(str(data.get('message', '')))


def _with(tag: str, **props: Any) -> Callable[[dict], bool]:
    """A test for `_appeared`: an element of `tag` whose props hold these values."""
    return lambda element: element['tag'] == tag and all(
        element.get('props', {}).get(key) == value for key, value in props.items())


async def _set(tab: Tab, page: Page, field: tuple[int, dict], value: Any) -> None:
    """Change a field as the browser reports it: an input's `update:value`, a toggle's or checkbox's
    `update:modelValue` (a toggle's value is the index of its option)."""
    element_id, element = field
    kinds = {listener['type'] for listener in element.get('events', [])}
    await tab.send(page.client_id, element_id,
                   Page.listener(element, 'update:value' if 'update:value' in kinds else 'update:modelValue'), value)


async def _click(tab: Tab, page: Page, button: tuple[int, dict]) -> None:
    await tab.send(page.client_id, button[0], Page.listener(button[1], 'click'))


async def _hold(target: Target, seats: list[Seat], http: httpx.AsyncClient, patients: list[str],
                server: int) -> tuple[int, int]:
    """Open a live tab per seat (a patient page, or the empty page); return how many and the RSS growth.

    Done on a fresh server, before the loop: afterwards the heap has room freed by closed tabs, and RSS shows nothing.
    """
    before = _memory(server)['VmRSS']
    held: list = []
    for seat in seats:
        name = 'patient' if 'patient' in seat.steps else seat.steps[0]
        path = PATHS[name].format(uid=random.Random(len(held)).choice(patients) if patients else '')
        with suppress(Exception):  # a tab that does not open is not counted
            await _load(target, seat, http, path, held)
    await asyncio.sleep(1)  # let the outbox send the first updates
    grown = _memory(server)['VmRSS'] - before
    live = sum(1 for tab, _ in held if tab.socket.connected)
    await asyncio.gather(*(tab.close() for tab, _ in held), return_exceptions=True)
    return live, grown


def _cookie(target: Target, seat: Seat) -> dict[str, str]:
    return {'prospine_session': target.tokens[seat.username]} if seat.username else {}


def _server_pid(base_url: str) -> int:
    """Find the server this process started that listens on the URL's port (a child of ours)."""
    port = int(base_url.rsplit(':', 1)[1])
    inodes = set()
    for line in Path('/proc/net/tcp').read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(':')[1], 16) == port and fields[3] == '0A':  # 0A: listening
            inodes.add(fields[9])
    for child in _children(os.getpid()):
        try:
            sockets = {os.readlink(fd) for fd in Path(f'/proc/{child}/fd').iterdir()}
        except OSError:
            continue
        if any(f'socket:[{inode}]' in sockets for inode in inodes):
            return child
    raise SystemExit(f'no server of ours listens on port {port}')


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f'/proc/{pid}/task').iterdir():
        for child in (task / 'children').read_text().split():
            found += [int(child), *_children(int(child))]
    return found


def _memory(pid: int) -> dict[str, int]:
    """The server's resident memory now and at its peak, in kB (from /proc/<pid>/status)."""
    values = {}
    for line in Path(f'/proc/{pid}/status').read_text().splitlines():
        key, _, value = line.partition(':')
        if key in {'VmRSS', 'VmHWM'}:
            values[key] = int(value.split()[0])
    return values


def _server_cpu(pid: int) -> tuple[float, float]:
    """Seconds of CPU the server process has used, all threads and its main thread (from /proc)."""
    def used(stat: Path) -> float:
        fields = stat.read_text().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')  # utime + stime, in clock ticks

    return used(Path(f'/proc/{pid}/stat')), used(Path(f'/proc/{pid}/task/{pid}/stat'))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _machine(options: argparse.Namespace, seats: list[Seat], dues: dict[int, list[str]]) -> str:
    roles = defaultdict(int)
    for seat in seats:
        roles[seat.role.value] += 1
    paying = defaultdict(int)
    for seat in seats:
        if 'invoice' in seat.steps:
            paying[seat.branch_id] += 1
    database = options.database_url.split('://')[0] if options.database_url else 'sqlite'
    return (f'Machine: {os.cpu_count()} CPU cores, Python {sys.version.split()[0]}; database {database} in '
            f'{options.data_dir}; load average {" ".join(f"{load:.2f}" for load in os.getloadavg())} at the start'
            f'\nStaff: {len(seats)} ({", ".join(f"{n} {r}" for r, n in sorted(roles.items()))}), '
            f'{options.seconds:g} s per phase, '
            + (f'think time {options.think:g} s (0.5-1.5x)' if options.think else 'closed loop (no think time)')
            + '\nInvoices with something due (newest, up to 500 a branch) / seats that open them: '
            + (', '.join(f'branch {branch}: {len(dues.get(branch, []))} / {paying[branch]}'
                         for branch in sorted(set(dues) | set(paying))) or 'none'))




if __name__ == '__main__':
    main()
