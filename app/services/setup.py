"""First run: the first branch and the first superadmin. No default credentials exist anywhere.

Nobody is signed in for either, so the audit trail names a system actor (`system:setup` for the
setup page, `system:cli` for `prospine create-admin`) and the new superadmin in the detail.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.audit import Action, EntityType, Who, audit, system_actor
from app.audit.diff import created, hidden_fields, snapshot
from app.audit.logger import ChangeEvent
from app.clock import utcnow
from app.errors import DomainError
from app.security.password_policy import password_problem
from app.security.passwords import hash_password
from app.services.validation import Checker
from models.accounts import EmployeeProfile, Role, User
from models.clinic import Branch

_USER_FIELDS = ('username', 'full_name', 'role', 'branch_id', 'password_hash')
_BRANCH_FIELDS = ('name', 'clinic_name', 'address', 'phone', 'email')


@dataclass(frozen=True, kw_only=True)
class FirstRun:
    """What the setup page (or `prospine create-admin`) collects."""

    clinic_name: str
    branch_name: str
    username: str
    full_name: str
    password: str
    address: str = ''
    phone: str = ''
    email: str = ''


async def is_setup_needed() -> bool:
    return not await User.exists()


async def complete_first_run(*, details: FirstRun) -> User:
    """Create the first branch and superadmin, all or nothing; refuse once a user exists."""
    check = Checker()
    clinic_name = check.text('clinic_name', details.clinic_name, label='clinic name', max_length=120)
    branch_name = check.text('branch_name', details.branch_name, label='branch name', max_length=80)
    address = check.text('address', details.address, label='address', required=False, max_length=500)
    phone = check.phone('phone', details.phone)
    email = check.email('email', details.email)
    admin = _check_admin(check, username=details.username, full_name=details.full_name,
                         password=details.password)
    check.raise_if_any()
    password_hash = await hash_password(details.password)
    actor = system_actor('setup')
    async with audit.change(actor, action=Action.ADMIN_CHANGE, entity_type=EntityType.USER) as event:
        if await User.exists():
            raise DomainError('Setup has already been completed. Please sign in.')
        branch = await Branch.create(name=branch_name, clinic_name=clinic_name, address=address, phone=phone,
                                     email=email)
        await _record_new_branch(actor, branch)
        user = await User.create(username=admin[0], full_name=admin[1], role=Role.SUPERADMIN, branch=branch,
                                 password_hash=password_hash, password_changed_at=utcnow())
        await EmployeeProfile.create(user=user, job_title='Administrator')
        _describe_new_superadmin(event, user, 'First-run setup')
    return user


async def create_superadmin(*, username: str, full_name: str, password: str, branch_name: str,
                            clinic_name: str) -> User:
    """Add a superadmin from the shell (first run, or when every admin is locked out).

    Uses the named branch, creating it when the database has no branch of that name.
    """
    check = Checker()
    admin = _check_admin(check, username=username, full_name=full_name, password=password)
    branch_name = check.text('branch', branch_name, label='branch name', max_length=80)
    clinic_name = check.text('clinic_name', clinic_name, label='clinic name', max_length=120)
    check.raise_if_any()
    password_hash = await hash_password(password)
    actor = system_actor('cli')
    async with audit.change(actor, action=Action.ADMIN_CHANGE, entity_type=EntityType.USER) as event:
        if await User.exists(username=admin[0]):
            raise DomainError(f'A user named {admin[0]!r} already exists.')
        branch = await Branch.get_or_none(name=branch_name)
        if branch is None:
            branch = await Branch.create(name=branch_name, clinic_name=clinic_name)
            await _record_new_branch(actor, branch)
        user = await User.create(username=admin[0], full_name=admin[1], role=Role.SUPERADMIN, branch=branch,
                                 password_hash=password_hash, password_changed_at=utcnow())
        await EmployeeProfile.create(user=user, job_title='Administrator')
        _describe_new_superadmin(event, user, 'prospine create-admin')
    return user


async def _record_new_branch(actor: Who, branch: Branch) -> None:
    """Add the branch's creation to the open `audit.change` (same transaction, its own event)."""
    await audit.record(actor, action=Action.CREATE, entity_type=EntityType.BRANCH, entity_id=branch.id,
                       changes=created(snapshot(branch, _BRANCH_FIELDS), hidden=hidden_fields(Branch)))


def _describe_new_superadmin(event: ChangeEvent, user: User, how: str) -> None:
    event.entity_id = user.id
    event.set_changes(created(snapshot(user, _USER_FIELDS), hidden=hidden_fields(User)))
    event.set_detail(f'{how} created the superadmin {user.username!r}.')


def _check_admin(check: Checker, *, username: str, full_name: str, password: str) -> tuple[str, str]:
    name = check.username('username', username)
    full = check.text('full_name', full_name, label='full name', max_length=100)
    if problem := password_problem(password, username=name, full_name=full):
        check.fail('password', problem)
    return name, full
