"""Day closing: a branch's collections for one day by mode, the cash counted against them, closed by a named person.

What a day collected is its payments (`Payment.day`): receipts less refunds, per mode. The cash
expected in the drawer is the day's cash receipts less its cash refunds; the person closing types
what they counted, and a difference needs a sentence saying why. A closed day never changes: the
database refuses a payment on it (`app.issued_records`), and money taken after the closing counts
in the next open day (`payments.collection_day`), so a late correction goes to the next day with
its own reference.

Closing and taking a payment at the same branch queue on the branch's row (PostgreSQL, `FOR
UPDATE`; SQLite's write lock does it already), so a payment cannot slip into a day while it is
being closed and be left out of the figures the closing records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import utcnow
from app.dates import shown_date
from app.errors import DomainError
from app.money import format_money
from app.services.billing_math import ZERO
from app.services.branches import working_branch
from app.services.invoices import clinic_day
from app.services.paging import Page, read_page
from app.services.payments import MODE_LABELS, lock_branch
from app.services.users import require
from app.services.validation import Checker
from models.billing import DayClosing, Payment, PaymentKind, PaymentMode
from models.clinic import Branch


@dataclass(frozen=True, kw_only=True)
class ClosingRow:
    day: date
    branch_name: str
    collected: Decimal
    cash_expected: Decimal
    cash_counted: Decimal
    note: str
    closed_by: str
    closed_at: datetime

    @property
    def difference(self) -> Decimal:
        return self.cash_counted - self.cash_expected


@dataclass(frozen=True, kw_only=True)
class DayCollections:
    """One branch's day: what each mode brought in (refunds taken off), and its closing if it is closed."""

    branch_id: int
    branch_name: str
    day: date
    by_mode: dict[PaymentMode, Decimal] = field(default_factory=dict)
    receipts: int = 0
    refunds: Decimal = ZERO
    closing: ClosingRow | None = None
    may_close: bool = False

    @property
    def collected(self) -> Decimal:
        return sum(self.by_mode.values(), ZERO)

    @property
    def cash_expected(self) -> Decimal:
        return self.by_mode.get(PaymentMode.CASH, ZERO)


async def day_collections(*, actor: Actor, day: date | None = None, branch_id: int | None = None,
                          audited: bool = True) -> DayCollections:
    """A day's collections at a branch (today, the actor's branch, unless asked otherwise).

    `audited=False` for the day drawn again because of a change elsewhere.
    """
    require(actor, Permission.BILLING_VIEW)
    branch = await working_branch(actor, branch_id)
    chosen = day or clinic_day(branch)
    collections = await _collections(branch, chosen, actor=actor)
    if audited:
        await audit.view(actor, entity_type=EntityType.DAY_CLOSING, entity_id=f'{branch.id}:{chosen.isoformat()}',
                         detail=f'Collections of {shown_date(chosen)} at {branch.name}')
    return collections


@audit_denials(EntityType.DAY_CLOSING, refused_action=Action.CREATE)
async def close_day(*, actor: Actor, day: date, cash_counted: Any, note: str = '',
                    branch_id: int | None = None) -> DayCollections:
    """Close a day at the actor's branch (or the one a superadmin chose) with the cash counted; a difference
    needs a reason."""
    require(actor, Permission.BILLING_CREATE)
    branch = await working_branch(actor, branch_id)
    check = Checker()
    counted = check.money('cash_counted', cash_counted, label='cash counted')
    why = check.text('note', note, label='note', required=False, max_length=300)
    today = clinic_day(branch)
    if day > today:
        raise DomainError(f'{shown_date(day)} has not ended yet: a day is closed on the day or after it.')
    check.raise_if_any()
    assert counted is not None
    async with audit.change(actor, action=Action.CREATE, entity_type=EntityType.DAY_CLOSING,
                            entity_id=f'{branch.id}:{day.isoformat()}') as event:
        await lock_branch(event.connection, branch.id)
        if await DayClosing.filter(branch_id=branch.id, day=day).exists():
            raise DomainError(f'{shown_date(day)} at {branch.name} is already closed.')
        figures = await _collections(branch, day)
        difference = counted - figures.cash_expected
        if difference and not why:
            raise DomainError(f'The cash counted differs from the {format_money(figures.cash_expected)} expected by '
                              f'{format_money(abs(difference))}: say why in the note.')
        await DayClosing.create(branch_id=branch.id, day=day, cash_expected=figures.cash_expected,
                                cash_counted=counted, collected=figures.collected, note=why,
                                closed_by_id=actor.user_id, closed_at=utcnow())
        event.set_detail(closing_detail(day, by_mode=figures.by_mode, counted=counted, note=why))
    return await _collections(branch, day, actor=actor)


def closing_detail(day: date, *, by_mode: dict[PaymentMode, Decimal], counted: Decimal, note: str) -> str:
    """How the trail words a closing: 'Closed 07 Dec 2026: collected ₹1,100.00 (Cash ₹600.00, UPI ₹500.00); cash
    counted ₹600.00, expected ₹600.00', and the note when there is one."""
    collected = sum(by_mode.values(), ZERO)
    expected = by_mode.get(PaymentMode.CASH, ZERO)
    modes = ', '.join(f'{MODE_LABELS[mode]} {format_money(by_mode[mode])}' for mode in PaymentMode if mode in by_mode)
    return (f'Closed {shown_date(day)}: collected {format_money(collected)}' + (f' ({modes})' if modes else '')
            + f'; cash counted {format_money(counted)}, expected {format_money(expected)}'
            + (f'; {note}' if note else ''))


async def closings_page(*, actor: Actor, page: int = 1, per_page: int = 10,
                        branch_id: int | None = None) -> Page[ClosingRow]:
    """The branch's closed days, newest first."""
    require(actor, Permission.BILLING_VIEW)
    branch = await working_branch(actor, branch_id)
    return await read_page(DayClosing.filter(branch_id=branch.id), ordering=('-day',), page=page, per_page=per_page,
                           row=lambda closing: _closing_row(closing, branch), related=('closed_by',),
                           sizes=(10, 25), default=10)


async def _collections(branch: Branch, day: date, *, actor: Actor | None = None) -> DayCollections:
    by_mode: dict[PaymentMode, Decimal] = {}
    receipts, refunds = 0, ZERO
    for payment in await Payment.filter(branch_id=branch.id, day=day).values('kind', 'mode', 'amount'):
        mode = PaymentMode(payment['mode'])
        if payment['kind'] == PaymentKind.REFUND:
            refunds += payment['amount']
            by_mode[mode] = by_mode.get(mode, ZERO) - payment['amount']
        else:
            receipts += 1
            by_mode[mode] = by_mode.get(mode, ZERO) + payment['amount']
    closing = await DayClosing.get_or_none(branch_id=branch.id, day=day).select_related('closed_by')
    ordered = {mode: by_mode[mode] for mode in PaymentMode if mode in by_mode}
    return DayCollections(branch_id=branch.id, branch_name=branch.name, day=day, by_mode=ordered, receipts=receipts,
                          refunds=refunds, closing=_closing_row(closing, branch) if closing else None,
                          may_close=closing is None and day <= clinic_day(branch)
                          and (actor is None or actor.can(Permission.BILLING_CREATE)))


def _closing_row(closing: DayClosing, branch: Branch) -> ClosingRow:
    return ClosingRow(day=closing.day, branch_name=branch.name, collected=closing.collected,
                      cash_expected=closing.cash_expected, cash_counted=closing.cash_counted, note=closing.note,
                      closed_by=closing.closed_by.full_name, closed_at=closing.closed_at)

