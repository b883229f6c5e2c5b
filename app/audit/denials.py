"""Refusals are audited where services raise them: one decorator on every public service function."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

from app.audit.events import Action, EntityType, Outcome
from app.audit.logger import audit
from app.errors import DomainError, PermissionDenied, ValidationFailed

P = ParamSpec('P')
R = TypeVar('R')

# The keyword argument that names the record, by entity type (other refusals name no record).
_ID_KEYWORDS = {
    EntityType.USER: 'user_id', EntityType.STAFF_PROFILE: 'user_id', EntityType.TWO_FACTOR: 'user_id',
    EntityType.BRANCH: 'branch_id', EntityType.PATIENT: 'patient_id', EntityType.REGISTRATION: 'registration_id',
    EntityType.CLINICAL_NOTE: 'note_id', EntityType.DIAGNOSTIC_TEST: 'test_id', EntityType.ATTACHMENT: 'attachment_id',
    EntityType.DIAGNOSIS: 'diagnosis_id', EntityType.INQUIRY: 'inquiry_id', EntityType.TREATMENT_PLAN: 'plan_id',
    EntityType.APPOINTMENT: 'appointment_id', EntityType.INVOICE: 'invoice_id', EntityType.PAYMENT: 'payment_id',
    EntityType.EXPENSE: 'expense_id',
}


def audit_denials(entity_type: EntityType, *, refused_action: Action | None = None,
                  ) -> Callable[[Callable[P, Awaitable[R]]], Callable[P, Awaitable[R]]]:
    """Record a `permission-denied` event (then re-raise) when the wrapped service refuses its actor.

    With `refused_action`, any other refusal (a `DomainError`: a slot taken, the clinic closed) is
    recorded too, as that action with the outcome `failed` and the sentence the user was shown.
    The calendar uses it: a clinic wants to see the double booking that was attempted, not only the one made.
    """

    def decorator(service: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
        @functools.wraps(service)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return await service(*args, **kwargs)
            except PermissionDenied as denied:
                patient_uid = kwargs.get('patient_uid')  # a refused look at a patient's record is on their log
                entity_id = kwargs.get(_ID_KEYWORDS.get(entity_type, ''), '') or \
                    (patient_uid if entity_type == EntityType.PATIENT else '')
                await audit.record(kwargs.get('actor'), action=Action.PERMISSION_DENIED, outcome=Outcome.DENIED,
                                   entity_type=entity_type, entity_id=entity_id or '', patient_id=patient_uid,
                                   detail=f'{service.__name__}: {denied.message}')
                raise
            except DomainError as refusal:
                if refused_action is not None:
                    entity_id = kwargs.get(_ID_KEYWORDS.get(entity_type, ''), '')
                    await audit.record(kwargs.get('actor'), action=refused_action, outcome=Outcome.FAILED,
                                       entity_type=entity_type, entity_id=entity_id or '',
                                       detail=f'{service.__name__}: {_sentences(refusal)}'[:500])
                raise

        return wrapper

    return decorator


def _sentences(refusal: DomainError) -> str:
    """What the user was told: the message, or each field's message for a refused form."""
    if isinstance(refusal, ValidationFailed):
        return ' '.join(refusal.field_errors.values())
    return refusal.message
