"""Two-factor sign-in: enrolling an authenticator app, recovery codes, and the rule an admin sets per role.

The authenticator secret is an encrypted column (`EncryptedTextField`; the keys live in the data
directory, never in the database), so this code reads and writes it as plain text. Recovery codes
are stored as SHA-256 and shown in plain text only once. Every change is audited; the trail names
the secret and the codes but never holds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.audit.diff import HIDDEN, changes_between, hidden_fields, snapshot
from app.audit.logger import ChangeEvent
from app.auth import sessions
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from app.security import totp
from app.security.passwords import verify_password
from app.services.changes import save_changes, signed_out
from app.services.validation import is_record_id
from models.accounts import RecoveryCode, Role, RolePolicy, User

_BASE32_SECRET = re.compile(r'^[A-Z2-7]{16,64}$')
_TOTP_FIELDS = ('totp_secret', 'totp_enabled', 'totp_last_step')

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


@audit_denials(EntityType.TWO_FACTOR)
async def status(*, actor: Actor) -> Status:
    """Describe the actor's two-factor sign-in: on or off, required by their role, codes left."""
    user = await _own_user(actor)
    left = await RecoveryCode.filter(user_id=user.id, used_at=None).count() if user.totp_enabled else 0
    return Status(enabled=user.totp_enabled, required=await is_required_for(user.role), recovery_codes_left=left)


@audit_denials(EntityType.TWO_FACTOR)
async def begin_enrolment(*, actor: Actor) -> Enrolment:
    """Make a new secret and its QR code for the actor's authenticator app; nothing is saved yet."""
    user = await _own_user(actor)
    if user.totp_enabled:
        raise DomainError(ALREADY_ON)
    secret = totp.new_secret()
    uri = totp.provisioning_uri(secret, username=user.username)
    return Enrolment(secret=secret, uri=uri, qr_svg=totp.qr_svg(uri))


@audit_denials(EntityType.TWO_FACTOR)
async def confirm_enrolment(*, actor: Actor, secret: str, code: str) -> list[str]:
    """Turn two-factor sign-in on once a code from the app matches; return the new recovery codes (shown once)."""
    if not _BASE32_SECRET.match(secret or ''):
        raise DomainError('The set-up has expired. Please start again.')
    step = totp.matching_step(secret, code or '', after_step=None)
    if step is None:
        raise ValidationFailed({'code': WRONG_CODE})
    async with audit.change(actor, action=Action.SECURITY_CHANGE, entity_type=EntityType.TWO_FACTOR,
                            entity_id=actor.user_id) as event:
        user = await _own_user(actor)
        if user.totp_enabled:
            raise DomainError(ALREADY_ON)
        before = snapshot(user, _TOTP_FIELDS)
        user.totp_secret, user.totp_enabled, user.totp_last_step = secret, True, step
        await user.save(update_fields=list(_TOTP_FIELDS))
        event.set_changes(changes_between(before, snapshot(user, _TOTP_FIELDS), hidden=hidden_fields(User)))
        codes = await _replace_recovery_codes(event, user.id)
        event.set_detail('Two-factor sign-in turned on.')
        return codes


@audit_denials(EntityType.TWO_FACTOR)
async def disable(*, actor: Actor, password: str) -> None:
    """Turn off the actor's own two-factor sign-in (not allowed when their role requires it)."""
    user = await _own_user(actor)
    if not user.totp_enabled:
        raise DomainError(NOT_ON)
    if await is_required_for(user.role):
        raise DomainError(REQUIRED_FOR_ROLE)
    await _check_password(user, password)
    async with audit.change(actor, action=Action.SECURITY_CHANGE, entity_type=EntityType.TWO_FACTOR,
                            entity_id=user.id) as event:
        await _clear(event, await _own_user(actor))
        event.set_detail('Two-factor sign-in turned off.')


