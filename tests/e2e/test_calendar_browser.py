"""The clinic's own calendar page in Chromium: drag an appointment with a mouse and with a finger, a refused drag.

One server and one seeded day for the module (`seed_calendar`: three doctors, five appointments
tomorrow). Each test drags a different appointment, so they pass in any order and alone. What a
test checks is what the receptionist sees (the notification, where the event is drawn, before and
after a reload) and what the server stored, read straight from its SQLite file: a move keeps the
old row as 'rescheduled' and books a new row at the new time and clinician; a refused move changes
nothing. Screenshots go to pytest's temporary directory and to /tmp/calendar_browser_shots/.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from time import monotonic
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.calendar_drag import GRAB_INSET_PX, column_of, grab_point, mouse_drag, slot_point, touch_drag
from tests.e2e.conftest import Server
from tests.e2e.test_browser import clinic, csp_violations, expect_home, goto, open_context, seed_patient, sign_in

__all__ = ['clinic']  # the fixture, imported so that pytest finds it here

ZONE = ZoneInfo('Asia/Kolkata')  # the branch's zone (seed_calendar uses the branch set up by `clinic`)
DAY_VIEW = 'resourceTimeGridDay'
KAVITA, ROHAN, ANANYA = 'Dr Kavita Mehta', 'Dr Rohan Shah', 'Dr Ananya Kulkarni'
SHOTS_COPY = Path('/tmp/calendar_browser_shots')  # noqa: S108 - where the brief wants the shots to be looked at
# How long the browser's picture of the calendar must stay the same before a test measures or drags on it.
STILL_FRAMES = 3
REDRAW_SECONDS = 3.0  # how long an event may be between two drawings of the calendar
# A drawn appointment: not a grey background, nor the pointer / drag copies EventCalendar draws while a pointer moves.
APPOINTMENT = '.ec-event:not(.ec-bg-event):not(.ec-pointer):not(.ec-ghost):not(.ec-preview)'

# Resolves once the drawn appointments (`selector`) and the scroll position stayed the same for `frames` frames.
STILL_JS = """
([selector, frames]) => new Promise((done) => {
  const layout = () => [...document.querySelectorAll(selector)].map((el) => {
    const r = el.getBoundingClientRect();
    return [el.textContent.trim(), r.x, r.y, r.width, r.height].join(' ');
  }).join('|') + ` scroll ${window.scrollY}`;
  const seen = [];
  const look = () => {
    seen.push(layout());
    if (seen.length < frames) return requestAnimationFrame(look);
    done(seen.every((one) => one === seen[0]));
  };
  requestAnimationFrame(look);
})
"""


@dataclass(frozen=True, kw_only=True)
class SeededDay:
    """The served clinic with seed_calendar's day in it."""

    server: Server
    day: date
    clinicians: dict[str, int]
    appointments: dict[str, str]  # patient name -> the seeded appointment's id

    @property
    def database(self) -> Path:
        return self.server.data_dir / 'prospine.sqlite3'  # app/config.py's default with no PROSPINE_DATABASE_URL

    @property
    def path(self) -> str:
        return f'/calendar?day={self.day.isoformat()}&view={DAY_VIEW}'

    def at(self, clock: str) -> datetime:
        """`clock` ('HH:MM', branch time) on the seeded day, in UTC, as the database holds it."""
        return datetime.combine(self.day, time.fromisoformat(clock), ZONE).astimezone(UTC)


@dataclass(frozen=True, kw_only=True)
class Stored:
    """One row of the `appointment` table, its times in UTC."""

    id: str
    clinician_id: int
    starts_at: datetime
    ends_at: datetime
    status: str


@pytest.fixture(scope='module')
def seeded(clinic: Server) -> SeededDay:
    """seed_calendar run once for the module, against the served clinic's database."""
    output = json.loads(seed_patient(clinic, 'tests.e2e.seed_calendar'))
    return SeededDay(server=clinic, day=date.fromisoformat(output['day']), clinicians=output['clinicians'],
                     appointments=output['appointments'])


@pytest.fixture(scope='module')
def shots(screenshot_dir: Path) -> Path:
    SHOTS_COPY.mkdir(parents=True, exist_ok=True)
    return screenshot_dir


def _utc(stored: str) -> datetime:
    """A time as Tortoise writes it into SQLite ('2026-12-02 04:30:00+00:00'), as an aware UTC datetime."""
    parsed = datetime.fromisoformat(stored)
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


def stored_for(seeded: SeededDay, patient: str) -> list[Stored]:
    """Every appointment row of the patient, oldest start first, read from the server's SQLite file."""
    with closing(sqlite3.connect(f'file:{seeded.database}?mode=ro', uri=True, timeout=10)) as db:
        rows = db.execute(
            'SELECT a.id, a.clinician_id, a.starts_at, a.ends_at, a.status FROM appointment AS a '
            'JOIN patient AS p ON p.id = a.patient_id WHERE p.full_name = ? ORDER BY a.starts_at, a.created_at',
            (patient,)).fetchall()
    return [Stored(id=str(row[0]), clinician_id=int(row[1]), starts_at=_utc(row[2]), ends_at=_utc(row[3]),
                   status=str(row[4])) for row in rows]


