"""The demo clinic's billing: each visit, plan, session, test and belt billed as the desk bills it, and paid.

As the desk would with `app.services.invoices` and `payments`:
- a consultation (a registration with a fee) is billed as the patient registers, one line at its fee (a first
  visit for back or neck pain now and then with a belt or collar, at 5 % GST, on the same bill), and paid in
  full there and then, the way the registration says;
- a package or advance plan is billed when it is made, at its price less its discount, and paid in full, in two
  instalments (the second one to three weeks on), after a few days, or in part with the rest still due;
- a daily plan's sessions (and a session given from the waitlist) are billed as they are attended, one line each:
  most patients pay every visit, some settle the week's sessions at once; most pay at once, some on a later day
  and a few not yet, which makes the dues and their ageing;
- a diagnostic test that was done is billed at the price list's price; a belt or collar is sometimes sold on a
  tax invoice of its own;
- a few invoices are corrected by a credit note (a concession, a belt returned, sessions paid in advance and not
  used); what it credits of what was paid becomes the patient's credit, most of which an admin refunds.
Every figure is worked out by `billing_math` (`work_out`, `credit_lines`), so it is what the services store.
The trail gets the services' events for what matters afterwards: each invoice's issue (its number and total; the
draft's making and lines are left out, to keep the count down), each credit note, receipt and refund.

Numbers follow the clock: what the desk does during a day is taken down as it happens and, when the day is
over, numbered in time order per branch, series and financial year and written with its events. What happens on
a later day (an instalment, a credit note, a refund) waits for that day, so it is numbered in its place too; one
that would fall on the reference day or later never happens. `save_serials` leaves each series' last serial in
`DocumentSerial`, so the app's next number follows on.

The database's triggers (`app.issued_records`) refuse a line whose invoice is not a draft. So each invoice row
is inserted as a draft that already holds its number and final figures, its lines after it (the row writer
inserts parents first), and then one UPDATE sets what is paid and credited and the status that follows: an update
of a draft may change anything, and a later day's payment or credit note changes only `paid`, `credited` and
`status` of an issued invoice, which the triggers allow. A payment is inserted whole; a credit note later lowers
only its `allocated` and its allocation's amount, as the service does. All invoice updates name the same columns,
so the row writer runs them in the order they were made.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient

from app.audit.diff import changes_between
from app.audit.events import Action, EntityType, EventDraft, Origin
from app.dates import shown_date
from app.demo.bookings import starts_at
from app.demo.calendar import Booking, Calendar
from app.demo.day import World
from app.demo.expenses import Expenses
from app.demo.staff import Clinic, Member
from app.demo.visits import Course
from app.money import format_money, to_paise
from app.services.billing_math import ZERO, InvoiceFigures, LineTerms, Supply, credit_lines, supplies, work_out
from app.services.day_closing import closing_detail
from app.services.document_numbers import Series, financial_year, suggested_code
from app.services.invoices import SERVICE_NAMES, status_after
from app.services.payments import MODE_LABELS
from app.services.price_list import CONSULTATION_PRICES, DIAGNOSTIC_SAC, HEALTHCARE_SAC, ensure_price_list
from app.sql import placeholders
from models.accounts import Role
from models.billing import (
    DayClosing,
    DocumentSerial,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    PaymentAllocation,
    PaymentKind,
    PaymentMode,
    PriceItem,
)
from models.clinic import Branch, Service
from models.clinical import TestKind
from models.plans import PlanType
from models.registrations import ChiefComplaint, ConsultationType, PaymentMethod
from models.scheduling import AppointmentStatus

ONE = Decimal(1)
MARKS = {Series.INVOICE: '', Series.CREDIT_NOTE: 'C', Series.RECEIPT: 'R', Series.REFUND: 'F', Series.EXPENSE: 'V'}
# What each branch's bills print and may spend, in roster order (a branch that has them already keeps its own).
BRANCH_BILLING = ({'document_code': 'KOR', 'upi_id': 'prospine.koramangala@okaxis',
                   'daily_expense_budget': Decimal('3000.00')},
                  {'document_code': 'JAY', 'upi_id': 'prospine.jayanagar@okicici',
                   'daily_expense_budget': Decimal('2500.00')})
MODE_OF_METHOD = {PaymentMethod.CASH: PaymentMode.CASH, PaymentMethod.CARD: PaymentMode.CARD,
                  PaymentMethod.UPI: PaymentMode.UPI, PaymentMethod.CHEQUE: PaymentMode.CHEQUE,
                  PaymentMethod.OTHER: PaymentMode.OTHER}
VISIT_MODES = (PaymentMode.UPI,) * 5 + (PaymentMode.CASH,) * 3 + (PaymentMode.CARD,) * 2
PLAN_MODES = ((PaymentMode.UPI,) * 8 + (PaymentMode.CARD,) * 5 + (PaymentMode.BANK_TRANSFER,) * 3
              + (PaymentMode.CASH,) * 3 + (PaymentMode.CHEQUE,))
REFUND_MODES = (PaymentMode.CASH, PaymentMode.UPI, PaymentMode.UPI, PaymentMode.BANK_TRANSFER)
PRODUCTS = {ChiefComplaint.NECK_PAIN: 'cervical-collar', ChiefComplaint.LOW_BACK_PAIN: 'lumbar-belt',
            ChiefComplaint.BACK_PAIN: 'lumbar-belt', ChiefComplaint.RADIATING_PAIN: 'lumbar-belt'}

# How often: of first visits for back or neck pain, a belt or collar on the consultation's bill, or on its own;
BELT_ON_THE_BILL, BELT_ON_ITS_OWN, BELT_RETURNED = 0.03, 0.10, 0.08
CONSULTATION_CONCESSION = 0.004  # of consultations: part of the fee credited later
PER_VISIT = 0.85  # of daily plans: the patient pays each session (the others settle the week's at once)
PAID = {False: (0.92, 0.06), True: (0.85, 0.12)}  # (at once, on a later day) of session bills, by the week or not
PLAN_CONCESSION = 0.01  # of prepaid plans: a concession credited a few days on
UNUSED_CREDITED = 0.15  # of advance plans with two or more sessions left at the end: those sessions credited
REFUNDED = 0.7  # of the credits that free what was paid: refunded by an admin (the rest stays as credit)
CONCESSIONS = ('Senior citizen concession', "Concession on the doctor's advice", 'Fee agreed on the phone was lower',
               "Concession for a staff member's family")
PLAN_CONCESSIONS = ("Concession approved by the director", 'Corporate tie-up discount applied later',
                    'Concession for a second family member on a plan')
RETURNS = ('Returned unused: the size did not fit', 'Returned unused: the doctor advised against it')
# The evening's cash count: most days it matches; on the others it is a little off, and the note says why.
CASH_OFF = 0.06
CASH_NOTES = {-1: ('Change given from the drawer for a large note, not entered', 'Short: counted twice, reason not '
                   'found; told the admin'),
              1: ('Over: a patient left without waiting for change', 'Over: change not given back for an exact-fare '
                  'UPI payment taken as cash')}


@lru_cache(maxsize=8192)
def money(amount: Decimal) -> str:
    """`format_money`, remembered: the same few fees are shown hundreds of thousands of times."""
    return format_money(amount)


@lru_cache(maxsize=4096)
def figures_of(terms: tuple[LineTerms, ...]) -> InvoiceFigures:
    """`work_out` of an invoice's lines (no invoice discount), remembered: most bills are one of a few."""
    return work_out(terms)


