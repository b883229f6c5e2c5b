"""Each role's home page in Chromium at 1366x768 and 768x1024: nothing scrolls sideways, the admin's charts are
painted, and tapping a bar opens the list behind it.

The server is seeded by `seed_dashboards` (a receptionist, a doctor and an admin, visits today, a bill and a
payment). Screenshots go to pytest's temporary directory, or to `DASHBOARD_SHOTS` when set, to be looked at.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Server
from tests.e2e.test_browser import clinic, goto, open_context, seed_patient, settle, sign_in, wait_for_dialogs

__all__ = ['clinic']  # the fixture, imported so that pytest finds it here

SIZES = {'desk': False, 'tablet': True}

# Per chart card: its title, how many series points it holds, and how many of its canvas pixels are painted.
CHARTS_JS = """
() => [...document.querySelectorAll('.q-card')].filter((card) => card.querySelector('canvas')).map((card) => {
  const canvas = card.querySelector('canvas');
  const chart = getElement(canvas.closest('[id^="c"]')).chart;
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted += 1;
  const points = chart.getOption().series.reduce((sum, series) => sum + (series.data || []).length, 0);
  return {title: card.querySelector('.text-subtitle1').innerText, points, painted};
})
"""

# The chart under the card titled `title`: its root element and its ECharts instance.
CHART_JS = """
  const card = [...document.querySelectorAll('.q-card')]
    .find((c) => c.querySelector('.text-subtitle1')?.innerText === title);
  const root = card.querySelector('canvas').closest('[id^="c"]');
  const chart = getElement(root).chart;
