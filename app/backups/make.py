"""Make a backup of a SQLite installation: snapshot, pack, seal, name, audit, prune.

The blocking work runs in a worker thread, so the app keeps serving; `progress(stage, fraction)`
is called from that thread (the admin page polls what it was given). One backup runs at a time
in a process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, BinaryIO

from app.audit import Action, EntityType, Outcome, audit
from app.audit.chain import Anchor
from app.backups.archive import BackupError, Header, SealedWriter
from app.backups.pack import DATABASE_NAME, UPLOADS_PREFIX, Entry, upload_entries, write_payload
from app.backups.snapshot import audit_head_of, integrity, migration_of, take_snapshot
from app.backups.store import destination_for, prune, publish
from app.clock import utcnow
from app.config import Settings
from app.security.keyring import KeyringError, keyring

log = logging.getLogger(__name__)

Progress = Callable[[str, float], None]
DAILY = 'daily'
MANUAL = 'manual'
SNAPSHOT_SHARE = 0.2  # of the progress bar: the snapshot is one step, the rest is counted in bytes
_running = threading.Lock()


@dataclass(frozen=True, kw_only=True)
class BackupResult:
    """A finished backup: where it is and what it holds."""

    path: Path
    size: int
    created: datetime
    kind: str
    audit_seq: int | None
    audit_anchor: str = ''  # see `app.audit.chain.Anchor`
    uploads: int


class BackupBusy(BackupError):
    def __init__(self) -> None:
        super().__init__('A backup is already running; wait for it to finish.')


def database_path(settings: Settings) -> Path:
    """The SQLite file of an installation (refuses PostgreSQL and in-memory databases)."""
    if not settings.is_sqlite:
        raise BackupError('This installation keeps its data in PostgreSQL; back it up with pg_dump '
                          '(see "Backups" in the README).')
    if settings.is_memory_database:
        raise BackupError('An in-memory database cannot be backed up.')
    return Path(settings.database_url.removeprefix('sqlite://'))


async def make_backup(*, settings: Settings, actor: Any, kind: str = MANUAL, destination: Path | None = None,
                      progress: Progress | None = None) -> BackupResult:
    """Write one encrypted backup and audit it; in the backups folder, keep the newest `backup_keep`."""
    if not _running.acquire(blocking=False):
        raise BackupBusy()
    try:
        try:
            result = await asyncio.to_thread(_write_backup, settings=settings, kind=kind, destination=destination,
                                             progress=progress)
        except Exception as error:
            if isinstance(error, BackupError):
                reason = error.message
                log.warning('Backup (%s) failed: %s', kind, reason)
            else:
                reason = 'an unexpected error'
                log.exception('Backup (%s) failed', kind)
            await _audit(actor, outcome=Outcome.FAILED, name='', detail=f'{kind} backup failed: {reason}'[:500])
            if isinstance(error, BackupError):
                raise
            raise BackupError('The backup could not be written; the log file says why.') from error
        log.info('Backup written to %s (%d bytes)', result.path, result.size)
        await _audit(actor, outcome=Outcome.SUCCESS, name=result.path.name,
                     detail=f'{kind} backup, {result.size} bytes, audit trail to event #{result.audit_seq or 0}')
        if destination is None:
            for removed in await asyncio.to_thread(prune, settings.backups_dir, keep=settings.backup_keep):
                log.info('Old backup %s deleted (keeping %d)', removed.name, settings.backup_keep)
        return result
    finally:
        _running.release()


def is_running() -> bool:
    """Tell whether a backup is being made by this process right now."""
    if _running.acquire(blocking=False):
        _running.release()
        return False
    return True


async def _audit(actor: Any, *, outcome: Outcome, name: str, detail: str) -> None:
    try:
        await audit.record(actor, action=Action.BACKUP, outcome=outcome, entity_type=EntityType.BACKUP, entity_id=name,
                           detail=detail)
    except Exception:  # the backup itself stands; the log says the event is missing
        log.exception('Could not write the backup event to the audit trail')


def _write_backup(*, settings: Settings, kind: str, destination: Path | None,
                  progress: Progress | None) -> BackupResult:
    report = progress or (lambda stage, fraction: None)
    source = database_path(settings)
    if not source.is_file():
        raise BackupError(f'There is no database to back up at {source}.')
    created = utcnow()
    target = destination_for(destination, backups_dir=settings.backups_dir, moment=created)
    try:
        ring = keyring(settings.data_dir)
        key_id = ring.current_key_id
        key = ring.key(key_id)
    except KeyringError as error:
        raise BackupError(error.message) from None
    work = Path(tempfile.mkdtemp(prefix='.backup-', dir=settings.data_dir))
    partial = target.with_name(f'.{target.name}.{secrets.token_hex(4)}.partial')
    try:
        report('Copying the database', 0.0)
        snapshot = work / DATABASE_NAME
        take_snapshot(source, snapshot)
        if (check := integrity(snapshot)) != 'ok':
            raise BackupError(f'The database failed its integrity check ({check}); no backup was written.')
        report('Copying the database', SNAPSHOT_SHARE)
        entries = [Entry(name=DATABASE_NAME, source=snapshot, size=snapshot.stat().st_size),
                   *upload_entries(settings.uploads_dir, freeze_into=work / UPLOADS_PREFIX)]
        head = audit_head_of(snapshot)
        manifest = {
            'format': 1, 'created': created.isoformat(), 'kind': kind, 'app_version': app_version(),
            'migration': migration_of(snapshot), 'key_id': key_id,
            'audit_head': {'seq': head.seq, 'mac': head.mac} if head else None,
            'audit_anchor': Anchor.of_event(head.seq, head.mac).code if head else None,  # the head, kept elsewhere
            'files': [{'name': entry.name, 'size': entry.size} for entry in entries],
        }
        header = Header(key_id=key_id, created=created.isoformat(), kind=kind, app_version=app_version())
        counted = _Counter(total=sum(entry.size for entry in entries), report=report)
        with _private_file(partial) as handle:
            writer = SealedWriter(handle, header=header, key=key)
            write_payload(writer, manifest=manifest, entries=entries, progress=counted.add)
            writer.close()
            handle.flush()
            _fsync(handle)
        final = publish(partial, target)
        report('Done', 1.0)
        return BackupResult(path=final, size=final.stat().st_size, created=created, kind=kind,
                            audit_seq=head.seq if head else None, uploads=len(entries) - 1,
                            audit_anchor=Anchor.of_event(head.seq, head.mac).code if head else '')
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        shutil.rmtree(work, ignore_errors=True)


class _Counter:
    """Turn bytes packed into the progress bar's fraction, reporting about every megabyte."""

    def __init__(self, *, total: int, report: Progress) -> None:
        self._total = max(total, 1)
        self._done = 0
        self._last = 0
        self._report = report

    def add(self, stage: str, count: int) -> None:
        self._done += count
        if self._done - self._last >= 1024 * 1024 or self._done >= self._total:
            self._last = self._done
            label = 'Encrypting the database' if stage == 'database' else 'Encrypting uploaded files'
            self._report(label, SNAPSHOT_SHARE + (1 - SNAPSHOT_SHARE) * min(self._done / self._total, 1.0))


@contextlib.contextmanager
def _private_file(path: Path) -> Iterator[BinaryIO]:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, 'wb') as handle:
        yield handle


def _fsync(handle: BinaryIO) -> None:
    os.fsync(handle.fileno())


def app_version() -> str:
    try:
        return version('prospine')
    except PackageNotFoundError:
        return 'unknown'
