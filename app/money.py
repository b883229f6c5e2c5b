"""Rupee amounts: read what a receptionist types, show amounts one way, and write them out in words.

Money is `Decimal` in paise precision everywhere. Every form reads amounts with `parse_money` (through
`Checker.money` in services, `MoneyInput` on screen) and every screen shows them with `format_money`,
so a fee and a plan price look alike: ₹1,20,000.00.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency, format_decimal
from num2words import num2words

from app.errors import DomainError

PAISE = Decimal('0.01')
LARGEST_AMOUNT = Decimal('10000000')  # ₹1,00,00,000 (one crore): above any fee, plan or discount the clinic writes
_PREFIX = re.compile(r'^(?:₹|rs\.?|inr)\s*', re.IGNORECASE)
_SUFFIX = re.compile(r'\s*/-$')  # "500/-", as amounts are written on Indian receipts
_MINUS = ('-', '−', '–')
# Whole rupees: plain digits, western grouping (1,200,000) or Indian grouping (12,00,000).
_WHOLE = re.compile(r'^(?:\d+|\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})*,\d{3})$', re.ASCII)
_PAISE = re.compile(r'^\d*$', re.ASCII)


class MoneyRefused(DomainError):
    """A typed amount is not a usable rupee amount; the message names the field by its label."""


def parse_money(text: object, *, label: str = 'amount') -> Decimal:
    """Read an amount like '₹1,20,000', 'Rs. 599.50' or '1,200,000.00' as rupees in paise; refuse anything else."""
    cleaned = _SUFFIX.sub('', ' '.join(str('' if text is None else text).split()))
    negative = cleaned.startswith(_MINUS)
    cleaned = _PREFIX.sub('', cleaned.lstrip(''.join(_MINUS)).strip())
    if cleaned.startswith(_MINUS):  # '₹-500'
        negative, cleaned = True, cleaned.lstrip(''.join(_MINUS)).strip()
    whole, _, paise = cleaned.replace(' ', ',').partition('.')
    if not (whole or paise) or not _PAISE.match(paise) or (whole and not _WHOLE.match(whole)):
        raise MoneyRefused(f'Enter the {label} in rupees, for example 500 or 750.50.')
    if negative and (whole.strip('0,') or paise.strip('0')):
        raise MoneyRefused(f'The {label} cannot be negative.')
    if paise[2:].strip('0'):
        raise MoneyRefused(f'The {label} can have at most two decimals (paise).')
    digits = whole.replace(',', '').lstrip('0')
    if len(digits) > len(str(int(LARGEST_AMOUNT))):  # too long to be an amount at all (and to round exactly)
        raise MoneyRefused(f'The {label} can be at most {format_money(LARGEST_AMOUNT)}.')
    amount = to_paise(Decimal(f'{digits or "0"}.{paise or "0"}'))
    if amount > LARGEST_AMOUNT:
        raise MoneyRefused(f'The {label} can be at most {format_money(LARGEST_AMOUNT)}.')
    return amount


def to_paise(amount: Decimal | int) -> Decimal:
    """Round to paise, half a paisa upwards (as a receipt rounds), never the banker's way."""
    return Decimal(amount).quantize(PAISE, rounding=ROUND_HALF_UP)


def format_money(amount: Decimal | int) -> str:
    """Show an amount with the rupee sign, Indian digit grouping and paise, like ₹1,20,000.00."""
    return format_currency(to_paise(amount), 'INR', locale='en_IN')


def money_text(amount: Decimal | int) -> str:
    """An amount as a money field holds it: grouped, with paise, without the sign: 1,20,000.00."""
    return format_decimal(to_paise(amount), format='#,##,##0.00', locale='en_IN')


def amount_in_words(amount: Decimal | int) -> str:
    """Write an amount as an Indian invoice does: 'Rupees One Lakh Twenty Thousand Only'.

    With paise: 'Rupees Ten and Fifty Paise Only'. Inside each part no 'and' is written, so the one
    'and' always joins the rupees to the paise.
    """
    exact = to_paise(amount)
    if exact < 0:
        raise ValueError('An amount in words cannot be negative.')
    rupees, paise = divmod(int(exact * 100), 100)
    if paise and not rupees:
        return f'{_words(paise)} Paise Only'
    return f'Rupees {_words(rupees)}{f" and {_words(paise)} Paise" if paise else ""} Only'


def _words(number: int) -> str:
    """num2words' Indian English ('one lakh, twenty thousand', 'one hundred and one') in title case, bare."""
    text = num2words(number, lang='en_IN').replace(',', ' ').replace('-', ' ')
    return ' '.join(word.capitalize() for word in text.split() if word != 'and')
