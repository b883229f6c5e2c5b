"""The clinic in a real browser: first-run setup, cookies, sign-out and sign-in, and touch-friendly layout.

The tests share one server (see conftest.py) and run in file order: the first one performs the
first-run setup through the form; the later ones sign in as the superadmin it created (the
`clinic` fixture performs the setup itself when they run alone).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypedDict

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import REPO_ROOT, Server

CLINIC = 'ProSpine Clinic'
BRANCH = 'Andheri'
FULL_NAME = 'Dr Kavya Shah'
USERNAME = 'kavya'
PASSWORD = 'spine clinic rocks 2026'
WELCOME = f'Welcome, {FULL_NAME}.'
MIN_TARGET_PX = 44
DESKTOP = {'width': 1366, 'height': 768}
TABLET = {'width': 768, 'height': 1024}
TIMEOUT_MS = 15_000
# Pages the superadmin works on, with a text that shows each has finished loading.
ADMIN_PAGES = {'/audit': 'events', '/admin/backups': 'Back up now', '/admin/users': 'Add staff member',
               '/admin/branches': 'New branch', '/patients': 'Register patient', '/inquiries': 'New quick inquiry',
               '/book': 'Book an appointment'}


class Box(TypedDict):
    kind: str
    name: str
    width: float
    height: float


class Layout(TypedDict):
    scrollWidth: int
    innerWidth: int
    boxes: list[Box]


# Every visible button and input field that lies (at least partly) within the viewport's width.
# Buttons: <button>, role=button, Quasar buttons. Input fields: the visible box of a Quasar field
# (`.q-field__control`), or a bare <input>/<textarea>/<select> outside any Quasar field.
MEASURE_JS = """
() => {
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > 0 && r.left < window.innerWidth
      && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  };
  const name = (el) => (el.getAttribute('aria-label') || el.innerText || el.getAttribute('placeholder')
    || el.className || el.tagName).toString().replace(/\\s+/g, ' ').trim().slice(0, 60);
  const boxes = [];
  const seen = new Set();
  const add = (el, kind, label) => {
    if (seen.has(el) || !shown(el)) return;
    seen.add(el);
    const r = el.getBoundingClientRect();
    boxes.push({kind, name: label, width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10});
  };
  const buttonSelector = 'button, [role=button], .q-btn, input[type=button], input[type=submit], input[type=reset]';
  for (const el of document.querySelectorAll(buttonSelector)) {
    add(el.closest('.q-btn') || el, 'button', name(el));
  }
  for (const field of document.querySelectorAll('.q-field')) {
    const control = field.querySelector('.q-field__control');
    const label = field.querySelector('.q-field__label');
    if (control) add(control, 'field', label ? label.innerText.trim() : name(field));
  }
  for (const el of document.querySelectorAll('input:not([type=hidden]), textarea, select')) {
    if (!el.closest('.q-field') && !el.matches(buttonSelector)) add(el, 'field', name(el));
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, boxes};
}
"""


# Every page records what its Content-Security-Policy refused, so a test can tell that the app lives with it.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
"""


