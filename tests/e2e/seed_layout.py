"""Fill a running clinic's tables with rows as long as a busy desk makes them; print one patient's UID.

Inquiries with long complaints and referrals (one registered, so it has a patient UID), a second
branch, staff with long names, locked and inactive accounts, and patients: enough that every table
on /inquiries, /admin/users, /admin/branches, /audit, /patients and a patient's page meets its widest real
content.

Run as `python -m tests.e2e.seed_layout` with the PROSPINE_* variables of the server under test.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from app.clock import clinic_today, utcnow
from app.services import branches, consultations, inquiries, users
from app.services.consultations import ConsultationDetails
from app.services.patients import PatientDetails, register_patient
from models.accounts import User
from models.patients import Patient
from tests.e2e.seeding import superadmin_of_served_clinic

LONG_COMPLAINT = ('Lower back pain radiating to the left leg for three weeks, worse when sitting at the office desk '
                  'and when climbing stairs; numbness in the toes in the mornings')
LONG_REFERRAL = 'Dr Subramanian Venkataraman, Kokilaben Dhirubhai Ambani Hospital'


async def seed() -> str:
    async with superadmin_of_served_clinic() as actor:
        branch = await branches.create_branch(actor=actor, name='Bandra West (Linking Road)',
                                              clinic_name='ProSpine Physiotherapy and Speech Therapy Clinic',
                                              phone='022 2640 5678', email='bandra.linkingroad@prospine.example',
                                              gstin='27AAPFU0939F1ZV')
        await users.create_user(actor=actor, username='receptionist.bandra.west', role='reception',
                                full_name='Priyadarshini Ramakrishnan Subramaniam', branch_id=branch.id,
                                temporary_password='temporary desk password 2026')
        doctor = await users.create_user(actor=actor, username='dr.venkataraman', role='doctor',
                                         full_name='Dr Subramanian Venkataraman', branch_id=branch.id,
                                         temporary_password='temporary desk password 2026')
        await User.filter(id=doctor.id).update(failed_login_count=5, locked_until=utcnow() + timedelta(minutes=15))
        for index in range(6):
            await inquiries.create_inquiry(
                actor=actor, kind='test' if index % 2 else 'quick',
                branch_id=branch.id if index % 3 else actor.branch_id,
                full_name=f'Anantharaman Krishnamurthy Iyer {index}', phone=f'98765 4321{index}', age_years=40 + index,
                gender='male', chief_complaint=LONG_COMPLAINT, referral_source='Google search and a WhatsApp group',
                communication_type='whatsapp', expected_visit_date=clinic_today() + timedelta(days=index),
                test_name='NCV' if index % 2 else None, referred_by=LONG_REFERRAL if index % 2 else '')
        visited = await inquiries.create_inquiry(
            actor=actor, kind='quick', branch_id=actor.branch_id, full_name='Lakshmi Narayanan', phone='98201 11111',
            age_years=61, gender='female', chief_complaint=LONG_COMPLAINT, communication_type='walk-in')
        uid = await inquiries.convert_to_registration(
            actor=actor, inquiry_id=visited.id, confirm_not_duplicate=True,
            details=PatientDetails(full_name='Lakshmi Narayanan', phone='98201 11111', gender='female', age_years=61))
        for index in range(4):
            await register_patient(actor=actor, confirm_not_duplicate=True, details=PatientDetails(
                full_name=f'Venkata Satyanarayana Murthy {index}', phone=f'98330 0000{index}', gender='male',
                age_years=30 + index, address='Flat 1203, Sea Breeze Towers, Carter Road, Bandra West, Mumbai'))
        patient = await Patient.get(uid=uid)
        for fee in ('800', '1200.50'):
            await consultations.create_consultation(actor=actor, patient_id=patient.id, details=ConsultationDetails(
                chief_complaint='radiating-pain', consultation_type='in-clinic', fee=fee, payment_method='upi',
                complaint_details=LONG_COMPLAINT, follow_up_date=clinic_today() + timedelta(days=7),
                doctor_notes='SLR positive at 40 degrees on the left; power 5/5; reflexes normal. ' * 3,
                prescription='Core strengthening, McKenzie extensions, IFT 15 minutes daily for ten days'))
        return uid


if __name__ == '__main__':
    print(asyncio.run(seed()))
