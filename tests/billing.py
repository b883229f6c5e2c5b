"""A small clinic for billing tests: the calendar's clinic with an admin, a UPI id and helpers to bill."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.auth.actor import Actor
from app.services import invoices, payments
from app.services.invoices import InvoiceView, LineInput
from models.accounts import Role, User
from tests.factories import make_user
from tests.scheduling import SmallClinic, small_clinic


@dataclass(frozen=True, kw_only=True)
class BillingClinic:
    clinic: SmallClinic
    admin: User
    desk: Actor
    boss: Actor
    doctor: Actor
    junior: Actor

    @property
    def patient_uid(self) -> str:
        return self.clinic.patient.uid

    async def draft(self, *lines: tuple[str, Any], patient_uid: str | None = None, **line_fields: Any) -> InvoiceView:
        """A draft with free-text lines given as (description, unit price)."""
        view = await invoices.start_invoice(actor=self.desk, patient_uid=patient_uid or self.patient_uid)
        for description, price in lines:
            view = await invoices.add_line(actor=self.desk, invoice_id=view.id,
                                           line=LineInput(description=description, unit_price=price, **line_fields))
        return view

    async def issued(self, *lines: tuple[str, Any], patient_uid: str | None = None) -> InvoiceView:
        view = await self.draft(*lines, patient_uid=patient_uid)
        return await invoices.issue(actor=self.desk, invoice_id=view.id)

    async def pay(self, amount: Any, *, invoice: InvoiceView | None = None, mode: str = 'cash',
                  keep_rest_as_credit: bool = False, patient_uid: str | None = None) -> payments.PaymentView:
        return await payments.take_payment(
            actor=self.desk, patient_uid=patient_uid or self.patient_uid,
            payment=payments.PaymentInput(amount=amount, mode=mode, invoice_ids=[invoice.id] if invoice else [],
                                          keep_rest_as_credit=keep_rest_as_credit))


async def billing_clinic(**options: Any) -> BillingClinic:
    clinic = await small_clinic(**options)
    clinic.branch.upi_id = 'prospine@okaxis'
    await clinic.branch.save()
    admin = await make_user(Role.ADMIN, branch=clinic.branch, full_name='Sunita Kapoor')
    return BillingClinic(clinic=clinic, admin=admin, desk=await clinic.actor(clinic.reception),
                         boss=await clinic.actor(admin), doctor=await clinic.actor(clinic.doctor),
                         junior=await clinic.actor(clinic.junior))
