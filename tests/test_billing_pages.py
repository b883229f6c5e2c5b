"""Billing on screen: the patient's Billing part, the invoice page from draft to paid, the list, and the PDFs."""

from __future__ import annotations

from decimal import Decimal

from nicegui.testing import User

from app.audit import Action, EntityType
from app.auth import sessions
from app.services import invoices
from models.audit import AuditEvent
from models.billing import Invoice, InvoiceStatus, Payment
from tests.billing import billing_clinic
from tests.factories import sign_in
from tests.waiting import eventually


def type_into(user: User, field: str, text: str) -> None:
    user.find(marker=field).clear()
    user.find(marker=field).type(text)


async def test_reception_bills_a_patient_from_draft_to_paid(user: User) -> None:
    bills = await billing_clinic()
    await sign_in(user, bills.clinic.reception)
    await user.open(f'/patients/{bills.patient_uid}?part=billing')
    await user.should_see(marker='account-due')
    await user.should_see(marker='section-billing')  # the tab a junior doctor does not get
    user.find(marker='new-invoice').click()
    await user.should_see('Bill of supply Draft')
    await user.should_see('No lines yet: add what the patient is billed for.')
    draft = await Invoice.get()
    assert draft.status is InvoiceStatus.DRAFT

    user.find(marker='add-line').click()
    await user.should_see('Add a line')
    type_into(user, 'description', 'Physiotherapy session')
    type_into(user, 'quantity', '-2')
    type_into(user, 'unit_price', '600')
    user.find(marker='dialog-submit').click()
    await user.should_see('The quantity must be more than 0.')
    assert await draft.lines.all().count() == 0  # nothing saved
    type_into(user, 'quantity', '2')
    user.find(marker='dialog-submit').click()
    await user.should_see('The line has been added.')
    await user.should_see('₹1,200.00')
    await user.should_see('Rupees One Thousand Two Hundred Only')

    user.find(marker='issue').click()
    await user.should_see('Issue this invoice for ₹1,200.00?')
    user.find(marker='dialog-submit').click()
    await user.should_see('Invoice AND/26-27/00001 has been issued.')
    await user.should_see('Bill of supply AND/26-27/00001')
    await eventually(lambda: user.back_history[-1] == '/invoices/AND/26-27/00001')
    await user.should_not_see(marker='add-line')  # an issued invoice is never edited

    user.find(marker='take-payment').click()
    await user.should_see('₹1,200.00 due for AND/26-27/00001.')
    type_into(user, 'amount', '1,500')
    user.find(marker='dialog-submit').click()
    await user.should_see('The payment is ₹300.00 more than what is due (₹1,200.00).', retries=30)
    assert not await Payment.exists()
    type_into(user, 'amount', '1,000')
    user.find(marker='mode').elements.pop().value = 'upi'
    user.find(marker='dialog-submit').click()
    await user.should_see('Receipt ANDR/26-27/00001: ₹1,000.00 received.')
    await user.should_see('Partly paid')
    stored = await Invoice.get(id=draft.id)
    assert (stored.paid, stored.status) == (Decimal('1000.00'), InvoiceStatus.PARTLY_PAID)

    await user.open(f'/patients/{bills.patient_uid}?part=billing')
    await user.should_see(marker='patient-invoices')
    invoice_rows = user.find(marker='patient-invoices').elements.pop().rows
    assert [(row['number'], row['due'], row['status']) for row in invoice_rows] == [
        ('AND/26-27/00001', '₹200.00', 'Partly paid')]
    payment_rows = user.find(marker='patient-payments').elements.pop().rows
    assert [(row['number'], row['mode'], row['amount']) for row in payment_rows] == [
        ('ANDR/26-27/00001', 'UPI', '₹1,000.00')]
    due = user.find(marker='account-due').elements.pop()
    assert due.text == '₹200.00'


async def test_a_credit_note_from_the_invoice_page(user: User) -> None:
    bills = await billing_clinic()
    issued = await bills.issued(('Home visit', '1,000'))
    await sign_in(user, bills.clinic.reception)
    await user.open(f'/invoices/{issued.number}')
    user.find(marker='credit-note').click()
    await user.should_see('Credit note against AND/26-27/00001')
    type_into(user, 'amount', '1,000')
    user.find(marker='dialog-submit').click()
    await user.should_see('Enter the reason for the credit note.')
    type_into(user, 'reason', 'Visit not made')
    user.find(marker='dialog-submit').click()
    await user.should_see('Credit note ANDC/26-27/00001 has been issued.')
    await user.should_see('Cancelled')
    assert (await Invoice.get(id=issued.id)).status is InvoiceStatus.CANCELLED


async def test_doctors_see_invoices_without_changing_them_and_junior_doctors_see_no_money(user: User) -> None:
    bills = await billing_clinic()
    issued = await bills.issued(('Physiotherapy session', '600'))
    await sign_in(user, bills.clinic.doctor)
    await user.open(f'/invoices/{issued.number}')
    await user.should_see('Bill of supply AND/26-27/00001')
    for marker in ('take-payment', 'credit-note', 'issue'):
        await user.should_not_see(marker=marker)
    user.http_client.cookies.clear()
    await sign_in(user, bills.clinic.junior)
    response = await user.http_client.get(f'/invoices/{issued.number}')
    assert response.status_code == 403
    await user.open(f'/patients/{bills.patient_uid}')
    await user.should_see(marker='patient-uid')
    await user.should_not_see(marker='section-billing')


