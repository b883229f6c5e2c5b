"""A clinician's day against a caseload worked out by hand, on SQLite and on PostgreSQL.

Monday 7 December 2026, 08:00 at Andheri (frozen). Dr Kavita Mehta's active plans:
- Meera, physiotherapy, 21 days from 2 Nov: attended 2-6 and 9-13 Nov at 10:00 (10 sessions); a pain score
  entered on 5 Nov at 12:00, so the 6 sessions from 6 Nov are unmeasured; last visit 13 Nov 10:00, 23 days
  and 22 hours ago: "No visit for 23 days" and "Outcome not measured for 6 sessions";
- Arjun, physiotherapy, 8 days from 30 Nov to 20 Dec: attended 30 Nov to 5 Dec (6), scored on 1 Dec at
  20:00 (4 unmeasured), booked today at 10:00: "2 sessions left";
- Kiran, speech therapy, 26 days from 20 Nov to 10 Dec, recorded before the calendar (no sessions):
  "No visit since the plan began" and "Plan ends on 10 Dec";
- Lata, 21 days from 1 Dec, attended 1-5 Dec at 11:00, scored 4 Dec: nothing to review.
Her completed plan and the junior doctor's plan are not hers to review; a cancelled visit today is not listed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from app.audit import audit
from app.errors import PermissionDenied
from app.services import clinician_day
from models.accounts import User
from models.audit import AuditEvent
from models.clinic import Branch, Service
from models.outcomes import Instrument, OutcomeRecord
from models.patients import Patient
from models.plans import PlanStatus, PlanType, TreatmentPlan
from models.scheduling import Appointment, AppointmentStatus
from tests.billing import BillingClinic, billing_clinic
from tests.factories import make_patient
from tests.postgres import database

__all__ = ['database']  # the fixture, imported so that pytest finds it here

IST_OFFSET = timedelta(hours=5, minutes=30)


def at(month: int, day: int, hour: int) -> datetime:
    """A moment of the clinic's day (Mumbai) in 2026, as UTC."""
    return datetime(2026, month, day, hour, tzinfo=UTC) - IST_OFFSET


async def plan(patient: Patient, clinician: User, *, days: int, start: date, end: date,
               status: PlanStatus = PlanStatus.ACTIVE, service: Service = Service.PHYSIOTHERAPY) -> TreatmentPlan:
    return await TreatmentPlan.create(patient=patient, branch_id=patient.first_branch_id, service=service,
                                      plan_type=PlanType.DAILY, cost_per_day=Decimal(500), days=days,
                                      total=Decimal(500 * days), start_date=start, end_date=end, clinician=clinician,
                                      status=status)


async def sessions(treatment: TreatmentPlan, clinician: User, days: list[tuple[int, int]],
                   status: AppointmentStatus = AppointmentStatus.COMPLETED, hour: int = 10) -> None:
    for number, (month, day) in enumerate(days, start=1):
        await Appointment.create(branch_id=treatment.branch_id, patient_id=treatment.patient_id, clinician=clinician,
                                 service=treatment.service, starts_at=at(month, day, hour),
                                 ends_at=at(month, day, hour) + timedelta(minutes=30), status=status,
                                 plan=treatment, session_number=number)


async def scored(patient: Patient, month: int, day: int, hour: int) -> None:
    row = await OutcomeRecord.create(patient=patient, instrument=Instrument.NPRS, recorded_on=date(2026, month, day),
                                     answers='{}', score=Decimal(5))
    await OutcomeRecord.filter(id=row.id).update(created_at=at(month, day, hour))


