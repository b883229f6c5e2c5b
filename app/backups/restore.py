"""Restore a backup into the data directory, with the app stopped.

Everything is checked before the live files change: the key, every chunk, the file list and
`PRAGMA integrity_check`. Then the database is swapped in with one rename, the uploads and the
audit head follow, the database is opened (applying newer migrations) and the audit chain is
verified. If anything fails after the swap, the previous database, uploads and head are put back.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.audit import Action, EntityType, audit, system_actor
from app.audit.chain import GENESIS_MAC, Anchor, AuditKeyError, audit_key, head_path, key_path, write_head
from app.audit.verify import verify_chain
from app.backups.archive import BackupError, DamagedBackup, SealedReader, read_header
from app.backups.make import database_path
from app.backups.pack import DATABASE_NAME, UPLOADS_PREFIX, read_payload
from app.backups.snapshot import audit_head_of, holds_data, integrity
from app.config import Settings
from app.db import close_database, open_database
from app.security.keyring import KEYRING_FILE, KeyringError, UnknownKey, keyring
from app.security.private_files import write_private_file
from app.serve_lock import ServeLock, try_lock

_SIDE_FILES = ('-wal', '-shm', '-journal')


@dataclass(frozen=True, kw_only=True)
class RestoreResult:
    """What was restored, for the admin to read."""

    created: str
    kind: str
    events_checked: int
    uploads: int


async def restore_backup(*, settings: Settings, source: Path, force: bool = False) -> RestoreResult:
    """Replace the database and uploads with a backup's; refuse while the app runs or data would be lost."""
    database = database_path(settings)
    with _claim(settings, database, source=source, force=force):
        staging = Path(tempfile.mkdtemp(prefix='.restore-', dir=settings.data_dir))
        try:
            manifest = await asyncio.to_thread(_unpack, settings, source, staging / 'new')
            previous = _swap_in(settings, database, new=staging / 'new', keep=staging / 'previous', manifest=manifest)
            try:
                checked = await _open_and_verify(settings, source=source, manifest=manifest)
            except BaseException:
                _put_back(settings, database, previous)
                raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    uploads = sum(1 for item in manifest['files'] if item['name'].startswith(f'{UPLOADS_PREFIX}/'))
    return RestoreResult(created=str(manifest['created']), kind=str(manifest.get('kind', '')),
                         events_checked=checked, uploads=uploads)


def _claim(settings: Settings, database: Path, *, source: Path, force: bool) -> ServeLock:
    """Take the serving lock for the restore, after checking that it may run at all."""
    if not source.is_file():
        raise BackupError(f'There is no backup file at {source}.')
    lock = try_lock(settings.data_dir)
    if lock is None:
        raise BackupError('The clinic app is running on this data directory; stop it first, then restore.')
    if not force and holds_data(database):
        lock.release()
        raise BackupError(f'{database} already holds data; add --force to replace it with the backup.')
    return lock


def _unpack(settings: Settings, source: Path, target: Path) -> dict[str, Any]:
    """Decrypt and unpack a backup into `target`, then check the database in it."""
    with source.open('rb') as handle:
        header, digest = read_header(handle)
        key = _key_for(settings.data_dir, header.key_id)
        manifest = read_payload(SealedReader(handle, header=header, digest=digest, key=key), target=target)
    snapshot = target / DATABASE_NAME
    if (check := integrity(snapshot)) != 'ok':
        raise BackupError(f'The database in the backup failed its integrity check ({check}); nothing was restored.')
    head, listed = audit_head_of(snapshot), manifest.get('audit_head')
    found = (head.seq, head.mac) if head else None
    if found != ((int(listed['seq']), str(listed['mac'])) if listed else None):
        raise DamagedBackup('the audit trail does not match the manifest')
    if head is not None:
        try:
            audit_key(settings.data_dir)
        except AuditKeyError:
            raise BackupError(f'The audit key {key_path(settings.data_dir)} is missing or damaged; put back the keys '
                              'folder you keep apart from the backups, then restore again.') from None
    return manifest


