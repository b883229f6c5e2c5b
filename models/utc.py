"""Every datetime reaches the database in UTC.

Tortoise hands a timezone-aware datetime to the driver as it is. SQLite keeps it as text with
its offset, so a value saved in the clinic's time (`...T00:00+05:30`) and one saved in UTC
(`...T19:00+00:00`) compare as strings, not as moments: a filter "created up to yesterday"
run after 18:30 UTC found today's inquiries. Converting at the one place Tortoise turns a
datetime into a database value, for saves and for filters alike, makes every stored and
compared moment UTC whatever time zone the code built it in. PostgreSQL's timestamptz
compares moments anyway; for it this changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tortoise.fields.data import DatetimeField

_to_db_value = DatetimeField.to_db_value


def _utc_to_db_value(self: DatetimeField, value: Any, instance: Any) -> Any:
    stored = _to_db_value(self, value, instance)
    if isinstance(stored, datetime) and stored.tzinfo is not None and stored.utcoffset():
        return stored.astimezone(UTC)
    return stored


def store_datetimes_in_utc() -> None:
    """Install the conversion (idempotent; done when `models` is imported)."""
    DatetimeField.to_db_value = _utc_to_db_value  # type: ignore[method-assign]
