"""EventCalendar in a real browser: drag with a mouse and with a finger, a refused move snaps back, titles stay text.

The page is the small harness app (event_calendar_harness.py), run as its own process on a free
port under the clinic's Content-Security-Policy; it records every move, click, selection and range
change it receives in a file, so a test checks what the server received as well as what the
calendar shows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.calendar_drag import GRAB_INSET_PX, MOVE_STEPS, column_of, mouse_drag, slot_point, touch_drag
from tests.e2e.conftest import REPO_ROOT, START_TIMEOUT_SECONDS, _log_tail
from tests.e2e.event_calendar_harness import DAY, HOSTILE_TITLE
from tests.processes import free_port, stop

DESK = {'width': 1366, 'height': 768}
TABLET = {'width': 768, 'height': 1024}
ADA, BO = 'Dr. Ada Lovelace', 'Dr. Bo Chen'
RECORD_TIMEOUT_SECONDS = 10.0
MOVES = ('drop', 'resize')
# Collected before any page script runs; Playwright's init scripts are not subject to the page's policy.
WATCH_POLICY_JS = """
window.policyViolations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.policyViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


@dataclass(frozen=True, kw_only=True)
class Harness:
    """The running harness app and the file it records what it received in."""

    base_url: str
    records_file: Path
    log_file: Path

    def records(self, *kinds: str) -> list[dict[str, Any]]:
        """What the server received so far, oldest first, of these kinds (every kind when none given)."""
        if not self.records_file.exists():
            return []
        lines = [json.loads(line) for line in self.records_file.read_text(encoding='utf-8').splitlines()]
        return [line for line in lines if not kinds or line['kind'] in kinds]

    def wait_for(self, *kinds: str, after: int) -> dict[str, Any]:
        """The next record of these kinds after the first `after` (the server has answered it by then)."""
        deadline = time.monotonic() + RECORD_TIMEOUT_SECONDS
        while len(found := self.records(*kinds)) <= after:
            if time.monotonic() > deadline:
                pytest.fail(f'the harness recorded no {"/".join(kinds)} within {RECORD_TIMEOUT_SECONDS:.0f} s:\n'
                            f'{_log_tail(self.log_file)}', pytrace=False)
            time.sleep(0.05)
        return found[after]


@pytest.fixture(scope='module')
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    """The harness app on a free port, for the whole module."""
    root = tmp_path_factory.mktemp('event-calendar')
    port = free_port()
    log_file = root / 'harness.log'
    # as conftest's server: no PYTEST_* / NICEGUI_*, or NiceGUI believes it runs under pytest and ignores the port
    env = {key: value for key, value in os.environ.items() if not key.startswith(('PROSPINE_', 'PYTEST_', 'NICEGUI_'))}
    env.update({'EVENT_CALENDAR_HARNESS_PORT': str(port), 'EVENT_CALENDAR_HARNESS_RECORDS': str(root / 'records.jsonl'),
                'PYTHONUNBUFFERED': '1'})
    base_url = f'http://127.0.0.1:{port}'
    with log_file.open('wb') as log:
        process = subprocess.Popen([sys.executable, '-m', 'tests.e2e.event_calendar_harness'], cwd=REPO_ROOT, env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f'the harness exited with {process.returncode}:\n{_log_tail(log_file)}', pytrace=False)
            try:
                httpx.get(f'{base_url}/', timeout=2.0)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail(f'the harness did not answer:\n{_log_tail(log_file)}', pytrace=False)
                time.sleep(0.2)
        yield Harness(base_url=base_url, records_file=root / 'records.jsonl', log_file=log_file)
    finally:
        stop(process)


@contextmanager
def calendar_page(browser: Browser, harness: Harness, *, viewport: dict[str, int],
                  touch: bool = False) -> Iterator[Page]:
    """A fresh page with the calendar drawn; on leaving, no script error, no policy violation, no foreign request."""
    # A browser far from UTC: the calendar must still show and send the clinic's wall-clock times.
    context = browser.new_context(viewport=viewport, has_touch=touch, is_mobile=touch,
                                  timezone_id='America/New_York' if touch else 'Asia/Kolkata')
    try:
        page = context.new_page()
        errors: list[str] = []
        requests: list[str] = []
        page.on('pageerror', lambda error: errors.append(str(error)))
        page.on('request', lambda request: requests.append(request.url))
        page.add_init_script(WATCH_POLICY_JS)
        ranges_before = len(harness.records('dates'))
        page.goto(f'{harness.base_url}/')
        expect(event(page, 'Anna Example')).to_be_visible()
        # the first range reaches the server a moment after the events show; a test counting later ranges waits for it
        harness.wait_for('dates', after=ranges_before)
        yield page
        assert errors == []
        assert page.evaluate('window.policyViolations') == []
        assert [url for url in requests if not url.startswith(harness.base_url)] == []
    finally:
        context.close()


