"""The reports screen, its CSV and Excel files and its print view, as an admin and as staff who may not see them."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

from nicegui.testing import User

from app.audit import Action
from app.auth import sessions
from app.services import payments
from models.accounts import Role
from models.audit import AuditEvent
from models.billing import Invoice, Payment
from tests.billing import BillingClinic, billing_clinic
from tests.factories import actor_of, make_branch, make_patient, make_user, sign_in
from tests.waiting import eventually

RANGE = 'from=2026-12-01&to=2026-12-07'
HOSTILE = '=HYPERLINK("http://evil.example","Pay here")'


async def paid_clinic() -> BillingClinic:
    """Andheri: ₹600 cash from Meera, ₹250 UPI from a patient whose name a spreadsheet would run; Bandra: ₹999."""
    bills = await billing_clinic()
    hostile = await make_patient(full_name=HOSTILE, branch=bills.clinic.branch)
    first = await bills.issued(('Physiotherapy session', '1000'))
    await bills.pay('600', invoice=first, mode='cash')
    await bills.pay('250', patient_uid=hostile.uid, mode='upi', keep_rest_as_credit=True)
    bandra = await make_branch('Bandra')
    elsewhere = await make_patient(full_name='Kiran Rao', branch=bandra)
    bandra_desk = await actor_of(await make_user(Role.RECEPTION, branch=bandra))
    await payments.take_payment(actor=bandra_desk, patient_uid=elsewhere.uid, payment=payments.PaymentInput(
        amount='999', mode='cash', keep_rest_as_credit=True))
    return bills


def rows_of(user: User, marker: str) -> list[dict[str, Any]]:
    return user.find(marker=marker).elements.pop().rows


def text_of(user: User, marker: str) -> str:
    return user.find(marker=marker).elements.pop().text


async def test_an_admin_reads_a_report_with_its_totals_and_chooses_another(user: User) -> None:
    bills = await paid_clinic()
    await sign_in(user, bills.admin)
    await user.open('/reports?kind=payments')
    await user.should_see(marker='report-table')
    await eventually(lambda: len(rows_of(user, 'report-table')) == 2, what='the payments listed')
    assert sorted(row['amount'] for row in rows_of(user, 'report-table')) == ['₹250.00', '₹600.00']
    assert text_of(user, 'report-totals') == '2 rows · Amount ₹850.00'
    user.find(marker='report-kind').elements.pop().value = 'invoices'
    await eventually(lambda: text_of(user, 'report-totals').startswith('1 row'), what='the invoices report')
    issued = await Invoice.get(patient_id=bills.clinic.patient.id)
    assert [row['number'] for row in rows_of(user, 'report-table')] == [issued.number]


async def test_the_csv_holds_exactly_the_filtered_rows_with_formulas_neutralised(user: User) -> None:
    bills = await paid_clinic()
    user.http_client.cookies.set(sessions.COOKIE_NAME, await sessions.issue(user=bills.admin))
    response = await user.http_client.get(f'/reports/files/payments.csv?{RANGE}')
    assert response.status_code == 200 and response.headers['content-type'].startswith('text/csv')
    assert response.headers['cache-control'] == 'no-store'
    assert 'payments-20261201-20261207.csv' in response.headers['content-disposition']
    table = list(csv.reader(io.StringIO(response.content.decode('utf-8-sig'))))
    assert table[0] == ['Day', 'Number', 'UID', 'Patient', 'Mode', 'Reference', 'Amount', 'Branch']
    by_patient = {row[3]: row for row in table[1:]}
    assert set(by_patient) == {'Meera Iyer', "'" + HOSTILE}  # not Bandra's, and the formula is text
    assert by_patient['Meera Iyer'][6] == '600.00'
    numbers = {row[1] for row in table[1:]}
    assert numbers == set(await Payment.filter(branch_id=bills.clinic.branch.id).values_list('number', flat=True))
    exports = await AuditEvent.filter(action=Action.EXPORT, entity_id='report-payments').values_list('detail',
                                                                                                     flat=True)
    assert exports == ['Payments and refunds exported as CSV, 01 Dec 2026 to 07 Dec 2026, Andheri: 2 row(s)']


async def test_the_excel_file_is_a_workbook_of_the_same_rows(user: User) -> None:
    bills = await paid_clinic()
    user.http_client.cookies.set(sessions.COOKIE_NAME, await sessions.issue(user=bills.admin))
    response = await user.http_client.get(f'/reports/files/payments.xlsx?{RANGE}')
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        sheet = book.read('xl/worksheets/sheet1.xml').decode()
        strings = book.read('xl/sharedStrings.xml').decode() if 'xl/sharedStrings.xml' in book.namelist() else ''
    assert sheet.count('<row ') == 3  # the heading and the two receipts
    assert '<f>' not in sheet  # no formula, the hostile name included
    assert 'Meera Iyer' in sheet + strings and 'Kiran Rao' not in sheet + strings


async def test_staff_without_reports_get_no_file_and_a_bad_filter_gets_a_sentence(user: User) -> None:
    bills = await paid_clinic()
    address = f'/reports/files/payments.csv?{RANGE}'
    assert (await user.http_client.get(address)).status_code == 403  # nobody signed in
    for member in (bills.clinic.reception, bills.clinic.doctor, bills.clinic.junior):
        user.http_client.cookies.set(sessions.COOKIE_NAME, await sessions.issue(user=member))
        assert (await user.http_client.get(address)).status_code == 403
    user.http_client.cookies.set(sessions.COOKIE_NAME, await sessions.issue(user=bills.admin))
    backwards = await user.http_client.get('/reports/files/payments.csv?from=2026-12-07&to=2026-12-01')
    assert (backwards.status_code, backwards.text) == (400, 'The last day of the range comes before its first day.')
    bandra = await user.http_client.get(f'/reports/files/payments.csv?{RANGE}&branch=99')
    assert bandra.status_code == 404
    assert (await user.http_client.get(f'/reports/files/salaries.csv?{RANGE}')).status_code == 404


async def test_the_print_view_lists_every_row_and_is_audited(user: User) -> None:
    bills = await paid_clinic()
    await sign_in(user, bills.admin)
    await user.open(f'/reports/print?kind=payments&{RANGE}')
    await user.should_see(marker='print-table')
    assert len(rows_of(user, 'print-table')) == 2
    assert text_of(user, 'print-totals') == '2 rows · Amount ₹850.00'
    printed = await AuditEvent.filter(action=Action.PRINT, entity_id='report-payments').count()
    assert printed == 1


async def test_the_reports_page_is_for_admins_only(user: User) -> None:
    bills = await billing_clinic()
    for member in (bills.clinic.reception, bills.clinic.doctor, bills.clinic.junior):
        user.http_client.cookies.clear()
        await sign_in(user, member)
        assert (await user.http_client.get('/reports')).status_code == 403
        assert (await user.http_client.get(f'/reports/print?kind=payments&{RANGE}')).status_code == 403
