"""Signing in: password, then (when enrolled) a code from the authenticator app or a recovery code.

An unknown username and a wrong password get the same message and cost the same time (a dummy
hash is verified). Failed codes count as failed sign-ins, so the throttle covers them too.
Every attempt is audited: `login` with the new session, `login-failed` (with why: unknown
username, wrong password or code, deactivated account, locked), and `lockout` when the
failures lock the account; the failure counters change in the same transaction as the event.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.audit import Action, EntityType, Who, audit
from app.audit import Outcome as AuditOutcome
from app.auth import sessions, throttle
from app.clock import utcnow
from app.config import get_settings
from app.security import passwords, totp
from models.accounts import RecoveryCode, User

USERNAME_MAX = User._meta.fields_map['username'].max_length
WRONG_CREDENTIALS = 'The username or password is incorrect.'
WRONG_CODE = 'That code is not correct. Check the time on your phone, or use a recovery code.'


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """What the sign-in page should do next."""

    user_id: int | None = None
    needs_code: bool = False
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def normalise_username(username: str) -> str:
    return username.strip().lower()


async def check_password(*, username: str, password: str) -> Outcome:
    """First step: the password. Says whether a second factor is needed."""
    settings = get_settings()
    name = normalise_username(username)
    now = utcnow()
    # A name longer than any username is an unknown one: refused, throttled and audited the same way.
    user = await User.get_or_none(username=name) if name and len(name) <= USERNAME_MAX else None
    if user is None:
        state = throttle.unknown_names.state_for(name[:USERNAME_MAX + 1])
        if message := throttle.refusal(state, now=now, settings=settings):
            await _record_failure(Who(username=name[:64]), 'too many attempts', outcome=AuditOutcome.DENIED)
            return Outcome(error=message)
        await passwords.verify_password(None, password)
        throttle.record_failure(state, now=now, settings=settings)
        await _record_failure(Who(username=name[:64]), 'unknown username')
        return Outcome(error=WRONG_CREDENTIALS)

    state = _state_of(user)
    if message := throttle.refusal(state, now=now, settings=settings):
        await _record_failure(who_is(user), 'account locked', outcome=AuditOutcome.DENIED)
        return Outcome(error=message)
    if not await passwords.verify_password(user.password_hash, password) or not user.is_active:
        await _fail(user, state, reason='wrong password' if user.is_active else 'account deactivated')
        return Outcome(error=WRONG_CREDENTIALS)
    if passwords.needs_rehash(user.password_hash):
        async with audit.change(who_is(user), action=Action.SECURITY_CHANGE, entity_type=EntityType.USER,
                                entity_id=user.id,
                                detail='password hash upgraded to the current parameters'):
            user.password_hash = await passwords.hash_password(password)
            await user.save(update_fields=['password_hash'])
    if user.totp_enabled:
        return Outcome(user_id=user.id, needs_code=True)
    return Outcome(user_id=user.id)


async def check_code(*, user_id: int, code: str) -> Outcome:
    """Second step: a code from the authenticator app, or one of the recovery codes."""
    settings = get_settings()
    user = await User.get(id=user_id)
    state = _state_of(user)
    if message := throttle.refusal(state, now=utcnow(), settings=settings):
        await _record_failure(who_is(user), 'account locked', outcome=AuditOutcome.DENIED)
        return Outcome(error=message)
    secret = user.totp_secret if user.totp_enabled else None  # decrypted when the row was loaded
    if secret:
        step = totp.matching_step(secret, code, after_step=user.totp_last_step)
        if step is not None:
            user.totp_last_step = step
            await user.save(update_fields=['totp_last_step'])
            return Outcome(user_id=user.id)
    if await _use_recovery_code(user, code):
        return Outcome(user_id=user.id)
    await _fail(user, state, reason='wrong code')
    return Outcome(error=WRONG_CODE)


async def confirm_password(*, user: User, password: str, purpose: str) -> str | None:
    """A colleague confirms an approval with their password at someone else's desk.

    Counted like a sign-in: a wrong password is a failed attempt on their account (audited as
    `login-failed` with the purpose), so the approval box cannot be used to guess passwords.
    Returns the sentence to show, or None when the password is right.
    """
    settings = get_settings()
    state = _state_of(user)
    if message := throttle.refusal(state, now=utcnow(), settings=settings):
        await _record_failure(who_is(user), f'account locked ({purpose})', outcome=AuditOutcome.DENIED)
        return message
    if not password or not user.is_active or not await passwords.verify_password(user.password_hash, password):
        await _fail(user, state, reason=f'wrong password ({purpose})')
        return f'That is not the password of {user.full_name}.'
    return None


async def start_session(*, user_id: int, ip: str, user_agent: str) -> str:
    """Both factors passed: clear the failure counters and issue the session token (audited as `login`)."""
    user = await User.get(id=user_id)
    async with audit.change(who_is(user), action=Action.LOGIN, entity_type=EntityType.SESSION) as event:
        user.failed_login_count = 0
        user.first_failed_login_at = None
        user.last_failed_login_at = None
        user.locked_until = None
        user.last_login_at = utcnow()
        await user.save(update_fields=['failed_login_count', 'first_failed_login_at', 'last_failed_login_at',
                                       'locked_until', 'last_login_at'])
        issued = await sessions.start(user=user, ip=ip, user_agent=user_agent)
        event.entity_id = issued.session_id
        event.set_who(who_is(user, session_id=issued.session_id))
    return issued.token


def who_is(user: User, *, session_id: int | None = None) -> Who:
    """The audit trail's view of a user who is not (yet) signed in."""
    return Who(user_id=user.id, username=user.username, role=str(user.role), branch_id=user.branch_id,
               session_id=session_id)


