"""Refusals are audited where services raise them: one decorator on every public service function."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

from app.audit.events import Action, Outcome
from app.audit.logger import audit
from app.errors import PermissionDenied

P = ParamSpec('P')
R = TypeVar('R')

# The keyword argument that names the record, by entity type (other refusals name no record).
_ID_KEYWORDS = {'user': 'user_id', 'staff-profile': 'user_id', 'two-factor': 'user_id', 'branch': 'branch_id',
                'patient': 'patient_id', 'registration': 'registration_id',
                'clinical-note': 'note_id', 'diagnostic-test': 'test_id', 'attachment': 'attachment_id',
                'diagnosis': 'diagnosis_id', 'inquiry': 'inquiry_id', 'treatment-plan': 'plan_id'}


def audit_denials(entity_type: str) -> Callable[[Callable[P, Awaitable[R]]], Callable[P, Awaitable[R]]]:
    """Record a `permission-denied` event (then re-raise) when the wrapped service refuses its actor."""

    def decorator(service: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
        @functools.wraps(service)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return await service(*args, **kwargs)
            except PermissionDenied as denied:
                patient_uid = kwargs.get('patient_uid')  # a refused look at a patient's record is on their log
                entity_id = kwargs.get(_ID_KEYWORDS.get(entity_type, ''), '') or \
                    (patient_uid if entity_type == 'patient' else '')
                await audit.record(kwargs.get('actor'), action=Action.PERMISSION_DENIED, outcome=Outcome.DENIED,
                                   entity_type=entity_type, entity_id=entity_id or '', patient_id=patient_uid,
                                   detail=f'{service.__name__}: {denied.message}')
                raise

        return wrapper

    return decorator
