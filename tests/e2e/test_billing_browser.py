"""A bill at the desk in Chromium: the invoice page opens its PDF (A4 and 80 mm) in a new tab for printing.

The server is seeded by `seed_billing` (a patient with a part-paid invoice and a taxed belt). What
is checked is what the receptionist gets: the tab opens on a PDF served as such, not cached, whose
text names the invoice, the patient, a line, the amount due and the total in words (the QR code's
content is checked in tests/test_billing_pdf.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Browser

from tests.e2e.conftest import REPO_ROOT, Server, unavailable
from tests.e2e.test_browser import clinic, expect_home, goto, open_context, sign_in

__all__ = ['clinic']  # the fixture, imported so that pytest finds it here


def seed_billing(server: Server) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(('PROSPINE_', 'PYTEST_', 'NICEGUI_'))}
    env.update({'PROSPINE_DATA_DIR': str(server.data_dir), 'PROSPINE_DATABASE_URL': '',
                'PROSPINE_ENV_FILE': str(server.data_dir.parent / 'no.env')})
    seeded = subprocess.run([sys.executable, '-m', 'tests.e2e.seed_billing'], cwd=REPO_ROOT, env=env,
                            capture_output=True, text=True, check=False, timeout=60)
    assert seeded.returncode == 0, seeded.stderr
    return json.loads(seeded.stdout)


def test_the_invoice_page_opens_its_pdf_for_printing(browser: Browser, clinic: Server, tmp_path: Path) -> None:
    pdftotext = shutil.which('pdftotext')
    if pdftotext is None:
        unavailable('pdftotext is not installed (apt-get install poppler-utils)')  # fails in CI
    seeded = seed_billing(clinic)
    context = open_context(browser, clinic)
    try:
        page = context.new_page()
        goto(page, '/login')
        sign_in(page)
        expect_home(page)
        goto(page, f'/invoices/{seeded["issued"]}')
        for button, expected in (('PDF', '.pdf'), ('80 mm', '.pdf?paper=roll')):
            with page.expect_popup() as opened:
                page.get_by_role('button', name=button).click()
            tab = opened.value
            tab.wait_for_load_state()
            assert tab.url.endswith(expected), tab.url
            response = context.request.get(tab.url)
            assert response.status == 200 and response.headers['content-type'] == 'application/pdf'
            assert response.headers['cache-control'] == 'no-store'
            pdf = tmp_path / f'bill{len(expected)}.pdf'
            pdf.write_bytes(response.body())
            text = ' '.join(subprocess.run([pdftotext, '-layout', str(pdf), '-'], capture_output=True, text=True,
                                           check=True).stdout.split())
            for words in (seeded['issued'], 'Anjali Kulkarni', 'Lumbar support belt', '₹9,760.00',
                          'Rupees Twenty Nine Thousand Seven Hundred Sixty Only'):
                assert words in text, words
            tab.close()
    finally:
        context.close()
