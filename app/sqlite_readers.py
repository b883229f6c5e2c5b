"""SQLite with a few read connections beside Tortoise's one writer (the engine `app.sqlite_readers`).

Tortoise's SQLite client has one connection behind one lock, and a transaction holds that lock
until it commits: every page's reads queued behind whichever write was under way (the audit
writer's batch of read events, a save), and under load 95 % of a request was that wait. In WAL
mode SQLite lets readers run beside the writer, each reading the last committed state, so here a
plain `SELECT` outside a transaction goes to one of `READERS` read-only connections, and
everything else (writes, and every statement inside a transaction, which Tortoise sends through
its own transaction wrapper on the writer) stays on the writer connection as before.

Why a pool and not only fewer queries: the patient page now makes few queries, but a page also
reads the session, the user and the branch, and those reads waited for unrelated writes; a pool
removes the wait whatever a page reads. Three readers: the machine has two cores, and each reader
is a thread that mostly waits on the disk. An in-memory database (the tests') has nothing to
share, so it keeps the single connection.

Every transaction starts with `BEGIN IMMEDIATE`: it takes the database's write lock before its first
statement, waiting for it up to `busy_timeout`. Tortoise's plain `BEGIN` takes it only at the first
write; a transaction that reads first (the audit logger reading the end of the chain, the calendar
checking a slot) then fails at once with "database is locked" when another process (a second
desk's `prospine` command, or the booking race test's processes) committed in between, because
SQLite cannot wait for a snapshot that is already stale. In this process every transaction runs
on the one writer connection anyway, so taking the lock up front costs nothing here.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import time
from collections.abc import Sequence
from typing import Any

import aiosqlite
from tortoise.backends.base.client import TransactionContext
from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
    translate_exceptions,
)
from tortoise.exceptions import TransactionManagementError

READERS = 3
SLOW_READ_SECONDS = float(os.environ.get('PROSPINE_SLOW_READ_MS', '250')) / 1000  # logged, to find what to index
log = logging.getLogger('prospine.database')
_READER_PRAGMAS = ('busy_timeout', 'foreign_keys')


class ImmediateTransactionWrapper(SqliteTransactionWrapper):
    """A transaction that holds the write lock from its start (see the module docstring)."""

    async def begin(self) -> None:
        try:
            await self._connection.commit()
            await self._connection.execute('BEGIN IMMEDIATE')
        except sqlite3.OperationalError as busy:
            raise TransactionManagementError(busy) from busy


class ReadPoolSqliteClient(SqliteClient):
    """Tortoise's SQLite client, with plain reads sent to a small pool of read-only connections."""

    def _in_transaction(self) -> TransactionContext:
        return SqliteTransactionContext(ImmediateTransactionWrapper(self), self._lock)

    def __init__(self, file_path: str, **kwargs: Any) -> None:
        super().__init__(file_path, **kwargs)
        self._readers: asyncio.Queue[aiosqlite.Connection] | None = None
        self._all_readers: list[aiosqlite.Connection] = []

    @property
    def shares_file(self) -> bool:
        return self.filename != ':memory:' and 'mode=memory' not in self.filename

    async def create_connection(self, with_db: bool) -> None:
        await super().create_connection(with_db)
        if self._readers is not None or not self.shares_file:
            return
        readers: asyncio.Queue[aiosqlite.Connection] = asyncio.Queue()
        for _ in range(READERS):
            reader = await aiosqlite.connect(self.filename, isolation_level=None)
            reader._conn.row_factory = sqlite3.Row
            for pragma in _READER_PRAGMAS:
                if pragma in self.pragmas:
                    await (await reader.execute(f'PRAGMA {pragma}={self.pragmas[pragma]}')).close()
            await (await reader.execute('PRAGMA query_only=ON')).close()  # a write sent here fails, loudly
            self._all_readers.append(reader)
            readers.put_nowait(reader)
        self._readers = readers

    async def close(self) -> None:
        readers, self._readers, self._all_readers = self._all_readers, None, []
        for reader in readers:
            await reader.close()
        await super().close()

    def _reader_for(self, query: str) -> asyncio.Queue[aiosqlite.Connection] | None:
        if self._readers is None or query.lstrip()[:6].upper() != 'SELECT':
            return None
        return self._readers

    @translate_exceptions
    async def execute_query(self, query: str, values: list | None = None) -> tuple[int, Sequence[dict]]:
        if (readers := self._reader_for(query)) is None:
            return await super().execute_query(query, values)
        rows = await self._read(readers, query, values)
        return len(rows), rows

    @translate_exceptions
    async def execute_query_dict(self, query: str, values: list | None = None) -> list[dict]:
        if (readers := self._reader_for(query)) is None:
            return await super().execute_query_dict(query, values)
        return list(map(dict, await self._read(readers, query, values)))

    async def _read(self, readers: asyncio.Queue[aiosqlite.Connection], query: str,
                    values: list | None) -> list[Any]:
        query = query.replace('\x00', "'||CHAR(0)||'")  # as the writer does
        reader = await readers.get()
        started = time.perf_counter()
        try:
            self.log.debug('%s: %s (read connection)', query, values)
            return list(await reader.execute_fetchall(query, values))
        finally:
            readers.put_nowait(reader)
            if (took := time.perf_counter() - started) > SLOW_READ_SECONDS:
                log.warning('A read took %.0f ms: %s', took * 1000, query[:300])


client_class = ReadPoolSqliteClient
