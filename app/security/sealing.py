"""Encrypt health values that a migration moved, still plain, into encrypted columns.

A migration is SQL and cannot encrypt. When a plain column becomes an encrypted one (migration 4:
a diagnostic test's items and limb), the migration copies the values into the new column as they
were, and this step, run by every start right after the migrations (`app.db.open_database`),
encrypts each value that is not yet a token. It is idempotent: once every value is sealed it finds
nothing, at the cost of one indexed-free scan of those few columns. Each batch is one
transaction; the count sealed is one event in the audit trail.
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from app.audit import Action, EntityType, audit, system_actor
from app.config import get_settings
from app.security.encrypted_fields import EncryptedColumn, encrypted_columns, value_context
from app.security.keyring import LEGACY_TOKEN_VERSION, TOKEN_VERSION, keyring
from app.sql import placeholders, quoted
from app.wording import counted

# (table, column) of encrypted columns that once held plain text; only these are scanned.
ONCE_PLAIN = frozenset({('diagnostic_test', 'items_sealed'), ('diagnostic_test', 'limb_sealed')})



async def seal_plain_values(*, batch_size: int = 500) -> int:
    """Encrypt every plain value left in a once-plain column; return how many were sealed."""
    sealed = 0
    for column in encrypted_columns():
        if (column.table, column.column) in ONCE_PLAIN:
            count = await _seal_column(column, batch_size=batch_size)
            if count:
                await audit.record(system_actor('migration'), action=Action.UPDATE, entity_type=EntityType.ENCRYPTION,
                                   entity_id=f'{column.table}.{column.column}',
                                   detail=f'{counted(count, "plain value")} left by a migration encrypted')
            sealed += count
    return sealed


async def _seal_column(column: EncryptedColumn, *, batch_size: int) -> int:
    connection = column.model._meta.db
    ring = keyring(get_settings().data_dir)
    pk, value, table = quoted(column.pk_column), quoted(column.column), quoted(column.table)
    select = placeholders(connection, f'SELECT {pk} AS pk, {value} AS plain FROM {table} '  # noqa: S608 - model names
                                      f'WHERE {value} IS NOT NULL AND {value} NOT LIKE ? AND {value} NOT LIKE ? '
                                      f'LIMIT {int(batch_size)}')
    update = placeholders(connection, f'UPDATE {table} SET {value} = ? WHERE {pk} = ? AND {value} = ?')  # noqa: S608
    sealed = 0
    while True:
        _, rows = await connection.execute_query(select, [f'{TOKEN_VERSION}:%', f'{LEGACY_TOKEN_VERSION}:%'])
        if not rows:
            return sealed
        async with in_transaction(column.model._meta.default_connection) as transaction:
            for row in rows:
                token = ring.encrypt(str(row['plain']).encode(),
                                     context=value_context(column.model, column.field, row['pk']))
                await transaction.execute_query(update, [token, row['pk'], row['plain']])
        sealed += len(rows)
