"""Server-side sessions: a random 256-bit token in an HttpOnly cookie, its SHA-256 in the database.

A session ends on sign-out, after `SESSION_IDLE_MINUTES` without activity, after
`SESSION_MAX_HOURS` whatever the activity, on a password change, and when the user is
deactivated. Expiry is decided on the server at every page load and every action. Sign-out and
expiry are audited (`logout`, `session-expired`) in the transaction that ends the session.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from app.audit import Action, EntityType, Who, audit
from app.auth.actor import Actor
from app.clock import utcnow
from app.config import get_settings
from models.accounts import RolePolicy, User, UserSession

COOKIE_NAME = 'prospine_session'
TOUCH_EVERY = timedelta(seconds=30)  # how stale last_seen may get before it is written again

REASON_LOGOUT = 'logout'
REASON_IDLE = 'idle-timeout'
REASON_LIFETIME = 'lifetime-reached'
REASON_PASSWORD = 'password-changed'
REASON_DEACTIVATED = 'user-deactivated'
REASON_ADMIN_RESET = 'password-reset'
REASON_ROLE_CHANGED = 'role-changed'
REASON_TWO_FACTOR_RESET = 'two-factor-reset'


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Issued:
    """A new session: the raw token for the cookie (never stored) and the session's id."""

    token: str
    session_id: int


async def issue(*, user: User, ip: str = '', user_agent: str = '') -> str:
    """Start a session for a user who has just signed in; return the raw token for the cookie."""
    return (await start(user=user, ip=ip, user_agent=user_agent)).token


async def start(*, user: User, ip: str = '', user_agent: str = '') -> Issued:
    """Start a session and say both its token and its id."""
    settings = get_settings()
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session = await UserSession.create(
        user=user, token_hash=hash_token(token), created_at=now, last_seen_at=now,
        expires_at=now + timedelta(hours=settings.session_max_hours),
        ip=ip[:45], user_agent=user_agent[:255],
    )
    return Issued(token, session.id)


@dataclass(frozen=True)
class Resolved:
    """The outcome of looking up a session: an actor, or why there is none."""

    actor: Actor | None
    ended_reason: str | None = None


async def resolve_token(token: str | None, *, touch: bool = True) -> Resolved:
    """Find the live session behind a cookie token."""
    if not token:
        return Resolved(None)
    session = await UserSession.get_or_none(token_hash=hash_token(token)).prefetch_related('user__branch')
    return await _check(session, touch=touch)


async def resolve_id(session_id: int | None, *, touch: bool = True) -> Resolved:
    """Find the live session by id (the page remembers the id of the session it was built for)."""
    if session_id is None:
        return Resolved(None)
    session = await UserSession.get_or_none(id=session_id).prefetch_related('user__branch')
    return await _check(session, touch=touch)


async def _check(session: UserSession | None, *, touch: bool) -> Resolved:
    if session is None:
        return Resolved(None)
    if session.revoked_at is not None:
        return Resolved(None, session.revoked_reason or REASON_LOGOUT)
    settings = get_settings()
    now = utcnow()
    user: User = session.user
    if not user.is_active:
        await _end(session, REASON_DEACTIVATED)
        return Resolved(None, REASON_DEACTIVATED)
    if now >= session.expires_at:
        await _end(session, REASON_LIFETIME)
        return Resolved(None, REASON_LIFETIME)
    if now - session.last_seen_at >= timedelta(minutes=settings.session_idle_minutes):
        await _end(session, REASON_IDLE)
        return Resolved(None, REASON_IDLE)
    if touch and now - session.last_seen_at >= TOUCH_EVERY:
        session.last_seen_at = now
        await session.save(update_fields=['last_seen_at'])
    return Resolved(await actor_for(user, session_id=session.id))


async def actor_for(user: User, *, session_id: int | None) -> Actor:
    """Describe a user as an actor (the branch must be fetched or fetchable)."""
    branch = await user.branch
    needs_two_factor = False
    if not user.totp_enabled:
        policy = await RolePolicy.get_or_none(role=user.role)
        needs_two_factor = bool(policy and policy.two_factor_required)
    return Actor(
        user_id=user.id, username=user.username, full_name=user.full_name, role=user.role,
        branch_id=branch.id, branch_name=branch.name, clinic_name=branch.clinic_name,
        dark_mode=user.dark_mode, session_id=session_id,
        must_change_password=user.must_change_password, needs_two_factor_setup=needs_two_factor,
    )


async def _end(session: UserSession, reason: str) -> None:
    user: User = session.user
    try:
        async with audit.change(_who(user, session.id), action=Action.SESSION_EXPIRED, entity_type=EntityType.SESSION,
                                entity_id=session.id, detail=reason):
            ended = await UserSession.filter(id=session.id, revoked_at=None).update(revoked_at=utcnow(),
                                                                                    revoked_reason=reason)
            if not ended:  # another request ended it first and wrote the event
                raise _AlreadyEnded
    except _AlreadyEnded:
        pass
    session.revoked_at = utcnow()
    session.revoked_reason = reason


async def revoke(*, session_id: int, reason: str) -> None:
    """End one session (sign-out), audited as `logout`."""
    session = await UserSession.get_or_none(id=session_id, revoked_at=None).prefetch_related('user')
    if session is None:
        return
    try:
        async with audit.change(_who(session.user, session_id), action=Action.LOGOUT, entity_type=EntityType.SESSION,
                                entity_id=session_id, detail=reason):
            if not await UserSession.filter(id=session_id, revoked_at=None).update(revoked_at=utcnow(),
                                                                                   revoked_reason=reason):
                raise _AlreadyEnded
    except _AlreadyEnded:
        pass


def _who(user: User, session_id: int) -> Who:
    return Who(user_id=user.id, username=user.username, role=str(user.role), branch_id=user.branch_id,
               session_id=session_id)


class _AlreadyEnded(Exception):
    """The session was ended by someone else in the meantime: nothing to record."""


async def revoke_all(*, user_id: int, reason: str, keep_session_id: int | None = None) -> int:
    """End every live session of a user, optionally keeping the one making the change."""
    query = UserSession.filter(user_id=user_id, revoked_at=None)
    if keep_session_id is not None:
        query = query.exclude(id=keep_session_id)
    return await query.update(revoked_at=utcnow(), revoked_reason=reason)