@dataclass(frozen=True, slots=True)
class Price:
    id: int
    name: str
    price: Decimal
    sac: str
    tax_rate: Decimal


@dataclass(frozen=True, kw_only=True)
class Setup:
    """What billing starts from: each branch's code and price list, the serials taken, the next line ids."""

    codes: dict[int, str]
    prices: dict[tuple[int, str], Price]
    serials: dict[tuple[int, str, str], int]
    first_line_id: int
    first_allocation_id: int
    first_closing_id: int
    closed: frozenset[tuple[int, date]]  # (branch, day) closed already, by an earlier history (--force)


async def set_up(clinic: Clinic, *, opened: datetime, events: list[EventDraft]) -> Setup:
    """Give each branch its price list and billing details (as the director would enter them), read what exists."""
    director = clinic.superadmin
    codes: dict[int, str] = {}
    for number, branch_id in enumerate(clinic.branch_ids):
        branch = await Branch.get(id=branch_id)
        if not await PriceItem.filter(branch_id=branch_id).exists():
            await ensure_price_list(branch)
            await PriceItem.filter(branch_id=branch_id).update(updated_at=opened)
        if branch.document_code:
            codes[branch_id] = branch.document_code
            continue
        details = BRANCH_BILLING[number % len(BRANCH_BILLING)]
        taken = set(await Branch.filter(document_code__isnull=False).values_list('document_code', flat=True))
        base = details['document_code'] if number < len(BRANCH_BILLING) else suggested_code(branch.name)
        code = base if base not in taken else next(
            candidate for digit in '23456789' if (candidate := f'{base[:2]}{digit}') not in taken)
        after = {'document_code': code, 'upi_id': branch.upi_id or details['upi_id'],
                 'daily_expense_budget': branch.daily_expense_budget or details['daily_expense_budget']}
        before = {'document_code': None, 'upi_id': branch.upi_id, 'daily_expense_budget': branch.daily_expense_budget}
        await Branch.filter(id=branch_id).update(**after, updated_at=opened)
        events.append(EventDraft(who=director.who(None), origin=Origin(), action=Action.UPDATE,
                                 entity_type=EntityType.BRANCH, entity_id=str(branch_id),
                                 occurred_at=opened + timedelta(seconds=30 * len(events)),
                                 changes=changes_between(before, after),
                                 detail=f'Billing details: code {code}, UPI id {after["upi_id"]}'))
        codes[branch_id] = code
    prices = {(item.branch_id, item.code): Price(id=item.id, name=item.name, price=item.price, sac=item.sac,
                                                 tax_rate=item.tax_rate)
              for item in await PriceItem.filter(branch_id__in=clinic.branch_ids)}
    serials = {(row.branch_id, row.series, row.financial_year): row.serial for row in await DocumentSerial.all()}
    closed = await DayClosing.filter(branch_id__in=clinic.branch_ids).values_list('branch_id', 'day')
    return Setup(codes=codes, prices=prices, serials=serials, first_line_id=await _next_id(InvoiceLine),
                 first_allocation_id=await _next_id(PaymentAllocation), first_closing_id=await _next_id(DayClosing),
                 closed=frozenset(closed))


