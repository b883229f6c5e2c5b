"""What a load bench run measured, and the tables it prints (see `bench.load`)."""

from __future__ import annotations

import argparse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

JS_TIMEOUT = 'JavaScript did not respond'
NOT_MEASURED = ('saving a draft on the patient page; "open a patient" is the load of /patients/<uid>, not a click '
                'on a search result; the calendar tabs send no `datesSet` after the handshake (a browser does, and '
                'the server finds the range already drawn), and the booking dialog\'s patient search is sent at once, '
                'without the 350 ms typing debounce a browser waits; the payment dialog\'s fields are sent at once '
                '(no typing, no blur), and the receipt\'s PDF is not opened')
ACTIONS = ('search', 'move', 'book', 'pay')  # names of actions on an open page; every other name is a page load
NAME = 40  # width of the name column: 'billing /patients/{uid}?part=billing'


def is_action(name: str) -> bool:
    return name.startswith(ACTIONS)


@dataclass
class Timings:
    """What one page or action took, in seconds, and how often it failed."""

    durations: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str = ''
    refusals: list[float] = field(default_factory=list)  # answered with a refusal (a toast saying why), timed
    first_refusal: str = ''

    def failed(self, why: str) -> None:
        self.errors += 1
        self.first_error = self.first_error or why

    def refused(self, why: str, seconds: float) -> None:
        self.refusals.append(seconds)
        self.first_refusal = self.first_refusal or why


@dataclass
class Run:
    """The timings of one phase (the clinic or the empty page), by page or action name."""

    seconds: float = 0.0
    by_name: dict[str, Timings] = field(default_factory=lambda: defaultdict(Timings))
    rss_before_kb: int = 0
    rss_after_kb: int = 0
    peak_kb: int = 0
    connected: int = 0
    held: int = 0  # tabs opened before the loop, one per seat, to measure what a live tab costs a fresh server
    held_kb: int = 0
    server_errors: dict[str, int] = field(default_factory=dict)  # warnings and errors the server logged, by message
    client_cpu: float = 0.0
    server_cpu: float = 0.0  # seconds of CPU the server used during the loop, all its threads
    server_loop_cpu: float = 0.0  # of which its main thread: the event loop, where pages are built


def log_errors(log: Path, since: int) -> dict[str, int]:
    """Count the WARNING, ERROR and CRITICAL lines the server logged after byte `since` of its log, by message."""
    if not log.exists():
        return {}
    with log.open('rb') as file:
        file.seek(since if log.stat().st_size >= since else 0)  # rotated meanwhile: read the new file whole
        text = file.read().decode(errors='replace')
    counts: dict[str, int] = defaultdict(int)
    for line in text.splitlines():
        for level in (' WARNING ', ' ERROR ', ' CRITICAL '):
            if level in line:
                counts[line.split(level, 1)[1][:150]] += 1
    return dict(counts)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000 if ordered else float('nan')


def _table(title: str, run: Run) -> list[str]:
    lines = [title, f'  {"page or action":<{NAME}} {"done":>6} {"per s":>7} {"p50 ms":>8} {"p95 ms":>8} {"p99 ms":>8}'
             f' {"errors":>6} {"refused":>7}']
    for name, timings in sorted(run.by_name.items()):
        done = len(timings.durations)
        lines.append(f'  {name:<{NAME}} {done:>6} {done / run.seconds:>7.1f} {_percentile(timings.durations, .5):>8.0f}'
                     f' {_percentile(timings.durations, .95):>8.0f} {_percentile(timings.durations, .99):>8.0f}'
                     f' {timings.errors:>6} {len(timings.refusals):>7}')
    loads = sum(len(t.durations) for name, t in run.by_name.items() if not is_action(name))
    errors = sum(t.errors for t in run.by_name.values())
    grown = run.rss_after_kb - run.rss_before_kb
    lines += [f'  all page loads: {loads} in {run.seconds:.1f} s = {loads / run.seconds:.1f} loads/s; '
              f'error pages or failed actions: {errors}',
              f'  server RSS {run.rss_before_kb / 1024:.0f} MB before, {run.rss_after_kb / 1024:.0f} MB after '
              f'(peak {run.peak_kb / 1024:.0f} MB); {run.connected} tabs connected at the end: '
              f'{grown / max(1, run.connected):.0f} kB each (growth over the run / connected tabs; NiceGUI also '
              f'keeps closed tabs 10 s for reconnection)',
              f'  a live tab on the fresh server ({run.held} opened at once before the loop, held 1 s): '
              f'{run.held_kb / max(1, run.held):.0f} kB each ({run.held_kb / 1024:.1f} MB for {run.held})',
              f'  bench client CPU: {run.client_cpu:.1f} s in {run.seconds:.1f} s '
              f'({run.client_cpu / run.seconds:.0%} of one core; near 100% means the client, not the server, limits)',
              f'  server CPU per page load (actions included): {run.server_cpu / max(1, loads) * 1000:.1f} ms, '
              f'of which the event loop {run.server_loop_cpu / max(1, loads) * 1000:.1f} ms '
              f'({run.server_loop_cpu / run.seconds:.0%} of one core busy)']
    lines += [f'  first error of {name}: {t.first_error}' for name, t in sorted(run.by_name.items()) if t.errors]
    lines += [f'  {name} refused {len(t.refusals)} times (p50 {_percentile(t.refusals, .5):.0f} ms to the answer); '
              f'the first: {t.first_refusal}' for name, t in sorted(run.by_name.items()) if t.refusals]
    return lines


def report(ours: Run, empty: Run, options: argparse.Namespace) -> None:
    log_name = options.data_dir / 'logs' / 'prospine.log'
    lines = ['', *_table('ProSpine pages (GET + websocket handshake; search = press Search until the table updates; '
                         'move = an eventDrop on the day view, book = tap a free slot, find the patient, choose, '
                         'Book: each until the toast and the redrawn calendar have arrived; pay = Take payment on '
                         'an invoice, fill the dialog, Save payment, until the toast and the invoice redrawn with '
                         'the receipt have arrived)', ours),
             '', *_table('Empty NiceGUI page (one label), same staff and loop', empty), '']
    baseline = empty.by_name.get('empty /')
    if baseline and baseline.durations:
        base = _percentile(baseline.durations, .5)
        lines.append(f'Ratio of p50 to the empty page p50 ({base:.0f} ms):')
        for name, timings in sorted(ours.by_name.items()):
            if timings.durations:
                lines.append(f'  {name:<{NAME}} {_percentile(timings.durations, .5) / base:>6.1f}x')
        ours_rate = sum(len(t.durations) for n, t in ours.by_name.items() if not is_action(n)) / ours.seconds
        empty_rate = len(baseline.durations) / empty.seconds
        lines.append(f'  loads/s: {ours_rate:.1f} here against {empty_rate:.1f} on the empty page '
                     f'({ours_rate / empty_rate:.0%})')
    lines.append(f'Not measured yet: {NOT_MEASURED}.')
    if ours.server_errors:
        lines += ['', f'The server logged these warnings and errors during the run ({log_name}):']
        lines += [f'  {count:>6} x {message}' for message, count in
                  sorted(ours.server_errors.items(), key=lambda item: -item[1])[:8]]
        if any(JS_TIMEOUT in message for message in ours.server_errors):
            lines.append(f'  ("{JS_TIMEOUT}": a bench tab closed within 1 s, before it could answer the menu\'s '
                         'question; a person reading the page would answer it; use --think to avoid it)')
    print('\n'.join(lines))
