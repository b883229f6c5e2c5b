"""Files only the service account may read (0600 in 0700 folders), replaced atomically so a crash leaves old or new."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path

TEMP_MARK = '.tmp-'


def make_private_dir(path: Path) -> None:
    """Create a folder (and its parents) that only the service account can enter."""
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.chmod(0o700)


def write_private_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` (mode 0600): a temporary file, fsync, then os.replace and fsync of the folder."""
    make_private_dir(path.parent)
    temp = path.with_name(f'.{path.name}{TEMP_MARK}{secrets.token_hex(4)}')
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, 'wb') as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    _fsync_dir(path.parent)


def write_new_private_file(path: Path, data: bytes) -> bool:
    """Create `path` (0600) holding `data` unless it exists; tell whether this call made it.

    Written to a temporary file and linked into place, so nobody ever reads a half-written
    secret, and of two processes racing to create it exactly one wins.
    """
    make_private_dir(path.parent)
    temp = path.with_name(f'.{path.name}{TEMP_MARK}{secrets.token_hex(4)}')
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, 'wb') as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temp, path)
        except FileExistsError:
            return False
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    _fsync_dir(path.parent)
    return True


def read_or_create_private_text(path: Path, make: Callable[[], str]) -> str:
    """The text of a secret file, created from `make()` on first use (see `write_new_private_file`)."""
    try:
        return path.read_text(encoding='utf-8').strip()
    except FileNotFoundError:
        write_new_private_file(path, make().encode())
        return path.read_text(encoding='utf-8').strip()


def is_temporary(path: Path) -> bool:
    """Tell whether a file is a half-written temporary file of `write_private_file`."""
    return path.name.startswith('.') and TEMP_MARK in path.name


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable (not possible on every platform, hence best effort)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