async def _next_id(model: type[InvoiceLine] | type[PaymentAllocation]) -> int:
    newest = await model.all().order_by('-id').first()
    return 1 if newest is None else newest.id + 1


_SAVE_SERIAL = ('INSERT INTO document_serial (branch_id, series, financial_year, serial) VALUES (?, ?, ?, ?) '
                'ON CONFLICT (branch_id, series, financial_year) DO UPDATE SET serial = excluded.serial')


async def save_serials(connection: BaseDBAsyncClient, serials: dict[tuple[int, str, str], int]) -> None:
    """Leave the last serial of every series in `DocumentSerial`, as `take_number` would have."""
    if serials:
        await connection.execute_many(placeholders(connection, _SAVE_SERIAL),
                                      [[branch_id, series, year, serial]
                                       for (branch_id, series, year), serial in sorted(serials.items())])


# -- what billing keeps in mind ----------------------------------------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class Line:
    """One line as the service would add it."""

    description: str
    unit_price: Decimal
    quantity: Decimal = ONE
    line_discount: Decimal = ZERO
    tax_rate: Decimal = ZERO
    sac: str = HEALTHCARE_SAC
    price_item_id: int | None = None
    appointment_id: UUID | None = None
    registration_id: UUID | None = None
    diagnostic_test_id: UUID | None = None


@dataclass(slots=True, eq=False)
class _Receipt:
    id: UUID
    allocated: Decimal


@dataclass(slots=True, eq=False)
class _Allocation:
    id: int
    receipt: _Receipt
    amount: Decimal


@dataclass(slots=True, eq=False)
class _Collected:
    """What a branch took in on a day so far, by mode (refunds taken off), and when the last of it came."""

    last: datetime
    by_mode: dict[PaymentMode, Decimal] = field(default_factory=dict)


@dataclass(slots=True, eq=False, kw_only=True)
class Bill:
    """An invoice (or credit note) as billing follows it: its totals and what is paid and credited so far."""

    id: UUID
    branch_id: int
    patient_id: UUID
    uid: str
    day: date  # the day it was issued
    total: Decimal
    supplied: tuple[Supply, ...] = ()  # what it bills per SAC and rate, which a credit note takes back in proportion
    credit_note: bool = False
    number: str = ''
    paid: Decimal = ZERO
    credited: Decimal = ZERO
    allocations: list[_Allocation] = field(default_factory=list)
    changed_at: datetime | None = None

    @property
    def due(self) -> Decimal:
        return self.total - self.paid - self.credited

    @property
    def status(self) -> InvoiceStatus:
        if self.credit_note:
            return InvoiceStatus.ISSUED
        return status_after(total=self.total, paid=self.paid, credited=self.credited)


@dataclass(slots=True, eq=False)
class _Daily:
    """A daily plan: its sessions billed as they are attended."""

    rate: Decimal
    days: int
    service: Service
    weekly: bool
    mode: PaymentMode
    pending: list[Line] = field(default_factory=list)  # attended, not billed yet (a patient who pays by the week)
    since: date | None = None


@dataclass(slots=True, eq=False)
class _Prepaid:
    """A package or advance plan billed when it was made: its sessions attended count against it."""

    bill: Bill
    advance: bool
    days: int
    attended: int = 0


Task = Callable[[], None]  # something done at the desk, at its moment of the day


