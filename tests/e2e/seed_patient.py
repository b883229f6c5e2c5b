"""Register one patient in a running clinic's database, as its superadmin; print the UID.

Run as `python -m tests.e2e.seed_patient` with the PROSPINE_* variables of the server under test.
"""

from __future__ import annotations

import asyncio

from app.auth.sessions import actor_for
from app.config import load_settings, use_settings
from app.db import close_database, open_database
from app.services.patients import PatientDetails, register_patient
from models.accounts import Role, User


async def seed() -> str:
    settings = load_settings()
    use_settings(settings)
    await open_database(settings, migrate=False)  # the server has migrated it
    try:
        actor = await actor_for(await User.get(role=Role.SUPERADMIN), session_id=None)
        patient = await register_patient(actor=actor, details=PatientDetails(
            full_name='Meera Iyer', phone='98765 43210', gender='female', age_years=42,
            address='14 Linking Road, Bandra West, Mumbai', occupation='Teacher'), confirm_not_duplicate=True)
        return patient.uid
    finally:
        await close_database()


if __name__ == '__main__':
    print(asyncio.run(seed()))
