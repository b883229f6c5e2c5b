"""What an audit event says: the action, its outcome, who acted and from where."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Action(StrEnum):
    """Every kind of event the audit trail knows."""

    LOGIN = 'login'
    LOGIN_FAILED = 'login-failed'
    LOCKOUT = 'lockout'
    LOGOUT = 'logout'
    SESSION_EXPIRED = 'session-expired'
    VIEW = 'view'
    CREATE = 'create'
    UPDATE = 'update'
    DELETE = 'delete'
    EXPORT = 'export'
    PRINT = 'print'
    DOWNLOAD = 'download'
    PERMISSION_DENIED = 'permission-denied'
    ADMIN_CHANGE = 'admin-change'
    SECURITY_CHANGE = 'security-change'
    BACKUP = 'backup'
    RESTORE = 'restore'
    KEY_ROTATION = 'key-rotation'


class EntityType(StrEnum):
    """What an audit event is about: the kind of record (or thing) its `entity_id` names."""

    ACCOUNT = 'account'
    APPOINTMENT = 'appointment'
    ATTACHMENT = 'attachment'
    AUDIT_ANCHOR = 'audit-anchor'  # an anchor code printed for the trail
    AUDIT_TRAIL = 'audit-trail'  # the trail itself (views, exports, verification)
    BACKUP = 'backup'
    BRANCH = 'branch'
    CLINIC_HOURS = 'clinic-hours'  # a branch's opening hours, a clinician's working hours
    CLINICAL_NOTE = 'clinical-note'
    CLOSURE = 'closure'  # a clinic holiday, a branch closed, a clinician's leave
    DIAGNOSIS = 'diagnosis'
    DAY_CLOSING = 'day-closing'  # a branch's collections counted and closed for a day
    DIAGNOSTIC_TEST = 'diagnostic-test'
    ENCRYPTION = 'encryption'  # the encryption of stored health data
    EXPENSE = 'expense'  # an expense voucher and its bill photo
    INQUIRY = 'inquiry'
    INVOICE = 'invoice'  # an invoice or a credit note (drafts, issue, PDF downloads)
    KEY = 'key'  # an encryption key
    MEDICAL_HISTORY = 'medical-history'
    OUTCOME = 'outcome'
    PAGE = 'page'  # a page refused or opened
    PAGE_CLIENT = 'page-client'  # a socket that named another session's page
    PATIENT = 'patient'
    PAYMENT = 'payment'  # a receipt or a refund, and what it pays
    PATIENT_SEARCH = 'patient-search'
    PRICE_LIST = 'price-list'  # a branch's price list
    REPORT = 'report'  # the clinic's figures (the admin dashboard), a report viewed or exported
    RECOVERY_CODE = 'recovery-code'
    REGISTRATION = 'registration'
    ROLE_POLICY = 'role-policy'
    SESSION = 'session'
    STAFF_PROFILE = 'staff-profile'
    TREATMENT_PLAN = 'treatment-plan'
    TWO_FACTOR = 'two-factor'
    USER = 'user'


class Outcome(StrEnum):
    SUCCESS = 'success'
    DENIED = 'denied'
    FAILED = 'failed'


@dataclass(frozen=True, kw_only=True)
class Who:
    """The person (or system task) an event is about, as the trail records them."""

    user_id: int | None = None
    username: str = ''
    role: str = ''
    branch_id: int | None = None
    session_id: int | None = None


def who_of(actor: Any) -> Who:
    """Turn a signed-in `Actor`, the anonymous actor, or a `Who` into a `Who`."""
    if isinstance(actor, Who):
        return actor
    if not getattr(actor, 'is_authenticated', False):
        return Who()
    return Who(user_id=actor.user_id, username=actor.username, role=str(actor.role), branch_id=actor.branch_id,
               session_id=actor.session_id)


def system_actor(task: str) -> Who:
    """The actor of work nobody signed in for: a command (`cli`), the backup scheduler, ..."""
    return Who(username=f'system:{task}', role='system')


@dataclass(frozen=True)
class Origin:
    """Where a request came from: the client's address and device (user agent)."""

    client_ip: str = ''
    user_agent: str = ''


_origin: contextvars.ContextVar[Origin | None] = contextvars.ContextVar('audit_origin', default=None)


def origin_of_request(request: Any) -> Origin:
    client = getattr(request, 'client', None)
    return Origin(client_ip=client.host if client else '', user_agent=request.headers.get('user-agent', '')[:300])


@contextmanager
def origin_context(origin: Origin) -> Iterator[None]:
    """Name where the events written inside this block come from."""
    token = _origin.set(origin)
    try:
        yield
    finally:
        _origin.reset(token)


def request_origin(request: Any) -> AbstractContextManager[None]:
    """Name the request whose events are written inside this block (plain HTTP routes)."""
    return origin_context(origin_of_request(request))


def current_origin() -> Origin:
    """The origin the request or event handler being served named with `origin_context`.

    The UI's guard names it once per page build and once per event handler; plain routes use
    `request_origin`. Commands and background tasks name none: their events carry no address.
    """
    return _origin.get() or Origin()


@dataclass(kw_only=True)
class EventDraft:
    """An event before it takes its place in the chain."""

    who: Who
    origin: Origin
    action: str
    outcome: str = Outcome.SUCCESS
    entity_type: str = ''
    entity_id: str = ''
    patient_id: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    detail: str = ''
    occurred_at: datetime | None = None  # None: the time the event is committed