async def _use_recovery_code(user: User, code: str) -> bool:
    if len(''.join(ch for ch in code if ch.isalnum())) != 10:
        return False
    try:
        async with audit.change(who_is(user), action=Action.SECURITY_CHANGE, entity_type=EntityType.RECOVERY_CODE,
                                entity_id=user.id, detail='signed in with a recovery code'):
            used = await RecoveryCode.filter(
                user_id=user.id, code_hash=totp.hash_recovery_code(code), used_at=None,
            ).update(used_at=utcnow())
            if used != 1:
                raise _NoSuchCode
    except _NoSuchCode:
        return False
    return True


def _state_of(user: User) -> throttle.FailureState:
    return throttle.FailureState(count=user.failed_login_count, first_at=user.first_failed_login_at,
                                 last_at=user.last_failed_login_at, locked_until=user.locked_until)


async def _fail(user: User, state: throttle.FailureState, *, reason: str) -> None:
    """Count a failed attempt; the counters, the `login-failed` event and any `lockout` commit together."""
    was_locked_until, failures = state.locked_until, state.count + 1
    throttle.record_failure(state, now=utcnow(), settings=get_settings())
    async with audit.change(who_is(user), action=Action.LOGIN_FAILED, entity_type=EntityType.USER, entity_id=user.id,
                            detail=reason) as event:
        event.draft.outcome = AuditOutcome.FAILED
        user.failed_login_count = state.count
        user.first_failed_login_at = state.first_at
        user.last_failed_login_at = state.last_at
        user.locked_until = state.locked_until
        await user.save(update_fields=['failed_login_count', 'first_failed_login_at', 'last_failed_login_at',
                                       'locked_until'])
        if state.locked_until is not None and state.locked_until != was_locked_until:
            await audit.record(who_is(user), action=Action.LOCKOUT, entity_type=EntityType.USER, entity_id=user.id,
                               detail=f'locked after {failures} failed attempts until '
                                      f'{state.locked_until:%Y-%m-%d %H:%M} UTC')


async def _record_failure(who: Who, reason: str, *, outcome: AuditOutcome = AuditOutcome.FAILED) -> None:
    await audit.record(who, action=Action.LOGIN_FAILED, outcome=outcome, entity_type=EntityType.USER,
                       entity_id=who.user_id or '', detail=reason)


class _NoSuchCode(Exception):
    """No unused recovery code matched: nothing to record."""
