"""Domain events: what was changed (a kind and ids, never health text), told to open screens after the commit.

The audit logger publishes one `DomainEvent` per committed change (`app.audit.logger`); screens
subscribe and refresh the part that shows it (`components/live.py`). `hub.publish` delivers to
this process's subscribers at once, exactly once. With `PROSPINE_REDIS_URL` set, the hub also
sends each event over one Redis pub/sub channel and delivers what other `prospine serve`
processes sent; an event that arrives from Redis is never sent on again, and this process's own
events, which come back over the channel, are recognised by the process id they carry and skipped.

Events are hints to refresh, not data: a lost one leaves a screen stale until its next action or
reload, never wrong data. So Redis being down never stops the app (see `RedisRelay`), and a
publish never raises.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from app.config import url_without_password

log = logging.getLogger(__name__)

Listener = Callable[['DomainEvent'], None]

FORMAT_VERSION = 1
ID_LIMIT = 64  # no id of ours is longer; anything longer in a message from Redis is not ours
CONNECT_SECONDS = 3.0
RETRY_SECONDS = (1.0, 2.0, 5.0, 10.0, 30.0)
OUTBOX_SIZE = 1000


@dataclass(frozen=True, kw_only=True)
class DomainEvent:
    """A committed change: its kind, action and ids. Nothing a patient said or is called."""

    kind: str  # the audit trail's entity type (`app.audit.events.EntityType`): 'patient', 'clinical-note', ...
    action: str
    entity_id: str = ''
    patient_uid: str | None = None
    branch_id: int | None = None  # the branch of whoever made the change

    def to_message(self, source: str) -> str:
        """The JSON sent over Redis: these fields, the format version and the sending process's id."""
        return json.dumps({'v': FORMAT_VERSION, 'source': source, **asdict(self)}, sort_keys=True)

    @classmethod
    def from_message(cls, raw: str | bytes) -> tuple[str, DomainEvent]:
        """Read a message from Redis: (source, event). Raises ValueError for anything else."""
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get('v') != FORMAT_VERSION:
            raise ValueError('not a ProSpine event')
        texts = {name: data.get(name) for name in ('source', 'kind', 'action', 'entity_id')}
        if not all(isinstance(value, str) and len(value) <= ID_LIMIT for value in texts.values()):
            raise ValueError('malformed event')
        patient_uid, branch_id = data.get('patient_uid'), data.get('branch_id')
        if patient_uid is not None and not (isinstance(patient_uid, str) and len(patient_uid) <= ID_LIMIT):
            raise ValueError('malformed patient uid')
        if branch_id is not None and (isinstance(branch_id, bool) or not isinstance(branch_id, int)):
            raise ValueError('malformed branch id')
        return texts['source'], cls(kind=texts['kind'], action=texts['action'], entity_id=texts['entity_id'],
                                    patient_uid=patient_uid, branch_id=branch_id)


