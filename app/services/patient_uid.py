"""The clinic's patient UID, `YYMMDD-N`: the day of first registration and that day's serial.

The serial is counted by one statement in the database (insert the day, or add one to it, and
return the result), inside the registering transaction: two desks registering at the same moment
get different numbers, and a registration that fails gives its number back with the rollback.
"""

from __future__ import annotations

from datetime import date

from tortoise import connections

from app.sql import placeholders

_NEXT_SERIAL = ('INSERT INTO patient_day_serial (day, serial) VALUES (?, 1) '
                'ON CONFLICT (day) DO UPDATE SET serial = patient_day_serial.serial + 1 RETURNING serial')


async def allocate_uid(day: date) -> str:
    """Take the next UID of `day`; call it inside the transaction that creates the patient."""
    connection = connections.get('default')
    value: object = day.isoformat() if connection.capabilities.dialect == 'sqlite' else day
    # execute_query_dict: asyncpg's execute_query drops the rows of an INSERT ... RETURNING
    rows = await connection.execute_query_dict(placeholders(connection, _NEXT_SERIAL), [value])
    return f'{day:%y%m%d}-{rows[0]["serial"]}'
