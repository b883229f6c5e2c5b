"""The role x permission table, written out by hand: a grant added or lost anywhere fails here.

Read a row as "this permission is held by the roles marked x". Change this table only together
with `app/auth/permissions.py`, and say in the commit why a role gains or loses a permission.
"""

from __future__ import annotations

import pytest

from app.auth.permissions import ROLE_PERMISSIONS, Permission, role_can
from models.accounts import Role

GRANTS = """
                      superadm     admin     doctor    jrdoctor   reception
home.view                 x          x          x          x          x
users.view                x          x          .          .          .
users.manage              x          x          .          .          .
branches.view             x          x          .          .          .
branches.manage           x          x          .          .          .
branches.create           x          .          .          .          .
security.manage           x          x          .          .          .
audit.view                x          x          .          .          .
backups.manage            x          x          .          .          .
patients.view             x          x          x          x          x
patients.edit             x          x          x          x          x
inquiries.view            x          x          x          .          x
inquiries.edit            x          x          .          .          x
notes.view                x          .          x          x          .
notes.write               x          .          x          x          .
notes.sign                x          .          x          x          .
notes.cosign              x          .          x          .          .
tests.view                x          .          x          x          .
tests.edit                x          .          x          x          .
plans.view                x          x          x          x          x
plans.edit                x          x          x          x          .
discounts.approve         x          x          x          .          .
patients.access-log       x          x          x          .          .
records.copy              x          .          x          .          .
schedule.view             x          x          x          x          x
schedule.edit             x          x          .          .          x
schedule.own              .          .          x          x          .
schedule.hours            x          x          .          .          .
billing.view              x          x          x          .          x
billing.create            x          x          .          .          x
billing.approve           x          x          .          .          .
reports.view              x          x          .          .          .
expenses.enter            x          x          .          .          x
expenses.approve          x          x          .          .          .
"""
COLUMNS = (Role.SUPERADMIN, Role.ADMIN, Role.DOCTOR, Role.JRDOCTOR, Role.RECEPTION)


def expected_grants() -> dict[tuple[str, Role], bool]:
    lines = [line.split() for line in GRANTS.strip().splitlines()[1:]]
    return {(permission, role): mark == 'x' for permission, *marks in lines
            for role, mark in zip(COLUMNS, marks, strict=True)}


def test_the_table_names_every_permission_once() -> None:
    named = [line.split()[0] for line in GRANTS.strip().splitlines()[1:]]
    assert len(named) == len(set(named))
    assert set(named) == {p.value for p in Permission} - {Permission.PUBLIC.value, Permission.SIGNED_IN.value}


@pytest.mark.parametrize('role', COLUMNS)
def test_each_role_holds_exactly_the_permissions_marked(role: Role) -> None:
    marked = {permission for (permission, column), granted in expected_grants().items() if column is role and granted}
    assert {str(p) for p in ROLE_PERMISSIONS[role]} == marked
    for permission in Permission:
        if permission not in (Permission.PUBLIC, Permission.SIGNED_IN):
            assert role_can(role, permission) is (permission.value in marked)


def test_public_and_signed_in_pages() -> None:
    assert role_can(None, Permission.PUBLIC)
    assert not role_can(None, Permission.SIGNED_IN)
    assert not role_can(None, Permission.HOME_VIEW)
    assert all(role_can(role, Permission.SIGNED_IN) for role in Role)
