"""Give a running clinic a patient with bills: paid, part paid with a taxed belt, credited, a draft, and dues.

Prints {"uid": patient UID, "issued": invoice number, "draft": draft invoice id} as JSON.
Run as `python -m tests.e2e.seed_billing` with the PROSPINE_* variables of the server under test.
"""

from __future__ import annotations

import asyncio
import json
from datetime import date

from app.services import branches, invoices, payments
from app.services.invoices import LineInput
from app.services.patients import PatientDetails, register_patient
from models.patients import Gender
from tests.e2e.seeding import superadmin_of_served_clinic


async def seed() -> dict[str, object]:
    async with superadmin_of_served_clinic() as actor:
        await branches.set_billing_details(actor=actor, branch_id=actor.branch_id, document_code='AND',
                                           upi_id='prospine.andheri@okaxis')
        patient = await register_patient(actor=actor, details=PatientDetails(
            full_name='Anjali Kulkarni', phone='98200 12345', gender=Gender.FEMALE, date_of_birth=date(1984, 3, 2)))
        uid = patient.uid

        async def bill(*lines: LineInput, discount: str = '') -> invoices.InvoiceView:
            view = await invoices.start_invoice(actor=actor, patient_uid=uid)
            for line in lines:
                view = await invoices.add_line(actor=actor, invoice_id=view.id, line=line)
            if discount:
                await invoices.set_invoice_discount(actor=actor, invoice_id=view.id, discount=discount)
            return await invoices.issue(actor=actor, invoice_id=view.id)

        first = await bill(LineInput(description='Consultation (in clinic), 01 Dec 2026', unit_price='500'))
        await payments.take_payment(actor=actor, patient_uid=uid, payment=payments.PaymentInput(
            amount='500', mode='cash', invoice_ids=[first.id]))
        second = await bill(LineInput(description='Physiotherapy package, 21 sessions', unit_price='30,000',
                                      discount='5%'),
                            LineInput(description='Lumbar support belt (size L)', unit_price='1,200', tax_rate='5',
                                      sac='9021'))
        await payments.take_payment(actor=actor, patient_uid=uid, payment=payments.PaymentInput(
            amount='20,000', mode='upi', reference='UPI 4417 2281 0032', invoice_ids=[second.id]))
        third = await bill(LineInput(description='Home visit consultation', unit_price='1,000'))
        await invoices.credit_note(actor=actor, invoice_id=third.id, amount='1,000', reason='Visit not made')
        draft = await invoices.start_invoice(actor=actor, patient_uid=uid)
        await invoices.add_line(actor=actor, invoice_id=draft.id, line=LineInput(
            description='NCV test', unit_price='3,000'))
        return {'uid': uid, 'issued': second.number, 'draft': str(draft.id)}


if __name__ == '__main__':
    print(json.dumps(asyncio.run(seed())))
