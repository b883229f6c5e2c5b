"""The person behind a request: a signed-in member of staff, or nobody (an object, never None)."""

from __future__ import annotations

from dataclasses import dataclass

from app.auth.permissions import Permission, role_can
from models.accounts import Role


@dataclass(frozen=True, kw_only=True)
class Actor:
    """A signed-in member of staff, as services see them."""

    user_id: int
    username: str
    full_name: str
    role: Role
    branch_id: int
    branch_name: str
    clinic_name: str = 'ProSpine Clinic'
    dark_mode: bool | None = None
    session_id: int | None = None
    must_change_password: bool = False
    needs_two_factor_setup: bool = False

    is_authenticated = True

    def can(self, permission: Permission) -> bool:
        return role_can(self.role, permission)

    @property
    def sees_money(self) -> bool:
        """Whether the role sees prices, fees, discounts and totals: junior doctors do not."""
        return self.can(Permission.BILLING_VIEW)

    @property
    def is_superadmin(self) -> bool:
        return self.role is Role.SUPERADMIN

    def may_work_in(self, branch_id: int | None) -> bool:
        """Branch scoping: everyone but the superadmin works within their own branch."""
        return self.is_superadmin or branch_id == self.branch_id


@dataclass(frozen=True)
class AnonymousActor:
    """Nobody is signed in."""

    is_authenticated = False
    role = None
    user_id = None

    def can(self, permission: Permission) -> bool:
        return role_can(None, permission)


ANONYMOUS = AnonymousActor()
