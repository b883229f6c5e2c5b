"""Secrets kept as files in the data directory (0600), created on first start, never in the database.

- `storage_secret`: signs NiceGUI's browser cookie.
- `keys/secrets.key`: a 256-bit key (with a key id) that encrypts credentials stored in the
  database, such as the authenticator secrets of two-factor sign-in.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_FORMAT = 'v1'


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


class SecretBox:
    """AES-256-GCM for short credentials; the ciphertext names its key id and is bound to a context."""

    def __init__(self, key_id: str, key: bytes) -> None:
        self.key_id = key_id
        self._aead = AESGCM(key)

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> SecretBox:
        def make() -> str:
            return json.dumps({'key_id': secrets.token_hex(4), 'key': base64.b64encode(os.urandom(32)).decode()})

        record = json.loads(_read_or_create(data_dir / 'keys' / 'secrets.key', make))
        return cls(record['key_id'], base64.b64decode(record['key']))

    def encrypt(self, plaintext: str, *, context: str) -> str:
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, plaintext.encode(), context.encode())
        return f'{_FORMAT}:{self.key_id}:{base64.b64encode(nonce + sealed).decode()}'

    def decrypt(self, token: str, *, context: str) -> str:
        version, key_id, payload = token.split(':', 2)
        if version != _FORMAT or key_id != self.key_id:
            raise ValueError('encrypted with an unknown key')
        raw = base64.b64decode(payload)
        return self._aead.decrypt(raw[:12], raw[12:], context.encode()).decode()


_boxes: dict[Path, SecretBox] = {}


def secret_box(data_dir: Path) -> SecretBox:
    """Return the credentials box of a data directory (created on first use, then cached)."""
    if data_dir not in _boxes:
        _boxes[data_dir] = SecretBox.for_data_dir(data_dir)
    return _boxes[data_dir]
