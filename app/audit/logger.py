"""The one audit logger every service and the sign-in layer write through.

- `audit.change(...)` opens the transaction a change is made in; its event is appended to the
  chain in that same transaction, so a crash can never keep the change without its event or
  the event without its change.
- `audit.record(...)` writes one event on its own (a sign-in, a refusal, a backup). Inside an
  open `audit.change` block it joins that block's transaction instead.
- `audit.view(...)` queues a read event ("who opened which record"). A background task writes
  the queue in batches; the queue is bounded, so a burst waits for room instead of losing
  events, and `audit.flush()` (called at shutdown) writes whatever is still waiting.
- After the commit, every successful create, update, delete or admin change is published as a
  `DomainEvent` (kind and ids, no health text) so open screens refresh (`app.events`); a failure
  to publish is logged and never undoes the commit.

Order: within the process, one lock per event loop; on SQLite the single connection also runs
one transaction at a time. On PostgreSQL an advisory transaction lock orders appends from
several processes. Between the app and a `prospine` command on SQLite the sequence number (the
primary key) cannot fork: the later of two racing transactions fails and is rolled back whole.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import weakref
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from app.audit.chain import CHAINED_COLUMNS, GENESIS_MAC, Head, audit_key, head_path, mac_of, time_text, write_head
from app.audit.events import Action, EntityType, EventDraft, Outcome, current_origin, who_of
from app.clock import utcnow
from app.config import get_settings
from app.events import DomainEvent, hub
from app.sql import placeholders

log = logging.getLogger(__name__)

VIEW_QUEUE_SIZE = 1000
VIEW_BATCH_SIZE = 500


@dataclass(kw_only=True)
class ChangeEvent:
    """The event of an `audit.change` block; the block fills in what it learns while it runs."""

    draft: EventDraft
    joined: list[EventDraft] = field(default_factory=list)
    # the block's transaction, for the raw SQL a service must run in it (a lock taken before a check)
    connection: BaseDBAsyncClient | None = None

    @property
    def entity_id(self) -> str:
        return self.draft.entity_id

    @entity_id.setter
    def entity_id(self, value: object) -> None:
        self.draft.entity_id = str(value)

    def set_changes(self, changes: dict[str, Any]) -> None:
        """Record what changed (see `app.audit.diff.changes_between`)."""
        self.draft.changes = changes

    def set_detail(self, detail: str) -> None:
        self.draft.detail = detail

    def set_who(self, actor: Any) -> None:
        """Name who acted once it is known (a sign-in learns its user and session inside the block)."""
        self.draft.who = who_of(actor)

    def set_patient(self, patient_id: object) -> None:
        self.draft.patient_id = str(patient_id)

    def drafts(self) -> list[EventDraft]:
        return [self.draft, *self.joined]


_open_change: contextvars.ContextVar[ChangeEvent | None] = contextvars.ContextVar('audit_open_change', default=None)


class AuditLogger:
    """Appends events to the hash chain (see the module docstring)."""

    def __init__(self) -> None:
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()
        self._queue: asyncio.Queue[EventDraft] | None = None
        self._writer: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._published: dict[Path, int] = {}

    # -- writing ------------------------------------------------------------------------------

    async def record(self, actor: Any, *, action: Action | str, outcome: Outcome | str = Outcome.SUCCESS,
                     entity_type: EntityType | str = '', entity_id: object = '', patient_id: object | None = None,
                     changes: dict[str, Any] | None = None, detail: str = '') -> None:
        """Write one event now (or with the transaction of the enclosing `audit.change`)."""
        draft = _draft(actor, action=action, outcome=outcome, entity_type=entity_type, entity_id=entity_id,
                       patient_id=patient_id, changes=changes, detail=detail)
        enclosing = _open_change.get()
        if enclosing is not None:
            enclosing.joined.append(draft)
            return
        await self.commit([draft])

    @asynccontextmanager
    async def change(self, actor: Any, *, action: Action | str, entity_type: EntityType, entity_id: object = '',
                     patient_id: object | None = None, detail: str = '') -> AsyncIterator[ChangeEvent]:
        """Run a change and its event in one transaction; nothing is written if the block raises."""
        event = ChangeEvent(draft=_draft(actor, action=action, entity_type=entity_type, entity_id=entity_id,
                                         patient_id=patient_id, detail=detail))
        enclosing = _open_change.get()
        if enclosing is not None:  # nested: the outer block's transaction carries this event too
            event.connection = enclosing.connection
            yield event
            enclosing.joined.extend(event.drafts())
            return
        async with self._lock():
            async with in_transaction() as connection:
                event.connection = connection
                token = _open_change.set(event)
                try:
                    yield event
                finally:
                    _open_change.reset(token)
                head = await _append(connection, event.drafts())
            self._committed(connection, head)
        _announce(event.drafts())

    async def commit(self, drafts: Sequence[EventDraft]) -> None:
        """Append events in a transaction of their own."""
        async with self._lock():
            async with in_transaction() as connection:
                head = await _append(connection, drafts)
            self._committed(connection, head)
        _announce(drafts)

    # -- read events --------------------------------------------------------------------------

    async def view(self, actor: Any, *, entity_type: EntityType, entity_id: object, patient_id: object | None = None,
                   detail: str = '') -> None:
        """Queue a read event; waits for room when the queue is full (never drops an event)."""
        draft = _draft(actor, action=Action.VIEW, entity_type=entity_type, entity_id=entity_id,
                       patient_id=patient_id, detail=detail)
        draft.occurred_at = utcnow()  # when it was opened, not when the batch is written
        await self._view_queue().put(draft)

    async def flush(self) -> None:
        """Wait until every queued read event is written."""
        if self._queue is not None and self._loop is asyncio.get_running_loop():
            await self._queue.join()

    async def shutdown(self) -> None:
        """Write what is queued, then stop the background writer."""
        await self.flush()
        if self._writer is not None and self._loop is asyncio.get_running_loop():
            self._writer.cancel()
        self._writer = self._queue = self._loop = None

    def _view_queue(self) -> asyncio.Queue[EventDraft]:
        loop = asyncio.get_running_loop()
        if self._queue is None or self._loop is not loop:
            self._loop = loop
            self._queue = asyncio.Queue(maxsize=VIEW_QUEUE_SIZE)
            self._writer = loop.create_task(self._write_views(self._queue), name='audit-view-writer')
        return self._queue

    async def _write_views(self, queue: asyncio.Queue[EventDraft]) -> None:
        while True:
            batch = [await queue.get()]
            while len(batch) < VIEW_BATCH_SIZE and not queue.empty():
                batch.append(queue.get_nowait())
            try:
                await self._commit_with_retries(batch)
            finally:
                for _ in batch:
                    queue.task_done()

    async def _commit_with_retries(self, batch: list[EventDraft], attempts: int = 5) -> None:
        for attempt in range(1, attempts + 1):
            try:
                await self.commit(batch)
                return
            except Exception:
                if attempt == attempts:
                    log.exception('Could not write %d read event(s) to the audit trail', len(batch))
                    return
                await asyncio.sleep(0.2 * attempt)

    # -- helpers ------------------------------------------------------------------------------

    def _lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        if loop not in self._locks:
            self._locks[loop] = asyncio.Lock()
        return self._locks[loop]

    def _committed(self, connection: BaseDBAsyncClient, head: Head) -> None:
        """After a commit: remember the chain's end for the next append, and publish it."""
        _tails[_database_of(connection)] = head
        data_dir = get_settings().data_dir
        if head.seq > self._published.get(data_dir, 0):
            write_head(data_dir, _key(), head.seq, head.mac)
            self._published[data_dir] = head.seq

    def forget_published(self) -> None:
        """Forget which heads this process wrote, where chains end and the key read (after a restore)."""
        self._published.clear()
        _tails.clear()
        _keys.clear()