def event(page: Page, title: str) -> Locator:
    return page.locator('.ec-event', has=page.locator('.ec-event-title', has_text=title))


def expect_shown_at(page: Page, shown: Locator, *, start: str, column: str) -> None:
    """The event's time element says `start` and it sits in `column` (waits for the calendar to redraw)."""
    expect(shown.locator('time.ec-event-time')).to_have_attribute('datetime', f'{DAY}T{start}:00')
    assert column_of(page, shown) == column


def test_a_mouse_drag_moves_an_appointment_to_another_time_and_clinician(browser: Browser, harness: Harness) -> None:
    with calendar_page(browser, harness, viewport=DESK) as page:
        anna = event(page, 'Anna Example')
        expect_shown_at(page, anna, start='10:00', column=ADA)
        before = len(harness.records(*MOVES))

        mouse_drag(page, anna, *slot_point(page, time='14:00', column=BO))

        move = harness.wait_for(*MOVES, after=before)
        assert move == {'kind': 'drop', 'event_id': 'anna', 'start': f'{DAY}T14:00:00', 'end': f'{DAY}T14:30:00',
                        'resource_id': 'bo', 'old_resource_id': 'ada', 'accepted': True}
        page.wait_for_timeout(300)  # the server's answer has arrived: the event stays
        expect_shown_at(page, anna, start='14:00', column=BO)


def test_a_long_press_and_drag_on_a_tablet_moves_an_appointment(browser: Browser, harness: Harness) -> None:
    with calendar_page(browser, harness, viewport=TABLET, touch=True) as page:
        anna = event(page, 'Anna Example')
        before = len(harness.records(*MOVES))
        touch_drag(page, anna, *slot_point(page, time='15:00', column=BO), hold_ms=0)
        page.wait_for_timeout(500)
        assert len(harness.records(*MOVES)) == before, 'a swipe without the long press moved the appointment'
        expect_shown_at(page, anna, start='10:00', column=ADA)

        touch_drag(page, anna, *slot_point(page, time='15:00', column=BO))

        move = harness.wait_for(*MOVES, after=before)
        assert (move['start'], move['end'], move['resource_id'], move['accepted']) == (
            f'{DAY}T15:00:00', f'{DAY}T15:30:00', 'bo', True)
        expect_shown_at(page, anna, start='15:00', column=BO)


def test_a_refused_drop_snaps_back(browser: Browser, harness: Harness) -> None:
    with calendar_page(browser, harness, viewport=DESK) as page:
        anna = event(page, 'Anna Example')
        where = anna.bounding_box()
        before = len(harness.records(*MOVES))

        mouse_drag(page, anna, *slot_point(page, time='09:00', column=BO))

        move = harness.wait_for(*MOVES, after=before)
        assert (move['start'], move['resource_id'], move['accepted']) == (f'{DAY}T09:00:00', 'bo', False)
        expect_shown_at(page, anna, start='10:00', column=ADA)
        assert anna.bounding_box() == where
        expect(page.locator('.ec-event')).to_have_count(2)


def test_re_sending_the_same_events_puts_a_moved_one_back(browser: Browser, harness: Harness) -> None:
    """The harness refuses 13:00 by sending the very list the page started with: it must still redraw."""
    with calendar_page(browser, harness, viewport=DESK) as page:
        anna = event(page, 'Anna Example')
        before = len(harness.records(*MOVES))

        mouse_drag(page, anna, *slot_point(page, time='13:00', column=ADA))

        assert harness.wait_for(*MOVES, after=before)['accepted'] is False
        expect_shown_at(page, anna, start='10:00', column=ADA)
        expect(page.locator('.ec-event')).to_have_count(2)


def test_a_move_whose_handler_fails_snaps_back(browser: Browser, harness: Harness) -> None:
    with calendar_page(browser, harness, viewport=DESK) as page:
        anna = event(page, 'Anna Example')
        before = len(harness.records(*MOVES))

        mouse_drag(page, anna, *slot_point(page, time='16:00', column=ADA))

        assert harness.wait_for(*MOVES, after=before)['start'] == f'{DAY}T16:00:00'
        expect_shown_at(page, anna, start='10:00', column=ADA)


