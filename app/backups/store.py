"""The backups folder (`data/backups`): file names, the list of kept backups, and retention."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.backups.archive import BackupError, header_of

SUFFIX = '.backup'
PREFIX = 'prospine-'


@dataclass(frozen=True, kw_only=True)
class BackupFile:
    """A backup file as the admin page lists it (read from its clear header)."""

    path: Path
    created: datetime | None  # None when the header cannot be read
    kind: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name


def default_name(moment: datetime) -> str:
    return f'{PREFIX}{moment.astimezone(UTC):%Y%m%d-%H%M%S}{SUFFIX}'


def destination_for(requested: Path | None, *, backups_dir: Path, moment: datetime) -> Path:
    """Where a new backup goes: the backups folder, a named folder, or a named file that does not exist yet."""
    if requested is None:
        backups_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        return backups_dir / default_name(moment)
    if requested.is_dir():
        return requested / default_name(moment)
    if requested.exists():
        raise BackupError(f'{requested} already exists; name a new file or a folder.')
    if not requested.parent.is_dir():
        raise BackupError(f'The folder {requested.parent} does not exist.')
    return requested


def publish(partial: Path, wanted: Path) -> Path:
    """Give a finished backup its name without ever replacing a file (adds -2, -3... when taken)."""
    candidate, number = wanted, 1
    while True:
        try:
            os.link(partial, candidate)
        except FileExistsError:
            number += 1
            candidate = wanted.with_name(f'{wanted.name.removesuffix(SUFFIX)}-{number}{SUFFIX}')
            continue
        partial.unlink()
        return candidate


def describe(path: Path) -> BackupFile:
    size = path.stat().st_size
    try:
        header = header_of(path)
    except (BackupError, OSError):
        return BackupFile(path=path, created=None, kind='unreadable', size=size)
    created = datetime.fromisoformat(header.created)
    return BackupFile(path=path, created=created.replace(tzinfo=created.tzinfo or UTC), kind=header.kind, size=size)


def list_backups(backups_dir: Path) -> list[BackupFile]:
    """The backups in the folder, newest first (unreadable files last)."""
    if not backups_dir.is_dir():
        return []
    files = [describe(path) for path in backups_dir.glob(f'{PREFIX}*{SUFFIX}') if path.is_file()]
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(files, key=lambda item: (item.created or oldest, item.path.stat().st_mtime_ns), reverse=True)


def newest_backup(backups_dir: Path) -> BackupFile | None:
    return next((item for item in list_backups(backups_dir) if item.created is not None), None)


def prune(backups_dir: Path, *, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups in the folder; return what was deleted."""
    removed = []
    for item in list_backups(backups_dir)[keep:]:
        with contextlib.suppress(FileNotFoundError):
            item.path.unlink()
            removed.append(item.path)
    return removed


def human_size(size: int) -> str:
    """A file size as people read it: '812 bytes', '4.2 MB'."""
    if size < 1024:
        return f'{size} bytes'
    value = float(size)
    for unit in ('KB', 'MB', 'GB'):
        value /= 1024
        if value < 1024 or unit == 'GB':
            break
    return f'{value:.1f} {unit}'
