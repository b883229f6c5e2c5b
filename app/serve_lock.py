"""`data/serve.lock`: held by `prospine serve` for its lifetime, so a restore never runs under a live app.

An advisory `flock` on the file: the operating system releases it when the process ends, however
it ends, so a crashed server never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock, one process by convention
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = 'serve.lock'


class ServeLock:
    """An exclusive lock on a data directory; `release()` (or process exit) gives it up."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing releases the flock
            self._fd = None

    def __enter__(self) -> ServeLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def try_lock(data_dir: Path) -> ServeLock | None:
    """Take the data directory's lock, or return None when another process (a running app) holds it."""
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(data_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.write(fd, f'{os.getpid()}\n'.encode())
    return ServeLock(fd)