def _draft(actor: Any, *, action: Action | str, outcome: Outcome | str = Outcome.SUCCESS,
           entity_type: EntityType | str = '',
           entity_id: object = '', patient_id: object | None = None, changes: dict[str, Any] | None = None,
           detail: str = '') -> EventDraft:
    return EventDraft(who=who_of(actor), origin=current_origin(), action=str(action), outcome=str(outcome),
                      entity_type=str(entity_type), entity_id='' if entity_id is None else str(entity_id),
                      patient_id=None if patient_id is None else str(patient_id), changes=changes or {},
                      detail=detail)


_ANNOUNCED = frozenset({Action.CREATE, Action.UPDATE, Action.DELETE, Action.ADMIN_CHANGE})


def _announce(drafts: Sequence[EventDraft]) -> None:
    """Tell open screens what was just committed: kind, action and ids only (`app.events`).

    A change that went wrong here is still committed: a failure is logged, never raised.
    """
    for draft in drafts:
        if draft.outcome != Outcome.SUCCESS or draft.action not in _ANNOUNCED or not draft.entity_type:
            continue
        try:
            hub.publish(DomainEvent(kind=draft.entity_type, action=draft.action, entity_id=draft.entity_id,
                                    patient_uid=draft.patient_id, branch_id=draft.who.branch_id))
        except Exception:
            log.exception('Could not tell open screens about a committed %s change', draft.entity_type)


