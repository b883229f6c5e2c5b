"""Register a patient whose name and attachment name are built to break out of attributes and tags; print the UID.

Run as `python -m tests.e2e.seed_hostile` with the PROSPINE_* variables of the server under test.
"""

from __future__ import annotations

import asyncio

from app.services import attachments, medical_history
from app.services.patients import PatientDetails, register_patient
from tests.e2e.seeding import superadmin_of_served_clinic

BREAKOUT = '" data-injected="1" onload="alert(1)" x="'
HOSTILE_NAME = f'Meera{BREAKOUT}<img src=x onerror=alert(2)>'
HOSTILE_FILE = f'lab report{BREAKOUT}.pdf'
PDF = b'%PDF-1.7\nA lab report\n%%EOF'


async def seed() -> str:
    async with superadmin_of_served_clinic() as actor:
        patient = await register_patient(actor=actor, details=PatientDetails(
            full_name=HOSTILE_NAME, phone='98765 43219', gender='female', age_years=42), confirm_not_duplicate=True)
        await medical_history.add_diagnosis(actor=actor, patient_uid=patient.uid,
                                            description=f'Sprain{BREAKOUT}</script><script>alert(3)</script>')
        await attachments.save_attachment(actor=actor, patient_uid=patient.uid, content=PDF, filename=HOSTILE_FILE)
        return patient.uid


if __name__ == '__main__':
    print(asyncio.run(seed()))
