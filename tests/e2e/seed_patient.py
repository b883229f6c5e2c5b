"""Register one patient with a filled clinical record in a running clinic's database; print the UID.

The superadmin records a diagnosis (and a resolved one), a test, a pain score and a treatment plan,
so the browser tests measure the rows and buttons a clinician really meets on the patient page.

Run as `python -m tests.e2e.seed_patient` with the PROSPINE_* variables of the server under test.
"""

from __future__ import annotations

import asyncio

from app.clock import clinic_today
from app.services import diagnostic_tests, medical_history, outcomes
from app.services import treatment_plans as plans
from app.services.patients import PatientDetails, register_patient
from tests.e2e.seeding import superadmin_of_served_clinic


async def seed() -> str:
    async with superadmin_of_served_clinic() as actor:
        patient = await register_patient(actor=actor, details=PatientDetails(
            full_name='Meera Iyer', phone='98765 43210', gender='female', age_years=42,
            address='14 Linking Road, Bandra West, Mumbai', occupation='Teacher'), confirm_not_duplicate=True)
        await medical_history.add_diagnosis(actor=actor, patient_uid=patient.uid, description='Lumbar spondylosis',
                                            code='M47.8')
        sprain = await medical_history.add_diagnosis(actor=actor, patient_uid=patient.uid,
                                                     description='Ankle sprain', code='S93.4')
        await medical_history.resolve_diagnosis(actor=actor, diagnosis_id=sprain.id)
        await diagnostic_tests.add_test(actor=actor, patient_uid=patient.uid, kind='NCV', items='Median nerve',
                                        limb='Right arm', referred_by='Dr Rao')
        await outcomes.record_outcome(actor=actor, patient_id=patient.id, instrument='nprs', answers=6)
        await plans.create_plan(actor=actor, patient_id=patient.id, details=plans.PlanInput(
            service='physiotherapy', plan_type='daily', days=10, start_date=clinic_today(), cost_per_day='600',
            discount='1200', session_start='10:00', session_minutes=45))
        return patient.uid


if __name__ == '__main__':
    print(asyncio.run(seed()))