class EventHub:
    """Subscribers of this process, and the Redis relay to the others when one is connected."""

    def __init__(self) -> None:
        self.source = uuid.uuid4().hex  # tells this process's messages apart on the shared channel
        self._listeners: list[Listener] = []
        self._relay: RedisRelay | None = None
        self.heard = 0  # events delivered in this process so far: a read made since the last one is still current

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(event)` for every event (it must not block); returns the function that unsubscribes."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._listeners.remove(listener)

        return unsubscribe

    def publish(self, event: DomainEvent) -> None:
        """Deliver an event here and send it to the other processes; never raises."""
        self.deliver(event)
        if self._relay is not None:
            self._relay.send(event)

    def deliver(self, event: DomainEvent) -> None:
        """Hand an event to this process's subscribers only (the relay's way in)."""
        self.heard += 1
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception('A live-update subscriber failed on a %s event', event.kind)

    @property
    def relayed(self) -> bool:
        return self._relay is not None

    async def connect(self, url: str, *, channel: str) -> bool:
        """Start relaying over Redis; True if Redis answered now (otherwise it keeps trying in the background)."""
        await self.disconnect()
        try:
            self._relay = RedisRelay(url, channel=channel, source=self.source, deliver=self.deliver)
        except Exception as error:  # a URL redis-py cannot use: say so, and serve without it
            log.error('Live updates between processes are off: PROSPINE_REDIS_URL %s is not usable (%s)',
                      _shown(url), error)
            return False
        return await self._relay.start()

    async def disconnect(self) -> None:
        """Stop relaying (at shutdown); events stay within this process afterwards."""
        relay, self._relay = self._relay, None
        if relay is not None:
            await relay.stop()


class RedisRelay:
    """Carries events between processes over one Redis pub/sub channel.

    Unreachable at start or lost later, Redis is retried in the background (1 s growing to 30 s)
    and the app keeps working: screens of this process still update each other. Events published
    while it is away are not sent (they are hints, see the module docstring).
    """

    def __init__(self, url: str, *, channel: str, source: str, deliver: Listener) -> None:
        from redis import asyncio as redis  # imported only when a clinic runs several processes

        self.url, self.channel, self.source, self._deliver = url, channel, source, deliver
        self._redis = redis.from_url(url, socket_connect_timeout=CONNECT_SECONDS, health_check_interval=30)
        self._outbox: asyncio.Queue[str] = asyncio.Queue(maxsize=OUTBOX_SIZE)
        self._listening = asyncio.Event()
        self._tried = asyncio.Event()  # the first attempt to subscribe succeeded or failed
        self._tasks: list[asyncio.Task[None]] = []
        self._sending_failed = False

    async def start(self) -> bool:
        loop = asyncio.get_running_loop()
        self._tasks = [loop.create_task(self._listen(), name='live-updates-listen'),
                       loop.create_task(self._send(), name='live-updates-send')]
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._tried.wait(), timeout=CONNECT_SECONDS + 2)
        if not self._listening.is_set():
            return False
        log.info('Live updates travel over Redis at %s, channel %s', _shown(self.url), self.channel)
        return True

    def send(self, event: DomainEvent) -> None:
        try:
            self._outbox.put_nowait(event.to_message(self.source))
        except asyncio.QueueFull:
            if not self._sending_failed:
                log.warning('Live updates to other processes are falling behind; some are dropped')
                self._sending_failed = True

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        with contextlib.suppress(Exception):
            await self._redis.aclose()

    async def _listen(self) -> None:
        attempt = 0
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(self.channel)
                    async for message in pubsub.listen():
                        if message.get('type') == 'subscribe':
                            if attempt:
                                log.warning('Live updates between processes resumed: Redis at %s answers again',
                                            _shown(self.url))
                            attempt = 0
                            self._listening.set()
                            self._tried.set()
                        elif message.get('type') == 'message':
                            self._received(message.get('data'))
            except asyncio.CancelledError:
                raise
            except Exception as error:
                self._listening.clear()
                if attempt == 0:
                    log.error('Live updates between processes are paused: Redis at %s is unreachable (%s). '
                              'Screens on this process still update each other; retrying in the background.',
                              _shown(self.url), error)
                self._tried.set()
                await asyncio.sleep(RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)])
                attempt += 1

    def _received(self, raw: Any) -> None:
        try:
            source, event = DomainEvent.from_message(raw)
        except (ValueError, TypeError):
            log.warning('Ignored a message on the live-updates channel %s that is not a ProSpine event', self.channel)
            return
        if source != self.source:  # our own events were delivered when they were published
            self._deliver(event)

    async def _send(self) -> None:
        while True:
            message = await self._outbox.get()
            try:
                await self._redis.publish(self.channel, message)
                self._sending_failed = False
            except asyncio.CancelledError:
                raise
            except Exception as error:
                if not self._sending_failed:
                    log.warning('A live update could not be sent to the other processes (%s)', error)
                    self._sending_failed = True


def _shown(url: str) -> str:
    """A Redis URL fit for the log: any password replaced by ***."""
    return url_without_password(url)


hub = EventHub()
"""The hub of this process."""
