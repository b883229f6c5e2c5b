"""The one source of "now" for the application, so tests can move time without sleeping."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.config import get_settings


class Clock:
    """Timezone-aware UTC time; tests freeze and advance it."""

    def __init__(self) -> None:
        self._frozen: datetime | None = None

    def now(self) -> datetime:
        return self._frozen if self._frozen is not None else datetime.now(UTC)

    def freeze(self, moment: datetime | None = None) -> None:
        self._frozen = (moment or datetime.now(UTC)).astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        if self._frozen is None:
            self.freeze()
        assert self._frozen is not None
        self._frozen += delta

    def unfreeze(self) -> None:
        self._frozen = None


clock = Clock()


def utcnow() -> datetime:
    """Return the current time in UTC."""
    return clock.now()


def clinic_today() -> date:
    """Today's date where the clinic is (its time zone), by the same controllable clock."""
    return utcnow().astimezone(get_settings().tz).date()
