"""Tables and toasts at desk size (1366x768, the drawer open) and tablet size (768x1024).

Every table fits the page's content column (nothing scrolls sideways inside it), the columns a
receptionist works from stay in view, times and UIDs stay on one line, and a toast shown while a
dialog is open leaves the dialog's buttons uncovered. Screenshots go to pytest's temporary directory, or to
`LAYOUT_SHOTS` when set (`LAYOUT_SHOTS=/tmp/shots/tables`), to be looked at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import Server
from tests.e2e.test_browser import clinic, expect_home, goto, open_context, seed_patient, sign_in, wait_for_dialogs

__all__ = ['clinic']  # the fixture, imported so that pytest finds it here

# The table pages, with a text that shows each has loaded, and the columns that must be in view and on one line.
TABLE_PAGES: dict[str, dict[str, Any]] = {
    '/inquiries': {'ready': 'Anantharaman Krishnamurthy Iyer 0', 'visible': ['Name', 'Phone', 'Status', 'Patient'],
                   'one_line': ['Received', 'Phone', 'Patient']},
    '/admin/users': {'ready': 'receptionist.bandra.west', 'visible': ['Username', 'Name', 'Role', 'Status'],
                     'one_line': ['Username', 'Last sign-in']},
    '/audit': {'ready': 'inquiry #', 'visible': ['Time', 'User', 'Action', 'Outcome'],
               'one_line': ['Time', 'Patient']},
    '/patients': {'ready': 'Venkata Satyanarayana Murthy 0', 'visible': ['UID', 'Name', 'Phone'],
                  'one_line': ['UID', 'Phone', 'Registered']},
    '/admin/branches': {'ready': 'Bandra West (Linking Road)', 'visible': ['Branch', 'Clinic name', 'Phone', 'Status'],
                        'one_line': ['Phone']},
    # The patient page opened on its consultations.
    '/patients/{uid}?part=consultations': {'ready': 'Cancel / refund',
                                           'visible': ['When', 'Complaint', 'Fee', 'Status'],
                                           'one_line': ['When', 'Fee']},
}

# For every table on the page: its sideways overflow, where it ends against the content column, and per header
# label whether the column is shown within the table's box and how many lines its cells take.
MEASURE_TABLES_JS = """
() => {
  const column = document.querySelector('.prospine-page').getBoundingClientRect();
  const label = (th) => [...th.childNodes].filter((n) => !(n.classList && n.classList.contains('q-icon')))
    .map((n) => n.textContent).join('').trim();
  const lines = (cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    const height = range.getBoundingClientRect().height;
    let lineHeight = parseFloat(getComputedStyle(cell).lineHeight);
    if (Number.isNaN(lineHeight)) lineHeight = 1.2 * parseFloat(getComputedStyle(cell).fontSize);
    return height === 0 ? 0 : Math.round(height / lineHeight * 10) / 10;
  };
  return [...document.querySelectorAll('.q-table__container')].map((container) => {
    const middle = container.querySelector('.q-table__middle');
    const box = container.getBoundingClientRect();
    const headers = [...container.querySelectorAll('thead th')];
    const rows = [...container.querySelectorAll('tbody tr')];
    const columns = {};
    headers.forEach((th, index) => {
      const r = th.getBoundingClientRect();
      const shown = th.checkVisibility() && r.width > 0 && r.left >= box.left - 1 && r.right <= box.right + 1;
      const cells = rows.map((tr) => tr.children[index]).filter((td) => td && td.checkVisibility());
      columns[label(th)] = {shown, maxLines: Math.max(0, ...cells.map(lines))};
    });
    return {scrollWidth: middle.scrollWidth, clientWidth: middle.clientWidth, right: box.right,
            columnRight: column.right, rows: rows.length, columns};
  });
}
"""


@pytest.fixture(scope='module')
def patient_uid(clinic: Server) -> str:
    """Seed the long rows once; the UID of the patient with consultations."""
    return seed_patient(clinic, 'tests.e2e.seed_layout')


@pytest.fixture(scope='module')
def seeded(clinic: Server, patient_uid: str) -> Server:
    return clinic


@pytest.fixture(scope='module')
def shots(screenshot_dir: Path) -> Path:
    chosen = os.environ.get('LAYOUT_SHOTS', '').strip()
    folder = Path(chosen) if chosen else screenshot_dir
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def signed_in(browser: Browser, seeded: Server, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = open_context(browser, seeded, tablet=request.param == 'tablet')
    try:
        page = context.new_page()
        goto(page, '/login')
        sign_in(page)
        expect_home(page)
        yield page
    finally:
        context.close()


def table_problems(page: Page, path: str, spec: dict[str, Any]) -> list[str]:
    """What is wrong with the page's tables, as readable lines."""
    tables = page.evaluate(MEASURE_TABLES_JS)
    if not tables:
        return [f'{path}: no table']
    problems = []
    for table in tables:
        if table['scrollWidth'] > table['clientWidth'] + 1:
            problems.append(f'{path}: the table scrolls sideways ({table["scrollWidth"]} px in {table["clientWidth"]})')
        if table['right'] > table['columnRight'] + 1:
            problems.append(f'{path}: the table ends at {table["right"]} px, past the page column '
                            f'({table["columnRight"]} px)')
    columns = tables[0]['columns']
    for label in spec['visible']:
        if not columns.get(label, {}).get('shown'):
            problems.append(f'{path}: the {label!r} column is out of view (columns: {columns})')
    for label in spec['one_line']:
        found = columns.get(label)
        if found and not found['shown']:
            continue  # collapsed at this width
        if not found or not found['maxLines']:
            problems.append(f'{path}: no {label!r} cells to measure')
        elif found['maxLines'] >= 1.5:
            problems.append(f'{path}: {label!r} cells wrap onto {found["maxLines"]} lines')
    return problems


