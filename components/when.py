"""Moments shown as the clinic reads them: in its own time zone."""

from __future__ import annotations

from datetime import date, datetime

from app.config import get_settings
from app.dates import SHOWN_FORMAT, shown_date


def clinic_time(moment: datetime | None, *, seconds: bool = False) -> str:
    """Show a moment in the clinic's time zone, like '05 Mar 2025, 14:30' (with seconds if asked), or nothing."""
    pattern = f'{SHOWN_FORMAT}, %H:%M:%S' if seconds else f'{SHOWN_FORMAT}, %H:%M'
    return moment.astimezone(get_settings().tz).strftime(pattern) if moment else ''


def clinic_day(moment: datetime | None) -> str:
    """The clinic's calendar day of a moment, like '05 Mar 2025', or nothing."""
    return clinic_date(moment.astimezone(get_settings().tz).date()) if moment else ''


def clinic_date(day: date | None) -> str:
    """A calendar date as every screen shows it, like '01 Dec 2026', or nothing."""
    return shown_date(day)
