"""Check the audit chain: every event in order, unchanged, and nothing cut off the end."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tortoise import connections

from app.audit.chain import CHAINED_COLUMNS, GENESIS_MAC, audit_key, mac_of, read_head
from app.config import get_settings
from app.sql import placeholders

_SELECT = f'SELECT {", ".join(CHAINED_COLUMNS)}, mac FROM audit_event WHERE seq > ? ORDER BY seq LIMIT ?'  # noqa: S608 (constant column names)


@dataclass(frozen=True)
class ChainReport:
    """The result of a verification: how many events were checked and the first bad one."""

    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ''

    def sentence(self) -> str:
        if self.ok:
            return f'The audit trail is intact: {self.checked:,} event{"" if self.checked == 1 else "s"} checked.'
        where = f' at event #{self.first_bad_seq}' if self.first_bad_seq is not None else ''
        return f'The audit trail has been tampered with{where}: {self.problem}'


async def verify_chain(*, batch_size: int = 5000, progress: Callable[[int], None] | None = None) -> ChainReport:
    """Walk the whole chain on the open database and compare its end with the head file."""
    data_dir = get_settings().data_dir
    head = read_head(data_dir)  # read first: events committed while we check are after it
    key = audit_key(data_dir)
    connection = connections.get('default')
    query = placeholders(connection, _SELECT)
    expected, previous, mac_at_head = 1, GENESIS_MAC, None
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
            expected += 1
        if progress is not None:
            progress(expected - 1)
        if len(rows) < batch_size:
            break
    last = expected - 1
    if head is None:
        if last:
            return ChainReport(ok=False, checked=last, problem='the record of the newest event kept outside the '
                                                               'database (audit/head.json) is missing.')
        return ChainReport(ok=True, checked=0)
    if head.seq > last:
        return _bad(last + 1, last, f'events #{last + 1} to #{head.seq} have been cut off the end.')
    if head.seq > 0 and mac_at_head != head.mac:
        return _bad(head.seq, last, 'it differs from the record of the newest event kept outside the database.')
    return ChainReport(ok=True, checked=last)


def _bad(seq: int, checked: int, problem: str) -> ChainReport:
    return ChainReport(ok=False, checked=checked, first_bad_seq=seq, problem=problem)
