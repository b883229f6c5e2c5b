"""Secrets kept as files in the data directory (0600), created on first start, never in the database.

- `storage_secret`: signs NiceGUI's browser cookie.

The keys that encrypt health data and credentials in the database live in `keys/keyring.json`
(`app.security.keyring`); it took over the key of the former `keys/secrets.key`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def _write_private(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, 'w', encoding='utf-8') as handle:
        handle.write(content)


def _read_or_create(path: Path, make: callable) -> str:  # type: ignore[valid-type]
    try:
        return path.read_text(encoding='utf-8').strip()
    except FileNotFoundError:
        with contextlib.suppress(FileExistsError):  # another process created it first
            _write_private(path, make())
        return path.read_text(encoding='utf-8').strip()


def storage_secret(data_dir: Path) -> str:
    """Return the cookie-signing secret, creating it on first start."""
    return _read_or_create(data_dir / 'storage_secret', lambda: secrets.token_urlsafe(48))
