"""Moments shown as the clinic reads them: in its own time zone."""

from __future__ import annotations

from datetime import datetime

from app.config import get_settings


def clinic_time(moment: datetime | None) -> str:
    """Show a moment in the clinic's time zone, like '05 Mar 2025, 14:30', or nothing."""
    return moment.astimezone(get_settings().tz).strftime('%d %b %Y, %H:%M') if moment else ''
