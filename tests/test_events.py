"""Domain events (`app.events`): the hub in memory, what the audit logger publishes, and the Redis relay."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from redis import asyncio as redis

from app.audit import Action, audit, system_actor
from app.audit.events import EntityType
from app.config import ConfigError, load_settings
from app.events import DomainEvent, EventHub, hub
from app.services import clinical_notes, patients
from app.services.patients import PatientDetails
from models.accounts import Role
from models.clinic import Service
from models.patients import Patient
from tests.factories import actor_of, make_patient, make_user
from tests.redis_server import reachable_redis, scratch_channel
from tests.waiting import eventually

EVENT = DomainEvent(kind=EntityType.PATIENT, action=Action.UPDATE, entity_id='250101-1', patient_uid='250101-1',
                    branch_id=1)
NAME = 'Zenobia Quixote-Fairweather'
NOTE_TEXT = 'Radiating pain L5 dermatome, SLR positive at 35 degrees'


def test_a_subscriber_hears_each_event_once_until_it_unsubscribes() -> None:
    local = EventHub()
    heard: list[DomainEvent] = []
    unsubscribe = local.subscribe(heard.append)
    local.publish(EVENT)
    assert heard == [EVENT]
    unsubscribe()
    unsubscribe()  # twice is harmless
    local.publish(EVENT)
    assert heard == [EVENT]


def test_a_failing_subscriber_does_not_stop_the_others_or_the_publisher(caplog: pytest.LogCaptureFixture) -> None:
    local = EventHub()
    heard: list[DomainEvent] = []

    def broken(event: DomainEvent) -> None:
        raise RuntimeError('boom')

    local.subscribe(broken)
    local.subscribe(heard.append)
    local.publish(EVENT)
    assert heard == [EVENT]
    assert 'A live-update subscriber failed' in caplog.text


def test_a_message_round_trips_and_anything_else_is_refused() -> None:
    assert DomainEvent.from_message(EVENT.to_message('abc')) == ('abc', EVENT)
    for raw in ('[]', '{"v": 2}', json.dumps({'v': 1, 'source': 's', 'kind': 'patient', 'action': 'x' * 65,
                                               'entity_id': ''}),
                json.dumps({'v': 1, 'source': 's', 'kind': 'patient', 'action': 'update', 'entity_id': '',
                            'branch_id': 'one'})):
        with pytest.raises(ValueError):
            DomainEvent.from_message(raw)


@asynccontextmanager
async def listening() -> AsyncIterator[list[DomainEvent]]:
    heard: list[DomainEvent] = []
    unsubscribe = hub.subscribe(heard.append)
    try:
        yield heard
    finally:
        unsubscribe()


async def test_the_audit_logger_publishes_each_committed_change_with_ids_only(db: None) -> None:
    desk = await actor_of(await make_user(Role.RECEPTION))
    async with listening() as heard:
        row = await patients.register_patient(actor=desk, details=PatientDetails(
            full_name=NAME, phone='98765 43210', gender='female'))
        await audit.view(desk, entity_type=EntityType.PATIENT, entity_id=row.uid, patient_id=row.uid)
        await audit.flush()
    assert [(e.kind, e.action, e.patient_uid, e.branch_id) for e in heard] == [
        ('patient', 'create', row.uid, desk.branch_id)]  # the read event is not published


async def test_a_change_that_rolls_back_publishes_nothing(db: None) -> None:
    async with listening() as heard:
        with pytest.raises(RuntimeError):
            async with audit.change(system_actor('test'), action=Action.UPDATE, entity_type=EntityType.PATIENT):
                await make_patient('250101-9')
                raise RuntimeError('undone')
    assert heard == []
    assert not await Patient.exists()


async def test_a_failing_subscriber_never_undoes_a_commit(db: None, caplog: pytest.LogCaptureFixture) -> None:
    def broken(event: DomainEvent) -> None:
        raise RuntimeError('boom')

    unsubscribe = hub.subscribe(broken)
    try:
        async with audit.change(system_actor('test'), action=Action.CREATE, entity_type=EntityType.PATIENT):
            await make_patient('250101-9')
    finally:
        unsubscribe()
    assert await Patient.exists(uid='250101-9')
    assert 'A live-update subscriber failed' in caplog.text


async def raw_messages(url: str, channel: str) -> tuple[redis.Redis, redis.client.PubSub]:
    """Subscribe on the channel directly, as anyone with access to the Redis server could."""
    client = redis.from_url(url)
    pubsub = client.pubsub()
    await pubsub.subscribe(channel)
    assert (await pubsub.get_message(timeout=3))['type'] == 'subscribe'
    return client, pubsub


async def drain(pubsub: redis.client.PubSub, *, quiet: float = 0.5) -> list[str]:
    found = []
    while (message := await pubsub.get_message(ignore_subscribe_messages=True, timeout=quiet)) is not None:
        found.append(message['data'].decode())
    return found


async def test_two_hubs_hear_each_other_over_redis_and_their_own_events_once() -> None:
    url, channel = await reachable_redis(), scratch_channel()
    first, second = EventHub(), EventHub()
    heard_first: list[DomainEvent] = []
    heard_second: list[DomainEvent] = []
    first.subscribe(heard_first.append)
    second.subscribe(heard_second.append)
    client, pubsub = await raw_messages(url, channel)
    try:
        assert await first.connect(url, channel=channel)
        assert await second.connect(url, channel=channel)
        first.publish(EVENT)
        await eventually(lambda: heard_second == [EVENT], what='the second hub hearing the first')
        other = DomainEvent(kind=EntityType.INQUIRY, action=Action.CREATE, entity_id='x', branch_id=2)
        second.publish(other)
        await eventually(lambda: heard_first == [EVENT, other], what='the first hub hearing the second')
        await asyncio.sleep(0.5)
        assert heard_first == [EVENT, other]  # its own event once: not again when it comes back over Redis
        assert heard_second == [EVENT, other]
        sent = await drain(pubsub)
        assert len(sent) == 2  # what arrived from Redis was not sent on again
    finally:
        await first.disconnect()
        await second.disconnect()
        await pubsub.aclose()
        await client.aclose()


async def test_what_travels_over_redis_carries_no_names_and_no_note_text(db: None) -> None:
    url, channel = await reachable_redis(), scratch_channel()
    client, pubsub = await raw_messages(url, channel)
    assert await hub.connect(url, channel=channel)
    try:
        desk = await actor_of(await make_user(Role.RECEPTION))
        doctor = await actor_of(await make_user(Role.DOCTOR))
        row = await patients.register_patient(actor=desk, details=PatientDetails(
            full_name=NAME, phone='98765 43210', gender='female', address='12 Carter Road, Bandra'))
        note = await clinical_notes.start_note(actor=doctor, patient_uid=row.uid,
                                               discipline=Service.PHYSIOTHERAPY)
        await clinical_notes.save_draft(actor=doctor, note_id=note.id, subjective=NOTE_TEXT, objective='',
                                        assessment='Lumbar radiculopathy', plan='Neural mobilisation')
        await clinical_notes.sign_note(actor=doctor, note_id=note.id)
        sent = await drain(pubsub)
    finally:
        await hub.disconnect()
        await pubsub.aclose()
        await client.aclose()
    kinds = [json.loads(message)['kind'] for message in sent]
    assert kinds.count('patient') == 1 and kinds.count('clinical-note') == 3, kinds
    assert all(json.loads(message)['patient_uid'] == row.uid for message in sent)
    everything = '\n'.join(sent).lower()
    for secret in (NAME, 'zenobia', 'quixote', NOTE_TEXT, 'radiculopathy', 'mobilisation', 'carter road',
                   '98765', '9876543210'):
        assert secret.lower() not in everything, secret
    assert set(json.loads(sent[0])) == {'v', 'source', 'kind', 'action', 'entity_id', 'patient_uid', 'branch_id'}


async def test_an_unreachable_redis_is_logged_and_events_stay_local(caplog: pytest.LogCaptureFixture) -> None:
    local = EventHub()
    heard: list[DomainEvent] = []
    local.subscribe(heard.append)
    with caplog.at_level(logging.ERROR, logger='app.events'):
        assert not await local.connect('redis://127.0.0.1:1/0', channel=scratch_channel())
    try:
        assert 'Redis at redis://127.0.0.1:1/0 is unreachable' in caplog.text
        local.publish(EVENT)
        assert heard == [EVENT]
    finally:
        await local.disconnect()


async def test_a_stranger_message_on_the_channel_is_ignored(caplog: pytest.LogCaptureFixture) -> None:
    url, channel = await reachable_redis(), scratch_channel()
    local = EventHub()
    heard: list[DomainEvent] = []
    local.subscribe(heard.append)
    assert await local.connect(url, channel=channel)
    client = redis.from_url(url)
    try:
        await client.publish(channel, 'hello')
        await client.publish(channel, EVENT.to_message('another process'))
        await eventually(lambda: heard == [EVENT], what='the well-formed event arriving')
        assert 'not a ProSpine event' in caplog.text
    finally:
        await local.disconnect()
        await client.aclose()


def test_the_channel_is_the_database_name_unless_set_and_bad_values_are_one_sentence(tmp_path: Path) -> None:
    base = {'PROSPINE_DATA_DIR': str(tmp_path), 'PROSPINE_ENV_FILE': str(tmp_path / 'no.env')}
    clinic = load_settings({**base, 'PROSPINE_DATABASE_URL': 'postgres://u:p@db:5432/andheri_clinic'})
    assert (clinic.redis_url, clinic.redis_channel) == ('', 'prospine:andheri_clinic')
    chosen = load_settings({**base, 'PROSPINE_REDIS_URL': 'rediss://:pw@cache:6380/0',
                            'PROSPINE_REDIS_CHANNEL': 'clinic-7'})
    assert (chosen.redis_url, chosen.redis_channel) == ('rediss://:pw@cache:6380/0', 'clinic-7')
    with pytest.raises(ConfigError, match='PROSPINE_REDIS_URL must start with redis://'):
        load_settings({**base, 'PROSPINE_REDIS_URL': 'http://cache:6379'})
    with pytest.raises(ConfigError, match='PROSPINE_REDIS_CHANNEL must be 1 to 100 characters without spaces'):
        load_settings({**base, 'PROSPINE_REDIS_CHANNEL': 'two words'})
