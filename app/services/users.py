"""Staff accounts as administrators manage them: list, create, edit, (de)activate, reset and unlock.

Admins work within their own branch and never on superadmin accounts; the superadmin works
everywhere. Every change happens in one audited transaction (`audit.change`), together with the
sessions it ends and its event in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.audit.diff import created, hidden_fields, snapshot
from app.auth import sessions
from app.auth.actor import Actor
from app.auth.permissions import ASSIGNABLE_ROLES, ROLE_LABELS, Permission
from app.clock import utcnow
from app.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from app.security.password_policy import password_problem
from app.security.passwords import hash_password
from app.services.changes import save_changes, signed_out
from app.services.validation import Checker, is_record_id
from models.accounts import EmployeeProfile, Role, User
from models.clinic import Branch

NOT_FOUND = 'That staff member could not be found.'
SUPERADMIN_ONLY = 'Only a superadmin can change a superadmin account.'
LAST_SUPERADMIN = 'This is the last active superadmin. Make someone else a superadmin first.'
# What the trail records about a new account (the password hash by name only).
_CREATED_FIELDS = ('username', 'full_name', 'role', 'branch_id', 'must_change_password', 'password_hash')
_LOCK_CLEARED = {'failed_login_count': 0, 'first_failed_login_at': None, 'last_failed_login_at': None,
                 'locked_until': None}


@dataclass(frozen=True, kw_only=True)
class UserRow:
    """One staff account as the staff list shows it."""

    id: int
    username: str
    full_name: str
    role: Role
    branch_id: int
    branch_name: str
    is_active: bool
    must_change_password: bool
    failed_login_count: int
    locked_until: datetime | None  # set only while the lock lasts
    last_login_at: datetime | None
    totp_enabled: bool

    @property
    def is_locked(self) -> bool:
        return self.locked_until is not None

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


def require(actor: Actor, permission: Permission) -> None:
    """Refuse an actor who lacks a permission."""
    if not actor.can(permission):
        raise PermissionDenied()


async def target_user(actor: Actor, user_id: int, *, to_change: bool = True) -> User:
    """Fetch a staff account the actor may see (and, when `to_change`, act on)."""
    user = await User.get_or_none(id=user_id).select_related('branch') if is_record_id(user_id) else None
    if user is None or not actor.may_work_in(user.branch_id):
        raise NotFound(NOT_FOUND)
    if to_change and user.role is Role.SUPERADMIN and not actor.is_superadmin:
        raise PermissionDenied(SUPERADMIN_ONLY)
    return user


def row_of(user: User, *, now: datetime) -> UserRow:
    """Describe a user fetched with its branch."""
    locked = user.locked_until if user.locked_until is not None and user.locked_until > now else None
    return UserRow(
        id=user.id, username=user.username, full_name=user.full_name, role=user.role, branch_id=user.branch_id,
        branch_name=user.branch.name, is_active=user.is_active, must_change_password=user.must_change_password,
        failed_login_count=user.failed_login_count, locked_until=locked, last_login_at=user.last_login_at,
        totp_enabled=user.totp_enabled,
    )


@audit_denials(EntityType.USER)
async def list_users(*, actor: Actor, include_inactive: bool = True) -> list[UserRow]:
    """List the staff the actor may see: their own branch, or every branch for the superadmin."""
    require(actor, Permission.USERS_VIEW)
    query = User.all().select_related('branch')
    if not actor.is_superadmin:
        query = query.filter(branch_id=actor.branch_id)
    if not include_inactive:
        query = query.filter(is_active=True)
    now = utcnow()
    return [row_of(user, now=now) for user in await query]


@audit_denials(EntityType.USER)
async def get_user(*, actor: Actor, user_id: int) -> UserRow:
    """Return one staff account the actor may see."""
    require(actor, Permission.USERS_VIEW)
    return await _row_for(actor, user_id)


@audit_denials(EntityType.USER)
async def create_user(*, actor: Actor, username: str, full_name: str, role: Role | str | None,
                      branch_id: int | None, temporary_password: str) -> UserRow:
    """Add a staff account with an empty employee profile; they choose their own password at first sign-in."""
    require(actor, Permission.USERS_MANAGE)
    check = Checker()
    name = check.username('username', username)
    full = check.text('full_name', full_name, label='full name', max_length=100)
    new_role = _check_role(check, actor, role)
    await _check_branch(check, actor, branch_id)
    if problem := password_problem(temporary_password, username=name, full_name=full):
        check.fail('temporary_password', problem)
    if 'username' not in check.errors and await User.exists(username=name):
        check.fail('username', _taken(name))
    check.raise_if_any()
    assert new_role is not None and branch_id is not None
    password_hash = await hash_password(temporary_password)
    try:
        async with audit.change(actor, action=Action.ADMIN_CHANGE, entity_type=EntityType.USER) as event:
            if await User.exists(username=name):
                raise ValidationFailed({'username': _taken(name)})
            user = await User.create(username=name, full_name=full, role=new_role, branch_id=branch_id,
                                     password_hash=password_hash, password_changed_at=utcnow(),
                                     must_change_password=True)
            await EmployeeProfile.create(user=user)
            event.entity_id = user.id
            event.set_changes(created(snapshot(user, _CREATED_FIELDS), hidden=hidden_fields(User)))
    except IntegrityError:  # someone took the name in the meantime
        raise ValidationFailed({'username': _taken(name)}) from None
    return await _row_for(actor, user.id)


@audit_denials(EntityType.USER)
async def update_user(*, actor: Actor, user_id: int, full_name: str, role: Role | str | None,
                      branch_id: int | None) -> UserRow:
    """Change a staff member's name, role or branch; a new role or branch signs them out everywhere."""
    require(actor, Permission.USERS_MANAGE)
    async with audit.change(actor, action=Action.ADMIN_CHANGE, entity_type=EntityType.USER, entity_id=user_id) as event:
        user = await target_user(actor, user_id)
        check = Checker()
        full = check.text('full_name', full_name, label='full name', max_length=100)
        new_role = _check_role(check, actor, role)
        await _check_branch(check, actor, branch_id, current_branch_id=user.branch_id)
        if new_role is not None and new_role is not user.role:
            if user.id == actor.user_id:
                check.fail('role', 'You cannot change your own role. Ask another administrator.')
            elif user.role is Role.SUPERADMIN and user.is_active and not await _other_active_superadmin(user.id):
                check.fail('role', LAST_SUPERADMIN)
        check.raise_if_any()
        assert new_role is not None and branch_id is not None
        moved = new_role is not user.role or branch_id != user.branch_id
        await save_changes(event, user, full_name=full, role=new_role, branch_id=branch_id)
        if moved:
            ended = await sessions.revoke_all(user_id=user.id, reason=sessions.REASON_ROLE_CHANGED)
            event.set_detail(signed_out(ended))
    return await _row_for(actor, user.id)