def open_context(browser: Browser, server: Server, *, tablet: bool = False) -> BrowserContext:
    if tablet:
        context = browser.new_context(base_url=server.base_url, viewport=TABLET, has_touch=True, is_mobile=True)
    else:
        context = browser.new_context(base_url=server.base_url, viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    return context


def csp_violations(page: Page) -> list[str]:
    return page.evaluate('window.__cspViolations')


def settle(page: Page) -> None:
    """Wait until NiceGUI's page is connected (events are handled) and the fonts are in."""
    page.wait_for_function('window.did_handshake === true')
    page.evaluate('document.fonts.ready.then(() => true)')


def wait_for_dialogs(page: Page) -> None:
    """Wait until Quasar's dialogs have finished their opening animation (they grow into place)."""
    page.wait_for_function("![...document.querySelectorAll('.q-dialog__inner')]"
                           ".some((el) => el.getAnimations({subtree: true}).some((a) => a.playState === 'running'))")


def goto(page: Page, path: str) -> None:
    page.goto(path)
    settle(page)


def fill_setup(page: Page) -> None:
    """Fill the first-run form as the clinic's owner would."""
    goto(page, '/')
    expect(page).to_have_url(re.compile(r'/setup$'))
    page.get_by_label('Clinic name').fill(CLINIC)
    page.get_by_label('Branch name').fill(BRANCH)
    page.get_by_label('Address').fill('12 SV Road, Andheri West, Mumbai')
    page.get_by_label('Phone').fill('98765 43210')
    page.get_by_label('Email').fill('andheri@prospine.example')
    page.get_by_label('Full name').fill(FULL_NAME)
    page.get_by_label('Username').fill(USERNAME)
    page.get_by_label('Password', exact=True).press_sequentially(PASSWORD)
    page.get_by_label('Repeat the password').press_sequentially(PASSWORD)


def complete_setup(page: Page) -> None:
    fill_setup(page)
    page.get_by_role('button', name='Create clinic and sign in').click()


def sign_in(page: Page, *, username: str = USERNAME, password: str = PASSWORD) -> None:
    page.get_by_label('Username').fill(username)
    page.get_by_label('Password', exact=True).fill(password)
    page.get_by_role('button', name='Sign in').click()


def expect_home(page: Page) -> None:
    expect(page).to_have_url(re.compile(r'^http://[^/]+/$'))
    expect(page.get_by_text(WELCOME)).to_be_visible()
    settle(page)


def cookie(context: BrowserContext, name: str) -> Any:
    matches = [c for c in context.cookies() if c['name'] == name]
    assert len(matches) == 1, f'expected one {name!r} cookie, got {context.cookies()}'
    return matches[0]


@pytest.fixture(scope='module')
def clinic(browser: Browser, server: Server) -> Server:
    """The server with the clinic set up (by the first test, or here when that one did not run)."""
    answer = httpx.get(f'{server.base_url}/', follow_redirects=False, timeout=10)
    if answer.headers.get('location', '').endswith('/setup'):
        context = open_context(browser, server)
        try:
            page = context.new_page()
            complete_setup(page)
            expect_home(page)
        finally:
            context.close()
    return server


@pytest.fixture
def desktop(browser: Browser, server: Server) -> Iterator[BrowserContext]:
    context = open_context(browser, server)
    yield context
    context.close()


def test_first_run_setup_sign_out_and_sign_in(desktop: BrowserContext, screenshot_dir: Path) -> None:
    page = desktop.new_page()
    fill_setup(page)
    page.screenshot(path=screenshot_dir / 'setup-filled-desktop.png', full_page=True)
    page.get_by_role('button', name='Create clinic and sign in').click()

    expect_home(page)
    expect(page.get_by_text(BRANCH, exact=True)).to_be_visible()
    page.screenshot(path=screenshot_dir / 'home-after-setup-desktop.png', full_page=True)

    session = cookie(desktop, 'prospine_session')
    assert session['httpOnly'] is True
    assert session['sameSite'] == 'Strict'
    browser_cookie = cookie(desktop, 'session')
    expires = browser_cookie['expires']
    assert expires == -1 or expires < time.time() + 24 * 3600, f'NiceGUI session cookie outlives a day: {expires}'

    page.get_by_role('button', name='Sign out').click()
    expect(page).to_have_url(re.compile(r'/login\?reason=logout$'))
    expect(page.get_by_text('You have signed out.')).to_be_visible()
    assert not [c for c in desktop.cookies() if c['name'] == 'prospine_session']

    goto(page, '/')
    expect(page).to_have_url(re.compile(r'/login(\?|$)'))
    expect(page.get_by_text(WELCOME)).to_have_count(0)
    sign_in(page)
    expect_home(page)


def test_wrong_password_is_refused(desktop: BrowserContext, clinic: Server, screenshot_dir: Path) -> None:
    page = desktop.new_page()
    goto(page, '/login')
    sign_in(page, password='spine clinic rocks 2025')
    expect(page.get_by_text('The username or password is incorrect.')).to_be_visible()
    expect(page).to_have_url(re.compile(r'/login(\?|$)'))
    expect(page.get_by_label('Password', exact=True)).to_have_value('')
    page.screenshot(path=screenshot_dir / 'login-wrong-password-desktop.png', full_page=True)
    assert not [c for c in desktop.cookies() if c['name'] == 'prospine_session']


def seed_patient(server: Server, script: str = 'tests.e2e.seed_patient') -> str:
    """Register a patient in the server's database (another process, as the app would see it); return the UID."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(('PROSPINE_', 'PYTEST_', 'NICEGUI_'))}
    env.update({'PROSPINE_DATA_DIR': str(server.data_dir), 'PROSPINE_DATABASE_URL': '',
                'PROSPINE_ENV_FILE': str(server.data_dir.parent / 'no.env')})
    seeded = subprocess.run([sys.executable, '-m', script], cwd=REPO_ROOT, env=env,
                            capture_output=True, text=True, check=False, timeout=60)
    assert seeded.returncode == 0, seeded.stderr
    return seeded.stdout.strip()


def measure(page: Page) -> tuple[list[str], Layout]:
    """What on the page is too small for a finger or scrolls sideways, as readable lines."""
    layout: Layout = page.evaluate(MEASURE_JS)
    viewport = page.viewport_size
    assert viewport is not None
    problems: list[str] = []
    width_limit = min(layout['innerWidth'], viewport['width'])
    if layout['scrollWidth'] > width_limit:
        problems.append(f'horizontal scroll: scrollWidth {layout["scrollWidth"]} > {width_limit}')
    for box in layout['boxes']:
        too_short = box['height'] < MIN_TARGET_PX
        too_narrow = box['kind'] == 'button' and box['width'] < MIN_TARGET_PX
        if too_short or too_narrow:
            problems.append(f'{box["kind"]} {box["name"]!r}: {box["width"]}x{box["height"]} px')
    return problems, layout


@pytest.mark.parametrize('tablet', [True, False], ids=['tablet-768x1024', 'desktop-1366x768'])
def test_touch_targets_and_no_sideways_scroll(browser: Browser, clinic: Server, screenshot_dir: Path,
                                              tablet: bool) -> None:
    context = open_context(browser, clinic, tablet=tablet)
    label = 'tablet' if tablet else 'desktop'
    try:
        page = context.new_page()
        goto(page, '/login')
        expect(page.get_by_role('button', name='Sign in')).to_be_visible()
        login_problems, login_layout = measure(page)
        page.screenshot(path=screenshot_dir / f'login-{label}.png', full_page=True)

        sign_in(page)
        expect_home(page)
        home_problems, home_layout = measure(page)
        page.screenshot(path=screenshot_dir / f'home-{label}.png', full_page=True)

        admin_problems = []
        uid = seed_patient(clinic)
        pages = {**ADMIN_PAGES, f'/patients/{uid}/copy': 'Copy of the health record',
                 f'/patients/{uid}?part=notes': 'New note'}  # last: the note editor opens from it
        for path, ready in pages.items():
            goto(page, path)
            expect(page.get_by_text(ready).first).to_be_visible()
            found, layout = measure(page)
            assert [b for b in layout['boxes'] if b['kind'] == 'button'], (path, layout)
            admin_problems += [f'{path} {problem}' for problem in found]
            admin_problems += [f'{path} the page broke its own Content-Security-Policy: {violation}'
                               for violation in csp_violations(page)]
            page.screenshot(path=screenshot_dir / f'{path.strip("/").replace("/", "-")}-{label}.png', full_page=True)

        # The note editor, as a clinician opens it on the patient page.
        page.get_by_role('button', name='New note').click()
        expect(page.get_by_text('Saved as a draft while you type')).to_be_visible()
        page.get_by_label('Subjective').fill('Pain 6/10 in the lower back, worse when sitting.')
        wait_for_dialogs(page)
        found, layout = measure(page)
        assert [b for b in layout['boxes'] if b['kind'] == 'field'], layout
        admin_problems += [f'note editor {problem}' for problem in found]
        page.screenshot(path=screenshot_dir / f'note-editor-{label}.png', full_page=True)
    finally:
        context.close()

    assert len([b for b in login_layout['boxes'] if b['kind'] == 'field']) >= 2, login_layout
    assert [b for b in login_layout['boxes'] if b['kind'] == 'button'], login_layout
    assert [b for b in home_layout['boxes'] if b['kind'] == 'button'], home_layout
    problems = [f'/login {p}' for p in login_problems] + [f'/ {p}' for p in home_problems] + admin_problems
    assert not problems, '\n'.join(problems)


def test_hostile_names_run_no_script_and_inline_handlers_are_refused(desktop: BrowserContext, clinic: Server) -> None:
    from tests.e2e.seed_hostile import HOSTILE_FILE

    uid = seed_patient(clinic, 'tests.e2e.seed_hostile')
    page = desktop.new_page()
    dialogs: list[str] = []
    page.on('dialog', lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    goto(page, '/login')
    sign_in(page)
    expect_home(page)
    goto(page, f'/patients/{uid}?part=attachments')
    expect(page.get_by_text(HOSTILE_FILE)).to_be_visible()
    page.get_by_role('button', name='Preview').click()
    frame = page.locator('iframe')
    expect(frame).to_have_attribute('title', HOSTILE_FILE)
    page.wait_for_timeout(500)  # time for an injected onload to fire, were there one
    assert page.evaluate('document.querySelectorAll("[data-injected]").length') == 0
    assert page.evaluate('document.querySelector("iframe").getAttribute("onload")') is None
    assert csp_violations(page) == [], 'the page itself should need nothing the policy refuses'

    # Were an attribute ever injected, the policy would still refuse to run it.
    page.evaluate("""() => { const img = document.createElement('img');
        img.setAttribute('onerror', 'window.inlineRan = true'); img.src = 'data:,not-an-image';
        document.body.append(img); }""")
    page.wait_for_function('window.__cspViolations.length > 0')
    assert page.evaluate('window.inlineRan') is None
    assert any(violation.startswith('script-src-attr') for violation in csp_violations(page))
    assert dialogs == []


def test_registering_a_walk_in_opens_the_new_patients_page(desktop: BrowserContext, clinic: Server) -> None:
    page = desktop.new_page()
    goto(page, '/login')
    sign_in(page)
    expect_home(page)
    goto(page, '/patients')
    page.get_by_role('button', name='Register patient').click()
    page.get_by_label('Full name').fill('Walk-in Ravi Kumar')
    page.get_by_label('Phone', exact=True).fill('98200 55555')
    page.get_by_label('Gender').click()
    page.get_by_role('option', name='Male', exact=True).click()
    page.get_by_label('or age (years)').fill('35')
    page.get_by_role('button', name='Register', exact=True).click()
    expect(page).to_have_url(re.compile(r'/patients/\d{6}-\d+$'))
    expect(page.get_by_text('Walk-in Ravi Kumar').first).to_be_visible()
    page.wait_for_timeout(500)
    assert 'has been deleted' not in clinic.log_file.read_text(errors='replace')
