"""Two-factor sign-in: enrolling an authenticator app, recovery codes, and the rule an admin sets per role.

The authenticator secret is stored encrypted (the key lives in the data directory, never in the
database); recovery codes are stored as SHA-256 and shown in plain text only once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from app.auth import sessions
from app.auth.actor import Actor
from app.auth.permissions import SECURITY_MANAGE, USERS_MANAGE
from app.auth.sign_in import totp_context
from app.config import get_settings
from app.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from app.security import totp
from app.security.passwords import verify_password
from app.security.secrets_store import secret_box
from models.accounts import RecoveryCode, Role, RolePolicy, User

_BASE32_SECRET = re.compile(r'^[A-Z2-7]{16,64}$')

WRONG_CODE = 'That code is not correct. Check that the time on your phone is right and enter the newest code.'
WRONG_PASSWORD = 'Your password is not correct.'
ALREADY_ON = 'Two-factor sign-in is already on for your account.'
NOT_ON = 'Two-factor sign-in is not on for your account.'
REQUIRED_FOR_ROLE = ('Your role requires two-factor sign-in, so it cannot be turned off. '
                     'If you lose your phone, use a recovery code or ask an administrator to reset it.')


@dataclass(frozen=True, kw_only=True)
class Enrolment:
    """A new authenticator secret, not saved until the user proves their app shows its codes."""

    secret: str
    uri: str
    qr_svg: str


@dataclass(frozen=True, kw_only=True)
class Status:
    """Where the actor's own two-factor sign-in stands."""

    enabled: bool
    required: bool
    recovery_codes_left: int


async def status(*, actor: Actor) -> Status:
    """Describe the actor's two-factor sign-in: on or off, required by their role, codes left."""
    user = await _own_user(actor)
    left = await RecoveryCode.filter(user_id=user.id, used_at=None).count() if user.totp_enabled else 0
    return Status(enabled=user.totp_enabled, required=await is_required_for(user.role), recovery_codes_left=left)


async def begin_enrolment(*, actor: Actor) -> Enrolment:
    """Make a new secret and its QR code for the actor's authenticator app; nothing is saved yet."""
    user = await _own_user(actor)
    if user.totp_enabled:
        raise DomainError(ALREADY_ON)
    secret = totp.new_secret()
    uri = totp.provisioning_uri(secret, username=user.username)
    return Enrolment(secret=secret, uri=uri, qr_svg=totp.qr_svg(uri))


async def confirm_enrolment(*, actor: Actor, secret: str, code: str) -> list[str]:
    """Turn two-factor sign-in on once a code from the app matches; return the new recovery codes (shown once)."""
    if not _BASE32_SECRET.match(secret or ''):
        raise DomainError('The set-up has expired. Please start again.')
    step = totp.matching_step(secret, code or '', after_step=None)
    if step is None:
        raise ValidationFailed({'code': WRONG_CODE})
    sealed = secret_box(get_settings().data_dir).encrypt(secret, context=totp_context(actor.user_id))
    async with in_transaction():
        user = await _own_user(actor)
        if user.totp_enabled:
            raise DomainError(ALREADY_ON)
        await User.filter(id=user.id).update(totp_secret=sealed, totp_enabled=True, totp_last_step=step)
        return await _replace_recovery_codes(user.id)


async def disable(*, actor: Actor, password: str) -> None:
    """Turn off the actor's own two-factor sign-in (not allowed when their role requires it)."""
    user = await _own_user(actor)
    if not user.totp_enabled:
        raise DomainError(NOT_ON)
    if await is_required_for(user.role):
        raise DomainError(REQUIRED_FOR_ROLE)
    await _check_password(user, password)
    async with in_transaction():
        await _clear(user.id)


async def regenerate_recovery_codes(*, actor: Actor, password: str) -> list[str]:
    """Replace the actor's recovery codes with new ones (the old ones stop working); return them once."""
    user = await _own_user(actor)
    if not user.totp_enabled:
        raise DomainError(NOT_ON)
    await _check_password(user, password)
    async with in_transaction():
        return await _replace_recovery_codes(user.id)


async def reset_for_user(*, actor: Actor, user_id: int) -> None:
    """Clear another member of staff's two-factor sign-in (a lost phone); they enrol again if required."""
    if not actor.can(USERS_MANAGE):
        raise PermissionDenied()
    if user_id == actor.user_id:
        raise DomainError('Use your own two-factor page to change your own sign-in.')
    async with in_transaction():
        target = await User.get_or_none(id=user_id)
        if target is None:
            raise NotFound('That member of staff no longer exists.')
        if not actor.may_work_in(target.branch_id):  # type: ignore[attr-defined]
            raise PermissionDenied('You can only manage staff of your own branch.')
        if target.role is Role.SUPERADMIN and not actor.is_superadmin:
            raise PermissionDenied('Only a superadmin can change the sign-in of a superadmin.')
        await _clear(target.id)
        await sessions.revoke_all(user_id=target.id, reason=sessions.REASON_TWO_FACTOR_RESET)


async def set_role_requirement(*, actor: Actor, role: Role | str, required: bool) -> None:
    """Make two-factor sign-in required (or optional) for everyone of a role."""
    if not actor.can(SECURITY_MANAGE):
        raise PermissionDenied()
    try:
        role = Role(role)
    except ValueError:
        raise ValidationFailed({'role': 'Choose one of the roles.'}) from None
    if role is Role.SUPERADMIN and not actor.is_superadmin:
        raise PermissionDenied('Only a superadmin can change the rule for superadmins.')
    async with in_transaction():
        policy = await RolePolicy.get_or_none(role=role)
        if policy is None:
            await RolePolicy.create(role=role, two_factor_required=required)
        elif policy.two_factor_required != required:
            policy.two_factor_required = required
            await policy.save(update_fields=['two_factor_required', 'updated_at'])


async def role_requirements() -> dict[Role, bool]:
    """Tell, for every role, whether two-factor sign-in is required."""
    stored = {policy.role: policy.two_factor_required for policy in await RolePolicy.all()}
    return {role: stored.get(role, False) for role in Role}


async def is_required_for(role: Role) -> bool:
    policy = await RolePolicy.get_or_none(role=role)
    return bool(policy and policy.two_factor_required)


async def _own_user(actor: Actor) -> User:
    user = await User.get_or_none(id=actor.user_id)
    if user is None or not user.is_active:
        raise PermissionDenied('Your account is no longer active.')
    return user


async def _check_password(user: User, password: str) -> None:
    if not await verify_password(user.password_hash, password or ''):
        raise ValidationFailed({'password': WRONG_PASSWORD})


async def _replace_recovery_codes(user_id: int) -> list[str]:
    """Delete every recovery code of a user and store new ones (call inside a transaction)."""
    codes = totp.new_recovery_codes()
    await RecoveryCode.filter(user_id=user_id).delete()
    await RecoveryCode.bulk_create([RecoveryCode(user_id=user_id, code_hash=totp.hash_recovery_code(code))
                                    for code in codes])
    return codes


async def _clear(user_id: int) -> None:
    """Forget a user's authenticator secret and recovery codes (call inside a transaction)."""
    await User.filter(id=user_id).update(totp_secret=None, totp_enabled=False, totp_last_step=None)
    await RecoveryCode.filter(user_id=user_id).delete()
