"""Junior doctors see no money: not on any part of the patient page, not in what the services return.

What they write is still priced: a plan at the clinic's usual price (or its own, when they edit it), a
consultation at the branch's price for its type, so the desk bills what the clinic charges.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest
from nicegui.testing import User

from app.config import get_settings
from app.errors import PermissionDenied
from app.services import consultations, invoices
from app.services import treatment_plans as plans
from app.services.consultations import ConsultationDetails
from components.patient_sections import sections_for
from models.plans import TreatmentPlan
from models.registrations import PaymentMethod, Registration
from tests.billing import BillingClinic, billing_clinic
from tests.factories import sign_in

MONEY_SIGNS = ('₹', 'Fee', 'Discount', 'Paid by', 'Refund')


def page_text(user: User) -> str:
    """Everything the page holds for the browser: each element's text and props (table rows included)."""
    return '\n'.join(f'{getattr(element, "text", "")} {json.dumps(element.props, default=str, ensure_ascii=False)}'
                     for element in user.client.elements.values())


async def priced_record(bills: BillingClinic) -> None:
    """A plan with a discount, a consultation with a fee and an issued invoice: money on every part."""
    patient = bills.clinic.patient
    await plans.create_plan(actor=bills.doctor, patient_id=patient.id, details=plans.PlanInput(
        service='physiotherapy', plan_type='daily', days=10, cost_per_day='700', discount='500',
        start_date=date(2026, 12, 1)))
    await consultations.create_consultation(actor=bills.desk, patient_id=patient.id, details=ConsultationDetails(
        chief_complaint='back-pain', consultation_type='in-clinic', fee='800', payment_method='upi'))
    await bills.issued(('Physiotherapy session', '600'))


async def test_no_part_of_the_patient_page_shows_a_junior_doctor_money(user: User) -> None:
    bills = await billing_clinic()
    await priced_record(bills)
    await sign_in(user, bills.clinic.doctor)
    await user.open(f'/patients/{bills.patient_uid}?part=plans')
    await user.should_see(marker='plan-card')
    assert "₹700.00 a day x 10 days" in page_text(user) and "₹6,500.00" in page_text(user)  # a doctor sees them
    user.http_client.cookies.clear()

    await sign_in(user, bills.clinic.junior)
    parts = [section.key for section in sections_for(bills.junior)]
    assert {'plans', 'consultations'} <= set(parts) and 'billing' not in parts
    for part in parts:
        await user.open(f'/patients/{bills.patient_uid}?part={part}')
        await user.should_see(marker=f'section-{part}')
        shown = page_text(user)
        assert [sign for sign in MONEY_SIGNS if sign in shown] == [], part
    await user.open(f'/patients/{bills.patient_uid}?part=plans')
    user.find(marker='edit-plan').click()
    await user.should_see('Edit treatment plan')
    assert [sign for sign in MONEY_SIGNS if sign in page_text(user)] == []


async def test_a_plan_a_junior_doctor_writes_is_priced_for_them(db: None) -> None:
    bills = await billing_clinic()
    patient = bills.clinic.patient
    typed = plans.PlanInput(service='physiotherapy', plan_type='daily', days=21, cost_per_day='1', discount='9,999',
                            start_date=date(2026, 12, 1))
    row = await plans.create_plan(actor=bills.junior, patient_id=patient.id, details=typed)
    assert (row.cost_per_day, row.discount, row.total) == (None, None, None)
    stored = await TreatmentPlan.get(id=row.id)
    assert (stored.cost_per_day, stored.discount, stored.total) == (Decimal(600), Decimal(0), Decimal(12600))

    doctors = await plans.create_plan(actor=bills.doctor, patient_id=patient.id, details=plans.PlanInput(
        service='physiotherapy', plan_type='daily', days=10, cost_per_day='700', discount='500',
        start_date=date(2026, 12, 1)))
    edited = await plans.update_plan(actor=bills.junior, plan_id=doctors.id, details=plans.PlanInput(
        service='physiotherapy', plan_type='daily', days=12, cost_per_day='1', discount='0',
        start_date=date(2026, 12, 1)))
    assert edited.days == 12 and edited.total is None
    assert all(name not in plans.MONEY_FIELDS for revision in edited.revisions for name in revision.changes)
    stored = await TreatmentPlan.get(id=doctors.id)
    assert (stored.cost_per_day, stored.discount, stored.total) == (Decimal(700), Decimal(500), Decimal(7900))
    seen = (await plans.list_plans(actor=bills.doctor, patient_id=patient.id)).rows
    assert {plan.total for plan in seen} == {Decimal(12600), Decimal(7900)}
    assert any('total' in revision.changes for plan in seen for revision in plan.revisions)


async def test_a_consultation_a_junior_doctor_registers_is_billed_at_the_branch_price(db: None) -> None:
    bills = await billing_clinic()
    patient = bills.clinic.patient
    typed = ConsultationDetails(chief_complaint='neck-pain', consultation_type='home-visit', fee='1', payment_method='',
                                visit_at=datetime(2026, 12, 1, 10, 0, tzinfo=get_settings().tz))
    row = await consultations.create_consultation(actor=bills.junior, patient_id=patient.id, details=typed)
    assert (row.fee, row.payment_method) == (None, None)
    stored = await Registration.get(id=row.id)
    price = (await invoices.price_by_code(bills.clinic.branch.id, 'consultation-home-visit')).price
    assert (stored.fee, stored.payment_method) == (price, PaymentMethod.CASH)
    desk = await consultations.update_consultation(actor=bills.desk, registration_id=row.id, details=replace(
        typed, fee='1,500', payment_method='upi', visit_at=stored.visit_at))
    assert (desk.fee, desk.payment_method) == (Decimal(1500), PaymentMethod.UPI)
    await consultations.update_consultation(actor=bills.junior, registration_id=row.id, details=replace(
        typed, chief_complaint='back-pain', fee='', visit_at=stored.visit_at))
    stored = await Registration.get(id=row.id)
    assert (stored.chief_complaint, stored.fee, stored.payment_method) == ('back-pain', Decimal(1500), 'upi')
    with pytest.raises(PermissionDenied, match='Refunds are recorded by the front desk'):
        await consultations.cancel_consultation(actor=bills.junior, registration_id=row.id, reason='Unwell',
                                                refund_status='pending')
    cancelled = await consultations.cancel_consultation(actor=bills.junior, registration_id=row.id, reason='Unwell')
    assert cancelled.is_cancelled