"""
# Where on the page the middle of a horizontal bar chart's bar for `name` is drawn.
BAR_JS = """
([title, name]) => {
""" + CHART_JS + """  const index = chart.getOption().yAxis[0].data.indexOf(name);
  const value = chart.getOption().series[0].data[index];
  const [x0, y] = chart.convertToPixel({seriesIndex: 0}, [0, index]);
  const [x1] = chart.convertToPixel({seriesIndex: 0}, [value, index]);
  const box = root.getBoundingClientRect();
  return {x: box.left + (x0 + x1) / 2, y: box.top + y};
}
"""


# Where the last point of a chart's series over time is drawn (today: the month's chart ends today).
LAST_POINT_JS = """
([title, seriesIndex]) => {
""" + CHART_JS + """  const data = chart.getOption().series[seriesIndex].data;
  const [x, y] = chart.convertToPixel({seriesIndex}, [data.length - 1, data[data.length - 1]]);
  const box = root.getBoundingClientRect();
  return {x: box.left + x, y: box.top + y};
}
"""


@pytest.fixture(scope='module')
def seeded(clinic: Server) -> dict[str, Any]:
    return json.loads(seed_patient(clinic, 'tests.e2e.seed_dashboards'))


def shots(screenshot_dir: Path) -> Path:
    chosen = os.environ.get('DASHBOARD_SHOTS')
    folder = Path(chosen) if chosen else screenshot_dir
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def home_of(page: Page, seeded: dict[str, Any], role: str) -> None:
    goto(page, '/login')
    sign_in(page, username=seeded['users'][role], password=seeded['password'])
    expect(page.get_by_text('Welcome,')).to_be_visible()
    settle(page)


def sideways(page: Page) -> int:
    return page.evaluate('document.documentElement.scrollWidth - window.innerWidth')


@pytest.mark.parametrize('size', SIZES)
def test_the_desks_home_page_fits_and_shows_todays_dues(browser: Browser, clinic: Server, seeded: dict[str, Any],
                                                         screenshot_dir: Path, size: str) -> None:
    context = open_context(browser, clinic, tablet=SIZES[size])
    try:
        page = context.new_page()
        home_of(page, seeded, 'reception')
        expect(page.get_by_text('Dues of patients coming today')).to_be_visible()
        expect(page.get_by_text('Farah Khan').first).to_be_visible()
        expect(page.get_by_text('₹1,200.00').first).to_be_visible()
        page.screenshot(path=str(shots(screenshot_dir) / f'reception-{size}.png'), full_page=True)
        assert sideways(page) <= 0
        # the tiles and lists are drawn by the browser (components.tile_grid, components.short_list)
        expect(page.locator('[data-tile="waiting"]')).to_have_attribute('href', '/today')
        page.locator(f'[data-tap="{seeded["patients"]["Farah Khan"]}"]').click()
        expect(page.get_by_text('₹1,200.00 due towards the oldest dues first.')).to_be_visible()
        page.keyboard.press('Escape')
        expect(page.locator('.q-dialog')).to_have_count(0)
    finally:
        context.close()


@pytest.mark.parametrize('size', SIZES)
def test_the_doctors_home_page_fits_and_lists_her_day(browser: Browser, clinic: Server, seeded: dict[str, Any],
                                                      screenshot_dir: Path, size: str) -> None:
    context = open_context(browser, clinic, tablet=SIZES[size])
    try:
        page = context.new_page()
        home_of(page, seeded, 'doctor')
        expect(page.get_by_text('My patients due for review')).to_be_visible()
        expect(page.get_by_text('Meera Iyer').first).to_be_visible()
        page.screenshot(path=str(shots(screenshot_dir) / f'doctor-{size}.png'), full_page=True)
        assert sideways(page) <= 0
    finally:
        context.close()


@pytest.mark.parametrize('size', SIZES)
def test_the_admins_charts_are_drawn_and_a_bar_opens_its_list(browser: Browser, clinic: Server,
                                                              seeded: dict[str, Any], screenshot_dir: Path,
                                                              size: str) -> None:
    context = open_context(browser, clinic, tablet=SIZES[size])
    try:
        page = context.new_page()
        home_of(page, seeded, 'admin')
        expect(page.get_by_text('Appointments by status', exact=True)).to_be_visible()
        page.wait_for_function('document.querySelectorAll(".q-card canvas").length >= 2')
        page.wait_for_timeout(800)  # ECharts' opening animation
        charts = {chart['title']: chart for chart in page.evaluate(CHARTS_JS)}
        for title in ('Collections by mode', 'Appointments by status'):
            assert charts[title]['points'] > 0 and charts[title]['painted'] > 500, charts[title]
        page.screenshot(path=str(shots(screenshot_dir) / f'admin-{size}.png'), full_page=True)
        assert sideways(page) <= 0
        page.get_by_text('Appointments by status', exact=True).scroll_into_view_if_needed()
        bar = page.evaluate(BAR_JS, ['Appointments by status', 'Completed'])
        page.mouse.click(bar['x'], bar['y'])
        expect(page.get_by_text('Appointments by status: Completed')).to_be_visible()
        wait_for_dialogs(page)
        listing = page.locator('.q-dialog .q-table')
        expect(listing.get_by_text('Meera Iyer')).to_be_visible()
        expect(listing.get_by_text('Arjun Menon')).to_have_count(0)  # a no-show: another bar
        page.screenshot(path=str(shots(screenshot_dir) / f'admin-list-{size}.png'))
        assert sideways(page) <= 0
        page.keyboard.press('Escape')
        expect(page.locator('.q-dialog')).to_have_count(0)
        page.get_by_text('Revenue and collections over time', exact=True).scroll_into_view_if_needed()
        point = page.evaluate(LAST_POINT_JS, ['Revenue and collections over time', 0])
        page.mouse.click(point['x'], point['y'])  # today's point of the billed line
        expect(page.get_by_text('Revenue and collections over time: Billed,')).to_be_visible()
        wait_for_dialogs(page)
        expect(page.locator('.q-dialog .q-table').get_by_text('Farah Khan')).to_be_visible()  # her invoice today
    finally:
        context.close()


@pytest.mark.parametrize('size', SIZES)
def test_the_desk_taps_a_visit_card_on_the_day_at_the_desk(browser: Browser, clinic: Server, seeded: dict[str, Any],
                                                           screenshot_dir: Path, size: str) -> None:
    """Each visit of /today is drawn by the browser (components.visit_card): its taps reach the server. Last in
    the module: Farah's arrival changes the day the home pages above show."""
    context = open_context(browser, clinic, tablet=SIZES[size])
    try:
        page = context.new_page()
        home_of(page, seeded, 'reception')
        goto(page, '/today')
        farah = page.locator('.q-card', has_text='Farah Khan')
        expect(farah.get_by_text('Booked')).to_be_visible()
        expect(farah.get_by_role('link', name='Farah Khan')).to_have_attribute(
            'href', f'/patients/{seeded["patients"]["Farah Khan"]}')
        page.screenshot(path=str(shots(screenshot_dir) / f'today-{size}.png'), full_page=True)
        assert sideways(page) <= 0
        farah.locator('[data-act="remarks"]').click()
        expect(page.get_by_text('Remarks: Farah Khan')).to_be_visible()
        page.keyboard.press('Escape')
        expect(page.locator('.q-dialog')).to_have_count(0)
        if size == 'tablet':  # once: the desktop run found her booked, this one marks her arrived
            farah.locator('[data-act="arrived"]').click()
            expect(page.get_by_text('Farah Khan: arrived, token')).to_be_visible()
            expect(farah.get_by_text('Arrived', exact=True)).to_be_visible()
            expect(farah.get_by_role('link', name='Token')).to_have_attribute('target', '_blank')
    finally:
        context.close()
