"""Small helpers the services share to record a change in the audit trail as they make it."""

from __future__ import annotations

from typing import Any

from tortoise.models import Model

from app.audit.diff import changes_between, hidden_fields, snapshot
from app.audit.logger import ChangeEvent
from app.wording import counted


async def save_changes(event: ChangeEvent, record: Model, **values: Any) -> None:
    """Write new values to a record and give the event their before and after (secrets by name only).

    Call inside the event's `audit.change` block, with the record as read in that block.
    """
    model = type(record)
    before = snapshot(record, values)
    await model.filter(pk=record.pk).update(**values)
    event.set_changes(changes_between(before, values, hidden=hidden_fields(model)))


def signed_out(count: int) -> str:
    """Say how many sessions a change ended, for an event's detail ('' when none)."""
    return f'Signed out of {counted(count, "session")}.' if count else ''
