"""Key rotation: `prospine keys rotate` re-encrypts every value and health file, resumes after an interruption."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tortoise import Tortoise, connections
from tortoise.backends.base.executor import EXECUTOR_CACHE

import app.db
from app import keys_cli
from app.auth import sign_in
from app.cli import main
from app.clock import clock
from app.config import get_settings, load_settings, use_settings
from app.db import close_database, open_database, tortoise_config
from app.security.encrypted_files import health_uploads_dir, read_encrypted, write_encrypted
from app.security.key_rotation import key_status, rotate_keys
from app.security.keyring import KeyringError, key_id_of, key_id_of_blob, keyring
from app.security.totp import current_code
from models import MODEL_MODULES
from models.accounts import User
from tests.factories import make_user
from tests.postgres import postgres_database
from tests.vault_models import MODULE, VaultNote

SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
NOTES = [(f'Visit {n}: lumbar pain grade {n}', f'Plan {n}' if n % 2 else None) for n in range(7)]
FILES = {'patient-1/mri.pdf': b'%PDF MRI of patient 1', 'patient-2/photo.jpg': b'JPEG posture photo'}
VALUES = len(NOTES) + sum(1 for _, summary in NOTES if summary) + 1  # bodies, summaries, the TOTP secret
ENCRYPTED_COLUMNS = [('vault_note', 'body'), ('vault_note', 'summary_text'), ('user_account', 'totp_secret')]


# The command, against a SQLite file in the test's data directory

@pytest.fixture
def clinic(environment: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A migrated SQLite file holding encrypted notes, a TOTP secret and health files; returns the database."""
    database = environment / 'clinic.sqlite3'
    monkeypatch.setenv('PROSPINE_DATABASE_URL', f'sqlite://{database}')
    monkeypatch.setenv('NICEGUI_STORAGE_PATH', str(environment / 'nicegui'))
    monkeypatch.setattr(app.db, 'MODEL_MODULES', [*MODEL_MODULES, MODULE])  # the command sees VaultNote too
    use_settings(load_settings())
    clock.freeze(datetime(2025, 3, 3, 4, 30, 5, tzinfo=UTC))
    umask = os.umask(0o022)
    os.umask(umask)
    asyncio.run(_seed())
    yield database
    os.umask(umask)  # main() narrows it for the process


async def _seed() -> None:
    await open_database(get_settings())
    try:
        await Tortoise.generate_schemas(safe=True)  # the test-only table the migrations do not know
        for body, summary in NOTES:
            await VaultNote.create(body=body, summary=summary, title='note')
        staff = await make_user(username='ravi')
        staff.totp_secret, staff.totp_enabled = SECRET, True
        await staff.save(update_fields=['totp_secret', 'totp_enabled'])
    finally:
        await close_database()
    for name, content in FILES.items():
        write_encrypted(health_uploads_dir() / name, content)


def stored_tokens(database: Path) -> list[str]:
    with closing(sqlite3.connect(database)) as db:
        return [token for table, column in ENCRYPTED_COLUMNS
                for (token,) in db.execute(f'SELECT {column} FROM {table} WHERE {column} IS NOT NULL')]


def rotation_events(database: Path) -> list[tuple[str, str, str, str]]:
    with closing(sqlite3.connect(database)) as db:
        return db.execute("SELECT username, outcome, entity_id, detail FROM audit_event "
                          "WHERE action = 'key-rotation' ORDER BY seq").fetchall()


def timestamps(database: Path) -> list[tuple]:
    with closing(sqlite3.connect(database)) as db:
        return db.execute('SELECT id, updated_at FROM vault_note ORDER BY id').fetchall()


def file_key_ids() -> list[str]:
    return [key_id_of_blob((health_uploads_dir() / name).read_bytes()) for name in FILES]


