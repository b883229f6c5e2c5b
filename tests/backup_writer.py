"""A separate process that keeps writing to the clinic database until told to stop (for the backup tests).

Each round creates a member of staff with an encrypted authenticator secret and its audit event in
one transaction, and writes an encrypted upload. Run as
`python -m tests.backup_writer READY_FILE STOP_FILE`, with the PROSPINE_* variables of the clinic;
it touches READY_FILE after 20 rounds and prints the number of rounds when it stops.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from tortoise import Tortoise

from app.audit import Action, audit, system_actor
from app.clock import utcnow
from app.config import load_settings, use_settings
from app.db import close_database, tortoise_config
from app.security.encrypted_files import health_uploads_dir, write_encrypted
from models.accounts import Role, User
from models.clinic import Branch

READY_AFTER = 20


async def write_until(ready: Path, stop: Path) -> int:
    settings = load_settings()
    use_settings(settings)
    await Tortoise.init(config=tortoise_config(settings.database_url), _enable_global_fallback=True)
    try:
        branch = await Branch.first()
        rounds = 0
        while not _exists(stop):
            rounds += 1
            async with audit.change(system_actor('writer'), action=Action.CREATE, entity_type='user') as event:
                user = await User.create(username=f'writer{rounds}', full_name=f'Writer {rounds}',
                                         role=Role.RECEPTION, branch=branch, password_hash='-',
                                         password_changed_at=utcnow())
                user.totp_secret = f'WRITER-SECRET-{rounds}'
                await user.save(update_fields=['totp_secret'])
                event.entity_id = user.id
            write_encrypted(health_uploads_dir() / f'scan-{rounds}.bin', f'scan {rounds}'.encode())
            if rounds == READY_AFTER:
                _touch(ready)
        return rounds
    finally:
        await close_database()


def _exists(path: Path) -> bool:
    return path.exists()


def _touch(path: Path) -> None:
    path.touch()


if __name__ == '__main__':
    print(asyncio.run(write_until(Path(sys.argv[1]), Path(sys.argv[2]))), flush=True)
