"""Every datetime reaches the database in UTC.

Tortoise hands a timezone-aware datetime to the driver as it is. SQLite keeps it as text with
its offset, so a value saved in the clinic's time (`...T00:00+05:30`) and one saved in UTC
(`...T19:00+00:00`) compare as strings, not as moments: a filter "created up to yesterday"
run after 18:30 UTC found today's inquiries. Converting at the one place Tortoise turns a
datetime into a database value, for saves and for filters alike, makes every stored and
compared moment UTC whatever time zone the code built it in. PostgreSQL's timestamptz
compares moments anyway; for it this changes nothing.

Coming back, SQLite hands every datetime and date over as that text, and Tortoise reads it with
the `iso8601` package, in Python: about 10 us a value, and under the load bench a tenth of the
server's time went to it (a day's calendar is a few hundred of them, on every open desk).
`datetime.fromisoformat` reads the same text in C in under 1 us, to the same moment; Tortoise's
own handling of the time zone follows unchanged, and text it cannot read still goes to Tortoise.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime
from typing import Any

from tortoise.fields.data import DateField, DatetimeField

_to_db_value = DatetimeField.to_db_value
_to_python_value = DatetimeField.to_python_value
_date_to_python_value = DateField.to_python_value


def _utc_to_db_value(self: DatetimeField, value: Any, instance: Any) -> Any:
    stored = _to_db_value(self, value, instance)
    if isinstance(stored, datetime) and stored.tzinfo is not None and stored.utcoffset():
        return stored.astimezone(UTC)
    return stored


def _read_datetime(self: DatetimeField, value: Any) -> datetime | None:
    if isinstance(value, str):
        with contextlib.suppress(ValueError):  # not ISO text: Tortoise's parser says what it makes of it
            value = datetime.fromisoformat(value)
    return _to_python_value(self, value)


def _read_date(self: DateField, value: Any) -> date | None:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    return _date_to_python_value(self, value)


def store_datetimes_in_utc() -> None:
    """Install the conversions (idempotent; done when `models` is imported)."""
    DatetimeField.to_db_value = _utc_to_db_value  # type: ignore[method-assign]
    DatetimeField.to_python_value = _read_datetime  # type: ignore[method-assign]
    DateField.to_python_value = _read_date  # type: ignore[method-assign]
