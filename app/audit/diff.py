"""What changed in a record, as the audit trail may show it.

Values of non-health fields are kept as before/after pairs. Health fields (encrypted at rest)
and secrets (password hashes, authenticator secrets) are named but their values never enter
the trail.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from tortoise.models import Model

SECRET_FIELDS = frozenset({'password_hash', 'totp_secret', 'token_hash', 'code_hash'})
HIDDEN = '(not recorded)'


def snapshot(instance: Model, fields: Collection[str] | None = None) -> dict[str, Any]:
    """The current values of a record's fields (all data fields unless named)."""
    names = fields if fields is not None else instance._meta.db_fields
    return {name: getattr(instance, name) for name in names if name in instance._meta.fields_map}


def hidden_fields(model: type[Model]) -> frozenset[str]:
    """The fields whose values the trail must not hold: health fields and secrets."""
    health = {name for name, field in model._meta.fields_map.items() if getattr(field, 'holds_health_data', False)}
    return frozenset(health | (SECRET_FIELDS & set(model._meta.fields_map)))


def changes_between(before: Mapping[str, Any], after: Mapping[str, Any], *,
                    hidden: Collection[str] = SECRET_FIELDS) -> dict[str, Any]:
    """Name every field whose value differs; keep the values unless the field is hidden."""
    changes: dict[str, Any] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        changes[name] = HIDDEN if name in hidden else {'before': _plain(old), 'after': _plain(new)}
    return changes


def created(values: Mapping[str, Any], *, hidden: Collection[str] = SECRET_FIELDS) -> dict[str, Any]:
    """The fields a new record was created with (hidden ones by name only)."""
    return changes_between({}, {name: value for name, value in values.items() if value not in (None, '')},
                           hidden=hidden)


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return str(value)