_INSERT = (f'INSERT INTO audit_event ({", ".join((*CHAINED_COLUMNS, "mac"))}) '  # noqa: S608 (constant names)
           f'VALUES ({", ".join("?" * (len(CHAINED_COLUMNS) + 1))})')
_POSTGRES_CHAIN_LOCK = 0x50524F53  # any constant shared by every process of the clinic


# Where the chain ends, per open SQLite database (weakly keyed: a database opened again starts afresh).
_tails: weakref.WeakKeyDictionary[BaseDBAsyncClient, Head] = weakref.WeakKeyDictionary()


async def _append(connection: BaseDBAsyncClient, drafts: Sequence[EventDraft]) -> Head:
    """Add events after the newest one, inside the caller's transaction.

    On SQLite the end of the chain this process committed last is remembered, saving a query per
    change. Should another process (a `prospine` command) have appended since, the insert collides
    with its sequence number; SQLite undoes just that statement, and the end is read afresh.
    """
    if connection.capabilities.dialect == 'sqlite':
        tail = _tails.get(_database_of(connection))
        if tail is not None:
            try:
                return await insert_after(connection, tail, drafts)
            except IntegrityError:
                pass
    else:
        await connection.execute_query('SELECT pg_advisory_xact_lock($1)', [_POSTGRES_CHAIN_LOCK])
    _, rows = await connection.execute_query('SELECT seq, mac FROM audit_event ORDER BY seq DESC LIMIT 1')
    tail = Head(int(rows[0]['seq']), str(rows[0]['mac'])) if rows else Head(0, GENESIS_MAC)
    return await insert_after(connection, tail, drafts)


async def insert_after(connection: BaseDBAsyncClient, tail: Head, drafts: Sequence[EventDraft]) -> Head:
    """Chain and insert events after `tail` on an open transaction; the caller holds the chain's lock.

    The logger's own append path, and the demo data's bulk writer (which writes ten years at once).
    """
    sqlite = connection.capabilities.dialect == 'sqlite'
    key = _key(new_chain=tail.seq == 0)
    moment = utcnow()
    seq, previous = tail.seq, tail.mac
    values = []
    for draft in drafts:
        seq += 1
        row = _row(draft, seq=seq, occurred_at=draft.occurred_at or moment, prev_mac=previous)
        row['mac'] = previous = mac_of(key, row)
        if sqlite:
            row['occurred_at'] = time_text(row['occurred_at'])  # the text the MAC covers, as Tortoise stores it
        values.append([row[column] for column in (*CHAINED_COLUMNS, 'mac')])
    await connection.execute_many(placeholders(connection, _INSERT), values)
    return Head(seq, previous)


def _database_of(connection: BaseDBAsyncClient) -> BaseDBAsyncClient:
    """The database client behind a (possibly nested) transaction."""
    while (parent := getattr(connection, '_parent', None)) is not None:
        connection = parent
    return connection


def _row(draft: EventDraft, *, seq: int, occurred_at: Any, prev_mac: str) -> dict[str, Any]:
    who, origin = draft.who, draft.origin
    return {
        'seq': seq,
        'occurred_at': occurred_at,
        'user_id': who.user_id,
        'username': who.username[:64],
        'role': who.role[:16],
        'branch_id': who.branch_id,
        'session_id': who.session_id,
        'client_ip': origin.client_ip[:64],
        'user_agent': origin.user_agent[:300],
        'action': draft.action[:32],
        'entity_type': draft.entity_type[:40],
        'entity_id': draft.entity_id[:64],
        'patient_id': None if draft.patient_id is None else draft.patient_id[:64],
        'outcome': draft.outcome[:8],
        'changes': json.dumps(draft.changes, sort_keys=True, default=str, ensure_ascii=False) if draft.changes else '',
        'detail': draft.detail[:500],
        'prev_mac': prev_mac,
    }


_keys: dict[Path, bytes] = {}


def _key(*, new_chain: bool = False) -> bytes:
    """The audit key, read once per data directory.

    It is made only for the first event of a new installation (an empty chain and no head file);
    otherwise a missing key raises `AuditKeyError` and the change is rolled back with its event.
    """
    data_dir = get_settings().data_dir
    if data_dir not in _keys:
        _keys[data_dir] = audit_key(data_dir, create=new_chain and not head_path(data_dir).exists())
    return _keys[data_dir]



audit = AuditLogger()