def _key_for(data_dir: Path, key_id: str) -> bytes:
    path = data_dir / KEYRING_FILE
    if not path.is_file():
        raise BackupError(f'This backup was made with key {key_id}, but {path} does not exist; put back the keys '
                          'folder you keep apart from the backups, then restore again.')
    try:
        return keyring(data_dir).key(key_id)
    except UnknownKey:
        raise BackupError(f'This backup was made with key {key_id}, which is not in {path}; put back the keys '
                          'folder kept with it, then restore again.') from None
    except KeyringError as error:
        raise BackupError(error.message) from None


@dataclass(frozen=True, kw_only=True)
class _Previous:
    folder: Path
    head: bytes | None


def _swap_in(settings: Settings, database: Path, *, new: Path, keep: Path, manifest: dict[str, Any]) -> _Previous:
    """Put the unpacked backup in place, keeping the previous files in `keep` until the restore succeeds."""
    keep.mkdir(mode=0o700)
    database.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    head_file = head_path(settings.data_dir)
    previous = _Previous(folder=keep, head=head_file.read_bytes() if head_file.is_file() else None)
    if database.exists():
        os.link(database, keep / database.name)
    for suffix in _SIDE_FILES:  # the old database's journal must not be applied to the new one
        side = Path(f'{database}{suffix}')
        if side.exists():
            os.replace(side, keep / side.name)
    os.replace(new / DATABASE_NAME, database)  # one rename: the old database or the new, never neither
    if settings.uploads_dir.exists():
        os.replace(settings.uploads_dir, keep / UPLOADS_PREFIX)
    if (new / UPLOADS_PREFIX).exists():
        os.replace(new / UPLOADS_PREFIX, settings.uploads_dir)
    if (listed := manifest.get('audit_head')) is not None:
        write_head(settings.data_dir, audit_key(settings.data_dir), int(listed['seq']), str(listed['mac']))
    else:  # a backup of an empty trail: the head of the empty chain
        write_head(settings.data_dir, audit_key(settings.data_dir, create=True), 0, GENESIS_MAC)
    audit.forget_published()
    return previous


def _put_back(settings: Settings, database: Path, previous: _Previous) -> None:
    """Undo `_swap_in`: the previous database, journal, uploads and audit head return."""
    for suffix in ('', *_SIDE_FILES):
        Path(f'{database}{suffix}').unlink(missing_ok=True)
    for suffix in ('', *_SIDE_FILES):
        kept = previous.folder / f'{database.name}{suffix}'
        if kept.exists():
            os.replace(kept, Path(f'{database}{suffix}'))
    shutil.rmtree(settings.uploads_dir, ignore_errors=True)
    if (previous.folder / UPLOADS_PREFIX).exists():
        os.replace(previous.folder / UPLOADS_PREFIX, settings.uploads_dir)
    head_file = head_path(settings.data_dir)
    if previous.head is None:
        head_file.unlink(missing_ok=True)
    else:
        write_private_file(head_file, previous.head)
    audit.forget_published()


async def _open_and_verify(settings: Settings, *, source: Path, manifest: dict[str, Any]) -> int:
    """Open the restored database, verify its audit chain and record the restore; return events checked."""
    try:
        await open_database(settings)
    except Exception as error:
        raise BackupError(f'The restored database could not be opened ({error}); the previous one was kept.') \
            from error
    try:
        listed = manifest.get('audit_head')
        anchor = Anchor.of_event(int(listed['seq']), str(listed['mac'])) if listed else None
        report = await verify_chain(anchor=anchor)
        if not report.ok:
            raise BackupError(f'The audit trail in the backup does not verify: {report.problem} '
                              'The previous database was kept.')
        await audit.record(system_actor('cli'), action=Action.RESTORE, entity_type=EntityType.BACKUP,
                           entity_id=source.name,
                           detail=f'backup made {manifest["created"]}; {report.checked} audit events verified')
        return report.checked
    except BackupError:
        raise
    except Exception as error:
        raise BackupError(f'The restored database could not be checked ({error}); the previous one was kept.') \
            from error
    finally:
        with contextlib.suppress(Exception):
            await close_database()
