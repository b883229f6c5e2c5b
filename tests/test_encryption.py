"""Encryption at rest: the key file, encrypted columns bound to their row and column, encrypted files."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from tortoise import Tortoise, connections

from app.config import get_settings
from app.security.encrypted_fields import EncryptedFieldError, EncryptedTextField, encrypted_columns
from app.security.encrypted_files import health_uploads_dir, read_encrypted, write_encrypted
from app.security.keyring import (
    BLOB_MAGIC,
    DecryptionFailed,
    Keyring,
    KeyringError,
    UnknownKey,
    key_id_of,
    key_id_of_blob,
    keyring,
)
from models.accounts import User
from tests.factories import make_user
from tests.vault_models import VaultNote

REPO = Path(__file__).resolve().parent.parent




async def raw(sql: str, *values: object) -> list[dict]:
    return [dict(row) for row in (await connections.get('default').execute_query(sql, list(values)))[1]]


def ring() -> Keyring:
    """The keyring of the test's data directory."""
    return keyring(get_settings().data_dir)


# Encrypted columns

async def test_values_round_trip_and_the_columns_hold_only_ciphertext(vault: None) -> None:
    note = await VaultNote.create(body='L4-L5 disc bulge, radiating pain', summary='Needs an MRI', title='Spine')
    loaded = await VaultNote.get(id=note.id)
    assert (loaded.body, loaded.summary, loaded.title) == ('L4-L5 disc bulge, radiating pain', 'Needs an MRI', 'Spine')

    row = (await raw('SELECT body, summary_text, title FROM vault_note'))[0]
    for column in ('body', 'summary_text'):
        assert row[column].startswith(f'enc1:{ring().current_key_id}:')
    assert 'disc bulge' not in row['body'] and 'MRI' not in row['summary_text']
    assert row['title'] == 'Spine'


async def test_none_stays_none_and_changes_are_saved_encrypted(vault: None) -> None:
    note = await VaultNote.create(body='first visit')
    assert (await VaultNote.get(id=note.id)).summary is None
    assert (await raw('SELECT summary_text FROM vault_note'))[0]['summary_text'] is None

    note.summary = 'Improving'
    await note.save()
    await note.refresh_from_db(fields=['summary'])
    assert note.summary == 'Improving'
    assert (await raw('SELECT summary_text FROM vault_note'))[0]['summary_text'].startswith('enc1:')


async def test_a_ciphertext_copied_to_another_row_is_refused(vault: None) -> None:
    first = await VaultNote.create(body='HIV positive')
    second = await VaultNote.create(body='Sprained ankle')
    await raw('UPDATE vault_note SET body = (SELECT body FROM vault_note WHERE id = ?) WHERE id = ?',
              str(first.id), str(second.id))

    assert (await VaultNote.get(id=first.id)).body == 'HIV positive'
    with pytest.raises(DecryptionFailed, match=re.escape(f'vault_note.body.{second.id}')):
        await VaultNote.get(id=second.id)


async def test_a_ciphertext_copied_to_another_column_of_the_row_is_refused(vault: None) -> None:
    note = await VaultNote.create(body='Depression, on sertraline', summary='Routine')
    await raw('UPDATE vault_note SET summary_text = body WHERE id = ?', str(note.id))

    with pytest.raises(DecryptionFailed):
        await VaultNote.get(id=note.id)


async def test_an_altered_ciphertext_is_refused(vault: None) -> None:
    note = await VaultNote.create(body='Diabetic')
    token = (await raw('SELECT body FROM vault_note'))[0]['body']
    flipped = token[:-3] + ('A' if token[-3] != 'A' else 'B') + token[-2:]
    await raw('UPDATE vault_note SET body = ? WHERE id = ?', flipped, str(note.id))

    with pytest.raises(DecryptionFailed):
        await VaultNote.get(id=note.id)


async def test_a_ciphertext_of_a_key_not_in_the_file_is_refused_with_a_sentence(vault: None) -> None:
    note = await VaultNote.create(body='Asthma')
    token = (await raw('SELECT body FROM vault_note'))[0]['body']
    await raw('UPDATE vault_note SET body = ? WHERE id = ?', token.replace(key_id_of(token), 'deadbeef', 1),
              str(note.id))

    with pytest.raises(UnknownKey, match=r"key 'deadbeef', which is not in .*keyring.json; restore"):
        await VaultNote.get(id=note.id)


async def test_bulk_updates_and_filters_on_encrypted_columns_are_refused(vault: None) -> None:
    note = await VaultNote.create(body='Migraine')
    with pytest.raises(EncryptedFieldError, match='save the value through the instance'):
        await VaultNote.filter(id=note.id).update(body='changed')
    with pytest.raises(EncryptedFieldError):
        await VaultNote.filter(body='Migraine').first()
    assert (await VaultNote.get(id=note.id)).body == 'Migraine'


async def test_a_value_needs_the_row_id_before_it_is_saved(vault: None) -> None:
    with pytest.raises(EncryptedFieldError, match='row id, which is not known yet'):
        await make_user(totp_secret='JBSWY3DPEHPK3PXP')  # User ids come from the database
    staff = await make_user()
    staff.totp_secret = 'JBSWY3DPEHPK3PXP'
    await staff.save(update_fields=['totp_secret'])
    assert (await User.get(id=staff.id)).totp_secret == 'JBSWY3DPEHPK3PXP'


