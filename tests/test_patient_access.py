"""The access log groups one person's consecutive events on a record into visits."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from app.audit import Action, Who, audit
from app.clock import clock
from app.errors import PermissionDenied
from app.services.patient_access import recent_visits
from models.accounts import Role
from models.audit import AuditEvent
from tests.factories import actor_of, make_user

UID = '250101-1'
START = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
RAVI = Who(user_id=7, username='ravi', role='doctor', branch_id=1, session_id=70)
ASHA = Who(user_id=8, username='asha', role='reception', branch_id=1, session_id=80)


@pytest.fixture(autouse=True)
async def flushed(db: None) -> AsyncIterator[None]:
    yield
    await audit.shutdown()


async def opened(who: Who, *parts: str, at: timedelta) -> None:
    """One opening of the patient page: a read event for each part, a second apart."""
    for offset, entity_type in enumerate(parts):
        clock.freeze(START + at + timedelta(seconds=offset))
        await audit.record(who, action=Action.VIEW, entity_type=entity_type, entity_id=UID, patient_id=UID)


async def test_one_opening_is_one_visit_listing_the_parts_read() -> None:
    await opened(RAVI, 'patient', 'registration', 'medical-history', 'diagnosis', 'clinical-note', 'attachment',
                 'attachment', at=timedelta(0))
    await opened(RAVI, 'patient', 'registration', at=timedelta(seconds=70))  # reopened a minute later: same visit
    await opened(ASHA, 'patient', 'registration', at=timedelta(minutes=3))
    clock.freeze(START + timedelta(minutes=4))
    await audit.record(ASHA, action=Action.UPDATE, entity_type='patient', entity_id=UID, patient_id=UID)
    await opened(RAVI, 'patient', at=timedelta(minutes=30))  # long after: a new visit
    await audit.record(RAVI, action=Action.VIEW, entity_type='patient', entity_id='250101-2', patient_id='250101-2')
    admin = await actor_of(await make_user(Role.ADMIN))

    visits = await recent_visits(actor=admin, patient_uid=UID)

    assert [(visit.username, visit.actions, visit.parts, visit.events) for visit in visits] == [
        ('ravi', ['view'], ['details'], 1),
        ('asha', ['view', 'update'], ['details', 'consultations'], 3),  # a read then a save: one visit
        ('ravi', ['view'], ['details', 'consultations', 'history', 'diagnoses', 'notes', 'attachments'], 9),
    ]
    oldest = visits[-1]
    assert (oldest.first_at, oldest.last_at) == (START, START + timedelta(seconds=71))
    assert await AuditEvent.filter(patient_id=UID).count() == 13  # the trail itself keeps every event


async def test_reception_is_refused_the_access_log() -> None:
    reception = await actor_of(await make_user(Role.RECEPTION))
    with pytest.raises(PermissionDenied):
        await recent_visits(actor=reception, patient_uid=UID)


async def test_saves_and_re_reads_within_one_visit_are_one_row() -> None:
    """Each save of a plan is followed by a re-read of the plans: 21 pairs were 42 rows, now one."""
    for number in range(21):
        clock.freeze(START + timedelta(seconds=20 * number))
        await audit.record(ASHA, action=Action.UPDATE, entity_type='treatment-plan', entity_id=UID, patient_id=UID)
        await audit.record(ASHA, action=Action.VIEW, entity_type='treatment-plan', entity_id=UID, patient_id=UID)
    admin = await actor_of(await make_user(Role.ADMIN))
    [visit] = await recent_visits(actor=admin, patient_uid=UID)
    assert (visit.actions, visit.parts, visit.events) == (['update', 'view'], ['plans'], 42)
    from components.patient_access import _what

    assert _what(visit) == 'changed, viewed'
