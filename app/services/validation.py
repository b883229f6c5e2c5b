"""Field checks shared by services. Each returns a cleaned value or records a message per field."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar
from uuid import UUID

from app.money import MoneyRefused, format_money, parse_money
from app.services.session_time import (
    LONGEST_SESSION,
    MINUTES_PER_DAY,
    SHORTEST_SESSION,
    TIME_EXAMPLE,
    TimeRefused,
    parse_time_of_day,
)
from models.patients import Patient

_USERNAME = re.compile(r'^[a-z0-9][a-z0-9._-]{2,39}$')
_EMAIL = re.compile(r'^[^@\s]+@[^@\s]+\.[a-z]{2,}$', re.IGNORECASE)
_GSTIN = re.compile(r'^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$')
_INDIAN_MOBILE = re.compile(r'^[6-9][0-9]{9}$')


E = TypeVar('E', bound=StrEnum)
LARGEST_ID = 2 ** 63 - 1  # the largest row id SQLite's INTEGER and PostgreSQL's bigint hold
UID_MAX = Patient._meta.fields_map['uid'].max_length


def is_record_id(value: object) -> bool:
    """Tell whether a number can name a row at all (checked before it reaches a query)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= LARGEST_ID


def is_uuid(value: object) -> bool:
    """Tell whether a value can name a row by UUID (a UUID, or text that spells one)."""
    if isinstance(value, UUID):
        return True
    try:
        UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def fits_column(text: str | None, max_length: int) -> bool:
    """Tell whether a looked-up text can be in a column that long (longer ones match nothing)."""
    return len(text or '') <= max_length


class Checker:
    """Collects one message per field; `raise_if_any` refuses the whole input when one is wrong."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def text(self, field: str, value: str | None, *, label: str, required: bool = True,
             max_length: int = 200) -> str:
        cleaned = ' '.join((value or '').split()) if max_length <= 200 else (value or '').strip()
        if required and not cleaned:
            self.fail(field, f'Enter the {label}.')
        elif len(cleaned) > max_length:
            self.fail(field, f'The {label} can be at most {max_length} characters.')
        return cleaned

    def username(self, field: str, value: str | None) -> str:
        cleaned = (value or '').strip().lower()
        if not _USERNAME.match(cleaned):
            self.fail(field, 'Use 3 to 40 lowercase letters, digits, dots, dashes or underscores, '
                             'starting with a letter or digit.')
        return cleaned

    def email(self, field: str, value: str | None, *, required: bool = False) -> str:
        cleaned = (value or '').strip()
        if not cleaned:
            if required:
                self.fail(field, 'Enter an email address.')
            return ''
        if len(cleaned) > 254 or not _EMAIL.match(cleaned):
            self.fail(field, 'Enter an email address like name@example.com.')
        return cleaned

    def phone(self, field: str, value: str | None, *, required: bool = False) -> str:
        """Accept an Indian mobile (with or without +91 / 0) or a landline with its STD code."""
        raw = (value or '').strip()
        if not raw:
            if required:
                self.fail(field, 'Enter a phone number.')
            return ''
        digits = re.sub(r'[\s\-()]', '', raw)
        if digits.startswith('+91'):
            digits = digits[3:]
        elif digits.startswith('91') and len(digits) == 12:
            digits = digits[2:]
        elif digits.startswith('0') and len(digits) == 11:
            digits = digits[1:]
        if not digits.isdigit() or len(digits) != 10:
            self.fail(field, 'Enter a 10-digit phone number, for example 98765 43210.')
            return raw
        if _INDIAN_MOBILE.match(digits):
            return f'+91 {digits[:5]} {digits[5:]}'
        return f'+91 {digits}'

    def gstin(self, field: str, value: str | None) -> str:
        cleaned = (value or '').strip().upper()
        if cleaned and not _GSTIN.match(cleaned):
            self.fail(field, 'A GSTIN has 15 characters, like 27ABCDE1234F1Z5.')
        return cleaned

    def money(self, field: str, value: object, *, label: str, required: bool = True,
              positive: bool = False) -> Decimal | None:
        """Read a rupee amount as typed ('₹1,20,000', '599.50'); blank is ₹0 unless required; None when refused."""
        if value is None or not str(value).strip():
            if not required:
                return Decimal('0.00')
            self.fail(field, f'Enter the {label} in rupees, for example 500 or 750.50.')
            return None
        try:
            amount = parse_money(value, label=label)
        except MoneyRefused as refused:
            self.fail(field, refused.message)
            return None
        if positive and amount == 0:
            self.fail(field, f'The {label} must be more than {format_money(0)}.')
            return None
        return amount

    def past_date(self, field: str, value: date | None, *, label: str, today: date) -> date | None:
        if value is not None and value > today:
            self.fail(field, f'The {label} cannot be in the future.')
        return value

    def choice(self, field: str, value: object, kind: type[E], *, label: str, required: bool = True,
               among: Collection[E] | None = None) -> E | None:
        """The enum member a submitted option names (only those `among`, when given), or a message.

        Missing: "Choose the {label}."; not one of the options: "Choose the {label} from the list."
        """
        if value in (None, ''):
            if required:
                self.fail(field, f'Choose the {label}.')
            return None
        try:
            member = kind(value)
        except ValueError:
            member = None
        if member is None or (among is not None and member not in among):
            self.fail(field, f'Choose the {label} from the list.')
            return None
        return member

    def session_time(self, start_field: str, start: str | None, length_field: str, length: object,
                     ) -> tuple[int | None, int | None]:
        """A session's start (minutes after midnight) and length in minutes: both or neither, within one day."""
        start_text = (start or '').strip()
        length_text = '' if length is None else str(length).strip()
        if not start_text and not length_text:
            return None, None
        start_minute = minutes = None
        if not start_text:
            self.fail(start_field, f'Type when the sessions start, {TIME_EXAMPLE}.')
        else:
            try:
                start_minute = parse_time_of_day(start_text)
            except TimeRefused as refused:
                self.fail(start_field, refused.message)
        if not length_text:
            self.fail(length_field, 'Choose how long each session lasts.')
        elif not length_text.isdigit() or not SHORTEST_SESSION <= int(length_text) <= LONGEST_SESSION:
            self.fail(length_field, f'A session lasts {SHORTEST_SESSION} to {LONGEST_SESSION} minutes.')
        else:
            minutes = int(length_text)
        if start_minute is not None and minutes is not None and start_minute + minutes > MINUTES_PER_DAY:
            self.fail(length_field, 'A session must end by midnight: start earlier or make it shorter.')
        return start_minute, minutes

    def raise_if_any(self) -> None:
        from app.errors import ValidationFailed

        if self.errors:
            raise ValidationFailed(dict(self.errors))
