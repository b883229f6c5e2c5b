"""The demo clinic's expense vouchers: a few a week at each branch, entered at the desk and decided by its admin.

Rent, housekeeping, electricity and the internet come once a month (the rent by bank transfer, entered by the
admin); water cans, laundry, tea and snacks, cleaning and clinical supplies, stationery and the odd repair come
through the week, mostly paid in cash from the desk. Prices rise about 5 % a year, so the amounts of ten years ago
are smaller. The admin approves most vouchers within hours and pays them out; a few wait for the next working day,
a few are rejected with a note, and those of the last days before the reference day may still wait. Each voucher
has its number of the branch's expense series (`ANDV/26-27/00001`), taken as it is entered.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from uuid import UUID

from app.audit.events import Action, EntityType
from app.demo.calendar import Calendar
from app.demo.day import World
from app.demo.staff import Member
from app.money import format_money, to_paise
from app.services.document_numbers import Series
from models.billing import Expense, ExpenseStatus, PaymentMode

GROWTH = 1.05  # a year's rise in prices
REJECTED = 0.03
NEXT_DAY = 0.12  # decided the next working day (the others the same day)
RECENT_DAYS = 7  # of the last days before the reference day, some vouchers still wait to be decided or paid
_REJECTIONS = ('No bill attached: attach the bill and enter it again', 'Entered twice: the other voucher is paid',
               'Not a clinic expense', 'Over the daily budget: ask the director first')
_CASH, _UPI, _CARD, _BANK = PaymentMode.CASH, PaymentMode.UPI, PaymentMode.CARD, PaymentMode.BANK_TRANSFER


@dataclass(frozen=True, kw_only=True)
class Kind:
    """One kind of expense: when it comes (a day of the month, or so many a week), to whom, for how much."""

    purpose: str
    paid_to: tuple[str, ...]
    low: int  # rupees, today's prices
    high: int
    modes: tuple[PaymentMode, ...]
    monthly: int | None = None  # comes on the first working day from this day of the month
    per_week: float = 0.0
    by_admin: bool = False
    descriptions: tuple[str, ...] = ('',)
    step: int = 10  # rounded to


KINDS = (
    Kind(purpose='Rent', paid_to=('Sri Lakshmi Estates', 'Mr. R. Venkatesh (landlord)'), low=85_000, high=85_000,
         modes=(_BANK,), monthly=1, by_admin=True, descriptions=('Rent for the month',), step=500),
    Kind(purpose='Housekeeping', paid_to=('Sparkle Facility Services',), low=7_500, high=7_500, modes=(_BANK, _UPI),
         monthly=3, by_admin=True, descriptions=('Housekeeping staff for the month',), step=100),
    Kind(purpose='Electricity', paid_to=('BESCOM',), low=4_500, high=11_000, modes=(_UPI,), monthly=8,
         descriptions=('Electricity bill',)),
    Kind(purpose='Internet', paid_to=('ACT Fibernet',), low=1_179, high=1_179, modes=(_UPI, _CARD), monthly=5,
         descriptions=('Broadband for the month',), step=1),
    Kind(purpose='Drinking water', paid_to=('Aqua Fresh Water Supply', 'Bisleri dealer, 80 Feet Road'), low=300,
         high=520, modes=(_CASH,), per_week=1.0, descriptions=('20 L cans', 'Water cans for the week')),
    Kind(purpose='Laundry', paid_to=('Fresh Fold Laundry',), low=350, high=900, modes=(_CASH, _UPI), per_week=1.0,
         descriptions=('Towels and pillow covers', 'Couch sheets and towels')),
    Kind(purpose='Tea and snacks', paid_to=('Udupi Upahar', 'Chai Point', 'Sri Sagar Bakery'), low=120, high=650,
         modes=(_CASH,), per_week=2.5, descriptions=('Tea for the staff', 'Snacks for the staff meeting', '')),
    Kind(purpose='Cleaning supplies', paid_to=('More Supermarket', 'Sri Balaji Stores'), low=300, high=1_400,
         modes=(_CASH, _UPI), per_week=0.5, descriptions=('Phenyl, mops and garbage bags', 'Hand wash and tissues')),
    Kind(purpose='Clinical supplies', paid_to=('MedPlus Surgicals', 'Physio Needs, Jayanagar'), low=1_200,
         high=6_500, modes=(_UPI, _CARD, _CASH), per_week=0.5,
         descriptions=('Ultrasound gel and electrode pads', 'Kinesio tape and TheraBands', 'Hot packs and towels')),
    Kind(purpose='Stationery and printing', paid_to=('Sapna Book House', 'Quick Print Xerox'), low=250, high=2_400,
         modes=(_CASH, _UPI), per_week=0.25, descriptions=('Bill rolls and files', 'Exercise sheets printed')),
    Kind(purpose='Repairs and maintenance', paid_to=('Cool Care AC Services', 'Sri Ganesh Electricals'),
         low=800, high=4_500, modes=(_CASH, _UPI), per_week=0.08,
         descriptions=('AC service', 'Tube lights replaced', 'Treatment couch repaired')),
)
_RENT_SHARE = (1.0, 0.78)  # per branch in roster order: the second branch's rent is smaller


@dataclass(slots=True, eq=False)
class _Voucher:
    id: UUID
    branch_id: int
    number: str
    amount: Decimal
    status: ExpenseStatus = ExpenseStatus.PENDING
    decided_by: Member | None = None
    decided_at: datetime | None = None
    note: str = ''
    paid_at: datetime | None = None


class Expenses:
    """Enters each working day's vouchers of every branch and has its admin decide them."""

    def __init__(self, world: World, calendar: Calendar, rng: random.Random, *,
                 schedule: Callable[[date, datetime, Callable[[], None]], None],
                 number: Callable[[int, Series, date], tuple[str, str, int]],
                 admins: dict[int, Member], desks: dict[int, list[Member]]) -> None:
        self.world, self.calendar, self.rng = world, calendar, rng
        self.schedule, self.number, self.admins, self.desks = schedule, number, admins, desks
        self._month: dict[tuple[int, str], tuple[int, int]] = {}  # (branch, purpose) -> the month last entered

    def day(self, day: date) -> None:
        """The vouchers entered today at each open branch (written in time order with the day's documents)."""
        rng, world = self.rng, self.world
        for number, branch_id in enumerate(world.clinic.branch_ids):
            if not self.calendar.is_open(branch_id, day):
                continue
            for kind in KINDS:
                if kind.monthly is not None:
                    month = (day.year, day.month)
                    if day.day < kind.monthly or self._month.get((branch_id, kind.purpose)) == month:
                        continue
                    self._month[(branch_id, kind.purpose)] = month
                elif rng.random() >= kind.per_week / 6:
                    continue
                share = _RENT_SHARE[number % len(_RENT_SHARE)] if kind.by_admin else 1.0
                self._enter(branch_id, day, kind, share)

    def _enter(self, branch_id: int, day: date, kind: Kind, share: float) -> None:
        rng = self.rng
        years = (self.world.today - day).days / 365.25
        rupees = rng.uniform(kind.low, kind.high) * share / GROWTH ** years
        amount = to_paise(Decimal(max(kind.step, round(rupees / kind.step) * kind.step)))
        by = self.admins[branch_id] if kind.by_admin else rng.choice(self.desks[branch_id])
        zone = self.calendar.zones[branch_id]
        starts, ends = rng.choice(self.calendar.spans(branch_id, day))
        minute = rng.uniform(max(starts, 9 * 60 + 40), max(starts + 60, ends - 150))
        at = (datetime.combine(day, time(), tzinfo=zone) + timedelta(minutes=minute)).replace(
            microsecond=rng.randrange(1, 1_000_000))
        mode = rng.choice(kind.modes)
        paid_to, description = rng.choice(kind.paid_to), rng.choice(kind.descriptions)
        self.schedule(day, at, lambda: self._entered(branch_id, day, at, by, kind, amount, mode, paid_to, description))

    def _entered(self, branch_id: int, day: date, at: datetime, by: Member, kind: Kind, amount: Decimal,
                 mode: PaymentMode, paid_to: str, description: str) -> None:
        rng, world = self.rng, self.world
        number, _, _ = self.number(branch_id, Series.EXPENSE, day)
        voucher = _Voucher(id=UUID(int=rng.getrandbits(128), version=4), branch_id=branch_id, number=number,
                           amount=amount)
        admin = self.admins[branch_id]
        world.event(at, by, action=Action.CREATE, entity_type=EntityType.EXPENSE, entity_id=voucher.id,
                    changes={'amount': [None, str(amount)], 'purpose': [None, kind.purpose],
                             'paid_to': [None, paid_to], 'mode': [None, str(mode)]},
                    detail=f'Voucher {number}: {format_money(amount)} to {paid_to} for {kind.purpose.lower()}')
        later = None
        recent = (world.today - day).days <= RECENT_DAYS
        if rng.random() < NEXT_DAY or (recent and rng.random() < 0.4):  # a recent one may still wait
            later = day + timedelta(days=rng.randint(3, 8) if recent else 1)
            while later < world.today and not self.calendar.is_open(branch_id, later):
                later += timedelta(days=1)
        if later is None:  # decided today, a few hours on
            self._decide(voucher, at + timedelta(hours=rng.uniform(0.3, 2)))
        elif later < world.today:
            starts, _ = self.calendar.spans(branch_id, later)[0]
            moment = datetime.combine(later, time(), tzinfo=self.calendar.zones[branch_id]) + timedelta(
                minutes=starts + rng.uniform(40, 180))
            self.schedule(later, moment, lambda: self._decide(voucher, moment, update=True))
        paid_by = admin.full_name if mode is _BANK else by.full_name
        world.rows.add(Expense, id=voucher.id, branch_id=branch_id, number=number, spent_on=day, paid_to=paid_to,
                       paid_by=paid_by, purpose=kind.purpose, description=description, amount=amount, mode=mode,
                       status=voucher.status, bill_file=None, bill_media_type=None,
                       decided_by_id=voucher.decided_by.user_id if voucher.decided_by else None,
                       decided_at=voucher.decided_at, decision_note=voucher.note, paid_at=voucher.paid_at,
                       created_by_id=by.user_id, created_at=at, updated_at=voucher.paid_at or voucher.decided_at or at)

    def _decide(self, voucher: _Voucher, at: datetime, *, update: bool = False) -> None:
        """The admin approves (and pays out) or rejects a voucher; one entered a day before is changed in its row."""
        rng, world = self.rng, self.world
        admin = self.admins[voucher.branch_id]
        voucher.decided_by, voucher.decided_at = admin, at
        if rng.random() < REJECTED:
            voucher.status, voucher.note = ExpenseStatus.REJECTED, rng.choice(_REJECTIONS)
            world.event(at, admin, action=Action.UPDATE, entity_type=EntityType.EXPENSE, entity_id=voucher.id,
                        changes={'status': ['pending', 'rejected'], 'decision_note': ['', voucher.note]},
                        detail=f'Voucher {voucher.number} rejected: {voucher.note}')
        else:
            voucher.status = ExpenseStatus.APPROVED
            world.event(at, admin, action=Action.UPDATE, entity_type=EntityType.EXPENSE, entity_id=voucher.id,
                        changes={'status': ['pending', 'approved']}, detail=f'Voucher {voucher.number} approved')
            paid = at + timedelta(minutes=rng.uniform(2, 40))
            if (world.today - at.date()).days > RECENT_DAYS or rng.random() < 0.7:  # a recent one may be unpaid
                voucher.status, voucher.paid_at = ExpenseStatus.PAID, paid
                world.event(paid, admin, action=Action.UPDATE, entity_type=EntityType.EXPENSE,
                            entity_id=voucher.id, changes={'status': ['approved', 'paid']},
                            detail=f'Voucher {voucher.number} paid: {format_money(voucher.amount)}')
        if update:
            world.rows.update(Expense, voucher.id, status=voucher.status,
                              decided_by_id=admin.user_id, decided_at=voucher.decided_at,
                              decision_note=voucher.note, paid_at=voucher.paid_at,
                              updated_at=voucher.paid_at or voucher.decided_at)
