"""Secrets kept as files in the data directory (0600), created on first start, never in the database.

- `storage_secret`: signs NiceGUI's browser cookie.

The keys that encrypt health data and credentials in the database live in `keys/keyring.json`
(`app.security.keyring`); it took over the key of the former `keys/secrets.key`.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from app.security.private_files import read_or_create_private_text


def storage_secret(data_dir: Path) -> str:
    """Return the cookie-signing secret, creating it on first start."""
    return read_or_create_private_text(data_dir / 'storage_secret', lambda: secrets.token_urlsafe(48))
