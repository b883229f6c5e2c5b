"""Plain factory functions for tests: branches, users, signed-in browsers."""

from __future__ import annotations

from datetime import date
from functools import cache
from itertools import count

from nicegui.testing import User as TestUser

from app.auth import sessions
from app.auth.actor import Actor
from app.clock import utcnow
from app.security.passwords import hash_password_sync
from models.accounts import EmployeeProfile, Role, User
from models.clinic import Branch
from models.patients import Gender, Patient

PASSWORD = 'correct horse battery'
_serial = count(1)


@cache
def _hash(password: str) -> str:
    return hash_password_sync(password)


async def make_branch(name: str | None = None, **fields: object) -> Branch:
    return await Branch.create(name=name or f'Branch {next(_serial)}',
                               clinic_name=fields.pop('clinic_name', 'ProSpine Clinic'), **fields)


async def make_user(role: Role = Role.RECEPTION, *, username: str | None = None, password: str = PASSWORD,
                    branch: Branch | None = None, **fields: object) -> User:
    branch = branch or await Branch.first() or await make_branch()
    user = await User.create(
        username=username or f'{role.value}{next(_serial)}', full_name=fields.pop('full_name', 'Asha Rao'),
        role=role, branch=branch, password_hash=_hash(password), password_changed_at=utcnow(), **fields,
    )
    await EmployeeProfile.create(user=user)
    return user


async def make_patient(uid: str | None = None, *, full_name: str = 'Meera Iyer', branch: Branch | None = None,
                       **fields: object) -> Patient:
    """A registered patient (created directly, without the registration service)."""
    branch = branch or await Branch.first() or await make_branch()
    return await Patient.create(uid=uid or f'250101-{next(_serial)}', full_name=full_name,
                                name_key=full_name.lower(), phone='+91 98765 43210', phone_digits='9876543210',
                                gender=fields.pop('gender', Gender.FEMALE), first_branch=branch,
                                registered_on=fields.pop('registered_on', date(2025, 1, 1)), **fields)


async def sign_in(test_user: TestUser, user: User) -> str:
    """Give the simulated browser a live session for a user (as if they had signed in)."""
    token = await sessions.issue(user=user)
    test_user.http_client.cookies.set(sessions.COOKIE_NAME, token)
    return token


async def actor_of(user: User) -> Actor:
    """Describe a user as the actor a service receives (no session behind it)."""
    return await sessions.actor_for(user, session_id=None)
