"""The hash chain that makes the audit trail tamper-evident.

Each event's MAC is HMAC-SHA256, under a key kept in the data directory (never in the
database), over the event's canonical form, which includes its sequence number and the MAC of
the event before it. Editing, deleting, inserting or reordering events therefore breaks the
chain at the first event touched. Cutting events off the end leaves a valid but shorter chain,
so the newest head is also written to `data/audit/head.json` after every commit: a database
whose last event is older than that file says has lost its tail. (After a crash the file may lag
the database by the events committed just before it; it never runs ahead of it.)
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.security.secrets_store import _read_or_create

GENESIS_MAC = '0' * 64
# The columns a MAC covers, in this order (the MAC itself and nothing else is left out).
CHAINED_COLUMNS = ('seq', 'occurred_at', 'user_id', 'username', 'role', 'branch_id', 'session_id', 'client_ip',
                   'user_agent', 'action', 'entity_type', 'entity_id', 'patient_id', 'outcome', 'changes', 'detail',
                   'prev_mac')


def audit_key(data_dir: Path) -> bytes:
    """The HMAC key of the audit chain, created (0600) on first use."""
    return bytes.fromhex(_read_or_create(data_dir / 'keys' / 'audit.key', lambda: os.urandom(32).hex()))


def time_text(value: datetime | str) -> str:
    """The one text form of an event's time the MAC covers: `2026-11-24 09:30:00.123456+00:00`.

    SQLite hands back the text the logger stored (already in this form); PostgreSQL a datetime.
    """
    if isinstance(value, str):
        return value
    moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return str(moment.astimezone(UTC))


_encode = json.JSONEncoder(ensure_ascii=False, separators=(',', ':')).encode
_TIME_INDEX = CHAINED_COLUMNS.index('occurred_at')


def canonical(row: Mapping[str, Any]) -> bytes:
    """The bytes a MAC is computed over: the chained columns as a compact JSON array."""
    values = [row[name] for name in CHAINED_COLUMNS]
    values[_TIME_INDEX] = time_text(values[_TIME_INDEX])
    return _encode(values).encode()


_macs: dict[bytes, Any] = {}


def mac_of(key: bytes, row: Mapping[str, Any]) -> str:
    """HMAC-SHA256 of the row's canonical form (the keyed state is prepared once per key)."""
    prepared = _macs.get(key)
    if prepared is None:
        prepared = _macs[key] = hmac.new(key, digestmod=hashlib.sha256)
    mac = prepared.copy()
    mac.update(canonical(row))
    return mac.hexdigest()


@dataclass(frozen=True)
class Head:
    """The newest event of the chain: its sequence number and MAC."""

    seq: int
    mac: str


def head_path(data_dir: Path) -> Path:
    return data_dir / 'audit' / 'head.json'


def read_head(data_dir: Path) -> Head | None:
    """The head written outside the database, or None when none was ever written."""
    try:
        record = json.loads(head_path(data_dir).read_text(encoding='utf-8'))
    except FileNotFoundError:
        return None
    except ValueError:
        return Head(-1, '')  # unreadable: verification reports it
    return Head(int(record['seq']), str(record['mac']))


HEAD_RECORD_SIZE = 128
_head_files: dict[Path, int] = {}


def write_head(data_dir: Path, seq: int, mac: str) -> None:
    """Overwrite the head record in place: one fixed-size write, so a crash leaves the old head or the new one.

    The file stays open between writes (a rename per event would cost more than the event itself);
    it is opened again when someone replaced or removed it.
    """
    path = head_path(data_dir)
    handle = _head_files.get(path)
    if handle is not None and os.fstat(handle).st_nlink == 0:
        os.close(handle)
        handle = None
    if handle is None:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = _head_files[path] = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.pwrite(handle, json.dumps({'seq': seq, 'mac': mac}).encode().ljust(HEAD_RECORD_SIZE), 0)