@audit_denials(EntityType.USER)
async def set_active(*, actor: Actor, user_id: int, active: bool) -> None:
    """Deactivate (signing them out at once) or reactivate a staff account."""
    require(actor, Permission.USERS_MANAGE)
    async with audit.change(actor, action=Action.ADMIN_CHANGE, entity_type=EntityType.USER, entity_id=user_id) as event:
        user = await target_user(actor, user_id)
        if not active:
            if user.id == actor.user_id:
                raise DomainError('You cannot deactivate your own account.')
            if user.role is Role.SUPERADMIN and not await _other_active_superadmin(user.id):
                raise DomainError(LAST_SUPERADMIN)
        await save_changes(event, user, is_active=active)
        if not active:
            ended = await sessions.revoke_all(user_id=user.id, reason=sessions.REASON_DEACTIVATED)
            event.set_detail(signed_out(ended))


@audit_denials(EntityType.USER)
async def reset_password(*, actor: Actor, user_id: int, temporary_password: str) -> None:
    """Give a staff member a temporary password they must change at their next sign-in."""
    require(actor, Permission.USERS_MANAGE)
    user = await target_user(actor, user_id)
    if user.id == actor.user_id:
        raise DomainError('To change your own password, use "My account".')
    if problem := password_problem(temporary_password, username=user.username, full_name=user.full_name):
        raise ValidationFailed({'temporary_password': problem})
    password_hash = await hash_password(temporary_password)
    async with audit.change(actor, action=Action.ADMIN_CHANGE, entity_type=EntityType.USER, entity_id=user_id) as event:
        user = await target_user(actor, user_id)  # still there, still in reach
        await save_changes(event, user, password_hash=password_hash, password_changed_at=utcnow(),
                           must_change_password=True, **_LOCK_CLEARED)
        ended = await sessions.revoke_all(user_id=user.id, reason=sessions.REASON_ADMIN_RESET)
        event.set_detail(f'Temporary password set. {signed_out(ended)}'.strip())


@audit_denials(EntityType.USER)
async def unlock(*, actor: Actor, user_id: int) -> None:
    """Lift a sign-in lock and forget the failed attempts."""
    require(actor, Permission.USERS_MANAGE)
    async with audit.change(actor, action=Action.ADMIN_CHANGE, entity_type=EntityType.USER, entity_id=user_id) as event:
        user = await target_user(actor, user_id)
        await save_changes(event, user, **_LOCK_CLEARED)
        event.set_detail('Sign-in lock lifted.')


async def _row_for(actor: Actor, user_id: int) -> UserRow:
    return row_of(await target_user(actor, user_id, to_change=False), now=utcnow())


def _taken(username: str) -> str:
    return f'The username "{username}" is already taken. Choose another one.'


def _check_role(check: Checker, actor: Actor, role: Role | str | None) -> Role | None:
    """Validate a role; a role the actor may not hand out is refused outright."""
    if not role:
        check.fail('role', 'Choose a role.')
        return None
    try:
        chosen = Role(role)
    except ValueError:
        check.fail('role', 'Choose a role from the list.')
        return None
    if chosen not in ASSIGNABLE_ROLES.get(actor.role, ()):
        raise PermissionDenied(f'You cannot give the {ROLE_LABELS[chosen]} role.')
    return chosen


async def _check_branch(check: Checker, actor: Actor, branch_id: int | None, *,
                        current_branch_id: int | None = None) -> None:
    """Validate a branch; a branch outside the actor's reach is refused outright."""
    if branch_id is None:
        check.fail('branch', 'Choose a branch.')
        return
    if not actor.may_work_in(branch_id):
        raise PermissionDenied('You can only manage staff of your own branch.')
    branch = await Branch.get_or_none(id=branch_id) if is_record_id(branch_id) else None
    if branch is None:
        check.fail('branch', 'That branch no longer exists. Choose another one.')
    elif not branch.is_active and branch_id != current_branch_id:
        check.fail('branch', 'That branch is closed. Choose another one.')


async def _other_active_superadmin(user_id: int) -> bool:
    others = await User.filter(role=Role.SUPERADMIN, is_active=True).exclude(id=user_id).select_for_update()
    return bool(others)
