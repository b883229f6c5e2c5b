"""Document numbers: consecutive, gap-free and unique per branch, series and financial year.

An invoice number reads `AND/26-27/00123`: the branch's code (up to three letters or digits), the
financial year (April to March, by the branch's clock) and the serial, at most 16 characters of
letters, digits, `-` and `/` as the GST rules allow. Credit notes, receipts and refunds have their
own series, marked by a letter after the code: `ANDC/26-27/00001`, `ANDR/...`, `ANDF/...`, and
expense vouchers `ANDV/...`.

The serial is taken by one statement (insert the year's row, or add one to it, and return the
result) inside the transaction that issues the document. Concurrent issues queue on that row (on
SQLite on the write lock every transaction takes as it begins), so none shares or skips a number,
and a failed issue gives its number back with the rollback.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from tortoise.backends.base.client import BaseDBAsyncClient

from app.errors import DomainError
from app.sql import placeholders
from models.clinic import Branch

LONGEST_NUMBER = 16  # GST rules: an invoice number has at most 16 characters
_CODE = re.compile(r'^[A-Z0-9]{1,3}$')
_NEXT_SERIAL = ('INSERT INTO document_serial (branch_id, series, financial_year, serial) VALUES (?, ?, ?, 1) '
                'ON CONFLICT (branch_id, series, financial_year) '
                'DO UPDATE SET serial = document_serial.serial + 1 RETURNING serial')


class Series(StrEnum):
    """A numbered series and the letter its numbers carry after the branch code."""

    INVOICE = 'invoice'
    CREDIT_NOTE = 'credit-note'
    RECEIPT = 'receipt'
    REFUND = 'refund'
    EXPENSE = 'expense'


_MARKS = {Series.INVOICE: '', Series.CREDIT_NOTE: 'C', Series.RECEIPT: 'R', Series.REFUND: 'F', Series.EXPENSE: 'V'}


def financial_year(day: date) -> str:
    """India's financial year of a day, as numbers write it: 1 Apr 2026 - 31 Mar 2027 is '26-27'."""
    start = day.year if day.month >= 4 else day.year - 1
    return f'{start % 100:02d}-{(start + 1) % 100:02d}'


def code_problem(code: str) -> str | None:
    """Why a branch code cannot start document numbers, or None."""
    if not _CODE.match(code):
        return 'The branch code is one to three capital letters or digits, like AND.'
    return None


def suggested_code(name: str) -> str:
    """A branch code from its name: its first three letters or digits in capitals ('Andheri West' -> AND)."""
    return ''.join(character for character in name.upper() if character.isascii() and character.isalnum())[:3] or 'PSC'


async def ensure_code(branch: Branch) -> str:
    """Give the branch its code from its name (another digit if that is taken), before the first number.

    Call it outside the numbering transaction: set inside, the branch row's lock would be taken after
    the series' row by one desk and before it by another, and PostgreSQL would end one of them as a
    deadlock. Two desks setting it at once write the same code; only a code still unset is written.
    """
    if branch.document_code:
        return branch.document_code
    base = suggested_code(branch.name)
    taken = set(await Branch.filter(document_code__isnull=False).exclude(id=branch.id)
                .values_list('document_code', flat=True))
    code = base if base not in taken else next(
        candidate for digit in '23456789' if (candidate := f'{base[:2]}{digit}') not in taken)
    await Branch.filter(id=branch.id, document_code__isnull=True).update(document_code=code)
    branch.document_code = (await Branch.get(id=branch.id)).document_code
    return branch.document_code or code


async def branch_code(connection: BaseDBAsyncClient, branch: Branch) -> str:
    """The branch's code as the numbering transaction sees it (`ensure_code` has set it before)."""
    if not branch.document_code:
        branch.document_code = (await Branch.get(id=branch.id).using_db(connection)).document_code
    if not branch.document_code:
        raise DomainError(f'{branch.name} has no code for its document numbers yet. Try again.')
    return branch.document_code


async def take_number(connection: BaseDBAsyncClient, *, branch: Branch, series: Series,
                      day: date) -> tuple[str, str, int]:
    """The next number of a series at a branch for the financial year of `day`: (number, year, serial).

    Call inside the transaction that issues the document, on its connection.
    """
    year = financial_year(day)
    code = await branch_code(connection, branch)
    rows = await connection.execute_query_dict(placeholders(connection, _NEXT_SERIAL), [branch.id, str(series), year])
    serial = int(rows[0]['serial'])
    number = f'{code}{_MARKS[series]}/{year}/{serial:05d}'
    if len(number) > LONGEST_NUMBER:
        raise DomainError(f'The {series.replace("-", " ")} numbers of {branch.name} for {year} have run out of '
                          f'{LONGEST_NUMBER} characters. Ask the admin to give the branch a shorter code.')
    return number, year, serial