async def test_the_invoice_list_finds_by_number_and_patient(user: User) -> None:
    bills = await billing_clinic()
    for _ in range(3):
        await bills.issued(('Physiotherapy session', '600'))
    await sign_in(user, bills.clinic.reception)
    await user.open('/invoices')
    await user.should_see('3 invoices')
    type_into(user, 'invoice-search', 'AND/26-27/00002')
    user.find(marker='search').click()
    await user.should_see('1 invoice')
    rows = user.find(marker='invoices').elements.pop().rows
    assert [row['number'] for row in rows] == ['AND/26-27/00002']


async def test_the_pdf_route_is_guarded_like_a_page_and_every_download_is_audited(user: User) -> None:
    bills = await billing_clinic()
    issued = await bills.issued(('Physiotherapy session', '600'))
    receipt = await bills.pay('600', invoice=issued)
    address = f'/documents/invoice/{issued.id}.pdf'
    assert (await user.http_client.get(address)).status_code == 403  # nobody signed in
    user.http_client.cookies.set(sessions.COOKIE_NAME, await sessions.issue(user=bills.clinic.junior))
    assert (await user.http_client.get(address)).status_code == 403
    user.http_client.cookies.set(sessions.COOKIE_NAME, await sessions.issue(user=bills.clinic.reception))
    response = await user.http_client.get(address)
    assert response.status_code == 200 and response.headers['content-type'] == 'application/pdf'
    assert response.content.startswith(b'%PDF') and response.headers['cache-control'] == 'no-store'
    roll = await user.http_client.get(f'{address}?paper=roll')
    assert roll.status_code == 200 and roll.content != response.content
    slip = await user.http_client.get(f'/documents/receipt/{receipt.id}.pdf?paper=roll')
    assert slip.status_code == 200 and slip.content.startswith(b'%PDF')
    draft = await bills.draft(('Consultation', '500'))
    refused = await user.http_client.get(f'/documents/invoice/{draft.id}.pdf')
    assert (refused.status_code, refused.text) == (409, 'A draft has no document yet: issue the invoice first.')
    assert (await user.http_client.get('/documents/invoice/not-a-number.pdf')).status_code == 404
    downloads = await AuditEvent.filter(action=Action.DOWNLOAD).order_by('seq').values_list('entity_type', 'detail')
    assert downloads == [(EntityType.INVOICE, 'Bill of supply AND/26-27/00001 as PDF (A4)'),
                         (EntityType.INVOICE, 'Bill of supply AND/26-27/00001 as PDF (80 mm roll)'),
                         (EntityType.PAYMENT, 'Receipt ANDR/26-27/00001 as PDF (80 mm roll)')]
    assert await invoices.invoice_view(actor=bills.desk, invoice_id=issued.id)


async def test_an_admin_changes_a_price_and_the_desk_bills_at_it(user: User) -> None:
    from models.billing import PriceItem

    bills = await billing_clinic()
    await sign_in(user, bills.admin)
    await user.open('/admin/prices')
    await user.should_see(marker='prices')
    table = user.find(marker='prices').elements.pop()
    belt = next(row for row in table.rows if row['name'] == 'Lumbar support belt')
    assert (belt['price'], belt['sac'], belt['tax']) == ('₹1,200.00', '9021', '5 %')
    user.find(marker='prices').trigger('rowClick', [{}, {'id': belt['id']}, 0])
    await user.should_see('Product: Lumbar support belt')
    type_into(user, 'price', '-5')
    user.find(marker='dialog-submit').click()
    await user.should_see('The price cannot be negative.')
    type_into(user, 'price', '1,350')
    user.find(marker='dialog-submit').click()
    await user.should_see('Lumbar support belt now costs ₹1,350.00.')
    assert (await PriceItem.get(id=belt['id'])).price == Decimal('1350.00')
    user.http_client.cookies.clear()
    await sign_in(user, bills.clinic.reception)
    assert (await user.http_client.get('/admin/prices')).status_code == 403


async def test_a_payment_at_another_desk_appears_on_the_open_invoice(user: User) -> None:
    bills = await billing_clinic()
    issued = await bills.issued(('Physiotherapy session', '600'))
    await sign_in(user, bills.clinic.reception)
    await user.open(f'/invoices/{issued.number}')
    await user.should_see(marker='take-payment')
    assert user.find(marker='invoice-status').elements.pop().text == 'Due'
    await bills.pay('600', invoice=issued)  # the other desk
    await eventually(lambda: user.find(marker='invoice-status').elements.pop().text == 'Paid',
                     what='the invoice redrawn as paid')
    await user.should_not_see(marker='take-payment')


async def test_a_payment_dialog_stays_open_while_the_invoice_redraws(user: User) -> None:
    bills = await billing_clinic()
    first = await bills.issued(('Physiotherapy session', '600'))
    second = await bills.issued(('Consultation', '500'))
    await sign_in(user, bills.clinic.reception)
    await user.open(f'/invoices/{first.number}')
    user.find(marker='take-payment').click()
    await user.should_see('₹600.00 due for AND/26-27/00001.')
    drawn = user.find(marker='invoice-title').elements.pop().id
    await bills.pay('500', invoice=second)  # the same patient's other bill, paid at another desk: this page redraws
    await eventually(lambda: user.find(marker='invoice-title').elements.pop().id != drawn, what='the redraw')
    await user.should_see('₹600.00 due for AND/26-27/00001.')  # the dialog the receptionist is typing in is still there
    user.find(marker='dialog-submit').click()
    await user.should_see('Receipt ANDR/26-27/00002: ₹600.00 received.')
