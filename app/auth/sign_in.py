"""Signing in: password, then (when enrolled) a code from the authenticator app or a recovery code.

An unknown username and a wrong password get the same message and cost the same time (a dummy
hash is verified). Failed codes count as failed sign-ins, so the throttle covers them too.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag

from app.auth import sessions, throttle
from app.clock import utcnow
from app.config import get_settings
from app.security import passwords, totp
from app.security.secrets_store import secret_box
from models.accounts import RecoveryCode, User

WRONG_CREDENTIALS = 'The username or password is incorrect.'
WRONG_CODE = 'That code is not correct. Check the time on your phone, or use a recovery code.'
log = logging.getLogger(__name__)


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


def totp_context(user_id: int) -> str:
    return f'user_account.totp_secret:{user_id}'


async def check_password(*, username: str, password: str) -> Outcome:
    """First step: the password. Says whether a second factor is needed."""
    settings = get_settings()
    name = normalise_username(username)
    now = utcnow()
    user = await User.get_or_none(username=name) if name else None
    if user is None:
        state = throttle.unknown_names.state_for(name)
        if message := throttle.refusal(state, now=now, settings=settings):
            return Outcome(error=message)
        await passwords.verify_password(None, password)
        throttle.record_failure(state, now=now, settings=settings)
        return Outcome(error=WRONG_CREDENTIALS)

    state = _state_of(user)
    if message := throttle.refusal(state, now=now, settings=settings):
        return Outcome(error=message)
    if not await passwords.verify_password(user.password_hash, password) or not user.is_active:
        await _fail(user, state)
        return Outcome(error=WRONG_CREDENTIALS)
    if passwords.needs_rehash(user.password_hash):
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
        return Outcome(error=message)
    secret = _authenticator_secret(user)
    if secret is not None:
        step = totp.matching_step(secret, code, after_step=user.totp_last_step)
        if step is not None:
            user.totp_last_step = step
            await user.save(update_fields=['totp_last_step'])
            return Outcome(user_id=user.id)
    if await _use_recovery_code(user, code):
        return Outcome(user_id=user.id)
    await _fail(user, state)
    return Outcome(error=WRONG_CODE)


async def start_session(*, user_id: int, ip: str, user_agent: str) -> str:
    """Both factors passed: clear the failure counters and issue the session token."""
    user = await User.get(id=user_id)
    user.failed_login_count = 0
    user.first_failed_login_at = None
    user.last_failed_login_at = None
    user.locked_until = None
    user.last_login_at = utcnow()
    await user.save(update_fields=['failed_login_count', 'first_failed_login_at', 'last_failed_login_at',
                                   'locked_until', 'last_login_at'])
    return await sessions.issue(user=user, ip=ip, user_agent=user_agent)


def _authenticator_secret(user: User) -> str | None:
    """Decrypt the user's authenticator secret; None when off or unreadable (recovery codes still work)."""
    if not (user.totp_secret and user.totp_enabled):
        return None
    try:
        return secret_box(get_settings().data_dir).decrypt(user.totp_secret, context=totp_context(user.id))
    except (ValueError, InvalidTag):
        log.error('the authenticator secret of user %s cannot be decrypted: is keys/secrets.key the right one?',
                  user.id)
        return None


async def _use_recovery_code(user: User, code: str) -> bool:
    if len(''.join(ch for ch in code if ch.isalnum())) != 10:
        return False
    used = await RecoveryCode.filter(
        user_id=user.id, code_hash=totp.hash_recovery_code(code), used_at=None,
    ).update(used_at=utcnow())
    return used == 1


def _state_of(user: User) -> throttle.FailureState:
    return throttle.FailureState(count=user.failed_login_count, first_at=user.first_failed_login_at,
                                 last_at=user.last_failed_login_at, locked_until=user.locked_until)


async def _fail(user: User, state: throttle.FailureState) -> None:
    throttle.record_failure(state, now=utcnow(), settings=get_settings())
    user.failed_login_count = state.count
    user.first_failed_login_at = state.first_at
    user.last_failed_login_at = state.last_at
    user.locked_until = state.locked_until
    await user.save(update_fields=['failed_login_count', 'first_failed_login_at', 'last_failed_login_at',
                                   'locked_until'])
