"""A discount above the clinic's limit needs a doctor or an admin: the plan form's and the invoice's rule.

Either the actor holds `discounts.approve`, or the form names an approver who does and who types
their own password at the desk. That confirmation counts like a sign-in attempt and leaves an
event in the approver's name, in the same transaction as the change, so the trail shows that the
doctor approved, not only that someone said so. The limit is `PROSPINE_DISCOUNT_LIMIT_PERCENT` of
the price.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from app.audit import Action, EntityType, audit
from app.auth import sign_in
from app.auth.actor import Actor
from app.auth.permissions import Permission, role_can
from app.config import get_settings
from app.money import format_money
from app.services.validation import Checker
from models.accounts import User


@dataclass(frozen=True, kw_only=True)
class Approval:
    """A colleague's confirmed approval of a discount, recorded in their name with the change."""

    approver: User
    discount: Decimal


async def approvers_in(branch_id: int) -> list[tuple[int, str]]:
    """The active staff of a branch who may approve a discount (doctors and admins): (id, name)."""
    users = await User.filter(is_active=True, branch_id=branch_id).order_by('full_name')
    return [(user.id, user.full_name) for user in users if role_can(user.role, Permission.DISCOUNTS_APPROVE)]


async def check_discount(check: Checker, actor: Actor, discount: Decimal, price: Decimal,
                         approver_id: int | None, *, field: str = 'discount') -> int | None:
    """Refuse a discount above the price, or above the limit without an approver; return who approved it."""
    if discount > price:
        check.fail(field, f'The discount cannot be more than the price, {format_money(price)}.')
        return None
    limit = get_settings().discount_limit_percent
    if approver_id is not None:
        approver = await User.get_or_none(id=approver_id, is_active=True)
        if approver is None or not role_can(approver.role, Permission.DISCOUNTS_APPROVE) \
                or not actor.may_work_in(approver.branch_id):
            check.fail('discount_approved_by', 'Only a doctor or an admin of this branch can approve a discount.')
            return None
        return approver.id if discount > 0 else None
    if price > 0 and discount * 100 > price * limit:
        if actor.can(Permission.DISCOUNTS_APPROVE):
            return actor.user_id
        check.fail('discount_approved_by', f'A discount above {limit}% of the price needs a doctor or an admin. '
                                           'Choose who approved it.')
    return None


async def confirm_approval(check: Checker, approver_id: int, discount: Decimal, password: str) -> Approval | None:
    """The named approver types their password; only other fields being right makes it worth checking."""
    approver = await User.get(id=approver_id)
    if not password:
        check.fail('approver_password', f'{approver.full_name} must type their password to approve this discount.')
        return None
    if check.errors:
        check.fail('approver_password', 'Correct the other fields, then type the password again.')
        return None
    if message := await sign_in.confirm_password(user=approver, password=password, purpose='approving a discount'):
        check.fail('approver_password', message)
        return None
    return Approval(approver=approver, discount=discount)


async def record_approval(approval: Approval | None, *, entity_type: EntityType, entity_id: UUID,
                          patient_uid: str) -> None:
    """Inside the change's transaction: the approver's own event, so the approval is theirs in the trail."""
    if approval is not None:
        await audit.record(sign_in.who_is(approval.approver), action=Action.UPDATE, entity_type=entity_type,
                           entity_id=entity_id, patient_id=patient_uid,
                           detail=f'Approved a discount of {format_money(approval.discount)}, '
                                  'confirmed with their password.')
