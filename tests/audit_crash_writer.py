"""A separate process that opens branches one by one through the branch service (for the crash test).

Run as `python -m tests.audit_crash_writer COUNT` with the PROSPINE_* variables of a migrated clinic
database holding a superadmin; it prints the id of each branch once its transaction has committed.
"""

from __future__ import annotations

import asyncio
import sys

from app.auth.sessions import actor_for
from app.config import load_settings, use_settings
from app.db import close_database, open_database
from app.services.branches import create_branch
from models.accounts import Role, User


async def open_branches(count: int) -> None:
    settings = load_settings()
    use_settings(settings)
    await open_database(settings)
    try:
        superadmin = await User.get(role=Role.SUPERADMIN)
        actor = await actor_for(superadmin, session_id=None)
        for number in range(count):
            branch = await create_branch(actor=actor, name=f'Crash {number:04d}', clinic_name='ProSpine Clinic')
            print(branch.id, flush=True)
    finally:
        await close_database()


if __name__ == '__main__':
    asyncio.run(open_branches(int(sys.argv[1])))