def _same_id(stored: str, seeded: str) -> bool:
    return stored.replace('-', '').lower() == seeded.replace('-', '').lower()


def assert_moved(seeded: SeededDay, patient: str, *, clinician: str, starts: str, ends: str) -> None:
    """The seeded row is kept as 'rescheduled', and one new booked row holds the new time and clinician."""
    rows = stored_for(seeded, patient)
    old = [row for row in rows if _same_id(row.id, seeded.appointments[patient])]
    new = [row for row in rows if not _same_id(row.id, seeded.appointments[patient])]
    assert [row.status for row in old] == ['rescheduled'], rows
    assert [(row.status, row.clinician_id, row.starts_at, row.ends_at) for row in new] == [
        ('booked', seeded.clinicians[clinician], seeded.at(starts), seeded.at(ends))], rows


@contextmanager
def calendar_page(browser: Browser, seeded: SeededDay, *, tablet: bool = False) -> Iterator[Page]:
    """Signed in as the superadmin, on the seeded day; on leaving, no script error and no policy violation."""
    context = open_context(browser, seeded.server, tablet=tablet)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on('pageerror', lambda error: errors.append(str(error)))
        goto(page, '/login')
        sign_in(page)
        expect_home(page)
        open_day(page, seeded)
        yield page
        assert errors == []
        assert csp_violations(page) == []
    finally:
        context.close()


def open_day(page: Page, seeded: SeededDay) -> None:
    """Go to the seeded day and wait until the server's appointments are drawn and have stopped moving."""
    goto(page, seeded.path)
    expect(page.locator('.ec-col-head', has_text=ANANYA)).to_be_visible()
    expect(page.locator(APPOINTMENT)).to_have_count(len(seeded.appointments))
    wait_until_still(page)


def wait_until_still(page: Page) -> None:
    """Wait until the appointments are drawn in the same places for a few frames in a row (redraws are over)."""
    page.wait_for_function(STILL_JS, arg=[APPOINTMENT, STILL_FRAMES])


def event(page: Page, patient: str) -> Locator:
    return page.locator(APPOINTMENT, has=page.locator('.ec-event-title', has_text=patient))


def drop_point(page: Page, source: Locator, *, time: str, column: str) -> tuple[float, float]:
    """`slot_point` for dragging `source` there: first scrolled so that both lie in view below the app's header.

    The calendar scrolls its hours inside itself (its header row stays in view), so it is the
    calendar's own scroller that moves, after the window has brought the calendar under the app's header.
    slot_point alone centres the target in the window, which can leave the event under the fixed
    header (a press there selects the menu's text instead of taking hold of the event).
    """
    header = page.evaluate("() => document.querySelector('.q-header')?.getBoundingClientRect().bottom ?? 0")
    page.evaluate("(header) => window.scrollBy(0, document.querySelector('.ec').getBoundingClientRect().top - header)",
                  header)
    wait_until_still(page)
    _, target_y = slot_point(page, time=time, column=column)
    _, grab_y = grab_point(source)
    viewport = page.viewport_size
    assert viewport is not None
    source.evaluate(SCROLL_THE_CALENDAR_JS, {'middle': (grab_y + target_y) / 2, 'header': header,
                                             'bottom': viewport['height']})
    wait_until_still(page)
    x, y = slot_point(page, time=time, column=column)
    _, grab_y = grab_point(source)
    assert header + GRAB_INSET_PX <= min(grab_y, y) and max(grab_y, y) <= viewport['height'] - GRAB_INSET_PX, (
        f'{time} in {column} and the event cannot both be in view: header ends at {header}, grab at {grab_y}, '
        f'drop at {y}')
    return x, y


# Scroll the event's nearest scrolling ancestor (the calendar's body) so `middle` sits mid-way in what is visible.
SCROLL_THE_CALENDAR_JS = """
(event, {middle, header, bottom}) => {
  let box = event.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(box).overflowY))) {
    box = box.parentElement;
  }
  box = box || document.scrollingElement;
  const rect = box.getBoundingClientRect();
  const top = Math.max(header, rect.top), end = Math.min(bottom, rect.bottom);
  box.scrollBy(0, middle - (top + end) / 2);
}
"""


def notification(page: Page, sentence: str) -> Locator:
    return page.locator('.q-notification').filter(has_text=sentence)


def expect_shown_at(page: Page, seeded: SeededDay, shown: Locator, *, start: str, column: str) -> None:
    """Exactly one event, its time element says `start` and it sits in `column` (waits for the redraw)."""
    expect(shown).to_have_count(1)
    expect(shown.locator('time.ec-event-time')).to_have_attribute('datetime', f'{seeded.day.isoformat()}T{start}:00')
    wait_until_still(page)
    # a redraw that lands just now replaces the event's element for a moment (no box): look again, briefly
    deadline = monotonic() + REDRAW_SECONDS
    while (where := column_of(page, shown)) is None and monotonic() < deadline:
        page.wait_for_timeout(100)
    assert where == column


