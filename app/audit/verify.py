"""Check the audit chain: every event in order, unchanged, nothing cut off the end, and any anchor still held."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tortoise import connections

from app.audit.chain import (
    CHAINED_COLUMNS,
    GENESIS_MAC,
    Anchor,
    Head,
    HeadDamaged,
    audit_key,
    head_path,
    mac_of,
    read_head,
)
from app.config import get_settings
from app.sql import placeholders
from app.wording import counted

_SELECT = f'SELECT {", ".join(CHAINED_COLUMNS)}, mac FROM audit_event WHERE seq > ? ORDER BY seq LIMIT ?'  # noqa: S608 (constant column names)
_NEWEST = 'SELECT seq, mac FROM audit_event ORDER BY seq DESC LIMIT 1'
# Any of these means the installation has been used, and using it wrote events.
_IN_USE = ('SELECT 1 FROM audit_event LIMIT 1', 'SELECT 1 FROM user_account LIMIT 1', 'SELECT 1 FROM branch LIMIT 1')


@dataclass(frozen=True)
class ChainReport:
    """The result of a verification: how many events were checked and the first bad one."""

    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ''
    anchor: str = ''  # the code of the newest event, when the caller took one (see `Anchor`)

    def sentence(self) -> str:
        if self.ok:
            return f'The audit trail is intact: {counted(self.checked, "event")} checked.'
        where = f' at event #{self.first_bad_seq}' if self.first_bad_seq is not None else ''
        return f'The audit trail has been tampered with{where}: {self.problem}'


async def installation_in_use() -> bool:
    """Tell whether this database was ever used (an event, a staff account or a branch exists)."""
    connection = connections.get('default')
    for query in _IN_USE:
        _, rows = await connection.execute_query(query)
        if rows:
            return True
    return False


async def ensure_audit_key(data_dir: Path) -> bytes:
    """The audit key, made here only for a new installation; `AuditKeyError` when a used one lacks it."""
    used = head_path(data_dir).exists() or await installation_in_use()
    return audit_key(data_dir, create=not used)


async def newest_head() -> Head | None:
    """The newest event's number and MAC, as the database holds them."""
    _, rows = await connections.get('default').execute_query(_NEWEST)
    return Head(int(rows[0]['seq']), str(rows[0]['mac'])) if rows else None


SLICE = 200  # MACs checked between two turns of the event loop (a few milliseconds)


async def verify_chain(*, batch_size: int = 2000, progress: Callable[[int], None] | None = None,
                       anchor: Anchor | None = None) -> ChainReport:
    """Walk the whole chain on the open database, compare its end with the sealed head file, and check the anchor.

    Raises `AuditKeyError` when the key is missing or damaged: that is not a verdict on the trail.
    """
    data_dir = get_settings().data_dir
    key = await ensure_audit_key(data_dir)
    try:
        head, unreadable = read_head(data_dir), ''  # read first: events committed while we check are after it
    except HeadDamaged as damaged:
        head, unreadable = None, str(damaged)
    connection = connections.get('default')
    query = placeholders(connection, _SELECT)
    walk = _Walk(key=key, head_seq=head.seq if head is not None else None,
                 anchor_seq=anchor.seq if anchor is not None else None)
    while True:
        rows = await connection.execute_query_dict(query, [walk.expected - 1, batch_size])
        # The MACs are checked a slice at a time, letting the event loop serve pages between slices. In a
        # worker thread the loop waited for the interpreter lock instead: bench/loop_stalls.py saw answers
        # of up to 284 ms that way, 220 ms this way (2 cores, 1.7M events); neither is yet under 100 ms.
        for start in range(0, len(rows), SLICE):
            if (broken := walk.check(rows[start:start + SLICE])) is not None:
                return broken
            await asyncio.sleep(0)
        if progress is not None:
            progress(walk.expected - 1)
        if len(rows) < batch_size:
            break
    expected, mac_at_head, mac_at_anchor = walk.expected, walk.mac_at_head, walk.mac_at_anchor
    last = expected - 1
    if unreadable or (head is not None and not head.is_sealed_with(key)):
        return ChainReport(ok=False, checked=last, problem='the record of the newest event kept outside the database '
                                                           '(audit/head.json) cannot be trusted: '
                                                           f'{unreadable or "it was not written with the audit key"}.')
    if head is None:  # it is made with the key, so it was removed
        return ChainReport(ok=False, checked=last, problem='the record of the newest event kept outside the '
                                                           'database (audit/head.json) is missing.')
    if head.seq > last:
        return _bad(last + 1, last, f'events #{last + 1} to #{head.seq} have been cut off the end.')
    if head.seq > 0 and mac_at_head != head.mac:
        return _bad(head.seq, last, 'it differs from the record of the newest event kept outside the database.')
    if anchor is not None:
        if anchor.seq > last:
            return _bad(last + 1, last, f'the anchor names event #{anchor.seq}, but the trail ends at #{last}: '
                                        'events were cut off the end.')
        if mac_at_anchor is None or not anchor.matches(mac_at_anchor):
            return _bad(anchor.seq, last, 'it is not the event the anchor was taken of: the trail was rewritten.')
    return ChainReport(ok=True, checked=last)


@dataclass(kw_only=True)
class _Walk:
    """Where a walk along the chain has got to: the next seq expected and the MAC it must follow."""

    key: bytes
    head_seq: int | None
    anchor_seq: int | None
    expected: int = 1
    previous: str = GENESIS_MAC
    mac_at_head: str | None = None
    mac_at_anchor: str | None = None

    def check(self, rows: list[dict[str, Any]]) -> ChainReport | None:
        """Check one batch in order; the report of the first broken event, or None."""
        for row in rows:
            seq = row['seq']
            if seq != self.expected:
                return _bad(self.expected, self.expected - 1,
                            f'event #{self.expected} is missing (the next one is #{seq}).')
            if row['prev_mac'] != self.previous:
                return _bad(seq, seq - 1, 'it does not follow the event before it (an event was removed, '
                                          'inserted or moved).')
            if mac_of(self.key, row) != row['mac']:
                return _bad(seq, seq - 1, 'it was changed after it was written.')
            self.previous = row['mac']
            if seq == self.head_seq:
                self.mac_at_head = self.previous
            if seq == self.anchor_seq:
                self.mac_at_anchor = self.previous
            self.expected += 1
        return None


def _bad(seq: int, checked: int, problem: str) -> ChainReport:
    return ChainReport(ok=False, checked=checked, first_bad_seq=seq, problem=problem)
