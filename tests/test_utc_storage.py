"""Moments are stored and compared in UTC, so day filters hold after the clinic's midnight too.

The clinic runs on Asia/Kolkata (UTC+05:30): between 18:30 and 24:00 UTC its calendar is a day
ahead of UTC's. These tests run at such an hour on purpose.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from tortoise import connections
from tortoise.fields.data import DateField, DatetimeField

from app.audit import Action, Who, audit
from app.clock import clock
from app.config import get_settings
from app.services.audit_trail import EventFilter, search_events
from models import utc
from models.accounts import Role
from models.clinic import Branch
from tests.factories import actor_of, make_branch, make_user

EVENING_UTC = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)  # 24 November, 01:30 in the clinic


@pytest.fixture(autouse=True)
async def flushed(db: None) -> AsyncIterator[None]:
    yield
    await audit.shutdown()


async def test_a_moment_built_in_clinic_time_is_stored_as_utc_text() -> None:
    branch = await make_branch('Andheri')
    clinic_midnight = datetime.combine(date(2026, 11, 24), time(), tzinfo=get_settings().tz)
    await Branch.filter(id=branch.id).update(created_at=clinic_midnight)
    rows = await connections.get('default').execute_query_dict(
        'SELECT created_at FROM branch WHERE id = ?', [branch.id])
    assert str(rows[0]['created_at']).startswith('2026-11-23') and '+00:00' in str(rows[0]['created_at'])
    assert (await Branch.get(id=branch.id)).created_at == clinic_midnight


async def test_the_audit_day_filter_uses_the_clinic_calendar_after_its_midnight() -> None:
    admin = await make_user(Role.SUPERADMIN, username='owner')
    who = Who(user_id=admin.id, username='owner', role='superadmin', branch_id=None)
    clock.freeze(EVENING_UTC - timedelta(hours=3))  # 23 November, 22:30 in the clinic
    await audit.record(who, action=Action.UPDATE, entity_type='branch', entity_id='late-evening')
    clock.freeze(EVENING_UTC)
    await audit.record(who, action=Action.UPDATE, entity_type='branch', entity_id='after-midnight')
    actor = await actor_of(admin)

    async def shown(filters: EventFilter) -> set[str]:
        page = await search_events(actor=actor, filters=filters)
        return {row.entity_id for row in page.rows if row.entity_type == 'branch'}

    assert await shown(EventFilter(date_from=date(2026, 11, 24))) == {'after-midnight'}
    assert await shown(EventFilter(date_to=date(2026, 11, 23))) == {'late-evening'}


@pytest.mark.parametrize('text', ['2026-12-02 04:46:28.635160+00:00', '2026-12-02T04:46:28+00:00',
                                  '2026-12-02 10:16:28.5+05:30', '2026-12-02 04:46:28', '2026-12-02T04:46Z',
                                  '2026-12-02', '20261202T044628Z'])
def test_a_stored_moment_reads_back_as_tortoise_would_read_it_only_quicker(text: str) -> None:
    field = DatetimeField()
    quick = field.to_python_value(text)
    assert quick == utc._to_python_value(field, text) and quick.tzinfo == utc._to_python_value(field, text).tzinfo
    if text[4] == '-':
        assert DateField().to_python_value(text[:10]) == utc._date_to_python_value(DateField(), text[:10])


async def test_the_database_hands_back_the_moment_that_was_saved() -> None:
    moment = datetime(2026, 11, 24, 1, 30, 15, 123456, tzinfo=ZoneInfo('Asia/Kolkata'))
    branch = await make_branch('Andheri')
    await Branch.filter(id=branch.id).update(created_at=moment)
    saved = await Branch.get(id=branch.id)
    assert saved.created_at == moment and saved.created_at.utcoffset() == timedelta(0)
