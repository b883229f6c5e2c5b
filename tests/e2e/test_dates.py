"""A date field in a US-English Chromium still reads and writes DD/MM/YYYY (issue 9 bug 15).

A native `type=date` field follows the browser's language: in en-US it shows mm/dd/yyyy, so 05/12
typed by a receptionist means 12 May. The clinic's date field is text with a calendar that writes
the clinic's format whatever the browser.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.e2e.conftest import Server
from tests.e2e.test_browser import DESKTOP, TIMEOUT_MS, clinic, goto  # noqa: F401 (clinic: the fixture)


def test_the_date_field_is_day_first_in_a_us_english_browser(browser: Browser, clinic: Server,  # noqa: F811
                                                             screenshot_dir: Path) -> None:
    context = browser.new_context(base_url=clinic.base_url, viewport=DESKTOP, locale='en-US',
                                  timezone_id='Asia/Kolkata')
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        goto(page, '/book')
        assert page.evaluate('navigator.language') == 'en-US'
        field = page.get_by_role('textbox', name='Preferred date')
        assert field.get_attribute('type') == 'text' and field.get_attribute('placeholder') == 'DD/MM/YYYY'

        today = date.fromisoformat(page.evaluate("new Date().toLocaleDateString('sv-SE')"))  # the browser's today
        soon = today + timedelta(days=1)
        field.fill(f'{soon.day}/{soon.month}/{soon.year}')  # D/M/YYYY, as one types it quickly
        field.blur()
        expect(field).to_have_value(f'{soon:%d/%m/%Y}')

        page.get_by_role('button', name='Choose the preferred date on a calendar').click()
        calendar = page.locator('.q-menu .q-date')
        expect(calendar).to_be_visible()
        page.wait_for_function("![...document.querySelectorAll('.q-menu')].some((el) => "
                               "el.getAnimations({subtree: true}).some((a) => a.playState === 'running'))")
        page.screenshot(path=screenshot_dir / 'date-picker-en-US.png')
        chosen = soon + timedelta(days=1) if soon.day < 28 else soon - timedelta(days=1)
        calendar.locator('.q-date__calendar-item--in button').get_by_text(str(chosen.day), exact=True).click()
        expect(calendar).to_be_hidden()
        expect(field).to_have_value(f'{chosen:%d/%m/%Y}')  # never mm/dd/yyyy
    finally:
        context.close()
