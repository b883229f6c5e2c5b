"""What every member of staff does with their own account: theme and password (both audited)."""

from __future__ import annotations

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.auth import sessions
from app.auth.actor import Actor
from app.clock import utcnow
from app.errors import ValidationFailed
from app.security.password_policy import password_problem
from app.security.passwords import hash_password, verify_password
from app.services.changes import save_changes, signed_out
from models.accounts import User


@audit_denials(EntityType.ACCOUNT)
async def set_dark_mode(*, actor: Actor, dark: bool | None) -> None:
    """Remember the actor's dark or light choice across devices."""
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.ACCOUNT,
                            entity_id=actor.user_id) as event:
        await save_changes(event, await User.get(id=actor.user_id), dark_mode=dark)


@audit_denials(EntityType.ACCOUNT)
async def change_own_password(*, actor: Actor, current_password: str, new_password: str,
                              repeat_password: str) -> None:
    """Change the actor's password; every other session of theirs is signed out."""
    user = await User.get(id=actor.user_id)
    errors: dict[str, str] = {}
    if not await verify_password(user.password_hash, current_password):
        errors['current_password'] = 'Your current password is not correct.'
    if problem := password_problem(new_password, username=user.username, full_name=user.full_name):
        errors['new_password'] = problem
    elif new_password == current_password:
        errors['new_password'] = 'Choose a password different from the current one.'
    if new_password != repeat_password:
        errors.setdefault('repeat_password', 'The two new passwords do not match.')
    if errors:
        raise ValidationFailed(errors)
    new_hash = await hash_password(new_password)
    async with audit.change(actor, action=Action.SECURITY_CHANGE, entity_type=EntityType.ACCOUNT,
                            entity_id=user.id) as event:
        await save_changes(event, await User.get(id=user.id), password_hash=new_hash, password_changed_at=utcnow(),
                           must_change_password=False)
        ended = await sessions.revoke_all(user_id=user.id, reason=sessions.REASON_PASSWORD,
                                          keep_session_id=actor.session_id)
        event.set_detail(f'Own password changed. {signed_out(ended)}'.strip())
