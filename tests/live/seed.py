"""Make a clinic in an empty data directory for a live server: a branch, a doctor, a receptionist and an admin with live
sessions, and one patient. Prints {"tokens": {role: session token}, "patient": UID} as JSON.

Run as `python -m tests.live.seed` with the PROSPINE_* variables of the server about to start.
"""

from __future__ import annotations

import asyncio
import json

from app.auth import sessions
from app.config import load_settings, use_settings
from app.db import close_database, open_database
from models.accounts import Role
from tests.factories import make_branch, make_patient, make_user


async def seed() -> dict:
    settings = load_settings()
    use_settings(settings)
    await open_database(settings)
    try:
        branch = await make_branch('Andheri', phone='022 2620 1234')
        tokens = {}
        for role in (Role.DOCTOR, Role.RECEPTION, Role.ADMIN):
            user = await make_user(role, username=role.value, branch=branch, full_name=f'{role.value} of Andheri')
            tokens[role.value] = await sessions.issue(user=user)
        patient = await make_patient('261201-1', branch=branch)
        return {'tokens': tokens, 'patient': patient.uid}
    finally:
        await close_database()


if __name__ == '__main__':
    print(json.dumps(asyncio.run(seed())))
