"""A session's time of day: typed as 10:00, 9:30, 16.30 or 4:30 pm; kept as minutes after midnight.

Treatment plans (and later the calendar's series) hold when their sessions start as a time of day
in clinic time and how long each lasts, instead of free text such as "10:00-10:45".
"""

from __future__ import annotations

import re

MINUTES_PER_DAY = 24 * 60
SHORTEST_SESSION = 5
LONGEST_SESSION = 8 * 60
SESSION_LENGTHS = (15, 20, 30, 45, 60, 90, 120)  # what the form offers; any length in range is accepted
TIME_EXAMPLE = 'like 10:00, 16:30 or 4:30 pm'

_TIME = re.compile(r'^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm|a\.m\.|p\.m\.)?$', re.IGNORECASE)


class TimeRefused(ValueError):
    """A time of day that cannot be read, with the sentence to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_time_of_day(text: str) -> int:
    """Return minutes after midnight for a typed time, or raise `TimeRefused` saying why not."""
    match = _TIME.match(text.strip())
    if match is None:
        raise TimeRefused(f'Type the time as hours and minutes, {TIME_EXAMPLE}.')
    hour, minute = int(match['hour']), int(match['minute'] or 0)
    half = (match['half'] or '').lower().replace('.', '')
    if half:
        if not 1 <= hour <= 12:
            raise TimeRefused(f'With am or pm the hour is 1 to 12, {TIME_EXAMPLE}.')
        hour = hour % 12 + (12 if half == 'pm' else 0)
    if hour > 23 or minute > 59:
        raise TimeRefused(f'A time of day runs from 00:00 to 23:59: type one {TIME_EXAMPLE}.')
    return hour * 60 + minute


def clock_text(minute_of_day: int) -> str:
    """'10:05' for 605 (24-hour clock, as the clinic's timetable is written)."""
    return f'{minute_of_day // 60:02d}:{minute_of_day % 60:02d}'


def session_text(start_minute: int | None, minutes: int | None) -> str:
    """'10:00-10:45 (45 min)'; 'from 09:30' when only the start is known (an old time slot); '' for none."""
    if start_minute is None:
        return ''
    if minutes is None:
        return f'from {clock_text(start_minute)}'
    return f'{clock_text(start_minute)}-{clock_text(start_minute + minutes)} ({minutes} min)'
