"""Check the audit chain: every event in order, unchanged, nothing cut off the end, and any anchor still held."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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


async def verify_chain(*, batch_size: int = 5000, progress: Callable[[int], None] | None = None,
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
    expected, previous, mac_at_head, mac_at_anchor = 1, GENESIS_MAC, None, None
    while True:
        rows = await connection.execute_query_dict(query, [expected - 1, batch_size])
        for row in rows:
            seq = row['seq']
            if seq != expected:
                return _bad(expected, expected - 1, f'event #{expected} is missing (the next one is #{seq}).')
            if row['prev_mac'] != previous:
                return _bad(seq, seq - 1, 'it does not follow the event before it (an event was removed, '
                                          'inserted or moved).')
            if mac_of(key, row) != row['mac']:
                return _bad(seq, seq - 1, 'it was changed after it was written.')
            previous = row['mac']
            if head is not None and seq == head.seq:
                mac_at_head = previous
            if anchor is not None and seq == anchor.seq:
                mac_at_anchor = previous
            expected += 1
        if progress is not None:
            progress(expected - 1)
        if len(rows) < batch_size:
            break
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


def _bad(seq: int, checked: int, problem: str) -> ChainReport:
    return ChainReport(ok=False, checked=checked, first_bad_seq=seq, problem=problem)