class Billing:
    """The desk's billing in the simulation; `close` numbers and writes each day's documents."""

    def __init__(self, world: World, calendar: Calendar, setup: Setup, *, seed: int) -> None:
        self.world, self.calendar, self.setup = world, calendar, setup
        self.rng = random.Random(f'billing-{seed}')  # noqa: S311 (demo); its own, so the clinic's history is unchanged
        self.today = world.today
        self.serials = dict(setup.serials)
        self.credit: dict[UUID, Decimal] = {}  # patient id -> what they have paid and not had applied or refunded
        self._docs: dict[date, list[tuple[datetime, int, Task]]] = {}
        self._order = itertools.count()
        self._line_ids = itertools.count(setup.first_line_id)
        self._allocation_ids = itertools.count(setup.first_allocation_id)
        self._closing_ids = itertools.count(setup.first_closing_id)
        self._counting = random.Random(f'closing-{seed}')  # noqa: S311 (demo); its own, the rest stays as it was
        self._collected: dict[tuple[int, date], _Collected] = {}  # the day's takings per branch, for its closing
        self._daily: dict[UUID, _Daily] = {}
        self._prepaid: dict[UUID, _Prepaid] = {}
        self._touched: dict[UUID, Bill] = {}
        self._receipts: dict[UUID, _Receipt] = {}
        self._allocations: dict[int, _Allocation] = {}
        self._desks = {branch_id: world.clinic.of(branch_id, Role.RECEPTION) for branch_id in world.clinic.branch_ids}
        self._admins = {branch_id: world.clinic.of(branch_id, Role.ADMIN)[0] for branch_id in world.clinic.branch_ids}
        self.expenses = Expenses(world, calendar, self.rng, schedule=self.schedule, number=self.number,
                                 admins=self._admins, desks=self._desks)

    # -- what the simulation tells billing -------------------------------------------------------------

    def consultation(self, course: Course, registration_id: UUID, *, kind: ConsultationType, fee: Decimal,
                     method: PaymentMethod, at: datetime, desk: Member, first: bool) -> None:
        """A consultation registered at `at`: billed and paid at once (a first visit may add a belt or collar).

        A review visit of a package or advance plan has no fee: it is billed at nothing (paid with the plan), so
        that it is not left among the patient's unbilled consultations.
        """
        rng, branch_id = self.rng, course.branch_id
        name = self.setup.prices[(branch_id, CONSULTATION_PRICES[kind])].name
        lines = [Line(description=f'{name}, {shown_date(self._day(branch_id, at))}', unit_price=to_paise(fee),
                      registration_id=registration_id)]
        product = PRODUCTS.get(course.complaint) if first and not course.speech else None
        chance = rng.random() if product else 1.0
        if product and chance < BELT_ON_THE_BILL:
            lines.append(self._product(branch_id, product))
        issued = at + timedelta(seconds=rng.uniform(40, 150))
        bill = self._invoice(course, issued, desk, lines)
        if bill.total <= 0:
            return
        self._receipt(bill, issued + timedelta(seconds=rng.uniform(10, 40)), desk, MODE_OF_METHOD[method])
        if rng.random() < CONSULTATION_CONCESSION:
            amount = min(Decimal(rng.choice((100, 100, 200))), bill.total - 1)
            self._credit_later(bill, rng.randint(2, 20), amount=to_paise(amount), reason=rng.choice(CONCESSIONS))
        if product and BELT_ON_THE_BILL <= chance < BELT_ON_THE_BILL + BELT_ON_ITS_OWN:
            sold = issued + timedelta(minutes=rng.uniform(25, 50))  # after the consultation, at the desk
            belt = self._invoice(course, sold, desk, [self._product(branch_id, product)])
            self._receipt(belt, sold + timedelta(seconds=rng.uniform(10, 40)), desk, rng.choice(VISIT_MODES))
            if rng.random() < BELT_RETURNED:
                self._credit_later(belt, rng.randint(1, 6), amount=None, reason=rng.choice(RETURNS), refund=1.0)

    def plan(self, course: Course, plan_id: UUID, *, plan_type: PlanType, service: Service,
             cost_per_day: Decimal | None, package_cost: Decimal | None, days: int, discount: Decimal,
             at: datetime) -> None:
        """A plan made at `at`: a daily one is billed session by session, a package or advance one now."""
        rng = self.rng
        if plan_type is PlanType.DAILY:
            self._daily[plan_id] = _Daily(rate=to_paise(cost_per_day or ZERO), days=days, service=service,
                                          weekly=rng.random() >= PER_VISIT, mode=rng.choice(VISIT_MODES))
            return
        name = SERVICE_NAMES[service]
        if plan_type is PlanType.PACKAGE:
            line = Line(description=f'{name} package, {days} sessions', unit_price=to_paise(package_cost or ZERO),
                        line_discount=to_paise(discount))
        else:
            line = Line(description=f'{name}, {days} sessions paid in advance', quantity=Decimal(days),
                        unit_price=to_paise(cost_per_day or ZERO), line_discount=to_paise(discount))
        desk = rng.choice(self._desks[course.branch_id])
        issued = at + timedelta(minutes=rng.uniform(8, 25))
        bill = self._invoice(course, issued, desk, [line], plan_id=plan_id)
        self._prepaid[plan_id] = _Prepaid(bill=bill, advance=plan_type is PlanType.ADVANCE, days=days)
        mode, paid = rng.choice(PLAN_MODES), issued + timedelta(seconds=rng.uniform(20, 90))
        first = to_paise(Decimal(int(bill.total / 1000) * 500))  # about half, in whole ₹500
        chance = rng.random()
        if chance < 0.55 or first <= 0:  # in full
            self._receipt(bill, paid, desk, mode)
        elif chance < 0.85:  # in two instalments
            self._receipt(bill, paid, desk, mode, amount=first)
            self._receipt_later(bill, rng.randint(7, 21), rng.choice(PLAN_MODES))
        elif chance < 0.92:  # all of it a few days on
            self._receipt_later(bill, rng.randint(1, 6), mode)
        else:  # a first part; the rest is still due
            self._receipt(bill, paid, desk, mode, amount=first)
        if rng.random() < PLAN_CONCESSION:
            amount = to_paise(Decimal(int(bill.total / 1000) * 100))  # about a tenth, in whole ₹100
            self._credit_later(bill, rng.randint(3, 20), amount=amount, reason=rng.choice(PLAN_CONCESSIONS))

    def test(self, course: Course, test_id: UUID, *, kind: TestKind, done: bool, at: datetime) -> None:
        """A diagnostic test requested at `at`: billed and paid once it was done (the same visit)."""
        if not done:
            return
        rng, branch_id = self.rng, course.branch_id
        item = self.setup.prices[(branch_id, f'test-{str(kind).lower()}')]
        desk = rng.choice(self._desks[branch_id])
        issued = at + timedelta(minutes=rng.uniform(20, 45))
        bill = self._invoice(course, issued, desk, [Line(description=item.name, unit_price=item.price,
                                                         sac=DIAGNOSTIC_SAC, tax_rate=item.tax_rate,
                                                         diagnostic_test_id=test_id)])
        self._receipt(bill, issued + timedelta(seconds=rng.uniform(15, 60)), desk, rng.choice(VISIT_MODES))

    def attended(self, day: date, bookings: list[Booking]) -> None:
        """A day's appointments as it ended: sessions outside prepaid plans billed, prepaid ones counted."""
        if day >= self.today:
            return
        for booking in bookings:
            if booking.kind == 'visit':  # a consultation: billed with its registration
                continue
            plan_id, completed = booking.plan_id, booking.status is AppointmentStatus.COMPLETED
            if plan_id is not None and (prepaid := self._prepaid.get(plan_id)) is not None:
                prepaid.attended += completed
                if booking.last_session:
                    del self._prepaid[plan_id]
                    self._plan_over(prepaid, booking)
                continue
            daily = self._daily.get(plan_id) if plan_id is not None else None
            if plan_id is not None and daily is None:  # a plan billed another way (or by an earlier run)
                continue
            if completed:
                self._session(booking, daily)
            if daily is not None and booking.last_session:
                del self._daily[plan_id]  # type: ignore[arg-type]

    # -- the day's end ---------------------------------------------------------------------------------

    def schedule(self, day: date, at: datetime, action: Task) -> None:
        """Do `action` at `at` on `day` (numbered in time order when the day ends); never on the reference day."""
        if day < self.today:
            self._docs.setdefault(day, []).append((at, next(self._order), action))

    def close(self, day: date) -> None:
        """Number and write the day's documents in time order, then what they changed of earlier ones."""
        self.expenses.day(day)
        for _, _, action in sorted(self._docs.pop(day, ()), key=lambda entry: entry[:2]):
            action()
        rows = self.world.rows
        for bill in self._touched.values():
            rows.update(Invoice, bill.id, paid=bill.paid, credited=bill.credited, status=bill.status,
                        updated_at=bill.changed_at)
        for receipt in self._receipts.values():
            rows.update(Payment, receipt.id, allocated=receipt.allocated)
        for allocation in self._allocations.values():
            rows.update(PaymentAllocation, allocation.id, amount=allocation.amount)
        self._touched, self._receipts, self._allocations = {}, {}, {}
        for branch_id in self.world.clinic.branch_ids:
            if (taken := self._collected.pop((branch_id, day), None)) is not None \
                    and (branch_id, day) not in self.setup.closed:
                self._close_day(branch_id, day, taken)

    def _collection_day(self, branch_id: int, at: datetime) -> date:
        """The day a payment taken at `at` counts in, as `payments.collection_day` gives it: its own, or the next
        day not closed yet (an earlier history, added to with --force, closed its days)."""
        day = self._day(branch_id, at)
        while (branch_id, day) in self.setup.closed:
            day += timedelta(days=1)
        return day

    def _close_day(self, branch_id: int, day: date, taken: _Collected) -> None:

        """The evening's closing at the desk, as `day_closing.close_day` records it: the day's takings by mode,
        the cash counted (now and then a little off, with a note why), closed by someone at the desk."""
        rng = self._counting
        expected = taken.by_mode.get(PaymentMode.CASH, ZERO)
        counted, note = expected, ''
        if expected > 0 and rng.random() < CASH_OFF:
            sign = rng.choice((-1, 1))
            counted = max(ZERO, expected + sign * Decimal(rng.choice((10, 20, 50, 100))))
            note = rng.choice(CASH_NOTES[sign])
        desks = [member for member in self._desks[branch_id] if member.joined <= day] or [self._admins[branch_id]]
        by = rng.choice(desks)
        evening = datetime.combine(day, time(20, 0), tzinfo=self.calendar.zones[branch_id])
        at = max(evening, taken.last + timedelta(minutes=5)) + timedelta(seconds=rng.uniform(0, 1800))
        self.world.rows.add(DayClosing, id=next(self._closing_ids), branch_id=branch_id, day=day,
                            cash_expected=expected, cash_counted=counted, collected=sum(taken.by_mode.values(), ZERO),
                            note=note, closed_by_id=by.user_id, closed_at=at)
        self.world.event(at, by, action=Action.CREATE, entity_type=EntityType.DAY_CLOSING,
                         entity_id=f'{branch_id}:{day.isoformat()}',
                         detail=closing_detail(day, by_mode=taken.by_mode, counted=counted, note=note))

    def _took(self, branch_id: int, day: date, at: datetime, mode: PaymentMode, amount: Decimal) -> None:
        taken = self._collected.setdefault((branch_id, day), _Collected(last=at))
        taken.by_mode[mode] = taken.by_mode.get(mode, ZERO) + amount
        taken.last = max(taken.last, at)

    def number(self, branch_id: int, series: Series, day: date) -> tuple[str, str, int]:
        """The next number of a series, as `document_numbers.take_number` gives it: (number, year, serial)."""
        year = financial_year(day)
        key = (branch_id, series.value, year)
        serial = self.serials[key] = self.serials.get(key, 0) + 1
        return f'{self.setup.codes[branch_id]}{MARKS[series]}/{year}/{serial:05d}', year, serial

    # -- inside ----------------------------------------------------------------------------------------

    def _day(self, branch_id: int, at: datetime) -> date:
        return at.astimezone(self.calendar.zones[branch_id]).date()

    def _uuid(self) -> UUID:
        return UUID(int=self.rng.getrandbits(128), version=4)

    def _product(self, branch_id: int, code: str) -> Line:
        item = self.setup.prices[(branch_id, code)]
        return Line(description=item.name, unit_price=item.price, quantity=Decimal('1.00'), sac=item.sac,
                    tax_rate=item.tax_rate, price_item_id=item.id)

    def _session(self, booking: Booking, daily: _Daily | None) -> None:
        """An attended session billed: at once, or with the week's others by a patient who pays weekly."""
        rng, course, branch_id = self.rng, booking.course, booking.branch_id
        if daily is not None:
            rate, of_plan = daily.rate, f' (session {booking.session_number} of {daily.days})' \
                if booking.session_number else ''
        else:  # given from the waitlist: the price list's session rate
            rate, of_plan = self.setup.prices[(branch_id, f'{booking.service}-daily')].price, ''
        line = Line(description=f'{SERVICE_NAMES[booking.service]} session, {shown_date(booking.day)}{of_plan}',
                    unit_price=rate, appointment_id=booking.id)
        weekly = daily is not None and daily.weekly
        lines = [line]
        if weekly:
            assert daily is not None
            daily.pending.append(line)
            daily.since = daily.since or booking.day
            if not booking.last_session and (booking.day - daily.since).days < 6:
                return
            lines, daily.pending, daily.since = daily.pending, [], None
        done = booking.updated_at or starts_at(self.calendar, booking) + timedelta(minutes=booking.minutes)
        desk = rng.choice(self._desks[branch_id])
        issued = done + timedelta(minutes=rng.uniform(1, 4))
        bill = self._invoice(course, issued, desk, lines)
        mode = daily.mode if daily is not None else rng.choice(VISIT_MODES)
        at_once, later = PAID[weekly]
        chance = rng.random()
        if chance < at_once:
            self._receipt(bill, issued + timedelta(seconds=rng.uniform(10, 40)), desk, mode)
        elif chance < at_once + later:
            self._receipt_later(bill, rng.randint(1, 40), mode)

    def _plan_over(self, prepaid: _Prepaid, last: Booking) -> None:
        """An advance plan's last session: the sessions not used are credited back, for some who ask."""
        unused = prepaid.days - prepaid.attended
        if not prepaid.advance or unused < 2 or self.rng.random() >= UNUSED_CREDITED:
            return
        bill = prepaid.bill
        at = starts_at(self.calendar, last) + timedelta(minutes=last.minutes + self.rng.uniform(5, 20))
        amount = to_paise(bill.total * unused / prepaid.days)
        reason = f'{unused} of the {prepaid.days} sessions paid in advance not used'
        admin = self._admins[bill.branch_id]
        self.schedule(last.day, at, lambda: self._credit(bill, at, admin, amount, reason, refund=REFUNDED))

    def _invoice(self, course: Course, at: datetime, desk: Member, lines: list[Line], *,
                 plan_id: UUID | None = None) -> Bill:
        figures = figures_of(tuple(LineTerms(quantity=line.quantity, unit_price=line.unit_price,
                                             line_discount=line.line_discount, tax_rate=line.tax_rate)
                                   for line in lines))
        bill = Bill(id=self._uuid(), branch_id=course.branch_id, patient_id=course.patient_id, uid=course.uid,
                    day=self._day(course.branch_id, at), total=figures.total,
                    supplied=supplies((line.sac, line.tax_rate, worked.amount, worked.tax)
                                      for line, worked in zip(lines, figures.lines, strict=True)))
        drafted = at - timedelta(seconds=self.rng.uniform(20, 80))

        def issue() -> None:
            day = bill.day
            number, year, serial = self.number(bill.branch_id, Series.INVOICE, day)
            bill.number = number
            rows = self.world.rows
            rows.add(Invoice, id=bill.id, branch_id=bill.branch_id, patient_id=bill.patient_id,
                     kind=InvoiceKind.INVOICE, status=InvoiceStatus.DRAFT, number=number, financial_year=year,
                     serial=serial, issued_on=day, issued_at=at, issued_by_id=desk.user_id, credit_of_id=None,
                     reason='', plan_id=plan_id, interstate=False, invoice_discount=ZERO,
                     discount_approved_by_id=None, gross=figures.gross, discount=figures.discount,
                     taxable_value=figures.taxable_value, cgst=figures.cgst, sgst=figures.sgst, igst=figures.igst,
                     total=figures.total, paid=ZERO, credited=ZERO, created_by_id=desk.user_id, created_at=drafted,
                     updated_at=at)
            for position, (line, worked) in enumerate(zip(lines, figures.lines, strict=True), start=1):
                rows.add(InvoiceLine, id=next(self._line_ids), invoice_id=bill.id, position=position,
                         description=line.description, sac=line.sac, quantity=line.quantity,
                         unit_price=line.unit_price, line_discount=worked.line_discount, tax_rate=line.tax_rate,
                         shared_discount=worked.shared_discount, taxable_value=worked.taxable_value, tax=worked.tax,
                         amount=worked.amount, price_item_id=line.price_item_id, appointment_id=line.appointment_id,
                         registration_id=line.registration_id, diagnostic_test_id=line.diagnostic_test_id)
            self._touch(bill, at)
            # The trail keeps the issue (its number and total), not the draft's making and lines: one event a bill.
            self.world.event(at, desk, action=Action.UPDATE, entity_type=EntityType.INVOICE, entity_id=bill.id,
                             patient_id=bill.uid, detail=f'Issued {number}: {money(figures.total)}',
                             changes={'status': ['draft', str(bill.status)], 'number': [None, number]})

        self.schedule(bill.day, at, issue)
        return bill

    def _receipt(self, bill: Bill, at: datetime, by: Member, mode: PaymentMode, *,
                 amount: Decimal | None = None) -> None:
        """A receipt at `at` paying `amount` of the bill (None: what is due then)."""
        self.schedule(self._day(bill.branch_id, at), at, lambda: self._receive(bill, at, by, mode, amount))

    def _receipt_later(self, bill: Bill, days: int, mode: PaymentMode) -> None:
        """What is due on the bill paid `days` on (the next working day of its branch from then)."""
        if (when := self._later(bill.branch_id, bill.day, days)) is not None:
            self._receipt(bill, when[1], self.rng.choice(self._desks[bill.branch_id]), mode)

    def _credit_later(self, bill: Bill, days: int, *, amount: Decimal | None, reason: str,
                      refund: float = REFUNDED) -> None:
        if (when := self._later(bill.branch_id, bill.day, days)) is not None:
            day, at = when
            desk = self.rng.choice(self._desks[bill.branch_id])
            self.schedule(day, at, lambda: self._credit(bill, at, desk, amount, reason, refund=refund))

    def _later(self, branch_id: int, after: date, days: int) -> tuple[date, datetime] | None:
        """A moment in the branch's hours `days` after `after` (or the next working day from then), if history."""
        rng, calendar = self.rng, self.calendar
        day = after + timedelta(days=days)
        while day < self.today and not calendar.is_open(branch_id, day):
            day += timedelta(days=1)
        if day >= self.today:
            return None
        starts, ends = rng.choice(calendar.spans(branch_id, day))
        minute = rng.uniform(max(starts, 9 * 60 + 40), ends - 10)
        return day, (datetime.combine(day, time(), tzinfo=calendar.zones[branch_id]) + timedelta(minutes=minute)
                     ).replace(microsecond=rng.randrange(1, 1_000_000))

    def _receive(self, bill: Bill, at: datetime, by: Member, mode: PaymentMode, amount: Decimal | None) -> None:
        due = bill.due
        if due <= 0:
            return
        paying = due if amount is None else min(amount, due)
        day = self._collection_day(bill.branch_id, at)
        number, _, _ = self.number(bill.branch_id, Series.RECEIPT, day)
        receipt = _Receipt(id=self._uuid(), allocated=paying)
        rows = self.world.rows
        rows.add(Payment, id=receipt.id, branch_id=bill.branch_id, patient_id=bill.patient_id, kind=PaymentKind.RECEIPT,
                 number=number, amount=paying, allocated=paying, mode=mode, reference=self._reference(mode), day=day,
                 received_at=at, received_by_id=by.user_id, reason='', approved_by_id=None, migrated_from=None)
        self._took(bill.branch_id, day, at, mode, paying)
        allocation = _Allocation(id=next(self._allocation_ids), receipt=receipt, amount=paying)
        rows.add(PaymentAllocation, id=allocation.id, payment_id=receipt.id, invoice_id=bill.id, amount=paying,
                 created_at=at)
        bill.allocations.append(allocation)
        bill.paid += paying
        self._touch(bill, at)
        self.world.event(at, by, action=Action.CREATE, entity_type=EntityType.PAYMENT, entity_id=receipt.id,
                         patient_id=bill.uid,
                         changes={'amount': [None, str(paying)], 'mode': [None, str(mode)],
                                  'settles': [None, {bill.number: str(paying)}]},
                         detail=f'Receipt {number}: {money(paying)} by {MODE_LABELS[mode]}, paying {bill.number}')

    def _credit(self, bill: Bill, at: datetime, by: Member, amount: Decimal | None, reason: str, *,
                refund: float) -> None:
        """A credit note against the bill (None: all that is left of it), as `invoices.credit_note` makes it."""
        left = bill.total - bill.credited
        credit = left if amount is None else min(amount, left)
        if credit <= 0:
            return
        due = bill.due
        released = self._release(bill, credit - due) if credit > due else ZERO
        lines = credit_lines(credit, bill.supplied, interstate=False)
        taxable = sum((line.taxable_value for line in lines), ZERO)
        day = self._day(bill.branch_id, at)
        number, year, serial = self.number(bill.branch_id, Series.CREDIT_NOTE, day)
        note = Bill(id=self._uuid(), branch_id=bill.branch_id, patient_id=bill.patient_id, uid=bill.uid, day=day,
                    total=credit, credit_note=True, number=number)
        rows = self.world.rows
        rows.add(Invoice, id=note.id, branch_id=bill.branch_id, patient_id=bill.patient_id,
                 kind=InvoiceKind.CREDIT_NOTE, status=InvoiceStatus.DRAFT, number=number, financial_year=year,
                 serial=serial, issued_on=day, issued_at=at, issued_by_id=by.user_id, credit_of_id=bill.id,
                 reason=reason, plan_id=None, interstate=False, invoice_discount=ZERO, discount_approved_by_id=None,
                 gross=taxable, discount=ZERO, taxable_value=taxable, cgst=sum((line.cgst for line in lines), ZERO),
                 sgst=sum((line.sgst for line in lines), ZERO), igst=ZERO, total=credit, paid=ZERO, credited=ZERO,
                 created_by_id=by.user_id, created_at=at, updated_at=at)
        for position, line in enumerate(lines, start=1):
            rows.add(InvoiceLine, id=next(self._line_ids), invoice_id=note.id, position=position,
                     description=f'Credit against {bill.number}: {reason}'[:200], sac=line.sac, quantity=ONE,
                     unit_price=line.taxable_value, line_discount=ZERO, tax_rate=line.tax_rate, shared_discount=ZERO,
                     taxable_value=line.taxable_value, tax=line.tax, amount=line.amount, price_item_id=None,
                     appointment_id=None, registration_id=None, diagnostic_test_id=None)
        self._touch(note, at)
        bill.paid -= released
        bill.credited += credit
        self._touch(bill, at)
        if released:
            self.credit[bill.patient_id] = self.credit.get(bill.patient_id, ZERO) + released
        self.world.event(at, by, action=Action.CREATE, entity_type=EntityType.INVOICE, entity_id=note.id,
                         patient_id=bill.uid,
                         detail=f'Credit note {number} against {bill.number}: {money(credit)}, {reason}'
                         + (f"; {money(released)} of payments become the patient's credit" if released else ''))
        if released and self.rng.random() < refund:
            self._refund_later(bill, day, released, reason)

    def _refund_later(self, bill: Bill, after: date, amount: Decimal, reason: str) -> None:
        if (when := self._later(bill.branch_id, after, self.rng.randint(1, 5))) is None:
            return
        day, at = when
        admin = self._admins[bill.branch_id]
        why = f'Refund of the credit note against {bill.number}: {reason}'[:300]
        self.schedule(day, at, lambda: self._refund(bill, at, admin, amount, why))

    def _refund(self, bill: Bill, at: datetime, admin: Member, amount: Decimal, why: str) -> None:
        """An admin pays credit back, never more than the patient has (`payments.refund`)."""
        credit = self.credit.get(bill.patient_id, ZERO)
        paying = min(amount, credit)
        if paying <= 0:
            return
        mode = self.rng.choice(REFUND_MODES)
        day = self._collection_day(bill.branch_id, at)
        number, _, _ = self.number(bill.branch_id, Series.REFUND, day)
        payment_id = self._uuid()
        self.world.rows.add(Payment, id=payment_id, branch_id=bill.branch_id, patient_id=bill.patient_id,
                            kind=PaymentKind.REFUND, number=number, amount=paying, allocated=ZERO, mode=mode,
                            reference=self._reference(mode), day=day, received_at=at, received_by_id=admin.user_id,
                            reason=why, approved_by_id=admin.user_id, migrated_from=None)
        self._took(bill.branch_id, day, at, mode, -paying)
        self.credit[bill.patient_id] = credit - paying
        self.world.event(at, admin, action=Action.CREATE, entity_type=EntityType.PAYMENT, entity_id=payment_id,
                         patient_id=bill.uid,
                         changes={'amount': [None, str(paying)], 'mode': [None, str(mode)], 'reason': [None, why]},
                         detail=f'Refund {number}: {money(paying)} by {MODE_LABELS[mode]}, approved by '
                                f'{admin.full_name}: {why}')

    def _release(self, bill: Bill, amount: Decimal) -> Decimal:
        """Take `amount` of the payments off the bill, newest first (`invoices._release_payments`)."""
        left = amount
        for allocation in reversed(bill.allocations):
            if left <= 0:
                break
            taken = min(left, allocation.amount)
            if taken <= 0:
                continue
            allocation.amount -= taken
            allocation.receipt.allocated -= taken
            self._allocations[allocation.id] = allocation
            self._receipts[allocation.receipt.id] = allocation.receipt
            left -= taken
        return amount - left

    def _touch(self, bill: Bill, at: datetime) -> None:
        bill.changed_at = at
        self._touched[bill.id] = bill

    def _reference(self, mode: PaymentMode) -> str:
        """What the desk notes of a payment: the UPI reference, the card slip, the cheque or the bank's reference."""
        rng = self.rng
        if mode is PaymentMode.UPI:
            return f'{rng.randrange(10**11, 10**12)}'
        if mode is PaymentMode.CARD:
            return f'Slip {rng.randrange(1000, 999_999):06d}'
        if mode is PaymentMode.CHEQUE:
            return f'Cheque {rng.randrange(1, 999_999):06d}, {rng.choice(_BANKS)}'
        if mode is PaymentMode.BANK_TRANSFER:
            return f'NEFT {rng.choice(_BANKS)[:4].upper()}N{rng.randrange(10**11, 10**12)}'
        return ''


_BANKS = ('HDFC Bank', 'State Bank of India', 'ICICI Bank', 'Canara Bank', 'Axis Bank', 'Karnataka Bank')