def test_a_resize_reports_the_new_end(browser: Browser, harness: Harness) -> None:
    with calendar_page(browser, harness, viewport=DESK) as page:
        anna = event(page, 'Anna Example')
        anna.hover()  # the resize handle shows on hover
        before = len(harness.records(*MOVES))
        handle = anna.locator('.ec-resizer')
        x, eleven = slot_point(page, time='11:00', column=ADA)

        mouse_drag(page, handle, x, eleven - GRAB_INSET_PX - 2)  # the bottom of the 10:30 slot

        move = harness.wait_for(*MOVES, after=before)
        assert (move['kind'], move['start'], move['end'], move['accepted']) == (
            'resize', f'{DAY}T10:00:00', f'{DAY}T11:00:00', True)
        expect(anna.locator('time.ec-event-time')).to_contain_text('11:00')


def test_clicks_and_a_selection_reach_the_server(browser: Browser, harness: Harness) -> None:
    with calendar_page(browser, harness, viewport=DESK) as page:
        counts = {kind: len(harness.records(kind)) for kind in ('event-click', 'date-click', 'select')}

        event(page, 'Anna Example').click()
        assert harness.wait_for('event-click', after=counts['event-click']) == {
            'kind': 'event-click', 'event_id': 'anna', 'start': f'{DAY}T10:00:00', 'resource_ids': ['ada']}

        page.mouse.click(*slot_point(page, time='15:00', column=BO))
        assert harness.wait_for('date-click', after=counts['date-click']) == {
            'kind': 'date-click', 'date': f'{DAY}T15:00:00', 'resource_id': 'bo'}

        x, y = slot_point(page, time='14:00', column=ADA)
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(*slot_point(page, time='14:30', column=ADA), steps=MOVE_STEPS)
        page.mouse.up()
        assert harness.wait_for('select', after=counts['select']) == {
            'kind': 'select', 'start': f'{DAY}T14:00:00', 'end': f'{DAY}T15:00:00', 'resource_id': 'ada'}


@pytest.mark.parametrize(('button', 'view', 'start', 'end', 'shown'), [
    ('Week', 'timeGridWeek', '2026-03-08', '2026-03-15', '.ec-time-grid .ec-event'),
    ('Month', 'dayGridMonth', '2026-03-01', '2026-04-05', '.ec-day-grid .ec-event'),
    ('List', 'listWeek', '2026-03-08', '2026-03-15', '.ec-list .ec-event'),
])
def test_set_view_shows_the_events_and_reports_the_range(browser: Browser, harness: Harness, button: str,
                                                         view: str, start: str, end: str, shown: str) -> None:
    with calendar_page(browser, harness, viewport=DESK) as page:
        before = len(harness.records('dates'))

        page.get_by_role('button', name=button, exact=True).click()

        assert harness.wait_for('dates', after=before) == {
            'kind': 'dates', 'view': view, 'start': f'{start}T00:00:00', 'end': f'{end}T00:00:00'}
        expect(page.locator(shown)).to_have_count(2)
        expect(page.locator(shown).filter(has_text='Anna Example')).to_be_visible()


def test_a_hostile_title_is_shown_as_text_and_runs_nothing(browser: Browser, harness: Harness) -> None:
    with calendar_page(browser, harness, viewport=DESK) as page:
        title = page.locator('.ec-event-title', has_text='onerror')
        expect(title).to_have_text(HOSTILE_TITLE)
        assert page.locator('.ec img').count() == 0
        assert page.evaluate('document.body.dataset.injected') is None


@pytest.mark.parametrize('viewport', [DESK, TABLET], ids=['desk', 'tablet'])
def test_the_calendar_is_drawn_with_its_own_stylesheet(browser: Browser, harness: Harness, screenshot_dir: Path,
                                                        viewport: dict[str, int]) -> None:
    with calendar_page(browser, harness, viewport=viewport, touch=viewport is TABLET) as page:
        calendar = page.locator('.ec')
        assert calendar.evaluate("(el) => getComputedStyle(el).getPropertyValue('--ec-border-color')") != ''
        # the browser's 1.5em for an h2, as EventCalendar expects, not Quasar's 60 px display heading
        sizes = page.locator('.ec-title').evaluate(
            '(el) => [el, el.closest(".ec")].map((e) => parseFloat(getComputedStyle(e).fontSize))')
        assert sizes[0] == 1.5 * sizes[1]
        for column in (ADA, BO):
            expect(page.locator('.ec-col-head', has_text=column)).to_be_visible()
        box = calendar.bounding_box()
        assert box is not None and box['x'] >= 0 and box['x'] + box['width'] <= viewport['width']
        page.screenshot(path=str(screenshot_dir / f'event-calendar-{viewport["width"]}x{viewport["height"]}.png'))
