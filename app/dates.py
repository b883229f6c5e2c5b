"""Calendar dates as the clinic writes them: typed as DD/MM/YYYY, shown as '05 Dec 2026', whatever the browser.

A browser's own date field follows its language (a US-English browser asks for mm/dd/yyyy), so the
screens take dates as text and read them here, the same way on every form.
"""

from __future__ import annotations

import re
from datetime import date, datetime

TYPED_FORMAT = '%d/%m/%Y'  # what a date field shows and the picker writes: 05/12/2026
SHOWN_FORMAT = '%d %b %Y'  # how a date is shown everywhere else: 05 Dec 2026
# Also read: 5/12/2026 (%d and %m take one digit too), 05-12-2026, 05.12.2026 and ISO 2026-12-05.
_READ_FORMATS = (TYPED_FORMAT, '%d-%m-%Y', '%d.%m.%Y', '%Y-%m-%d')
EXAMPLE = '05/12/2026'
_DAY_MONTH_YEAR = re.compile(r'^[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}$')


def parse_date(text: str | None) -> date | None:
    """Read a typed date (DD/MM/YYYY, D/M/YYYY, DD-MM-YYYY or ISO); None when blank; ValueError otherwise."""
    cleaned = ''.join((text or '').split())
    if not cleaned:
        return None
    for pattern in _READ_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    if _DAY_MONTH_YEAR.match(cleaned):
        raise ValueError(f'There is no such date as {cleaned}: check the day and the month.')
    raise ValueError(f'Enter the date as DD/MM/YYYY, for example {EXAMPLE}.')


def typed_date(day: date | None) -> str:
    """The text a date field holds for a date, like '05/12/2026', or nothing."""
    return day.strftime(TYPED_FORMAT) if day else ''


def shown_date(day: date | None) -> str:
    """A date as the clinic reads it, like '05 Dec 2026', or nothing."""
    return day.strftime(SHOWN_FORMAT) if day else ''
