"""The hash chain that makes the audit trail tamper-evident.

Each event's MAC is HMAC-SHA256, under a key kept in the data directory (never in the
database), over the event's canonical form, which includes its sequence number and the MAC of
the event before it. Editing, deleting, inserting or reordering events therefore breaks the
chain at the first event touched. Cutting events off the end leaves a valid but shorter chain,
so the newest head is also written to `data/audit/head.json` after every commit, sealed with the
same key (an HMAC over its number and MAC): a database whose last event is older than that file
says has lost its tail, and a head file written by hand (without the key) is refused. (After a
crash the file may lag the database by the events committed just before it; it never runs ahead
of it.)

Since the key sits in the same data directory, whoever holds that whole folder can rewrite the
trail and its head alike. An *anchor* takes the newest head out of their reach: a short code
(`prospine audit anchor`, and in every backup's manifest) naming one event's number and the
first 80 bits of its MAC, which depends on every event before it. `prospine audit verify
--anchor CODE` fails when the trail no longer holds that event unchanged.
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

from app.security.private_files import write_new_private_file

GENESIS_MAC = '0' * 64
# The columns a MAC covers, in this order (the MAC itself and nothing else is left out).
CHAINED_COLUMNS = ('seq', 'occurred_at', 'user_id', 'username', 'role', 'branch_id', 'session_id', 'client_ip',
                   'user_agent', 'action', 'entity_type', 'entity_id', 'patient_id', 'outcome', 'changes', 'detail',
                   'prev_mac')


KEY_FILE = Path('keys') / 'audit.key'


class AuditKeyError(Exception):
    """The audit key is missing or damaged where the trail needs it; the message is a sentence for the admin."""


def key_path(data_dir: Path) -> Path:
    return data_dir / KEY_FILE


def audit_key(data_dir: Path, *, create: bool = False) -> bytes:
    """The HMAC key of the audit chain; made (0600) only when `create` says this is a new installation."""
    path = key_path(data_dir)
    try:
        text = path.read_text(encoding='utf-8').strip()
    except FileNotFoundError:
        if not create:
            raise AuditKeyError(f'The audit key {path} is missing, and this installation has an audit trail that only '
                                'that key can verify. Put back the keys folder from your offline copy; a new key '
                                'would make the whole trail impossible to check.') from None
        if write_new_private_file(path, os.urandom(32).hex().encode()):
            # The sealed head of the empty chain is born with the key: from now on a missing head file
            # means someone removed it, never that the installation is new.
            write_head(data_dir, bytes.fromhex(path.read_text(encoding='utf-8')), 0, GENESIS_MAC)
        text = path.read_text(encoding='utf-8').strip()
    except (OSError, UnicodeDecodeError) as error:
        raise AuditKeyError(f'The audit key {path} cannot be read ({error}). Put back the keys folder from your '
                            'offline copy.') from None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b''
    if len(key) != 32:
        raise AuditKeyError(f'The audit key {path} is damaged (it must be 64 hexadecimal characters). Put back the '
                            'keys folder from your offline copy.')
    return key


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
    seal: str = ''  # the head file's own MAC (see `seal_of`); empty for a tail known in memory

    def is_sealed_with(self, key: bytes) -> bool:
        return hmac.compare_digest(self.seal, seal_of(key, self.seq, self.mac))


class HeadDamaged(Exception):
    """The head file exists but cannot be trusted (unreadable, or not sealed with the audit key)."""


def head_path(data_dir: Path) -> Path:
    return data_dir / 'audit' / 'head.json'


def seal_of(key: bytes, seq: int, mac: str) -> str:
    """The head record's own MAC: only the holder of the audit key can write a head that verifies."""
    return hmac.new(key, f'prospine-audit-head:{seq}:{mac}'.encode(), hashlib.sha256).hexdigest()


def read_head(data_dir: Path) -> Head | None:
    """The head written outside the database (check its seal with `Head.is_sealed_with`), None when none exists.

    A file that is not a head record raises `HeadDamaged`.
    """
    try:
        record = json.loads(head_path(data_dir).read_text(encoding='utf-8'))
        return Head(int(record['seq']), str(record['mac']), str(record.get('seal', '')))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError, AttributeError, UnicodeDecodeError) as error:
        raise HeadDamaged(f'it cannot be read ({type(error).__name__})') from None


HEAD_RECORD_SIZE = 256
_head_files: dict[Path, int] = {}


def write_head(data_dir: Path, key: bytes, seq: int, mac: str) -> None:
    """Overwrite the sealed head record in place: one fixed-size write, so a crash leaves the old head or the new one.

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
    record = json.dumps({'seq': seq, 'mac': mac, 'seal': seal_of(key, seq, mac)}).encode()
    os.pwrite(handle, record.ljust(HEAD_RECORD_SIZE), 0)


# -- anchors: the newest head, written down away from the machine ------------------------------

_CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'  # base32 without I, L, O, U: easy to read aloud and copy
ANCHOR_BITS = 80


@dataclass(frozen=True)
class Anchor:
    """An event's number and the first 80 bits of its MAC, as a code a person can note or send."""

    seq: int
    mac_prefix: str  # 20 hexadecimal digits

    @classmethod
    def of_event(cls, seq: int, mac: str) -> Anchor:
        return cls(seq, mac[:ANCHOR_BITS // 4])

    @property
    def code(self) -> str:
        number = int(self.mac_prefix, 16)
        letters = ''.join(_CROCKFORD[(number >> shift) & 31] for shift in range(ANCHOR_BITS - 5, -1, -5))
        return f'{self.seq}-' + '-'.join(letters[i:i + 4] for i in range(0, len(letters), 4))

    @classmethod
    def parse(cls, code: str) -> Anchor:
        """Read a code as printed (any case, spaces or dashes, O for 0 and I or L for 1 forgiven)."""
        seq_text, _, rest = code.strip().partition('-')
        letters = rest.upper().replace('-', '').replace(' ', '').replace('O', '0').replace('I', '1').replace('L', '1')
        if not seq_text.isdigit() or len(seq_text) > 18 or len(letters) != ANCHOR_BITS // 5 \
                or any(letter not in _CROCKFORD for letter in letters):
            raise ValueError(f'{code!r} is not an audit anchor (it looks like 1234-ABCD-EFGH-JKMN-PQRS).')
        number = 0
        for letter in letters:
            number = number << 5 | _CROCKFORD.index(letter)
        return cls(int(seq_text), f'{number:0{ANCHOR_BITS // 4}x}')

    def matches(self, mac: str) -> bool:
        return hmac.compare_digest(mac[:ANCHOR_BITS // 4], self.mac_prefix)
