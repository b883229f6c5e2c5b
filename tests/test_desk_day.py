"""The front desk's day against a small clinic worked out by hand, on SQLite and on PostgreSQL.

Monday 7 December 2026, 08:00 at Andheri (the billing tests' clinic, frozen):
- today: Meera arrived for 09:00; Arjun booked for 10:00; Sana confirmed for 11:00 with the junior doctor and a
  no-show at 07:30; Kiran's 12:00 cancelled; Arjun's 07:00 visit was booked and never marked (it is over, so it
  is not "next");
- tomorrow: two booked, one of them reminded, and a cancelled one: 1 of 2 still to remind;
- inquiries: one taken today, one yesterday, one online request from last week, one cancelled today:
  1 new today, 1 online waiting, the list holds today's and the online one;
- money: Meera owes 1,000 - 600 paid in cash today = 400; Arjun 500 - 200 by UPI today = 300; Kiran's 700 is
  not listed (his only visit today is cancelled), nor Lata's 900 (no visit today);
  collected today: cash 600, UPI 200.
Bandra has its own appointment, inquiry and payment, which Andheri's desk never sees.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from app.audit import audit
from app.errors import NotFound
from app.services import desk_day
from models.accounts import Role, User
from models.audit import AuditEvent
from models.billing import PaymentMode
from models.clinic import Branch, Service
from models.inquiries import Inquiry, InquiryKind, InquiryStatus
from models.patients import Patient
from models.scheduling import Appointment, AppointmentStatus
from tests.billing import BillingClinic, billing_clinic
from tests.factories import actor_of, make_branch, make_patient, make_user
from tests.postgres import database

__all__ = ['database']  # the fixture, imported so that pytest finds it here

IST_OFFSET = timedelta(hours=5, minutes=30)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of the clinic's day (Mumbai) in December 2026, as UTC."""
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC) - IST_OFFSET


async def visit(branch: Branch, patient: Patient, clinician: User, day: int, hour: int, status: AppointmentStatus,
                *, minute: int = 0, **fields: object) -> Appointment:
    starts = at(day, hour, minute)
    return await Appointment.create(branch=branch, patient=patient, clinician=clinician, service=Service.PHYSIOTHERAPY,
                                    starts_at=starts, ends_at=starts + timedelta(minutes=30), status=status, **fields)


async def inquiry(branch: Branch, name: str, *, day: int, kind: InquiryKind = InquiryKind.QUICK,
                  status: InquiryStatus = InquiryStatus.PENDING) -> None:
    row = await Inquiry.create(kind=kind, full_name=name, phone='+91 98200 12345', branch=branch, status=status)
    await Inquiry.filter(id=row.id).update(created_at=at(day, 7))


@pytest.fixture
async def clinic(database: None) -> BillingClinic:
    bills = await billing_clinic()
    andheri, doctor = bills.clinic.branch, bills.clinic.doctor
    meera, arjun = bills.clinic.patient, bills.clinic.other_patient
    kiran = await make_patient(full_name='Kiran Rao', branch=andheri)
    lata = await make_patient(full_name='Lata Joshi', branch=andheri)
    sana = await make_patient(full_name='Sana Khan', branch=andheri)
    await visit(andheri, meera, doctor, 7, 9, AppointmentStatus.ARRIVED, arrived_at=at(7, 7, 50), token_serial=1)
    await visit(andheri, arjun, doctor, 7, 10, AppointmentStatus.BOOKED)
    await visit(andheri, sana, bills.clinic.junior, 7, 11, AppointmentStatus.CONFIRMED)
    await visit(andheri, kiran, doctor, 7, 12, AppointmentStatus.CANCELLED, cancel_reason='Unwell')
    await visit(andheri, arjun, doctor, 7, 7, AppointmentStatus.BOOKED)
    await visit(andheri, sana, doctor, 7, 7, AppointmentStatus.NO_SHOW, minute=30)
    await visit(andheri, meera, doctor, 8, 10, AppointmentStatus.BOOKED, reminded_at=at(7, 7))
    await visit(andheri, arjun, doctor, 8, 11, AppointmentStatus.BOOKED)
    await visit(andheri, kiran, doctor, 8, 12, AppointmentStatus.CANCELLED)
    await inquiry(andheri, 'Sanjay Patil', day=7)
    await inquiry(andheri, 'Rekha Das', day=6)
    await inquiry(andheri, 'Online Caller', day=1, kind=InquiryKind.ONLINE)
    await inquiry(andheri, 'Gave Up', day=7, status=InquiryStatus.CANCELLED)
    first = await bills.issued(('Physiotherapy session', '1000'))
    await bills.pay('600', invoice=first, mode='cash')
    second = await bills.issued(('Physiotherapy session', '500'), patient_uid=arjun.uid)
    await bills.pay('200', invoice=second, mode='upi', patient_uid=arjun.uid)
    await bills.issued(('Physiotherapy session', '700'), patient_uid=kiran.uid)
    await bills.issued(('Physiotherapy session', '900'), patient_uid=lata.uid)
    bandra = await make_branch('Bandra')
    elsewhere = await make_patient(full_name='Kiran Rao', branch=bandra)
    await visit(bandra, elsewhere, await make_user(Role.DOCTOR, branch=bandra), 7, 9, AppointmentStatus.ARRIVED)
    await inquiry(bandra, 'Bandra Caller', day=7)
    return bills


