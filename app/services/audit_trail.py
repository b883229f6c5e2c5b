"""Reading the audit trail: filtered, sorted pages for the audit page, CSV export, verification.

Queries stay fast over millions of events because every filter has an index that ends in `seq`
(see `models.audit`), sorting is limited to indexed columns, and the unfiltered total is the
newest sequence number (the chain has no gaps) instead of a count. A filtered total is counted
only up to `COUNT_LIMIT`: a count over hundreds of thousands of matches (a branch and an outcome,
say) costs a table read per match, and nobody pages that far; the page says "10,000+" and asks
for narrower filters. An admin sees the events of
their own branch; the superadmin sees all of them, including those of no branch (unknown
usernames, commands, the backup scheduler). Nothing here changes or deletes an event.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from tortoise.expressions import Q

from app.audit import Action, EntityType, Outcome, audit
from app.audit.chain import Anchor
from app.audit.denials import audit_denials
from app.audit.verify import ChainReport, newest_head, verify_chain
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.config import get_settings
from app.errors import ValidationFailed
from app.exports import neutralised
from app.services.users import require
from models.accounts import User
from models.audit import AuditEvent

PAGE_SIZES = (25, 50, 100)
EXPORT_LIMIT = 200_000
COUNT_LIMIT = 10_000
# What the page may sort by, and the indexed column behind it (ties follow the same direction).
SORTABLE = {'time': 'seq', 'user': 'user_id', 'action': 'action', 'outcome': 'outcome'}
CSV_COLUMNS = ('seq', 'occurred_at', 'username', 'user_id', 'role', 'branch_id', 'session_id', 'client_ip',
               'user_agent', 'action', 'entity_type', 'entity_id', 'patient_id', 'outcome', 'changes', 'detail')


@dataclass(frozen=True, kw_only=True)
class EventFilter:
    """What the admin narrowed the trail to; empty fields do not filter."""

    date_from: date | None = None
    date_to: date | None = None
    username: str = ''
    action: str = ''
    patient_id: str = ''
    entity_type: str = ''
    entity_id: str = ''
    outcome: str = ''

    def describe(self) -> str:
        parts = [f'{name}={value}' for name, value in vars(self).items() if value not in (None, '')]
        return ', '.join(parts) or 'no filter'


@dataclass(frozen=True, kw_only=True)
class EventPage:
    rows: list[AuditEvent]
    total: int  # at most COUNT_LIMIT when filtered
    page: int
    per_page: int
    more: bool = False  # more than `total` events match


@dataclass(frozen=True, kw_only=True)
class Export:
    filename: str
    content: bytes
    rows: int
    truncated: bool = False
    notes: list[str] = field(default_factory=list)


@audit_denials(EntityType.AUDIT_TRAIL)
async def search_events(*, actor: Actor, filters: EventFilter, page: int = 1, per_page: int = 50,
                        sort: str = 'time', descending: bool = True) -> EventPage:
    """One page of the events the actor may see, matching the filters."""
    require(actor, Permission.AUDIT_VIEW)
    per_page = per_page if per_page in PAGE_SIZES else PAGE_SIZES[1]
    query, filtered = await _query(actor, filters)
    more = False
    if filtered:
        matched = len(await query.limit(COUNT_LIMIT + 1).values_list('seq', flat=True))
        total, more = min(matched, COUNT_LIMIT), matched > COUNT_LIMIT
    else:
        total = await _newest_seq()
    last_page = max(1, -(-total // per_page))
    page = min(max(1, page), last_page)
    column = SORTABLE.get(sort, 'seq')
    direction = '-' if descending else ''
    ordering = [f'{direction}{column}'] + ([f'{direction}seq'] if column != 'seq' else [])  # one index serves both
    rows = await query.order_by(*ordering).offset((page - 1) * per_page).limit(per_page)
    return EventPage(rows=rows, total=total, page=page, per_page=per_page, more=more)


@audit_denials(EntityType.AUDIT_TRAIL)
async def export_csv(*, actor: Actor, filters: EventFilter) -> Export:
    """The filtered events as a CSV file (newest first, at most EXPORT_LIMIT rows); the export is audited."""
    require(actor, Permission.AUDIT_VIEW)
    query, _ = await _query(actor, filters)
    rows = await query.order_by('-seq').limit(EXPORT_LIMIT + 1).values_list(*CSV_COLUMNS)
    truncated = len(rows) > EXPORT_LIMIT
    rows = rows[:EXPORT_LIMIT]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(['' if value is None else _csv_value(value) for value in row])
    await audit.record(actor, action=Action.EXPORT, entity_type=EntityType.AUDIT_TRAIL,
                       detail=f'{len(rows)} events exported as CSV ({filters.describe()})'
                              + ('; cut at the export limit' if truncated else ''))
    stamp = datetime.now(get_settings().tz).strftime('%Y%m%d-%H%M')
    return Export(filename=f'audit-trail-{stamp}.csv', content=buffer.getvalue().encode('utf-8-sig'),
                  rows=len(rows), truncated=truncated)


@audit_denials(EntityType.AUDIT_TRAIL)
async def verify(*, actor: Actor, progress: Callable[[int], None] | None = None) -> ChainReport:
    """Check the whole chain (the check itself is recorded, with its result); an intact one comes with its anchor."""
    require(actor, Permission.AUDIT_VIEW)
    report = await verify_chain(progress=progress)
    await audit.record(actor, action=Action.VIEW, entity_type=EntityType.AUDIT_TRAIL,
                       detail=f'verified: {report.sentence()}',
                       outcome=Outcome.SUCCESS if report.ok else Outcome.FAILED)
    if report.ok and (head := await newest_head()) is not None:  # the check's own event is covered
        report = replace(report, anchor=Anchor.of_event(head.seq, head.mac).code)
    return report


def action_options() -> list[str]:
    return [action.value for action in Action]


def outcome_options() -> list[str]:
    return [outcome.value for outcome in Outcome]


def changes_summary(changes: str) -> str:
    """Changed fields as 'name: before → after'; fields whose values are not recorded by name only."""
    if not changes:
        return ''
    try:
        parsed = json.loads(changes)
    except ValueError:
        return changes
    parts = []
    for name, change in parsed.items():
        if isinstance(change, dict):
            parts.append(f'{name}: {_shown(change.get("before"))} → {_shown(change.get("after"))}')
        else:
            parts.append(name)
    return '; '.join(parts)


def _shown(value: Any) -> str:
    return '—' if value in (None, '') else str(value)


def _csv_value(value: Any) -> str:
    return neutralised(value.isoformat() if isinstance(value, datetime) else str(value))  # never a formula


async def _query(actor: Actor, filters: EventFilter) -> tuple[Any, bool]:
    query = AuditEvent.all()
    filtered = False
    if not actor.is_superadmin:
        query, filtered = query.filter(branch_id=actor.branch_id), True
    conditions = _conditions(filters)
    if name := filters.username.strip().lower():
        # Staff are found by their id (indexed); names nobody has (failed sign-ins) by the name itself.
        fits = len(name) <= User._meta.fields_map['username'].max_length
        user_id = await User.filter(username=name).values_list('id', flat=True) if fits else []
        conditions.append(Q(user_id=user_id[0]) if user_id else Q(username=name))
    if conditions:
        query, filtered = query.filter(*conditions), True
    return query, filtered


FILTER_LABELS = {'username': 'username', 'patient_id': 'patient UID', 'entity_type': 'record type',
                 'entity_id': 'record id'}


def _conditions(filters: EventFilter) -> list[Q]:
    tz = get_settings().tz
    errors: dict[str, str] = {}
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        errors['date_to'] = 'The end date is before the start date.'
    if filters.action and filters.action not in action_options():
        errors['action'] = 'Choose an action from the list.'
    if filters.outcome and filters.outcome not in outcome_options():
        errors['outcome'] = 'Choose an outcome from the list.'
    for name, label in FILTER_LABELS.items():
        if len(getattr(filters, name).strip()) > (longest := AuditEvent._meta.fields_map[name].max_length):
            errors[name] = f'The {label} can be at most {longest} characters.'
    if errors:
        raise ValidationFailed(errors)
    conditions = []
    if filters.date_from:
        conditions.append(Q(occurred_at__gte=datetime.combine(filters.date_from, time(), tz)))
    if filters.date_to:
        conditions.append(Q(occurred_at__lt=datetime.combine(filters.date_to + timedelta(days=1), time(), tz)))
    for name in ('action', 'outcome', 'entity_type'):
        if value := getattr(filters, name).strip():
            conditions.append(Q(**{name: value}))
    if filters.entity_id.strip():
        conditions.append(Q(entity_id=filters.entity_id.strip()))
    if filters.patient_id.strip():
        conditions.append(Q(patient_id=filters.patient_id.strip()))
    return conditions


async def _newest_seq() -> int:
    newest = await AuditEvent.all().order_by('-seq').limit(1).values_list('seq', flat=True)
    return int(newest[0]) if newest else 0
