"""Outstanding dues: what issued invoices still wait for, by age (0-30, 31-60, 61-90, over 90 days).

The age of a due is the days since its invoice was issued. The summary is worked out in SQL in
whole paise (one query, however many invoices a branch has issued); the list pages on the
server, oldest first, so the desk starts with the dues most at risk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

from tortoise import connections

from app.audit import EntityType, audit
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.services.billing_math import ZERO
from app.services.branches import working_branch
from app.services.invoices import clinic_day
from app.services.paging import Page, read_page
from app.services.users import require
from app.sql import placeholders
from models.billing import Invoice, InvoiceKind, InvoiceStatus

# (label, fewest days, most days): the buckets an accountant's ageing report has
BUCKETS = (('0-30', 0, 30), ('31-60', 31, 60), ('61-90', 61, 90), ('90+', 91, None))
OWING = (InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID)
_SUMMARY = """
SELECT CASE WHEN issued_on >= ? THEN 0 WHEN issued_on >= ? THEN 1 WHEN issued_on >= ? THEN 2 ELSE 3 END AS bucket,
       COUNT(*) AS invoices, SUM(CAST(ROUND((total - paid - credited) * 100) AS BIGINT)) AS paise
FROM invoice WHERE branch_id = ? AND kind = 'invoice' AND status IN ('issued', 'partly-paid')
GROUP BY 1
"""


@dataclass(frozen=True, kw_only=True)
class Bucket:
    label: str
    invoices: int
    amount: Decimal


@dataclass(frozen=True, kw_only=True)
class Ageing:
    buckets: tuple[Bucket, ...]

    @property
    def total(self) -> Decimal:
        return sum((bucket.amount for bucket in self.buckets), ZERO)

    @property
    def invoices(self) -> int:
        return sum(bucket.invoices for bucket in self.buckets)


@dataclass(frozen=True, kw_only=True)
class DueRow:
    invoice_id: UUID
    number: str
    patient_uid: str
    patient_name: str
    patient_phone: str
    issued_on: date
    total: Decimal
    due: Decimal
    days: int


async def ageing(*, actor: Actor, branch_id: int | None = None) -> Ageing:
    """What the branch is owed, in the four age buckets."""
    require(actor, Permission.BILLING_VIEW)
    branch = await working_branch(actor, branch_id)
    today = clinic_day(branch)
    connection = connections.get('default')
    limits = [today - timedelta(days=most) for _, _, most in BUCKETS[:3]]  # the newest day of each older bucket
    values: list[object] = [day.isoformat() if connection.capabilities.dialect == 'sqlite' else day for day in limits]
    rows = await connection.execute_query_dict(placeholders(connection, _SUMMARY), [*values, branch.id])
    found = {int(row['bucket']): row for row in rows}
    return Ageing(buckets=tuple(
        Bucket(label=label, invoices=int(found[index]['invoices']) if index in found else 0,
               amount=Decimal(int(found[index]['paise'] or 0)) / 100 if index in found else ZERO)
        for index, (label, _, _) in enumerate(BUCKETS)))


async def dues_page(*, actor: Actor, page: int = 1, per_page: int = 25, bucket: str | None = None,
                    branch_id: int | None = None, audited: bool = True) -> Page[DueRow]:
    """The invoices with something due, oldest first, one page (of one age bucket when asked).

    `audited=False` for the list drawn again because of a change elsewhere.
    """
    require(actor, Permission.BILLING_VIEW)
    branch = await working_branch(actor, branch_id)
    today = clinic_day(branch)
    query = Invoice.filter(branch_id=branch.id, kind=InvoiceKind.INVOICE, status__in=OWING)
    for label, fewest, most in BUCKETS:
        if bucket == label:
            query = query.filter(issued_on__lte=today - timedelta(days=fewest))
            if most is not None:
                query = query.filter(issued_on__gte=today - timedelta(days=most))
    found = await read_page(query, ordering=('issued_on', 'serial'), page=page, per_page=per_page,
                            row=lambda invoice: _row(invoice, today), related=('patient',), sizes=(10, 25, 50),
                            default=25)
    if audited:
        await audit.view(actor, entity_type=EntityType.INVOICE, entity_id='',
                         detail=f'Outstanding dues: {found.described("invoice")}')
    return found


def _row(invoice: Invoice, today: date) -> DueRow:
    issued = invoice.issued_on or today
    return DueRow(invoice_id=invoice.id, number=invoice.number or '', patient_uid=invoice.patient.uid,
                  patient_name=invoice.patient.full_name, patient_phone=invoice.patient.phone or '',
                  issued_on=issued, total=invoice.total, due=invoice.total - invoice.paid - invoice.credited,
                  days=(today - issued).days)