async def _read_back() -> tuple[list[tuple[str, str | None]], bool]:
    """Decrypt every note and sign in with the authenticator code, after the rotation."""
    await open_database(get_settings())
    try:
        notes = sorted((note.body, note.summary) for note in await VaultNote.all())
        staff = await User.get(username='ravi')
        outcome = await sign_in.check_code(user_id=staff.id, code=current_code(SECRET))
        return notes, outcome.ok
    finally:
        await close_database()


def test_keys_rotate_re_encrypts_every_value_and_file_under_the_new_key(
        clinic: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ring = keyring(get_settings().data_dir)
    old = ring.current_key_id
    assert {key_id_of(token) for token in stored_tokens(clinic)} == {old}
    before = timestamps(clinic)

    assert main(['keys', 'rotate', '--batch-size', '3']) == 0

    new = ring.current_key_id
    out, err = capsys.readouterr()
    total = VALUES + len(FILES)
    assert f'Re-encrypting  [{"#" * 30}]  {total}/{total}' in err
    assert out.strip() == (f'Key rotation finished: {VALUES} value(s) and {len(FILES)} file(s) re-encrypted '
                           f'from key(s) {old} to key {new}.')
    assert new != old and ring.key_ids == (old, new) and ring.rotation_target is None
    tokens = stored_tokens(clinic)
    assert len(tokens) == VALUES and {key_id_of(token) for token in tokens} == {new}
    assert file_key_ids() == [new, new]
    assert [read_encrypted(health_uploads_dir() / name) for name in FILES] == list(FILES.values())
    assert timestamps(clinic) == before  # raw updates leave auto_now alone
    assert rotation_events(clinic) == [
        ('system:cli', 'success', new, f'started: re-encrypting under key {new}'),
        ('system:cli', 'success', new, f'finished: {VALUES} value(s) and {len(FILES)} file(s) re-encrypted from '
                                       f'key(s) {old} to key {new}')]
    assert main(['audit', 'verify']) == 0

    notes, signed_in = asyncio.run(_read_back())
    assert notes == sorted(NOTES)
    assert signed_in  # the TOTP secret was re-encrypted and still works

    assert main(['keys', 'status']) == 0
    status = capsys.readouterr().out
    assert f'Current key: {new} (2 key(s) in ' in status
    assert 'No rotation is unfinished.' in status
    assert f'Encrypted values by key:\n  {new}  {VALUES}\n' in status
    assert f'Encrypted files by key:\n  {new}  {len(FILES)}\n' in status


def test_an_interrupted_rotation_resumes_with_the_same_new_key(
        clinic: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    ring = keyring(get_settings().data_dir)
    old = ring.current_key_id
    reached: list[int] = []
    draw = keys_cli.ProgressBar.__call__

    def power_cut(bar: keys_cli.ProgressBar, done: int, total: int) -> None:
        if done and not reached:  # Ctrl-C once the first batch is committed
            reached.append(done)
            raise KeyboardInterrupt
        draw(bar, done, total)

    monkeypatch.setattr(keys_cli.ProgressBar, '__call__', power_cut)
    assert main(['keys', 'rotate', '--batch-size', '2']) == 130
    assert 'Run `prospine keys rotate` again to resume with the same new key.' in capsys.readouterr().err

    target = ring.rotation_target
    assert target is not None and target != old and ring.current_key_id == target
    on_target = [token for token in stored_tokens(clinic) if key_id_of(token) == target]
    assert 0 < len(on_target) == reached[0] < VALUES  # the finished batch is kept, the rest waits
    assert file_key_ids() == [old, old]

    assert [detail.split(':')[0] for *_, detail in rotation_events(clinic)] == ['started']
    assert main(['keys', 'rotate', '--batch-size', '2']) == 0
    out = capsys.readouterr().out
    assert [detail.split(':')[0] for *_, detail in rotation_events(clinic)] == ['started', 'resumed', 'finished']
    assert f'{VALUES - reached[0]} value(s) and {len(FILES)} file(s) re-encrypted' in out
    assert ring.key_ids == (old, target) and ring.current_key_id == target and ring.rotation_target is None
    assert {key_id_of(token) for token in stored_tokens(clinic)} == {target}
    assert file_key_ids() == [target, target]
    assert asyncio.run(_read_back()) == (sorted(NOTES), True)


def test_keys_status_names_an_unfinished_rotation(clinic: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ring = keyring(get_settings().data_dir)
    old = ring.current_key_id
    target = ring.rotate_begin()

    assert main(['keys', 'status']) == 0
    status = capsys.readouterr().out
    assert f'Current key: {target} (2 key(s) in ' in status
    assert f'Rotation to key {target} is unfinished: run `prospine keys rotate` to finish it.' in status
    assert f'Encrypted values by key:\n  {old}  {VALUES}\n' in status


# The service, against an in-memory database



async def test_rotation_reports_progress_and_every_rotation_takes_a_new_key(vault: None) -> None:
    for body, summary in NOTES:
        await VaultNote.create(body=body, summary=summary)
    calls: list[tuple[int, int]] = []

    first = await rotate_keys(progress=lambda done, total: calls.append((done, total)), batch_size=4)
    again = await rotate_keys()

    assert first.values == VALUES - 1 and first.files == 0
    assert calls[0] == (0, VALUES - 1) and calls[-1] == (VALUES - 1, VALUES - 1)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert again.values == VALUES - 1 and again.old_key_ids == (first.new_key_id,)
    assert again.new_key_id not in (first.new_key_id, *first.old_key_ids)
    assert sorted((note.body, note.summary) for note in await VaultNote.all()) == sorted(NOTES)


async def test_values_already_under_the_new_key_are_skipped(vault: None) -> None:
    notes = [await VaultNote.create(body=body, summary=summary) for body, summary in NOTES]
    target = keyring(get_settings().data_dir).rotate_begin()  # as if a rotation had been interrupted
    notes[1].body = 'Rewritten since'  # saved by the app under the new current key
    await notes[1].save()

    report = await rotate_keys()

    assert report.new_key_id == target
    assert report.values == VALUES - 1 - 2  # saving wrote both values of that note under the new key
    assert (await VaultNote.get(id=notes[1].id)).body == 'Rewritten since'


async def test_a_value_that_does_not_decrypt_stops_the_rotation_naming_the_row(vault: None) -> None:
    note = await VaultNote.create(body='Sciatica')
    other = await VaultNote.create(body='Whiplash')
    await connections.get('default').execute_query(
        'UPDATE vault_note SET body = (SELECT body FROM vault_note WHERE id = ?) WHERE id = ?',
        [str(note.id), str(other.id)])

    with pytest.raises(KeyringError, match=f'vault_note.body of row {other.id}: '):
        await rotate_keys()
    assert keyring(get_settings().data_dir).rotation_target is not None  # unfinished, so it resumes later


@pytest.mark.postgres
async def test_rotation_works_on_postgresql() -> None:
    EXECUTOR_CACHE.clear()  # Tortoise caches SQL per connection name, and SQLite tests used 'default' too
    async with postgres_database() as url:
        await Tortoise.init(config=tortoise_config(url, extra_model_modules=[MODULE]), _enable_global_fallback=True)
        try:
            await Tortoise.generate_schemas()
            for body, summary in NOTES:
                await VaultNote.create(body=body, summary=summary)

            report = await rotate_keys(batch_size=3)

            _, rows = await connections.get('default').execute_query(
                'SELECT body, summary_text FROM vault_note WHERE title = $1', [''])
            tokens = [token for row in rows for token in (row['body'], row['summary_text']) if token]
            assert report.values == len(tokens) == VALUES - 1
            assert {key_id_of(token) for token in tokens} == {report.new_key_id}
            assert sorted((note.body, note.summary) for note in await VaultNote.all()) == sorted(NOTES)
            assert (await key_status()).values_by_key == {report.new_key_id: VALUES - 1}
        finally:
            await Tortoise.close_connections()
            EXECUTOR_CACHE.clear()
