"""Moments shown as the clinic reads them: in its own time zone."""

from __future__ import annotations

from datetime import datetime

from app.config import get_settings


def clinic_time(moment: datetime | None, *, seconds: bool = False) -> str:
    """Show a moment in the clinic's time zone, like '05 Mar 2025, 14:30' (with seconds if asked), or nothing."""
    pattern = '%d %b %Y, %H:%M:%S' if seconds else '%d %b %Y, %H:%M'
    return moment.astimezone(get_settings().tz).strftime(pattern) if moment else ''


def clinic_day(moment: datetime | None) -> str:
    """The clinic's calendar day of a moment, like '05 Mar 2025', or nothing."""
    return moment.astimezone(get_settings().tz).strftime('%d %b %Y') if moment else ''
