"""Canaries: distinctive health data saved through the app never appears in plain text on disk.

Not in the database file or its WAL, a backup, the logs (even with SQL logged at debug level),
the audit trail, NiceGUI's storage files, or anywhere else in the data directory.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from nicegui.storage import Storage
from nicegui.testing import User
from tortoise import Tortoise

import app.db
from app.audit import Action, audit
from app.audit.diff import changes_between, hidden_fields, snapshot
from app.auth.sessions import actor_for
from app.cli import main
from app.config import get_settings, load_settings, use_settings
from app.db import close_database, open_database
from app.logs import configure_logging
from app.security import totp
from app.security.encrypted_files import health_uploads_dir, read_encrypted, write_encrypted
from app.services import two_factor
from models import MODEL_MODULES
from models.accounts import Role
from models.accounts import User as StaffUser
from models.audit import AuditEvent
from tests.factories import make_user, sign_in
from tests.vault_models import MODULE, VaultNote

NOTE = 'CANARY-7f3a: L4-L5 disc herniation, patient fears surgery'
AMENDED = 'CANARY-b21c: referred for MRI after red flag'
SUMMARY = 'CANARY-5e90: bowel and bladder normal'
REPORT = b'%PDF-1.7 CANARY-d4e8 MRI lumbar spine report'
CONTROL = 'PLAIN-CONTROL-title-9911'  # an ordinary column: shows the scan does find plain text


def files_under(*folders: Path) -> Iterator[Path]:
    for folder in folders:
        yield from (path for path in folder.rglob('*') if path.is_file())


def holding(needles: list[bytes], *folders: Path) -> dict[str, list[str]]:
    """Which files hold which needle (in their raw bytes)."""
    found: dict[str, list[str]] = {}
    for path in files_under(*folders):
        content = path.read_bytes()
        for needle in needles:
            if needle in content:
                found.setdefault(needle.decode(errors='replace'), []).append(str(path))
    return found


@pytest.fixture
def sql_logged_at_debug(environment: Path) -> Iterator[Path]:
    """The app's log file, with every SQL statement and its parameters logged (the worst case)."""
    path = configure_logging(environment / 'logs')
    root = logging.getLogger()
    handler = next(handler for handler in root.handlers if handler.get_name() == 'prospine-file')
    handler.setLevel(logging.DEBUG)
    logging.getLogger('tortoise').setLevel(logging.DEBUG)
    yield path
    root.removeHandler(handler)
    handler.close()
    logging.getLogger('tortoise').setLevel(logging.WARNING)


def test_health_data_is_never_on_disk_in_plain_text(environment: Path, monkeypatch: pytest.MonkeyPatch,
                                                     sql_logged_at_debug: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    database = environment / 'prospine.sqlite3'
    monkeypatch.setenv('PROSPINE_DATABASE_URL', f'sqlite://{database}')
    monkeypatch.setattr(app.db, 'MODEL_MODULES', [*MODEL_MODULES, MODULE])
    use_settings(load_settings())
    secrets: list[bytes] = []

    async def save_and_scan_while_open() -> dict[str, list[str]]:
        await open_database(get_settings())
        try:
            await Tortoise.generate_schemas(safe=True)  # the test-only table the migrations do not know
            staff = await make_user(Role.DOCTOR, username='ravi')
            actor = await actor_for(staff, session_id=None)
            enrolment = await two_factor.begin_enrolment(actor=actor)
            await two_factor.confirm_enrolment(actor=actor, secret=enrolment.secret,
                                               code=totp.current_code(enrolment.secret))
            secrets.append(enrolment.secret.encode())
            note = await VaultNote.create(body=NOTE, summary=SUMMARY, title=CONTROL)
            async with audit.change(actor, action=Action.UPDATE, entity_type='vault-note', entity_id=note.id) as event:
                before = snapshot(note, ['body', 'title'])
                note.body = AMENDED
                await note.save(update_fields=['body'])
                event.set_changes(changes_between(before, snapshot(note, ['body', 'title']),
                                                  hidden=hidden_fields(VaultNote)))
            write_encrypted(health_uploads_dir() / 'patient-1' / 'mri.pdf', REPORT)
            # Reading back gives the plain text: the data is there, only encrypted.
            assert (await VaultNote.get(id=note.id)).body == AMENDED
            assert (await StaffUser.get(id=staff.id)).totp_secret == enrolment.secret
            assert read_encrypted(health_uploads_dir() / 'patient-1' / 'mri.pdf') == REPORT
            [change] = await AuditEvent.filter(entity_type='vault-note')
            assert change.changes == '{"body": "(not recorded)"}'
            assert (database.with_name(database.name + '-wal')).exists()
            return holding(canaries(), environment)  # the database and its WAL while the app holds them
        finally:
            await close_database()

    def canaries() -> list[bytes]:
        return [NOTE.encode(), AMENDED.encode(), SUMMARY.encode(), REPORT, b'CANARY', *secrets]

    assert asyncio.run(save_and_scan_while_open()) == {}
    assert main(['backup']) == 0
    capsys.readouterr()
    backups = list((environment / 'backups').glob('*.backup'))
    assert len(backups) == 1
    assert holding(canaries(), environment) == {}  # database, backup, logs, uploads, keys, audit head
    assert 'vault_note' in sql_logged_at_debug.read_text(encoding='utf-8')  # SQL was logged, with ciphertext
    # The scan does find plain text: the ordinary column is in the database and in the debug SQL log.
    assert sorted(holding([CONTROL.encode()], environment)[CONTROL]) == sorted([str(database),
                                                                                 str(sql_logged_at_debug)])


async def test_the_authenticator_secret_shown_at_enrolment_stays_off_disk(user: User, environment: Path) -> None:
    staff = await make_user(Role.DOCTOR, username='ravi', full_name='Dr Ravi Menon')
    await sign_in(user, staff)
    await user.open('/account/two-factor')
    user.find(marker='start-enrolment').click()
    await user.should_see(marker='secret')
    secret = user.find(marker='secret').elements.pop().text.replace(' ', '')
    user.find(marker='code').type(totp.current_code(secret))
    user.find(marker='confirm').click()
    await user.should_see(marker='codes-heading', retries=20)
    await staff.refresh_from_db()
    assert staff.totp_enabled and staff.totp_secret == secret
    await asyncio.sleep(0.5)  # NiceGUI writes its storage files in the background
    assert holding([secret.encode()], environment, Storage.path) == {}  # logs, NiceGUI storage files
    trail = ' '.join(str(value) for row in await AuditEvent.all().values() for value in row.values())
    assert secret not in trail and 'totp_secret' in trail
