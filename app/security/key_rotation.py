"""Key rotation: re-encrypt every encrypted database value and health upload under a new key.

`rotate_keys` adds the new key (or takes the one of an unfinished rotation), then rewrites what is
still under another key: database values in batches, one transaction each, with raw SQL that only
changes a value nobody changed meanwhile (and leaves `auto_now` timestamps alone); then files, each
replaced atomically. Interrupted, it resumes where it stopped, because finished rows carry the new key id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tortoise.transactions import in_transaction

from app.audit import Action, EntityType, Outcome, audit, system_actor
from app.config import get_settings
from app.security.encrypted_fields import EncryptedColumn, encrypted_columns, value_context
from app.security.encrypted_files import encrypted_upload_dirs, upload_context
from app.security.keyring import TOKEN_VERSION, Keyring, KeyringError, key_id_of, key_id_of_blob, keyring
from app.security.private_files import is_temporary, write_private_file
from app.sql import placeholders, quoted

Progress = Callable[[int, int], None]
_PASSES = 3  # a value written by a process that had not yet seen the new key is caught by the next pass
_HEADER_BYTES = 64


class RotationIncomplete(KeyringError):
    """Values kept changing under the old key; running the rotation again finishes it."""


@dataclass(frozen=True, kw_only=True)
class RotationReport:
    """What a rotation re-encrypted, from which keys to which."""

    new_key_id: str
    old_key_ids: tuple[str, ...]
    values: int
    files: int


@dataclass(frozen=True, kw_only=True)
class KeyStatus:
    """The keys, an unfinished rotation, and how many values and files each key encrypts."""

    current_key_id: str
    key_ids: tuple[str, ...]
    rotation_target: str | None
    values_by_key: dict[str, int] = field(default_factory=dict)
    files_by_key: dict[str, int] = field(default_factory=dict)


@dataclass
class _Tally:
    """Counts what was re-encrypted and tells the progress callback."""

    progress: Progress | None
    values: int = 0
    files: int = 0
    total: int = 0
    old_key_ids: set[str] = field(default_factory=set)

    def add(self, *, values: int = 0, files: int = 0) -> None:
        self.values += values
        self.files += files
        self.report()

    def report(self) -> None:
        if self.progress is not None:
            self.progress(self.values + self.files, self.total)


async def rotate_keys(*, actor: Any = None, progress: Progress | None = None,
                      batch_size: int = 200) -> RotationReport:
    """Re-encrypt every encrypted value and health file under a new key; resumable after an interruption.

    The start (or resumption) and the end are audited as `key-rotation` events, by `actor`
    (the command's system actor unless given).
    """
    who = actor if actor is not None else system_actor('cli')
    ring = _keyring()
    resuming = ring.rotation_target is not None
    target = ring.rotate_begin()
    await audit.record(who, action=Action.KEY_ROTATION, entity_type=EntityType.KEY, entity_id=target,
                       detail=f'{"resumed" if resuming else "started"}: re-encrypting under key {target}')
    try:
        return await _rotate_to(ring, target, progress=progress, batch_size=batch_size, who=who)
    except RotationIncomplete as incomplete:
        await audit.record(who, action=Action.KEY_ROTATION, outcome=Outcome.FAILED, entity_type=EntityType.KEY,
                           entity_id=target, detail=incomplete.message)
        raise


async def _rotate_to(ring: Keyring, target: str, *, progress: Progress | None, batch_size: int,
                     who: Any) -> RotationReport:
    tally = _Tally(progress)
    for attempt in range(_PASSES + 1):
        counts = {column: await _count_stale(column, target) for column in encrypted_columns()}
        files = _stale_files(target)
        remaining = sum(counts.values()) + len(files)
        if not remaining:
            break
        if attempt == _PASSES:
            raise RotationIncomplete('Encrypted values kept changing during the key rotation; run it again.')
        tally.total = tally.values + tally.files + remaining
        tally.report()
        for column, count in counts.items():
            if count:
                await _rotate_column(ring, column, target, batch_size=batch_size, tally=tally)
        for path in files:
            tally.old_key_ids.add(_rotate_file(ring, path, target))
            tally.add(files=1)
    ring.rotate_finish()
    report = RotationReport(new_key_id=target, old_key_ids=tuple(sorted(tally.old_key_ids)), values=tally.values,
                            files=tally.files)
    await audit.record(who, action=Action.KEY_ROTATION, entity_type=EntityType.KEY, entity_id=target,
                       detail=f'finished: {report.values} value(s) and {report.files} file(s) re-encrypted from '
                              f'key(s) {", ".join(report.old_key_ids) or "none"} to key {target}')
    return report


async def key_status() -> KeyStatus:
    """Describe the keys and count the values and files each one encrypts."""
    ring = _keyring()
    values: Counter[str] = Counter()
    for column in encrypted_columns():
        connection = column.model._meta.db
        value = quoted(column.column)
        sql = f'SELECT substr({value}, 1, 40) AS head FROM {quoted(column.table)} WHERE {value} IS NOT NULL'  # noqa: S608
        _, rows = await connection.execute_query(sql)
        values.update(_key_id_or_unreadable(row['head']) for row in rows)
    files = Counter(_file_key_id(path) for path in _encrypted_files())
    return KeyStatus(current_key_id=ring.current_key_id, key_ids=ring.key_ids, rotation_target=ring.rotation_target,
                     values_by_key=dict(values), files_by_key=dict(files))


async def _count_stale(column: EncryptedColumn, target: str) -> int:
    connection = column.model._meta.db
    sql = (f'SELECT COUNT(*) AS n FROM {quoted(column.table)} '  # noqa: S608 - names come from the models
           f'WHERE {quoted(column.column)} IS NOT NULL AND {quoted(column.column)} NOT LIKE ?')
    _, rows = await connection.execute_query(placeholders(connection, sql), [_prefix(target)])
    return int(rows[0]['n'])


async def _rotate_column(ring: Keyring, column: EncryptedColumn, target: str, *, batch_size: int,
                         tally: _Tally) -> None:
    """Re-encrypt one column in batches of rows (ordered by primary key), each batch in one transaction."""
    connection = column.model._meta.db
    pk, value = quoted(column.pk_column), quoted(column.column)
    select = (f'SELECT {pk} AS pk, {value} AS token FROM {quoted(column.table)} '  # noqa: S608 - names from the models
              f'WHERE {value} IS NOT NULL AND {value} NOT LIKE ?')
    update = placeholders(connection, f'UPDATE {quoted(column.table)} SET {value} = ? '  # noqa: S608 - names from the models
                              f'WHERE {pk} = ? AND {value} = ?')
    last: Any = None
    while True:
        params: list[Any] = [_prefix(target)]
        query = select
        if last is not None:
            query += f' AND {pk} > ?'
            params.append(last)
        statement = placeholders(connection, f'{query} ORDER BY {pk} LIMIT {int(batch_size)}')
        _, rows = await connection.execute_query(statement, params)
        if not rows:
            return
        changes = []
        for row in rows:
            try:
                plaintext = column.field.decrypt(column.model, row['token'], pk=row['pk'])
            except KeyringError as error:
                raise KeyringError(f'{column.table}.{column.column} of row {row["pk"]}: {error.message}') from None
            context = value_context(column.model, column.field, row['pk'])
            changes.append([ring.encrypt(plaintext.encode(), context=context, key_id=target), row['pk'], row['token']])
            tally.old_key_ids.add(key_id_of(row['token']))
        async with in_transaction(column.model._meta.default_connection) as transaction:
            for change in changes:
                await transaction.execute_query(update, change)
        last = rows[-1]['pk']
        tally.add(values=len(rows))


def _rotate_file(ring: Keyring, path: Path, target: str) -> str:
    blob = path.read_bytes()
    context = upload_context(path)
    try:
        data = ring.open_bytes(blob, context=context)
    except KeyringError as error:
        raise KeyringError(f'{path}: {error.message}') from None
    write_private_file(path, ring.seal_bytes(data, context=context, key_id=target))
    return key_id_of_blob(blob)


def _stale_files(target: str) -> list[Path]:
    return [path for path in _encrypted_files() if _file_key_id(path) != target]


def _encrypted_files() -> list[Path]:
    """Every encrypted upload: the health files and the expense bills."""
    return sorted(path for folder in encrypted_upload_dirs() if folder.is_dir()
                  for path in folder.rglob('*') if path.is_file() and not is_temporary(path))


def _file_key_id(path: Path) -> str:
    with path.open('rb') as handle:
        head = handle.read(_HEADER_BYTES)
    try:
        return key_id_of_blob(head)
    except KeyringError:
        return 'not encrypted'


def _key_id_or_unreadable(head: str) -> str:
    try:
        return key_id_of(head)
    except KeyringError:
        return 'not encrypted'


def _prefix(key_id: str) -> str:
    """A LIKE pattern for tokens under `key_id` (key ids are hex, so no LIKE wildcards)."""
    return f'{TOKEN_VERSION}:{key_id}:%'



def _keyring() -> Keyring:
    return keyring(get_settings().data_dir)

