"""The keys that encrypt health data and credentials at rest: `keys/keyring.json` in the data directory.

The file (0600, folder 0700) is created at first use and holds AES-256 keys, each with a short random
key id; one is current (new ciphertexts use it), older ones stay to read what they encrypted. Every
ciphertext names its key id and is bound to a context (for database values `table.column.pk`), so it
cannot be moved to another row, column or file. `keys rotate` adds a key and re-encrypts everything;
the file remembers an unfinished rotation so a resumed run keeps the same new key.

A key from the older `keys/secrets.key` is imported as the first key, so what it encrypted stays readable.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import secrets
import struct
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.clock import utcnow
from app.errors import DomainError
from app.security.private_files import make_private_dir, write_private_file

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: a single process writes the key file
    fcntl = None  # type: ignore[assignment]

KEYRING_FILE = Path('keys') / 'keyring.json'
LEGACY_KEY_FILE = Path('keys') / 'secrets.key'
TOKEN_VERSION = 'enc1'
LEGACY_TOKEN_VERSION = 'v1'  # written by the former SecretBox; read, never written
BLOB_MAGIC = b'PSENC'
BLOB_VERSION = 1
NONCE_SIZE = 12
_FORMAT = 1


class KeyringError(DomainError):
    """The keys or an encrypted value are not as expected; the message is one sentence for the admin."""


class UnknownKey(KeyringError):
    """A ciphertext names a key id the key file does not hold."""


class DecryptionFailed(KeyringError):
    """A ciphertext was altered, is not a ciphertext, or belongs to another row, column or file."""


@dataclass(frozen=True)
class _State:
    current: str
    keys: dict[str, bytes]
    rotation_target: str | None


class Keyring:
    """The key file of one data directory; every operation sees the file as it is now on disk."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / KEYRING_FILE
        self._lock = threading.Lock()
        self._signature: tuple[int, int, int] | None = None
        self._state: _State | None = None
        self._aeads: dict[bytes, AESGCM] = {}

    @property
    def current_key_id(self) -> str:
        return self._fresh().current

    @property
    def key_ids(self) -> tuple[str, ...]:
        """Every key id in the file, oldest first."""
        return tuple(self._fresh().keys)

    @property
    def rotation_target(self) -> str | None:
        """The new key of an unfinished rotation, or None."""
        return self._fresh().rotation_target

    def ensure_file(self) -> None:
        """Create the key file now if it is missing (at first start, not at the first encrypted value)."""
        self._fresh()

    def key(self, key_id: str) -> bytes:
        try:
            return self._fresh().keys[key_id]
        except KeyError:
            raise UnknownKey(f'Data was encrypted with key {key_id!r}, which is not in {self.path}; '
                             'restore that file from a backup.') from None

    def encrypt(self, plaintext: bytes, *, context: str, key_id: str | None = None) -> str:
        """Encrypt with the current key (or `key_id`) into `enc1:<key id>:<base64(nonce + ciphertext)>`."""
        key_id = key_id or self.current_key_id
        nonce = os.urandom(NONCE_SIZE)
        sealed = self._aead(key_id).encrypt(nonce, plaintext, context.encode())
        return f'{TOKEN_VERSION}:{key_id}:{base64.b64encode(nonce + sealed).decode()}'

    def decrypt(self, token: str, *, context: str) -> bytes:
        """Decrypt a token made by `encrypt` for the same context."""
        key_id = key_id_of(token)
        aead = self._aead(key_id)
        try:
            raw = base64.b64decode(token.split(':', 2)[2], validate=True)
            return aead.decrypt(raw[:NONCE_SIZE], raw[NONCE_SIZE:], context.encode())
        except (InvalidTag, ValueError, binascii.Error):
            raise DecryptionFailed(f'An encrypted value does not belong to {context} or was altered.') from None

    def seal_bytes(self, data: bytes, *, context: str, key_id: str | None = None) -> bytes:
        """Encrypt file contents: header (magic, version, key id), nonce, AES-GCM ciphertext."""
        key_id = key_id or self.current_key_id
        header = _blob_header(key_id)
        nonce = os.urandom(NONCE_SIZE)
        return header + nonce + self._aead(key_id).encrypt(nonce, data, header + context.encode())

    def open_bytes(self, blob: bytes, *, context: str) -> bytes:
        """Decrypt file contents made by `seal_bytes` for the same context."""
        key_id = key_id_of_blob(blob)
        aead = self._aead(key_id)
        header = _blob_header(key_id)
        body = blob[len(header):]
        try:
            return aead.decrypt(body[:NONCE_SIZE], body[NONCE_SIZE:], header + context.encode())
        except (InvalidTag, ValueError):
            raise DecryptionFailed(f'An encrypted file does not belong to {context} or was altered.') from None

    @staticmethod
    def key_id_of(token: str) -> str:
        return key_id_of(token)

    @staticmethod
    def key_id_of_blob(blob: bytes) -> str:
        return key_id_of_blob(blob)

    def rotate_begin(self) -> str:
        """Add a new current key and mark a rotation to it; an unfinished rotation returns its key instead."""

        def begin(record: dict[str, Any]) -> None:
            if record.get('rotation'):
                return
            key_id = _new_key_id(set(_key_records(record)))
            record['keys'].append(_key_record(key_id, os.urandom(32)))
            record['current'] = key_id
            record['rotation'] = {'target': key_id, 'started_at': utcnow().isoformat()}

        self._update(begin)
        target = self.rotation_target
        assert target is not None
        return target

    def rotate_finish(self) -> None:
        """Mark the rotation done (every ciphertext now uses the current key)."""
        self._update(lambda record: record.update(rotation=None))

    def _aead(self, key_id: str) -> AESGCM:
        key = self.key(key_id)
        aead = self._aeads.get(key)
        if aead is None:
            aead = self._aeads[key] = AESGCM(key)
        return aead

    def _fresh(self) -> _State:
        """Return the file's keys, re-reading it when another process replaced it."""
        with self._lock:
            signature = _signature(self.path)
            if signature is None:
                self._create()
                signature = _signature(self.path)
            if self._state is None or signature != self._signature:
                self._state = _parse(self.path)
                self._signature = signature
            return self._state

    def _create(self) -> None:
        with self._writer():
            if self.path.exists():  # another process created it first
                return
            keys = []
            legacy = self.data_dir / LEGACY_KEY_FILE
            if legacy.exists():
                try:
                    old = json.loads(legacy.read_text(encoding='utf-8'))
                    keys.append(_key_record(old['key_id'], base64.b64decode(old['key'], validate=True)))
                except (ValueError, KeyError, TypeError, binascii.Error):
                    raise KeyringError(f'The old key file {legacy} cannot be read; restore it from a backup.') from None
            else:
                keys.append(_key_record(_new_key_id(set()), os.urandom(32)))
            record = {'format': _FORMAT, 'current': keys[0]['id'], 'keys': keys, 'rotation': None}
            write_private_file(self.path, _dump(record))

    def _update(self, change: Callable[[dict[str, Any]], None]) -> None:
        """Read, change and atomically rewrite the key file, one writer at a time."""
        self._fresh()
        with self._writer():
            record = json.loads(self.path.read_text(encoding='utf-8'))
            change(record)
            write_private_file(self.path, _dump(record))
        with self._lock:
            self._state = None  # read back what was written

    @contextlib.contextmanager
    def _writer(self) -> Iterator[None]:
        make_private_dir(self.path.parent)
        fd = os.open(self.path.with_name('keyring.lock'), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock


_keyrings: dict[Path, Keyring] = {}
_keyrings_lock = threading.Lock()


def keyring(data_dir: Path) -> Keyring:
    """Return the keyring of a data directory (one object per directory; it follows changes on disk)."""
    found = _keyrings.get(data_dir)  # called for every value read or written, so skip resolve() when known
    if found is not None:
        return found
    path = data_dir.resolve()
    with _keyrings_lock:
        if path not in _keyrings:
            _keyrings[path] = Keyring(path)
        _keyrings[data_dir] = _keyrings[path]
        return _keyrings[path]


def key_id_of(token: str) -> str:
    """Return the key id a text token was encrypted with."""
    parts = token.split(':', 2) if isinstance(token, str) else []
    if len(parts) != 3 or parts[0] not in (TOKEN_VERSION, LEGACY_TOKEN_VERSION) or not parts[1]:
        raise DecryptionFailed('A stored value that should be encrypted is not an encrypted value.')
    return parts[1]


def key_id_of_blob(blob: bytes) -> str:
    """Return the key id an encrypted file was sealed with."""
    fixed = len(BLOB_MAGIC) + 2
    if len(blob) < fixed or blob[:len(BLOB_MAGIC)] != BLOB_MAGIC or blob[len(BLOB_MAGIC)] != BLOB_VERSION:
        raise DecryptionFailed('A file that should be encrypted is not an encrypted file.')
    length = blob[len(BLOB_MAGIC) + 1]
    if length == 0 or len(blob) < fixed + length:
        raise DecryptionFailed('A file that should be encrypted is not an encrypted file.')
    return blob[fixed:fixed + length].decode('ascii', errors='replace')


def _blob_header(key_id: str) -> bytes:
    encoded = key_id.encode('ascii')
    return BLOB_MAGIC + struct.pack('BB', BLOB_VERSION, len(encoded)) + encoded


def _new_key_id(taken: set[str]) -> str:
    while (key_id := secrets.token_hex(4)) in taken:
        pass
    return key_id


def _key_record(key_id: str, key: bytes) -> dict[str, str]:
    return {'id': key_id, 'key': base64.b64encode(key).decode(), 'created_at': utcnow().isoformat()}


def _key_records(record: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {entry['id']: entry for entry in record['keys']}


def _dump(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, indent=2) + '\n').encode()


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def _parse(path: Path) -> _State:
    try:
        record = json.loads(path.read_text(encoding='utf-8'))
        keys = {entry['id']: base64.b64decode(entry['key'], validate=True) for entry in record['keys']}
        current = record['current']
        target = (record.get('rotation') or {}).get('target')
        if current not in keys or (target is not None and target not in keys):
            raise KeyError(current)
        if any(len(key) != 32 for key in keys.values()):
            raise ValueError('not a 256-bit key')
    except (OSError, ValueError, KeyError, TypeError, binascii.Error):
        raise KeyringError(f'The key file {path} cannot be read; restore it from a backup.') from None
    return _State(current=current, keys=keys, rotation_target=target)