async def test_every_encrypted_column_is_listed(vault: None) -> None:
    listed = {(column.model.__name__, column.field_name, column.column) for column in encrypted_columns()}
    assert {('User', 'totp_secret', 'totp_secret'), ('VaultNote', 'body', 'body'),
            ('VaultNote', 'summary', 'summary_text')} <= listed  # under their column names
    every_field = {(model.__name__, name) for app in Tortoise.apps.values() for model in app.values()
                   for name, field in model._meta.fields_map.items() if isinstance(field, EncryptedTextField)}
    assert {(model, name) for model, name, _ in listed} == every_field  # nothing is missed by the rotation


# The key file

async def test_the_key_file_is_created_private_at_first_use(vault: None, environment: Path) -> None:
    path = environment / 'keys' / 'keyring.json'
    assert not path.exists()
    await VaultNote.create(body='Scoliosis')

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    record = json.loads(path.read_text())
    assert [key['id'] for key in record['keys']] == [record['current']] and record['rotation'] is None
    assert len(base64.b64decode(record['keys'][0]['key'])) == 32
    assert [p.name for p in path.parent.iterdir() if p.name.startswith('.')] == []  # no temporary file left


async def test_the_old_secrets_key_is_imported_so_old_ciphertexts_still_read(vault: None, environment: Path) -> None:
    key = os.urandom(32)
    (environment / 'keys').mkdir(parents=True, exist_ok=True)  # the audit key may be there already
    (environment / 'keys' / 'secrets.key').write_text(json.dumps({'key_id': 'a1b2c3d4',
                                                                  'key': base64.b64encode(key).decode()}))
    staff = await make_user()
    nonce = os.urandom(12)  # what the former SecretBox stored
    sealed = AESGCM(key).encrypt(nonce, b'JBSWY3DPEHPK3PXP', f'user_account.totp_secret:{staff.id}'.encode())
    await raw('UPDATE user_account SET totp_secret = ? WHERE id = ?',
              f'v1:a1b2c3d4:{base64.b64encode(nonce + sealed).decode()}', staff.id)

    assert ring().current_key_id == 'a1b2c3d4'
    assert (await User.get(id=staff.id)).totp_secret == 'JBSWY3DPEHPK3PXP'


async def test_a_running_process_sees_a_key_another_process_added(vault: None, environment: Path) -> None:
    note = await VaultNote.create(body='Knee replacement')
    first = ring().current_key_id
    script = ('import sys; from pathlib import Path; from app.security.keyring import Keyring; '
              'print(Keyring(Path(sys.argv[1])).rotate_begin())')
    command = [sys.executable, '-c', script, str(environment)]
    finished = await asyncio.to_thread(subprocess.run, command, cwd=REPO, check=True, capture_output=True, text=True)
    added = finished.stdout.strip()

    assert added != first
    assert ring().current_key_id == added and ring().rotation_target == added
    assert ring().key_ids == (first, added)
    assert (await VaultNote.get(id=note.id)).body == 'Knee replacement'  # the old key still reads
    note.body = 'Knee replacement, week 2'
    await note.save()
    assert key_id_of((await raw('SELECT body FROM vault_note'))[0]['body']) == added


def test_a_damaged_key_file_is_refused_with_a_sentence(environment: Path) -> None:
    path = environment / 'keys' / 'keyring.json'
    path.parent.mkdir(parents=True)
    path.write_text('{"keys": []')
    with pytest.raises(KeyringError, match='cannot be read; restore it from a backup'):
        ring().encrypt(b'x', context='test')


# Encrypted files

def test_encrypted_files_round_trip_and_hold_no_plaintext() -> None:
    path = health_uploads_dir() / 'patient-17' / 'mri-report.pdf'
    write_encrypted(path, b'%PDF-1.7 MRI: L5-S1 herniation')

    stored = path.read_bytes()
    assert stored.startswith(BLOB_MAGIC) and b'herniation' not in stored
    assert key_id_of_blob(stored) == ring().current_key_id
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_encrypted(path) == b'%PDF-1.7 MRI: L5-S1 herniation'
    assert read_encrypted(path, context='health/patient-17/mri-report.pdf') == b'%PDF-1.7 MRI: L5-S1 herniation'


def test_an_encrypted_file_moved_elsewhere_or_read_for_another_context_is_refused() -> None:
    path = health_uploads_dir() / 'patient-17' / 'xray.png'
    write_encrypted(path, b'image bytes')
    moved = health_uploads_dir() / 'patient-18' / 'xray.png'
    moved.parent.mkdir(parents=True)
    moved.write_bytes(path.read_bytes())

    with pytest.raises(DecryptionFailed, match=re.escape('health/patient-18/xray.png')):
        read_encrypted(moved)
    with pytest.raises(DecryptionFailed):
        read_encrypted(path, context='health/patient-18/xray.png')


def test_a_file_that_is_not_encrypted_is_refused() -> None:
    path = health_uploads_dir() / 'plain.txt'
    path.parent.mkdir(parents=True)
    path.write_bytes(b'not encrypted')
    with pytest.raises(DecryptionFailed, match='not an encrypted file'):
        read_encrypted(path)


def test_encrypted_files_use_the_data_directory_uploads_folder(environment: Path) -> None:
    assert health_uploads_dir() == get_settings().uploads_dir / 'health' == environment / 'uploads' / 'health'
