"""Any sequence of what the desk does to a patient's bills keeps the money straight (hypothesis, through the services).

Issue invoices, take payments (some more than is due, kept as credit), credit invoices, apply credit
and refund it, in any order and any amounts, refused or not. After every step the books hold:
an invoice's payments and credit notes never add up to more than its total and its `paid` is the sum
of its allocations; a receipt never pays out more than its amount; the patient's credit is never
negative, and what was refunded never exceeds what was received; billed - credited - paid = due -
credit for the patient's account, to the paisa.
"""

from __future__ import annotations

import contextlib
from decimal import Decimal
from itertools import count

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import DomainError
from app.services import invoices, payments
from app.services.invoices import LineInput
from app.services.payments import PaymentInput
from models.billing import Invoice, InvoiceKind, InvoiceStatus, Payment, PaymentAllocation, PaymentKind
from tests.billing import BillingClinic, billing_clinic
from tests.factories import make_patient

AMOUNTS = st.integers(min_value=1, max_value=5_000_00).map(lambda paise: Decimal(paise) / 100)
STEPS = st.lists(st.one_of(
    st.tuples(st.just('issue'), AMOUNTS, st.sampled_from(['', '10%', '50'])),
    st.tuples(st.just('pay'), AMOUNTS, st.booleans(), st.integers(0, 3)),
    st.tuples(st.just('credit'), AMOUNTS, st.integers(0, 3)),
    st.tuples(st.just('apply'), st.integers(0, 3)),
    st.tuples(st.just('refund'), AMOUNTS),
), min_size=1, max_size=12)
_patients = count(1)


async def _run(bills: BillingClinic, uid: str, step: tuple, issued: list[invoices.InvoiceView]) -> None:
    kind = step[0]
    if kind == 'issue':
        view = await invoices.start_invoice(actor=bills.desk, patient_uid=uid)
        await invoices.add_line(actor=bills.desk, invoice_id=view.id, line=LineInput(
            description='Physiotherapy session', unit_price=str(step[1]), discount=step[2]))
        issued.append(await invoices.issue(actor=bills.desk, invoice_id=view.id, approver_id=bills.clinic.doctor.id
                                           if step[2] == '10%' else None, approver_password='correct horse battery'))
    elif kind == 'pay':
        chosen = [issued[step[3] % len(issued)].id] if issued and step[3] else []
        await payments.take_payment(actor=bills.desk, patient_uid=uid, payment=PaymentInput(
            amount=str(step[1]), mode='cash', invoice_ids=chosen, keep_rest_as_credit=step[2]))
    elif kind == 'credit' and issued:
        await invoices.credit_note(actor=bills.desk, invoice_id=issued[step[2] % len(issued)].id,
                                   amount=str(step[1]), reason='Corrected at the desk')
    elif kind == 'apply' and issued:
        await payments.apply_credit(actor=bills.desk, invoice_id=issued[step[1] % len(issued)].id)
    elif kind == 'refund':
        await payments.refund(actor=bills.boss, patient_uid=uid, amount=str(step[1]), mode='cash',
                              reason='Asked for the balance')


async def _check_books(patient_id: object) -> None:
    bills = await Invoice.filter(patient_id=patient_id).exclude(status=InvoiceStatus.DRAFT)
    for invoice in (bill for bill in bills if bill.kind is InvoiceKind.INVOICE):
        allocated = sum((row.amount for row in await PaymentAllocation.filter(invoice_id=invoice.id)), Decimal(0))
        notes = sum((note.total for note in bills if note.credit_of_id == invoice.id), Decimal(0))
        assert allocated == invoice.paid and notes == invoice.credited
        assert Decimal(0) <= invoice.paid and invoice.paid + invoice.credited <= invoice.total
        assert invoice.status is invoices.status_after(total=invoice.total, paid=invoice.paid,
                                                       credited=invoice.credited)
    for receipt in await Payment.filter(patient_id=patient_id, kind=PaymentKind.RECEIPT):
        applied = sum((row.amount for row in await PaymentAllocation.filter(payment_id=receipt.id)), Decimal(0))
        assert applied == receipt.allocated and Decimal(0) <= receipt.allocated <= receipt.amount
    account = await payments.patient_ledger(patient_id)  # type: ignore[arg-type]
    assert account.credit >= 0 and account.refunded <= account.received
    assert account.billed - account.credited - account.paid == account.due - account.credit


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(steps=STEPS)
async def test_any_sequence_of_desk_actions_keeps_the_books_straight(db: None, steps: list[tuple]) -> None:
    bills = await _clinic()
    patient = await make_patient(f'261207-{next(_patients)}', full_name='Meera Iyer', branch=bills.clinic.branch)
    issued: list[invoices.InvoiceView] = []
    for step in steps:
        with contextlib.suppress(DomainError):  # refused with a sentence, saving nothing: the books must still hold
            await _run(bills, patient.uid, step, issued)
        await _check_books(patient.id)


_clinics: dict[int, BillingClinic] = {}


async def _clinic() -> BillingClinic:
    """One clinic per database (hypothesis runs every example in the same test's database)."""
    from models.clinic import Branch

    branch = await Branch.first()
    if branch is None or branch.id not in _clinics:
        _clinics.clear()
        made = await billing_clinic()
        _clinics[made.clinic.branch.id] = made
        return made
    return _clinics[branch.id]
