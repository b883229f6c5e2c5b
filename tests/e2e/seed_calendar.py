"""Give a running clinic a day to drag appointments in: three clinicians, patients, open every day 08:00-20:00,
and appointments tomorrow (the branch's tomorrow, so the test never books a day that has passed).

Prints {"day": ISO date, "clinicians": {name: id}, "appointments": {patient name: id}} as JSON.
Run as `python -m tests.e2e.seed_calendar` with the PROSPINE_* variables of the server under test.
"""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, time, timedelta

from app.clock import utcnow
from app.services import appointments, clinic_hours, users
from app.services.appointments import BookingInput
from app.services.patients import PatientDetails, register_patient
from models.clinic import Branch
from tests.e2e.seeding import superadmin_of_served_clinic

CLINICIANS = ('Dr Kavita Mehta', 'Dr Rohan Shah', 'Dr Ananya Kulkarni')
# (patient, clinician index, start hour, minutes)
BOOKINGS = (('Meera Iyer', 0, 10, 30), ('Arjun Menon', 1, 11, 45), ('Farah Khan', 0, 12, 30),
            ('Sanjay Patil', 2, 9, 60), ('Lakshmi Narayanan', 1, 15, 30))


async def seed() -> dict[str, object]:
    async with superadmin_of_served_clinic() as actor:
        branch = await Branch.get(id=actor.branch_id)
        await clinic_hours.set_opening_hours(actor=actor, branch_id=branch.id,
                                             week=dict.fromkeys(range(7), '08:00-20:00'))
        clinicians = {}
        for number, name in enumerate(CLINICIANS):
            row = await users.create_user(actor=actor, username=f'clinician{number}', role='doctor', full_name=name,
                                          branch_id=branch.id, temporary_password='temporary desk password 2026')
            clinicians[name] = row.id
        day = (utcnow().astimezone(clinic_hours.zone_of(branch)) + timedelta(days=1)).date()
        booked = {}
        for number, (patient_name, clinician, hour, minutes) in enumerate(BOOKINGS):
            patient = await register_patient(actor=actor, details=PatientDetails(
                full_name=patient_name, phone=f'98200 0{number:04d}', gender='female'))
            row = await appointments.book(actor=actor, booking=BookingInput(
                patient_id=patient.id,
                clinician_id=clinicians[CLINICIANS[clinician]], service='physiotherapy',
                starts=datetime.combine(day, time(hour)), minutes=minutes))
            booked[patient_name] = str(row.id)
        return {'day': day.isoformat(), 'clinicians': clinicians, 'appointments': booked}


if __name__ == '__main__':
    print(json.dumps(asyncio.run(seed())))
