"""Per-account sign-in throttling.

After `LOGIN_DELAY_AFTER` consecutive failures each further attempt must wait a growing delay
(1 s, 2 s, 4 s ... capped at a minute); after `LOGIN_LOCK_AFTER` failures within
`LOGIN_LOCK_MINUTES` the account is locked for `LOGIN_LOCK_MINUTES` (an admin can unlock it).
Unknown usernames are throttled the same way in memory, so the replies do not reveal which
accounts exist.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.config import Settings
from app.wording import counted

MAX_DELAY_SECONDS = 60
_UNKNOWN_NAMES_KEPT = 10_000


@dataclass(kw_only=True)
class FailureState:
    """The failure counters of one account (mirrors the columns of `User`)."""

    count: int = 0
    first_at: datetime | None = None
    last_at: datetime | None = None
    locked_until: datetime | None = None


def refusal(state: FailureState, *, now: datetime, settings: Settings) -> str | None:
    """Say why an attempt is refused before the password is even checked, or None."""
    if state.locked_until is not None and now < state.locked_until:
        locked_for = counted(settings.login_lock_minutes, 'minute')
        return (f'Too many failed sign-ins: this account is locked for {locked_for}. '
                'An administrator can unlock it sooner.')
    wait = required_wait(state, settings=settings)
    if wait and state.last_at is not None and now < state.last_at + wait:
        seconds = max(1, int((state.last_at + wait - now).total_seconds() + 0.999))
        return f'Too many failed sign-ins. Please wait {counted(seconds, "second")} and try again.'
    return None


def required_wait(state: FailureState, *, settings: Settings) -> timedelta | None:
    if state.count < settings.login_delay_after:
        return None
    return timedelta(seconds=min(MAX_DELAY_SECONDS, 2 ** (state.count - settings.login_delay_after)))


def record_failure(state: FailureState, *, now: datetime, settings: Settings) -> bool:
    """Count one failure; return True when it locked the account."""
    window = timedelta(minutes=settings.login_lock_minutes)
    if state.first_at is None or now - state.first_at > window:
        state.count, state.first_at = 0, now
    state.count += 1
    state.last_at = now
    if state.count >= settings.login_lock_after:
        state.locked_until = now + window
        state.count, state.first_at = 0, None
        return True
    return False


class UnknownNameThrottle:
    """Failure counters for usernames that do not exist, bounded in memory."""

    def __init__(self) -> None:
        self._states: OrderedDict[str, FailureState] = OrderedDict()

    def state_for(self, username: str) -> FailureState:
        state = self._states.pop(username, None) or FailureState()
        self._states[username] = state
        while len(self._states) > _UNKNOWN_NAMES_KEPT:
            self._states.popitem(last=False)
        return state

    def clear(self) -> None:
        self._states.clear()


unknown_names = UnknownNameThrottle()