@pytest.mark.parametrize('signed_in', ['desk', 'tablet'], indirect=True, ids=['desk-1366x768', 'tablet-768x1024'])
def test_tables_fit_the_page(signed_in: Page, shots: Path, patient_uid: str) -> None:
    page = signed_in
    viewport = page.viewport_size
    assert viewport is not None
    desk = viewport['width'] > 1000
    label = f'{viewport["width"]}x{viewport["height"]}'
    problems: list[str] = []
    for pattern, spec in TABLE_PAGES.items():
        path = pattern.format(uid=patient_uid)
        goto(page, path)
        expect(page.get_by_text(spec['ready']).first).to_be_visible()
        if path == '/inquiries':  # every status, so that the registered inquiry shows its patient UID
            page.get_by_label('Status').click()
            page.get_by_role('option', name='Any status').click()
            expect(page.get_by_text('Lakshmi Narayanan')).to_be_visible()
        if desk:  # at desk size the drawer stays open beside the page, taking its share of the width
            expect(page.locator('.q-drawer')).to_be_visible()
        page.wait_for_timeout(300)  # the drawer and columns have settled
        problems += table_problems(page, path, spec)
        name = 'patient' if '{uid}' in pattern else path.strip('/').replace('/', '-')
        page.screenshot(path=shots / f'{name}-{label}.png', full_page=True)
    assert not problems, '\n'.join(problems)


@pytest.mark.parametrize('signed_in', ['desk', 'tablet'], indirect=True, ids=['desk-1366x768', 'tablet-768x1024'])
def test_a_tap_on_an_audit_event_shows_all_of_it(signed_in: Page, shots: Path) -> None:
    """What a narrow table hides or cuts short stays readable: a tap on the row shows the whole event."""
    page = signed_in
    viewport = page.viewport_size
    assert viewport is not None
    goto(page, '/audit')
    page.locator('tbody tr').filter(has_text='Flat 1203').first.click()  # a registration, with long changes
    dialog = page.locator('.q-dialog')
    expect(dialog.get_by_text('Audit event')).to_be_visible()
    wait_for_dialogs(page)
    page.screenshot(path=shots / f'audit-event-{viewport["width"]}x{viewport["height"]}.png')
    expect(dialog.get_by_text('Changes', exact=True)).to_be_visible()
    expect(dialog.get_by_text('uid: — → ', exact=False)).to_be_visible()  # the end of the changes, cut in the table
    dialog.get_by_role('button', name='Close').click()
    expect(dialog).to_have_count(0)


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return a['x'] < b['x'] + b['width'] and b['x'] < a['x'] + a['width'] \
        and a['y'] < b['y'] + b['height'] and b['y'] < a['y'] + a['height']


@pytest.mark.parametrize('signed_in', ['desk', 'tablet'], indirect=True, ids=['desk-1366x768', 'tablet-768x1024'])
def test_a_toast_leaves_the_dialog_buttons_uncovered(signed_in: Page, shots: Path) -> None:
    page = signed_in
    viewport = page.viewport_size
    assert viewport is not None
    label = f'{viewport["width"]}x{viewport["height"]}'
    covered = []
    for path, opener, submit in (('/patients', 'Register patient', 'Register'),
                                 ('/inquiries', 'New test inquiry', 'Save')):
        goto(page, path)
        page.get_by_role('button', name=opener).click()
        dialog = page.locator('.q-dialog')
        button = dialog.get_by_role('button', name=submit, exact=True)
        button.click()  # every field empty: the form refuses, with a toast, and the dialog stays open
        toast = page.locator('.q-notification').first
        expect(toast).to_be_visible()
        page.wait_for_function("[...document.querySelectorAll('.q-notification')].every((el) => "  # slid into place
                               "getComputedStyle(el).transform === 'none' && getComputedStyle(el).opacity === '1')")
        toast_box, button_box = toast.bounding_box(), button.bounding_box()
        assert toast_box is not None and button_box is not None
        page.screenshot(path=shots / f'toast-{path.strip("/")}-{label}.png')
        if overlaps(toast_box, button_box):
            covered.append(f'{path}: the toast {toast_box} covers {submit!r} {button_box}')
        dialog.get_by_role('button', name='Cancel').click()
        expect(dialog).to_have_count(0)
    assert not covered, '\n'.join(covered)
