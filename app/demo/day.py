"""What the simulation shares: the seeded Random, the clinic's clock, the buffered rows and one day's events."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from app.audit.events import EntityType, EventDraft, Origin, Outcome, Who
from app.demo.bulk import ChainWriter, RowWriter
from app.demo.staff import Clinic, Member

_MICROSECOND = timedelta(microseconds=1)


@dataclass(kw_only=True)
class World:
    """The state every part of the simulation writes through."""

    rng: random.Random
    tz: ZoneInfo
    today: date  # the reference day: history ends the evening before, bookings may lie after it
    clinic: Clinic
    rows: RowWriter
    chain: ChainWriter
    sessions: dict[int, int] = field(default_factory=dict)  # user id -> id of the session they have open today
    serials: dict[date, int] = field(default_factory=dict)  # the last patient serial of each day (the UID's N)
    registered: int = 0  # patients registered by this run
    # what the desk bills for what happens: an `app.demo.billing.Billing`, set once the calendar exists (not
    # imported here: billing reads the calendar and the visits, which import this module)
    billing: Any = None
    _events: list[tuple[datetime, int, EventDraft]] = field(default_factory=list)

    def uuid(self) -> UUID:
        """A version-4 UUID drawn from the seeded Random, so a seed gives the same ids."""
        return UUID(int=self.rng.getrandbits(128), version=4)

    def next_serial(self, day: date) -> int:
        self.serials[day] = serial = self.serials.get(day, 0) + 1
        self.registered += 1
        return serial

    def at(self, day: date, hour: float) -> datetime:
        """A moment of a clinic day (`hour` 9.5 is 09:30 in the clinic's time zone), with random microseconds."""
        moment = datetime.combine(day, time(), tzinfo=self.tz) + timedelta(hours=hour)
        return moment.replace(microsecond=self.rng.randrange(1, 1_000_000))

    def event(self, at: datetime, actor: Member | Who, *, action: str, entity_type: EntityType, entity_id: object = '',
              patient_id: str | None = None, changes: dict[str, Any] | None = None, detail: str = '',
              outcome: str = Outcome.SUCCESS, origin: Origin | None = None) -> None:
        """Add an event of the day being simulated; `close_day` puts the day's events in time order."""
        if isinstance(actor, Member):
            who, origin = actor.who(self.sessions.get(actor.user_id)), origin or actor.origin
        else:
            who = actor
        draft = EventDraft(who=who, origin=origin or Origin(), action=str(action), outcome=str(outcome),
                           entity_type=str(entity_type), entity_id=str(entity_id), patient_id=patient_id,
                           changes=changes or {}, detail=detail)
        self._events.append((at, len(self._events), draft))

    def close_day(self, *, after: datetime | None = None) -> datetime | None:
        """Hand the day's events to the chain in time order, each at least a microsecond after the one before."""
        previous = after
        for at, _, draft in sorted(self._events, key=lambda entry: (entry[0], entry[1])):
            moment = at if previous is None or at > previous else previous + _MICROSECOND
            draft.occurred_at = previous = moment
            self.chain.drafts.append(draft)
        self._events = []
        return previous
