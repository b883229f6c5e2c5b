"""Cells for files the clinic exports (CSV, Excel): one rule for what a spreadsheet must never run.

A cell of text that starts with `=`, `+`, `-` or `@` (or a tab or carriage return) would be read by
a spreadsheet as a formula: a patient named `=HYPERLINK(...)` could make the accountant's copy call
out. Such text gets a leading apostrophe. Numbers and dates are the app's own values, written as they
are (a refund of -500.00 stays a number).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

FORMULA_STARTS = ('=', '+', '-', '@', '\t', '\r')


def neutralised(text: str) -> str:
    """Text a spreadsheet shows as text, never runs."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_cell(value: Any) -> str:
    """A value as a CSV cell: numbers and dates as they are, text neutralised, nothing for None."""
    if value is None:
        return ''
    if isinstance(value, bool):
        return 'Yes' if value else 'No'
    if isinstance(value, int | Decimal | float):
        return str(value)
    if isinstance(value, datetime):
        return value.strftime('%Y-%m-%d %H:%M')
    if isinstance(value, date):
        return value.isoformat()
    return neutralised(str(value))