async def test_the_desk_sees_its_day_as_worked_out_by_hand(clinic: BillingClinic) -> None:
    day = await desk_day.desk_day(actor=clinic.desk)
    assert (day.branch_name, day.day.isoformat()) == ('Andheri', '2026-12-07')
    assert day.statuses == {AppointmentStatus.ARRIVED: 1, AppointmentStatus.BOOKED: 2,
                            AppointmentStatus.CONFIRMED: 1, AppointmentStatus.CANCELLED: 1,
                            AppointmentStatus.NO_SHOW: 1}
    assert [(row.patient_name, row.time_text, row.token) for row in day.waiting] == \
        [('Meera Iyer', '09:00-09:30', 'T261207-001')]
    assert [(row.patient_name, row.time_text, row.clinician) for row in day.next_up] == \
        [('Arjun Menon', '10:00-10:30', 'Dr Kavita Mehta'), ('Sana Khan', '11:00-11:30', 'Dr Rohan Shah')]
    assert (day.reminders_unsent, day.reminders_total) == (1, 2)
    assert (day.inquiries_today, day.online_pending) == (1, 1)
    assert [(row.full_name, row.kind) for row in day.inquiries] == \
        [('Sanjay Patil', InquiryKind.QUICK), ('Online Caller', InquiryKind.ONLINE)]
    assert day.collected_by_mode == {PaymentMode.CASH: Decimal('600.00'), PaymentMode.UPI: Decimal('200.00')}
    assert day.collected == Decimal('800.00')
    assert [(due.patient_name, due.due, f'{due.first_visit:%H:%M}') for due in day.dues] == \
        [('Meera Iyer', Decimal('400.00'), '09:00'), ('Arjun Menon', Decimal('300.00'), '07:00')]
    assert (day.dues_patients, day.dues_total) == (2, Decimal('700.00'))


async def test_a_role_without_money_or_inquiries_sees_neither_and_no_branch_sees_another(
        clinic: BillingClinic) -> None:
    junior = await desk_day.desk_day(actor=clinic.junior)
    assert junior.appointments == 6
    assert (junior.collected_by_mode, junior.dues, junior.inquiries_today, junior.inquiries) == (None, (), None, ())
    doctor = await desk_day.desk_day(actor=clinic.doctor)
    assert doctor.collected == Decimal('800.00') and doctor.inquiries_today == 1
    bandra = await Branch.get(name='Bandra')
    with pytest.raises(NotFound):
        await desk_day.desk_day(actor=clinic.desk, branch_id=bandra.id)
    with pytest.raises(NotFound):
        await desk_day.desk_day(actor=clinic.boss, branch_id=bandra.id)
    superadmin = await actor_of(await make_user(Role.SUPERADMIN, branch=clinic.clinic.branch))
    there = await desk_day.desk_day(actor=superadmin, branch_id=bandra.id)
    assert [row.patient_name for row in there.waiting] == ['Kiran Rao']
    assert (there.inquiries_today, there.collected, there.dues) == (1, Decimal(0), ())


async def test_opening_the_day_is_audited_once_and_a_redraw_is_not(clinic: BillingClinic) -> None:
    await desk_day.desk_day(actor=clinic.desk)
    await desk_day.desk_day(actor=clinic.desk, audited=False)
    await audit.flush()
    events = await AuditEvent.filter(entity_type='report').values_list('entity_id', 'detail')
    assert events == [(f'desk-day-{clinic.clinic.branch.id}',
                       "The desk's day at Andheri, 07 Dec 2026: 6 appointment(s), 1 waiting")]


async def test_the_day_costs_the_same_queries_however_busy_it_is(clinic: BillingClinic,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    def queries() -> int:
        return sum(1 for record in caplog.records if record.name.startswith('tortoise.db_client'))

    with caplog.at_level(logging.DEBUG, logger='tortoise.db_client'):
        await desk_day.desk_day(actor=clinic.desk, audited=False)
        few = queries()
        for hour in range(13, 20):
            patient = await make_patient(full_name=f'Patient {hour}', branch=clinic.clinic.branch)
            await visit(clinic.clinic.branch, patient, clinic.clinic.doctor, 7, hour, AppointmentStatus.ARRIVED)
            await clinic.issued(('Physiotherapy session', '100'), patient_uid=patient.uid)
            await inquiry(clinic.clinic.branch, f'Caller {hour}', day=7)
        caplog.clear()
        busy = await desk_day.desk_day(actor=clinic.desk, audited=False)
        many = queries()
    assert 0 < few == many <= 15, (few, many)
    assert len(busy.waiting) == len(busy.dues) == desk_day.LIST_LENGTH
    assert busy.dues_patients == 9 and busy.count(AppointmentStatus.ARRIVED) == 8
