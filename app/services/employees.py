"""Employee profiles: what the clinic keeps about a member of staff beyond their sign-in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.audit.diff import changes_between, hidden_fields, snapshot
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import clinic_today, utcnow
from app.services.users import UserRow, require, row_of, target_user
from app.services.validation import Checker
from models.accounts import EmployeeProfile

EARLIEST_BIRTH = date(1900, 1, 1)
JOINING_AHEAD = timedelta(days=365)
_PROFILE_FIELDS = ('job_title', 'phone', 'address', 'date_of_birth', 'joining_date')


@dataclass(frozen=True, kw_only=True)
class StaffProfile:
    """A staff account with its employee profile."""

    user: UserRow
    job_title: str
    phone: str
    address: str
    date_of_birth: date | None
    joining_date: date | None


@audit_denials(EntityType.STAFF_PROFILE)
async def get_profile(*, actor: Actor, user_id: int) -> StaffProfile:
    """Return a staff member's profile, if the actor may see them; the trail records who opened it."""
    require(actor, Permission.USERS_VIEW)
    staff = await _load(actor, user_id)
    await audit.view(actor, entity_type=EntityType.STAFF_PROFILE, entity_id=user_id)
    return staff


@audit_denials(EntityType.STAFF_PROFILE)
async def update_profile(*, actor: Actor, user_id: int, job_title: str, phone: str, address: str,
                         date_of_birth: date | None, joining_date: date | None) -> StaffProfile:
    """Save a staff member's employee profile, all fields or none."""
    require(actor, Permission.USERS_MANAGE)
    await target_user(actor, user_id)
    today = clinic_today()
    check = Checker()
    title = check.text('job_title', job_title, label='job title', required=False, max_length=80)
    cleaned_phone = check.phone('phone', phone)
    cleaned_address = check.text('address', address, label='address', required=False, max_length=500)
    check.past_date('date_of_birth', date_of_birth, label='date of birth', today=today)
    if date_of_birth is not None and date_of_birth < EARLIEST_BIRTH:
        check.fail('date_of_birth', 'Check the date of birth: the year looks wrong.')
    if joining_date is not None:
        if joining_date > today + JOINING_AHEAD:
            check.fail('joining_date', 'The joining date can be at most a year from today.')
        elif date_of_birth is not None and joining_date <= date_of_birth:
            check.fail('joining_date', 'The joining date must come after the date of birth.')
    check.raise_if_any()
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.STAFF_PROFILE,
                            entity_id=user_id) as event:
        await target_user(actor, user_id)
        profile, _ = await EmployeeProfile.get_or_create(user_id=user_id)
        before = snapshot(profile, _PROFILE_FIELDS)
        profile.job_title = title
        profile.phone = cleaned_phone
        profile.address = cleaned_address
        profile.date_of_birth = date_of_birth
        profile.joining_date = joining_date
        await profile.save()
        event.set_changes(changes_between(before, snapshot(profile, _PROFILE_FIELDS),
                                          hidden=hidden_fields(EmployeeProfile)))
    return await _load(actor, user_id)


async def _load(actor: Actor, user_id: int) -> StaffProfile:
    user = await target_user(actor, user_id, to_change=False)
    profile = await EmployeeProfile.get_or_none(user_id=user.id) or EmployeeProfile(user_id=user.id)
    return StaffProfile(user=row_of(user, now=utcnow()), job_title=profile.job_title, phone=profile.phone,
                        address=profile.address, date_of_birth=profile.date_of_birth,
                        joining_date=profile.joining_date)
