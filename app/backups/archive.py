"""The encrypted backup file: a clear header, then a stream of sealed chunks.

Layout: `MAGIC`, the header length (4 bytes, big-endian), the header (JSON: format, key id,
creation time, kind, app version, chunk size), then records of `[final flag 1][length 4][nonce 12]
[AES-256-GCM ciphertext]`. Each chunk holds up to `CHUNK_BYTES` of the payload, zlib-compressed,
and is sealed under the keyring key the header names. The associated data of every chunk is the
SHA-256 of the header, the chunk's index and its final flag, so the header cannot be edited, chunks
cannot be reordered or swapped between files, and a file cut short (no final chunk) is refused.
The payload itself is a tar stream (see `app.backups.pack`).
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.errors import DomainError

MAGIC = b'PROSPINE-BACKUP\n'
FORMAT_VERSION = 1
CHUNK_BYTES = 1024 * 1024
_HEADER_MAX = 64 * 1024
_RECORD = struct.Struct('>BI')  # final flag, ciphertext length
_NONCE_BYTES = 12
_TAG_BYTES = 16


class BackupError(DomainError):
    """A backup could not be made, read or restored; the message says why in one sentence."""


class DamagedBackup(BackupError):
    def __init__(self, detail: str = '') -> None:
        super().__init__('The backup file is damaged or incomplete, or it was made with another key'
                         + (f' ({detail})' if detail else '') + '; nothing was restored.')


@dataclass(frozen=True, kw_only=True)
class Header:
    """What a backup file says about itself in the clear (authenticated by every chunk)."""

    key_id: str
    created: str  # ISO 8601, UTC
    kind: str  # 'daily' or 'manual'
    app_version: str
    chunk_bytes: int = CHUNK_BYTES
    format: int = FORMAT_VERSION

    def encode(self) -> bytes:
        fields = {'format': self.format, 'key_id': self.key_id, 'created': self.created, 'kind': self.kind,
                  'app_version': self.app_version, 'chunk_bytes': self.chunk_bytes, 'compression': 'zlib',
                  'cipher': 'AES-256-GCM'}
        return json.dumps(fields, sort_keys=True).encode()


def read_header(handle: BinaryIO) -> tuple[Header, bytes]:
    """Read the clear header at the start of a backup file; return it and its digest for the chunks."""
    start = handle.read(len(MAGIC) + 4)
    if len(start) < len(MAGIC) + 4 or not start.startswith(MAGIC):
        raise BackupError('This file is not a ProSpine backup.')
    (length,) = struct.unpack('>I', start[len(MAGIC):])
    raw = handle.read(length) if length <= _HEADER_MAX else b''
    try:
        fields = json.loads(raw)
        header = Header(key_id=str(fields['key_id']), created=str(fields['created']), kind=str(fields['kind']),
                        app_version=str(fields['app_version']), chunk_bytes=int(fields['chunk_bytes']),
                        format=int(fields['format']))
    except (ValueError, KeyError, TypeError):
        raise DamagedBackup('unreadable header') from None
    if header.format != FORMAT_VERSION:
        raise BackupError(f'This backup has format {header.format}, which this version of ProSpine cannot read.')
    if not 0 < header.chunk_bytes <= 64 * CHUNK_BYTES:
        raise DamagedBackup('unreadable header')
    return header, hashlib.sha256(start + raw).digest()


def header_of(path: Path) -> Header:
    """Read only the clear header of a backup file (no key needed)."""
    with path.open('rb') as handle:
        return read_header(handle)[0]


def _associated(digest: bytes, index: int, final: bool) -> bytes:
    return digest + struct.pack('>QB', index, int(final))


class SealedWriter:
    """A write-only file object that seals what is written into chunks; `close()` writes the final chunk."""

    def __init__(self, handle: BinaryIO, *, header: Header, key: bytes) -> None:
        raw = header.encode()
        start = MAGIC + struct.pack('>I', len(raw))
        handle.write(start + raw)
        self._handle = handle
        self._digest = hashlib.sha256(start + raw).digest()
        self._aead = AESGCM(key)
        self._chunk_bytes = header.chunk_bytes
        self._buffer = bytearray()
        self._index = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self._buffer += data
        while len(self._buffer) > self._chunk_bytes:  # keep at least one byte back: the last chunk is final
            self._seal(bytes(self._buffer[:self._chunk_bytes]), final=False)
            del self._buffer[:self._chunk_bytes]
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._buffer), final=True)
            self._buffer.clear()
            self.closed = True

    def _seal(self, plain: bytes, *, final: bool) -> None:
        nonce = os.urandom(_NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, zlib.compress(plain, 6), _associated(self._digest, self._index, final))
        self._handle.write(_RECORD.pack(int(final), len(sealed)) + nonce + sealed)
        self._index += 1


class SealedReader:
    """A read-only file object over the chunks of a backup; `finish()` checks the file ended properly."""

    def __init__(self, handle: BinaryIO, *, header: Header, digest: bytes, key: bytes) -> None:
        self._handle = handle
        self._digest = digest
        self._aead = AESGCM(key)
        self._chunk_bytes = header.chunk_bytes
        self._buffer = bytearray()
        self._index = 0
        self._ended = False

    def read(self, size: int = -1) -> bytes:
        while (size < 0 or len(self._buffer) < size) and not self._ended:
            self._buffer += self._open_next()
        if size < 0:
            size = len(self._buffer)
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def finish(self) -> None:
        """Read to the final chunk and make sure nothing follows it."""
        while not self._ended:
            self._open_next()
        if self._handle.read(1):
            raise DamagedBackup('data after the end')

    def _open_next(self) -> bytes:
        record = self._handle.read(_RECORD.size)
        if len(record) < _RECORD.size:
            raise DamagedBackup('the file is cut short')
        final, length = _RECORD.unpack(record)
        if final not in (0, 1) or not _TAG_BYTES <= length <= self._chunk_bytes + 1024 * 1024:
            raise DamagedBackup('a chunk is unreadable')
        body = self._handle.read(_NONCE_BYTES + length)
        if len(body) < _NONCE_BYTES + length:
            raise DamagedBackup('the file is cut short')
        try:
            packed = self._aead.decrypt(body[:_NONCE_BYTES], body[_NONCE_BYTES:],
                                        _associated(self._digest, self._index, bool(final)))
            plain = zlib.decompressobj().decompress(packed, self._chunk_bytes + 1)
        except (InvalidTag, zlib.error):
            raise DamagedBackup(f'chunk {self._index} does not decrypt') from None
        if len(plain) > self._chunk_bytes:
            raise DamagedBackup('a chunk is too large')
        self._index += 1
        self._ended = bool(final)
        return plain
