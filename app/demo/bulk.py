"""Bulk writers for the demo data: rows in batches of `executemany`, and the audit chain appended in bulk.

Rows are converted by their model's own fields (`to_db_value`), so values are stored exactly as
the ORM stores them: encrypted columns are encrypted with the keyring and bound to their row, as
`EncryptedTextField` does for a saved instance. The audit events are chained by the logger's own
`insert_after` (the same canonical form and HMAC), each batch in the transaction of its rows, and
the sealed head is written after every commit, as the logger does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model
from tortoise.transactions import in_transaction

from app.audit.chain import GENESIS_MAC, Head, audit_key, write_head
from app.audit.events import EventDraft
from app.audit.logger import insert_after
from app.security.encrypted_fields import EncryptedTextField
from app.sql import placeholders, quoted


@dataclass
class _Table:
    """How one model's rows become an INSERT: its columns and the field converting each."""

    model: type[Model]
    statement: str
    names: tuple[str, ...]
    converters: tuple[Any, ...]
    defaults: tuple[Any, ...]
    encrypted: tuple[bool, ...]
    binder: Model  # an instance whose primary key is set per row, for the encrypted fields' binding
    pk_attr: str
    rows: list[list[Any]] = field(default_factory=list)

    def add(self, values: dict[str, Any]) -> None:
        self.binder.pk = values[self.pk_attr]
        model, binder = self.model, self.binder
        # A model class, not an instance, for the plain fields: `auto_now` would stamp the wall clock.
        self.rows.append([convert(values.get(name, default), binder if encrypted else model)
                          for name, convert, default, encrypted
                          in zip(self.names, self.converters, self.defaults, self.encrypted, strict=True)])


def _table(model: type[Model]) -> _Table:
    meta = model._meta
    names = tuple(meta.fields_db_projection)
    fields_of = [meta.fields_map[name] for name in names]
    defaults = tuple(None if f.default is None or callable(f.default) else f.default for f in fields_of)
    columns = ', '.join(quoted(meta.fields_db_projection[name]) for name in names)
    statement = (f'INSERT INTO {quoted(meta.db_table)} ({columns}) '  # noqa: S608 (names from the model)
                 f'VALUES ({", ".join("?" * len(names))})')
    return _Table(model=model, statement=statement, names=names, converters=tuple(f.to_db_value for f in fields_of),
                  defaults=defaults, encrypted=tuple(isinstance(f, EncryptedTextField) for f in fields_of),
                  binder=model(), pk_attr=meta.pk_attr)


class RowWriter:
    """Buffers rows per model and inserts them in the order the models were first given (parents first)."""

    def __init__(self, models: Iterable[type[Model]]) -> None:
        self._tables = {model: _table(model) for model in models}
        self._updates: dict[tuple[type[Model], tuple[str, ...]], list[list[Any]]] = {}
        self.written: dict[type[Model], int] = dict.fromkeys(self._tables, 0)

    def add(self, model: type[Model], **values: Any) -> None:
        """Queue one row; fields left out take their default (a callable default must be given)."""
        self._tables[model].add(values)

    def update(self, model: type[Model], pk: Any, **values: Any) -> None:
        """Queue a change of plain fields of a row (queued or written before); changes run after the inserts."""
        fields_map = model._meta.fields_map
        row = [fields_map[name].to_db_value(value, model) for name, value in values.items()]
        row.append(model._meta.pk.to_db_value(pk, model))
        self._updates.setdefault((model, tuple(values)), []).append(row)

    @property
    def pending(self) -> int:
        return sum(len(table.rows) for table in self._tables.values()) + sum(map(len, self._updates.values()))

    async def write(self, connection: BaseDBAsyncClient) -> None:
        for model, table in self._tables.items():
            if table.rows:
                await connection.execute_many(placeholders(connection, table.statement), table.rows)
                self.written[model] += len(table.rows)
                table.rows = []
        for (model, names), rows in self._updates.items():
            meta = model._meta
            assignments = ', '.join(f'{quoted(meta.fields_db_projection[name])} = ?' for name in names)
            statement = (f'UPDATE {quoted(meta.db_table)} SET {assignments} '  # noqa: S608 (names from the model)
                         f'WHERE {quoted(meta.db_pk_column)} = ?')
            await connection.execute_many(placeholders(connection, statement), rows)
        self._updates = {}


class ChainWriter:
    """Appends events after the chain's current end, in the caller's transaction, and seals the new head."""

    def __init__(self, data_dir: Path, tail: Head) -> None:
        self._data_dir = data_dir
        self.tail = tail
        self.drafts: list[EventDraft] = []
        self.written = 0

    async def write(self, connection: BaseDBAsyncClient) -> None:
        if self.drafts:
            self.tail = await insert_after(connection, self.tail, self.drafts)
            self.written += len(self.drafts)
            self.drafts = []

    def seal(self) -> None:
        """Write the sealed head file for the chain's new end (call after the commit)."""
        if self.tail.seq:
            write_head(self._data_dir, audit_key(self._data_dir), self.tail.seq, self.tail.mac)


async def chain_tail() -> Head:
    """The newest event of the chain as the database holds it (the genesis when there is none)."""
    _, rows = await connections.get('default').execute_query(
        'SELECT seq, mac FROM audit_event ORDER BY seq DESC LIMIT 1')
    return Head(int(rows[0]['seq']), str(rows[0]['mac'])) if rows else Head(0, GENESIS_MAC)


async def commit(rows: RowWriter, chain: ChainWriter) -> None:
    """Write what is buffered, rows and their events, in one transaction; then seal the head."""
    async with in_transaction() as connection:
        await rows.write(connection)
        await chain.write(connection)
    chain.seal()