def screenshot(page: Page, shots: Path, name: str, *, full_page: bool = True) -> None:
    """The page from its top (a full-page shot of a scrolled page draws the fixed header mid-page), or the window."""
    viewport = page.viewport_size
    assert viewport is not None
    path = shots / f'{name}-{viewport["width"]}x{viewport["height"]}.png'
    if full_page:
        page.evaluate('window.scrollTo(0, 0)')
        wait_until_still(page)
    page.screenshot(path=path, full_page=full_page)
    shutil.copy2(path, SHOTS_COPY / path.name)


def test_a_mouse_drag_moves_an_appointment_to_another_time_and_clinician(browser: Browser, seeded: SeededDay,
                                                                         shots: Path) -> None:
    patient = 'Meera Iyer'
    assert [(row.status, row.clinician_id, row.starts_at) for row in stored_for(seeded, patient)] == [
        ('booked', seeded.clinicians[KAVITA], seeded.at('10:00'))]
    with calendar_page(browser, seeded) as page:
        meera = event(page, patient)
        expect_shown_at(page, seeded, meera, start='10:00', column=KAVITA)

        mouse_drag(page, meera, *drop_point(page, meera, time='14:00', column=ANANYA))

        expect(notification(page, f'Moved: {patient}, {seeded.day:%a %d %b} 14:00-14:30 with {ANANYA}.')) \
            .to_be_visible()
        expect_shown_at(page, seeded, meera, start='14:00', column=ANANYA)
        assert_moved(seeded, patient, clinician=ANANYA, starts='14:00', ends='14:30')

        open_day(page, seeded)  # a fresh page: drawn from what was stored
        expect_shown_at(page, seeded, meera, start='14:00', column=ANANYA)
        screenshot(page, shots, 'calendar-after-mouse-move')


def test_a_long_press_and_drag_on_a_tablet_moves_an_appointment(browser: Browser, seeded: SeededDay,
                                                               shots: Path) -> None:
    patient = 'Farah Khan'
    with calendar_page(browser, seeded, tablet=True) as page:
        farah = event(page, patient)
        expect_shown_at(page, seeded, farah, start='12:00', column=KAVITA)

        touch_drag(page, farah, *drop_point(page, farah, time='16:30', column=ROHAN))

        expect(notification(page, f'Moved: {patient}, {seeded.day:%a %d %b} 16:30-17:00 with {ROHAN}.')) \
            .to_be_visible()
        expect_shown_at(page, seeded, farah, start='16:30', column=ROHAN)
        assert_moved(seeded, patient, clinician=ROHAN, starts='16:30', ends='17:00')

        open_day(page, seeded)
        expect_shown_at(page, seeded, farah, start='16:30', column=ROHAN)
        screenshot(page, shots, 'calendar-after-touch-move')


def test_a_refused_drag_snaps_back_with_the_reason(browser: Browser, seeded: SeededDay, shots: Path) -> None:
    patient = 'Lakshmi Narayanan'
    before = stored_for(seeded, patient)
    assert [(row.status, row.clinician_id, row.starts_at) for row in before] == [
        ('booked', seeded.clinicians[ROHAN], seeded.at('15:00'))]
    with calendar_page(browser, seeded) as page:
        lakshmi = event(page, patient)
        expect_shown_at(page, seeded, lakshmi, start='15:00', column=ROHAN)
        arjun = event(page, 'Arjun Menon')
        expect_shown_at(page, seeded, arjun, start='11:00', column=ROHAN)

        mouse_drag(page, lakshmi, *drop_point(page, lakshmi, time='11:15', column=ROHAN))

        expect(notification(page, f'{ROHAN} is already booked 11:00-11:45 on {seeded.day:%d %b %Y}.')) \
            .to_be_visible()
        expect_shown_at(page, seeded, lakshmi, start='15:00', column=ROHAN)
        expect_shown_at(page, seeded, arjun, start='11:00', column=ROHAN)
        page.wait_for_function("[...document.querySelectorAll('.q-notification')].every((el) => "  # slid into place
                               "getComputedStyle(el).transform === 'none' && getComputedStyle(el).opacity === '1')")
        screenshot(page, shots, 'calendar-refused-move', full_page=False)  # the window, as the receptionist sees it
    assert stored_for(seeded, patient) == before


def test_the_calendar_lives_with_the_content_security_policy(browser: Browser, seeded: SeededDay) -> None:
    with calendar_page(browser, seeded) as page:
        toolbar = page.locator('.ec-toolbar')
        for button, drawn in (('Week', '.ec-time-grid'), ('Month', '.ec-day-grid'), ('List', '.ec-list'),
                              ('Day', '.ec-time-grid')):
            toolbar.get_by_role('button', name=button, exact=True).click()
            expect(page.locator(drawn).first).to_be_visible()
            assert csp_violations(page) == [], button
        expect(page.locator('.ec-col-head', has_text=KAVITA)).to_be_visible()
        assert csp_violations(page) == []