@pytest.fixture
async def clinic(database: None) -> BillingClinic:
    bills = await billing_clinic()
    doctor, junior = bills.clinic.doctor, bills.clinic.junior
    meera, arjun = bills.clinic.patient, bills.clinic.other_patient
    branch: Branch = bills.clinic.branch
    kiran = await make_patient(full_name='Kiran Rao', branch=branch)
    lata = await make_patient(full_name='Lata Joshi', branch=branch)
    sana = await make_patient(full_name='Sana Khan', branch=branch)
    meeras = await plan(meera, doctor, days=21, start=date(2026, 11, 2), end=date(2026, 12, 31))
    await sessions(meeras, doctor, [(11, day) for day in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13)])
    await scored(meera, 11, 5, 12)
    arjuns = await plan(arjun, doctor, days=8, start=date(2026, 11, 30), end=date(2026, 12, 20))
    await sessions(arjuns, doctor, [(11, 30), (12, 1), (12, 2), (12, 3), (12, 4), (12, 5)])
    await sessions(arjuns, doctor, [(12, 7)], status=AppointmentStatus.BOOKED)
    await scored(arjun, 12, 1, 20)
    await plan(kiran, doctor, days=26, start=date(2026, 11, 20), end=date(2026, 12, 10), service=Service.SPEECH_THERAPY)
    latas = await plan(lata, doctor, days=21, start=date(2026, 12, 1), end=date(2026, 12, 31))
    await sessions(latas, doctor, [(12, day) for day in (1, 2, 3, 4, 5)], hour=11)
    await scored(lata, 12, 4, 18)
    await plan(sana, doctor, days=10, start=date(2026, 9, 1), end=date(2026, 9, 20), status=PlanStatus.COMPLETED)
    sanas = await plan(sana, junior, days=10, start=date(2026, 10, 1), end=date(2026, 12, 9))
    await sessions(sanas, junior, [(12, 7)], status=AppointmentStatus.BOOKED)
    await Appointment.create(branch=branch, patient=sana, clinician=doctor, service=Service.PHYSIOTHERAPY,
                             starts_at=at(12, 7, 11), ends_at=at(12, 7, 12), status=AppointmentStatus.CANCELLED)
    return bills


async def test_the_doctor_sees_her_day_and_her_patients_due_for_review(clinic: BillingClinic) -> None:
    day = await clinician_day.clinician_day(actor=clinic.doctor)
    assert day.day == date(2026, 12, 7)
    assert [(row.patient_name, row.time_text, row.session_text) for row in day.appointments] == \
        [('Arjun Menon', '10:00-10:30', 'Session 1 of 8')]
    assert [(review.patient_name, review.plan, review.reasons) for review in day.due_for_review] == [
        ('Kiran Rao', 'Speech therapy: Day 18 of 26',
         ('No visit since the plan began on 20 Nov 2026', 'Plan ends on 10 Dec 2026')),
        ('Meera Iyer', 'Physiotherapy: Day 10 of 21', ('No visit for 23 days', 'Outcome not measured for 6 sessions')),
        ('Arjun Menon', 'Physiotherapy: Day 6 of 8', ('2 sessions left',)),
    ]
    assert day.reviews == 3 and not day.more_appointments


async def test_the_junior_doctor_sees_only_their_own_and_the_desk_has_no_clinicians_day(clinic: BillingClinic) -> None:
    junior = await clinician_day.clinician_day(actor=clinic.junior)
    assert [row.patient_name for row in junior.appointments] == ['Sana Khan']
    assert [(review.patient_name, review.reasons) for review in junior.due_for_review] == \
        [('Sana Khan', ('No visit since the plan began on 01 Oct 2026', 'Plan ends on 09 Dec 2026'))]
    for refused in (clinic.desk, clinic.boss):
        with pytest.raises(PermissionDenied):
            await clinician_day.clinician_day(actor=refused)


async def test_opening_my_day_is_audited_once_and_a_redraw_is_not(clinic: BillingClinic) -> None:
    await clinician_day.clinician_day(actor=clinic.doctor)
    await clinician_day.clinician_day(actor=clinic.doctor, audited=False)
    await audit.flush()
    events = await AuditEvent.filter(entity_type='report').values_list('entity_id', 'detail')
    assert events == [(f'clinician-day-{clinic.clinic.doctor.id}',
                       'My day, 07 Dec 2026: 1 appointment, 3 patients due for review')]
