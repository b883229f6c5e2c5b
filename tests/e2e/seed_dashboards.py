"""Give a running clinic a day for each role's home page: a receptionist, a doctor and an admin, and visits today.

Today (the branch's clock): Meera's visit with the doctor is completed and Arjun was a no-show, a few
minutes ago; Farah is booked for later and owes ₹1,200 on an issued invoice; Meera paid ₹500 by UPI.
Prints {"password": ..., "users": {role: username}, "patients": {name: UID}} as JSON.
Run as `python -m tests.e2e.seed_dashboards` with the PROSPINE_* variables of the server under test.
"""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, time, timedelta

from app.clock import clinic_today, utcnow
from app.config import get_settings
from app.services import invoices, payments, users
from app.services.invoices import LineInput
from app.services.patients import PatientDetails, register_patient
from models.accounts import User
from models.clinic import Service
from models.scheduling import Appointment, AppointmentStatus
from tests.e2e.seeding import superadmin_of_served_clinic

PASSWORD = 'dashboard e2e password 2026'
STAFF = {'reception': ('desk.e2e', 'Priya Nair'), 'doctor': ('doctor.e2e', 'Dr Kavita Mehta'),
         'admin': ('admin.e2e', 'Sunita Kapoor')}
# (patient, minutes from now, status)
VISITS = (('Meera Iyer', -20, AppointmentStatus.COMPLETED), ('Arjun Menon', -15, AppointmentStatus.NO_SHOW),
          ('Farah Khan', 90, AppointmentStatus.BOOKED))


async def seed() -> dict[str, object]:
    async with superadmin_of_served_clinic() as actor:
        for role, (username, full_name) in STAFF.items():
            await users.create_user(actor=actor, username=username, full_name=full_name, role=role,
                                    branch_id=actor.branch_id, temporary_password=PASSWORD)
        await User.filter(username__in=[username for username, _ in STAFF.values()]).update(
            must_change_password=False)  # signed in by the test as they would be after their first day
        doctor = await User.get(username=STAFF['doctor'][0])
        uids = {}
        now = utcnow()
        midnight = datetime.combine(clinic_today(), time(), tzinfo=get_settings().tz)
        # every visit today at the clinic, whatever the hour the suite runs at (22:30 used to push Farah to tomorrow)
        earliest, latest = midnight, midnight + timedelta(days=1, minutes=-30)
        for number, (name, minutes, status) in enumerate(VISITS):
            patient = await register_patient(actor=actor, details=PatientDetails(
                full_name=name, phone=f'98200 1{number:04d}', gender='female'))
            uids[name] = patient.uid
            starts = min(max(now + timedelta(minutes=minutes), earliest), latest)  # written directly: the
            # booking rules refuse the past
            await Appointment.create(branch_id=actor.branch_id, patient_id=patient.id, clinician=doctor,
                                     service=Service.PHYSIOTHERAPY, starts_at=starts,
                                     ends_at=starts + timedelta(minutes=30), status=status)
        bill = await invoices.start_invoice(actor=actor, patient_uid=uids['Farah Khan'])
        await invoices.add_line(actor=actor, invoice_id=bill.id,
                                line=LineInput(description='Physiotherapy session', unit_price='1200'))
        await invoices.issue(actor=actor, invoice_id=bill.id)
        await payments.take_payment(actor=actor, patient_uid=uids['Meera Iyer'], payment=payments.PaymentInput(
            amount='500', mode='upi', keep_rest_as_credit=True))
        return {'password': PASSWORD, 'users': {role: username for role, (username, _) in STAFF.items()},
                'patients': uids}


if __name__ == '__main__':
    print(json.dumps(asyncio.run(seed())))