@audit_denials(EntityType.TWO_FACTOR)
async def regenerate_recovery_codes(*, actor: Actor, password: str) -> list[str]:
    """Replace the actor's recovery codes with new ones (the old ones stop working); return them once."""
    user = await _own_user(actor)
    if not user.totp_enabled:
        raise DomainError(NOT_ON)
    await _check_password(user, password)
    async with audit.change(actor, action=Action.SECURITY_CHANGE, entity_type=EntityType.TWO_FACTOR,
                            entity_id=user.id) as event:
        codes = await _replace_recovery_codes(event, user.id)
        event.set_detail('Recovery codes replaced; the old ones no longer work.')
        return codes


@audit_denials(EntityType.TWO_FACTOR)
async def reset_for_user(*, actor: Actor, user_id: int) -> None:
    """Clear another member of staff's two-factor sign-in (a lost phone); they enrol again if required."""
    if not actor.can(Permission.USERS_MANAGE):
        raise PermissionDenied()
    if user_id == actor.user_id:
        raise DomainError('Use your own two-factor page to change your own sign-in.')
    async with audit.change(actor, action=Action.SECURITY_CHANGE, entity_type=EntityType.TWO_FACTOR,
                            entity_id=user_id) as event:
        target = await User.get_or_none(id=user_id) if is_record_id(user_id) else None
        if target is None:
            raise NotFound('That member of staff no longer exists.')
        if not actor.may_work_in(target.branch_id):  # type: ignore[attr-defined]
            raise PermissionDenied('You can only manage staff of your own branch.')
        if target.role is Role.SUPERADMIN and not actor.is_superadmin:
            raise PermissionDenied('Only a superadmin can change the sign-in of a superadmin.')
        await _clear(event, target)
        ended = await sessions.revoke_all(user_id=target.id, reason=sessions.REASON_TWO_FACTOR_RESET)
        event.set_detail(f'Two-factor sign-in reset by an administrator. {signed_out(ended)}'.strip())


@audit_denials(EntityType.ROLE_POLICY)
async def set_role_requirement(*, actor: Actor, role: Role | str, required: bool) -> None:
    """Make two-factor sign-in required (or optional) for everyone of a role."""
    if not actor.can(Permission.SECURITY_MANAGE):
        raise PermissionDenied()
    try:
        role = Role(role)
    except ValueError:
        raise ValidationFailed({'role': 'Choose one of the roles.'}) from None
    if role is Role.SUPERADMIN and not actor.is_superadmin:
        raise PermissionDenied('Only a superadmin can change the rule for superadmins.')
    async with audit.change(actor, action=Action.SECURITY_CHANGE, entity_type=EntityType.ROLE_POLICY,
                            entity_id=role.value) as event:
        policy = await RolePolicy.get_or_none(role=role)
        before = {'two_factor_required': bool(policy and policy.two_factor_required)}
        if policy is None:
            await RolePolicy.create(role=role, two_factor_required=required)
        elif policy.two_factor_required != required:
            policy.two_factor_required = required
            await policy.save(update_fields=['two_factor_required', 'updated_at'])
        event.set_changes(changes_between(before, {'two_factor_required': required}))


async def role_requirements() -> dict[Role, bool]:
    """Tell, for every role, whether two-factor sign-in is required."""
    stored = {policy.role: policy.two_factor_required for policy in await RolePolicy.all()}
    return {role: stored.get(role, False) for role in Role}


async def is_required_for(role: Role) -> bool:
    if role not in {member.value for member in Role}:
        return False
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


async def _replace_recovery_codes(event: ChangeEvent, user_id: int) -> list[str]:
    """Delete every recovery code of a user and store new ones (inside the event's `audit.change`)."""
    codes = totp.new_recovery_codes()
    await RecoveryCode.filter(user_id=user_id).delete()
    await RecoveryCode.bulk_create([RecoveryCode(user_id=user_id, code_hash=totp.hash_recovery_code(code))
                                    for code in codes])
    event.set_changes({**event.draft.changes, 'recovery_codes': HIDDEN})
    return codes


async def _clear(event: ChangeEvent, user: User) -> None:
    """Forget a user's authenticator secret and recovery codes (inside the event's `audit.change`)."""
    await save_changes(event, user, totp_secret=None, totp_enabled=False, totp_last_step=None)
    if await RecoveryCode.filter(user_id=user.id).delete():
        event.set_changes({**event.draft.changes, 'recovery_codes': HIDDEN})
