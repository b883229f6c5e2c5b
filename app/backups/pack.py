"""What goes inside a backup: a tar stream of the manifest, the database snapshot and the uploads.

The stream is written into and read from the sealed chunks of `app.backups.archive`. Reading
accepts only the three kinds of member it writes, with plain relative names, so a backup can
never place a file outside the folder it is unpacked into.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from app.backups.archive import DamagedBackup, SealedReader, SealedWriter
from app.security.private_files import is_temporary

MANIFEST_NAME = 'manifest.json'
DATABASE_NAME = 'database.sqlite3'
UPLOADS_PREFIX = 'uploads'
Progress = Callable[[str, float], None]


@dataclass(frozen=True, kw_only=True)
class Entry:
    """A file to put into the backup: its name inside the backup and where it is now."""

    name: str
    source: Path
    size: int


def upload_entries(uploads_dir: Path, *, freeze_into: Path) -> list[Entry]:
    """Freeze the regular files under the uploads folder and list them (symbolic links are left out).

    The app keeps writing while a backup runs: files are written to a temporary name and renamed,
    so each file is hard-linked into `freeze_into` (same disk, no copying) and its size read from
    the link, which a later rename cannot change. Half-written temporary files are skipped, and so
    is a file removed between listing and linking (it was not part of the clinic's data any more).
    """
    if not uploads_dir.is_dir():
        return []
    entries = []
    for path in sorted(uploads_dir.rglob('*')):
        if path.is_symlink() or not path.is_file() or is_temporary(path):
            continue
        relative = path.relative_to(uploads_dir)
        frozen = freeze_into / relative
        frozen.parent.mkdir(parents=True, exist_ok=True)
        try:
            try:
                os.link(path, frozen)
            except OSError as error:
                if isinstance(error, FileNotFoundError):
                    raise
                shutil.copy2(path, frozen)  # a file system without hard links
        except FileNotFoundError:
            continue
        entries.append(Entry(name=f'{UPLOADS_PREFIX}/{relative.as_posix()}', source=frozen, size=frozen.stat().st_size))
    return entries


def write_payload(writer: SealedWriter, *, manifest: dict[str, Any], entries: list[Entry],
                  progress: Callable[[str, int], None]) -> None:
    """Write the manifest, then each entry, as a tar stream into the sealed writer."""
    with tarfile.open(fileobj=writer, mode='w|', format=tarfile.PAX_FORMAT) as tar:  # type: ignore[call-overload]
        raw = json.dumps(manifest, indent=1, sort_keys=True).encode()
        tar.addfile(_info(MANIFEST_NAME, len(raw)), io.BytesIO(raw))
        for entry in entries:
            stage = 'database' if entry.name == DATABASE_NAME else 'uploads'
            with entry.source.open('rb') as source:
                tar.addfile(_info(entry.name, entry.size), _Counting(source, lambda n, s=stage: progress(s, n)))


def _info(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    return info


class _Counting:
    """A file object that reports how many bytes were read from it."""

    def __init__(self, source: BinaryIO, report: Callable[[int], None]) -> None:
        self._source = source
        self._report = report

    def read(self, size: int = -1) -> bytes:
        data = self._source.read(size)
        self._report(len(data))
        return data


def read_payload(reader: SealedReader, *, target: Path) -> dict[str, Any]:
    """Unpack a backup into `target` (database file and `uploads/`); return the manifest."""
    manifest: dict[str, Any] | None = None
    found: dict[str, int] = {}
    try:
        with tarfile.open(fileobj=reader, mode='r|') as tar:  # type: ignore[call-overload]
            for member in tar:
                if manifest is None:
                    if member.name != MANIFEST_NAME or not member.isfile():
                        raise DamagedBackup('no manifest')
                    manifest = json.loads(_read_member(tar, member))
                    continue
                relative = _safe_name(member)
                destination = target / relative
                destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                source = tar.extractfile(member)
                assert source is not None  # a regular file, checked above
                fd = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, 'wb') as handle:
                    while block := source.read(1024 * 1024):
                        handle.write(block)
                found[member.name] = member.size
        reader.finish()
    except (tarfile.TarError, ValueError, UnicodeDecodeError, FileExistsError):
        raise DamagedBackup('the contents are unreadable') from None
    if manifest is None or DATABASE_NAME not in found:
        raise DamagedBackup('the database is missing')
    listed = {item['name']: int(item['size']) for item in manifest.get('files', [])}
    if listed != found:
        raise DamagedBackup('files are missing')
    return manifest


def _read_member(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    source = tar.extractfile(member)
    if source is None or member.size > 1024 * 1024:
        raise DamagedBackup('no manifest')
    return source.read()


def _safe_name(member: tarfile.TarInfo) -> PurePosixPath:
    """Accept the database and files under uploads/ with plain relative names; refuse anything else."""
    name = PurePosixPath(member.name)
    plain = not name.is_absolute() and '..' not in name.parts and member.isfile()
    if plain and (member.name == DATABASE_NAME or (name.parts[0] == UPLOADS_PREFIX and len(name.parts) > 1)):
        return name
    raise DamagedBackup(f'unexpected entry {member.name!r}')
