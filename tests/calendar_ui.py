"""The calendar page in the simulated browser: what EventCalendar was given, and the range it reports."""

from __future__ import annotations

from datetime import date
from typing import Any

from nicegui.testing import User

from components.event_calendar import EventCalendar


def calendar_of(user: User) -> EventCalendar:
    return next(iter(user.find(EventCalendar).elements))


def shown_events(user: User) -> list[dict[str, Any]]:
    return [event for event in calendar_of(user).props['events'] if event.get('display') != 'background']


async def open_day(user: User, *, day: str = '2026-12-07', view: str = 'resourceTimeGridDay') -> None:
    """Open the calendar and play the browser's part: EventCalendar reports the range it shows."""
    await user.open(f'/calendar?day={day}')
    await user.should_see(marker='calendar')
    user.find(EventCalendar).trigger('datesSet', {'view': view, 'start': f'{day}T00:00:00',
                                                   'end': f'{date.fromisoformat(day).replace(day=8)}T00:00:00'})
