"""The tax summary's daily sums (`models.billing.TaxDay`), kept in step with the invoices as they are issued.

`count_issued` runs in the transaction that issues an invoice or a credit note, after its number and day are
set: one statement adds its lines to their day's rows (an upsert, so two desks issuing at once on PostgreSQL
both count). `rebuild` works every row out again from the issued invoices: after the demo clinic is written, and
in tests that check the sums agree with the lines.
"""

from __future__ import annotations

from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient

from app.sql import placeholders

_SUMMED = ('SELECT i.branch_id, i.issued_on, l.sac, l.tax_rate, i.interstate, i.kind, '
           'SUM(CAST(ROUND(l.taxable_value * 100) AS BIGINT)), SUM(CAST(ROUND(l.tax * 100) AS BIGINT)) '
           'FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE {which} '
           'GROUP BY i.branch_id, i.issued_on, l.sac, l.tax_rate, i.interstate, i.kind')
_INSERT = 'INSERT INTO tax_day (branch_id, day, sac, tax_rate, interstate, kind, taxable_paise, tax_paise) '
_ADD = (_INSERT + _SUMMED.replace('{which}', "i.id = ? AND i.status <> 'draft'")
        + ' ON CONFLICT (branch_id, day, sac, tax_rate, interstate, kind) DO UPDATE SET '
        'taxable_paise = tax_day.taxable_paise + excluded.taxable_paise, '
        'tax_paise = tax_day.tax_paise + excluded.tax_paise')
REBUILT = _INSERT + _SUMMED.replace('{which}', "i.status <> 'draft'")


async def count_issued(connection: BaseDBAsyncClient, *, invoice_id: UUID) -> None:
    """Add one just-issued invoice's (or credit note's) lines to its day's sums, in the caller's transaction."""
    sqlite = connection.capabilities.dialect == 'sqlite'
    await connection.execute_query(placeholders(connection, _ADD), [str(invoice_id) if sqlite else invoice_id])


async def rebuild(connection: BaseDBAsyncClient) -> None:
    """Work every day's sums out again from the issued invoices."""
    await connection.execute_query('DELETE FROM tax_day')
    await connection.execute_query(REBUILT)
