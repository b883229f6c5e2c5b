"""`prospine demo-data`: fill an empty database with the demo clinic, in batches, with progress and a summary.

A database that already has patients is refused unless `force` is given; then the demo clinic is
added to what is there (branches and accounts of the same names are reused, UIDs continue each
day's serials, the events are appended after the existing ones, so on the chain they follow
events of later times). Nothing is ever deleted: the audit trail is append-only. Each batch of
rows is written in one transaction with its events, and the sealed head follows each commit.
"""

from __future__ import annotations

import dataclasses
import gc
import random
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from typing import TextIO

from tortoise import connections
from tortoise.transactions import in_transaction

from app.clock import clinic_today, utcnow
from app.config import get_settings
from app.demo import billing, hours, schedule
from app.demo.bulk import ChainWriter, RowWriter, chain_tail, commit
from app.demo.clinic import SCALES, Scale, Simulation, reference_moment
from app.demo.day import World
from app.demo.staff import DEMO_PASSWORD, ROSTER, make_clinic
from app.services import tax_days
from app.sql import placeholders
from models.accounts import User, UserSession
from models.billing import DayClosing, Expense, Invoice, InvoiceLine, Payment, PaymentAllocation, PriceItem
from models.clinical import ClinicalNote, Diagnosis, DiagnosticTest, MedicalHistory
from models.inquiries import Inquiry
from models.outcomes import OutcomeRecord
from models.patients import Patient
from models.plans import PlanRevision, TreatmentPlan
from models.registrations import Registration
from models.scheduling import Appointment, Closure, WaitlistEntry

# Parents before children: foreign keys are checked as each row is inserted.
# Billing comes last: an invoice's lines follow it (and the appointments they bill), so they go in while it is a
# draft; the updates that then issue the invoices run after all of a batch's inserts (`app.demo.billing`).
MODELS = (UserSession, Patient, Inquiry, Registration, MedicalHistory, ClinicalNote, Diagnosis, DiagnosticTest,
          OutcomeRecord, TreatmentPlan, PlanRevision, Closure, Appointment, WaitlistEntry, Invoice, InvoiceLine,
          Payment, PaymentAllocation, Expense, DayClosing)
BATCH_ROWS = 40_000  # rows and events per transaction
CACHE_KIB = 256 * 1024  # SQLite's page cache while the demo writes (its default is 2 MB)
GC_THRESHOLDS = (50_000, 20, 10)  # while the demo writes (Python's default first threshold is 700)
PROGRESS_SECONDS = 2.0
REFUSED = ('This database already has {count} patients, so demo data was not added (nothing was changed). '
           'Use a new data directory (PROSPINE_DATA_DIR), or add --force to add the demo clinic to this data.')
_SAVE_SERIAL = ('INSERT INTO patient_day_serial (day, serial) VALUES (?, ?) '
                'ON CONFLICT (day) DO UPDATE SET serial = excluded.serial')


@dataclass(frozen=True, kw_only=True)
class DemoRequest:
    """What the command was asked for; `patients` and `days` shrink a scale (for tests)."""

    scale: str
    seed: int = 1
    force: bool = False
    patients: int | None = None
    days: int | None = None
    today: date | None = None  # the reference day; the clinic's today by default


class Refused(Exception):
    """The database already holds patients and `force` was not given."""


async def fill(request: DemoRequest, *, out: TextIO = sys.stderr) -> dict[str, int]:
    """Add the demo clinic to the open database; return the counts written."""
    if (count := await Patient.all().count()) and not request.force:
        raise Refused(REFUSED.format(count=f'{count:,}'))
    today = request.today or clinic_today()
    if today > clinic_today():  # the trail would hold events later than the app's next ones
        raise Refused(f'The reference day {today:%d %b %Y} is after today; choose today or an earlier day.')
    async with _bulk_mode():
        return await _fill(request, today=today, out=out)


@asynccontextmanager
async def _bulk_mode() -> AsyncIterator[None]:
    """The process tuned for writing millions of rows, as long as the demo writes.

    A larger SQLite page cache keeps the indexes on random ids in memory, and rarer garbage collections do not
    walk the buffered rows again and again.
    """
    connection = connections.get('default')
    sqlite = connection.capabilities.dialect == 'sqlite'
    cache = None
    if sqlite:
        _, rows = await connection.execute_query('PRAGMA cache_size')
        cache = int(rows[0][0])
        await connection.execute_script(f'PRAGMA cache_size = -{CACHE_KIB}')
    thresholds = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if cache is not None:
            await connection.execute_script(f'PRAGMA cache_size = {cache}')


async def _fill(request: DemoRequest, *, today: date, out: TextIO) -> dict[str, int]:
    settings = get_settings()
    scale = _scale(request)
    rows, chain = RowWriter(MODELS), ChainWriter(settings.data_dir, await chain_tail())
    opened = datetime.combine(today - timedelta(days=scale.days), clock_time(8, 0, 0, 250_000), tzinfo=settings.tz)
    holidays = [holiday for holiday in hours.holidays(opened.year, today.year + 1) if holiday.last_day >= opened.date()]
    hired = schedule.hire_moments(today=today, days=scale.days, tz=settings.tz, holidays=holidays)
    async with in_transaction() as connection:
        clinic = await make_clinic(opened=opened, events=chain.drafts, hired=hired)
        await hours.set_up(clinic, opened=opened, events=chain.drafts)
        billed = await billing.set_up(clinic, opened=opened, events=chain.drafts)
        await chain.write(connection)
    chain.seal()
    world = World(rng=random.Random(request.seed), tz=settings.tz, today=today, clinic=clinic,  # noqa: S311 (demo)
                  rows=rows, chain=chain, serials=await _serials())
    calendar, closures, first_closure_id = await schedule.calendar(world, holidays=holidays, first=opened.date())
    world.billing = billing.Billing(world, calendar, billed, seed=request.seed)
    simulation = Simulation(world, scale, first_session_id=await _next_id(UserSession), calendar=calendar,
                            closures=closures, first_closure_id=first_closure_id)
    progress = _Progress(out=out, total=scale.patients)
    for _ in simulation.days():
        if rows.pending + len(chain.drafts) >= BATCH_ROWS:
            await commit(rows, chain)
            progress.report(world.registered, chain.written)
    simulation.reference_day(reference_moment(today, tz=settings.tz, now=utcnow()))
    simulation.finish()
    await commit(rows, chain)
    await _finish(world, simulation)
    progress.report(world.registered, chain.written, final=True)
    return {**{model._meta.db_table: rows.written[model] for model in MODELS}, 'audit_event': chain.written,
            'staff_and_branches': clinic.created, 'price_item': await PriceItem.all().count()}


def _scale(request: DemoRequest) -> Scale:
    scale = SCALES[request.scale]
    if request.patients is not None:
        scale = dataclasses.replace(scale, patients=max(2, request.patients))
    if request.days is not None:
        scale = dataclasses.replace(scale, days=max(2, request.days))
    return dataclasses.replace(scale, long_visits=min(scale.long_visits, scale.days * 6 // 7))


async def _serials() -> dict[date, int]:
    """The serials handed out so far per day, so the UIDs of a forced run continue them."""
    _, rows = await connections.get('default').execute_query('SELECT day, serial FROM patient_day_serial')
    return {date.fromisoformat(str(row['day'])[:10]): int(row['serial']) for row in rows}


async def _next_id(model: type[UserSession]) -> int:
    newest = await model.all().order_by('-id').first()
    return 1 if newest is None else newest.id + 1


async def _finish(world: World, simulation: Simulation) -> None:
    """Leave the UID allocator and the staff's last sign-ins as the app would have (one transaction)."""
    async with in_transaction() as connection:
        dialect = connection.capabilities.dialect
        await connection.execute_many(placeholders(connection, _SAVE_SERIAL),
                                      [[day.isoformat() if dialect == 'sqlite' else day, serial]
                                       for day, serial in sorted(world.serials.items())])
        for user_id, moment in simulation.last_sign_in.items():
            await User.filter(id=user_id).update(last_login_at=moment)
        if world.billing is not None:
            await billing.save_serials(connection, world.billing.serials)
            await tax_days.rebuild(connection)  # the bills were written as rows: sum their lines once
        if dialect != 'sqlite':  # these rows were given their ids here: move PostgreSQL's counters
            for table in ('user_session', 'closure', 'invoice_line', 'payment_allocation', 'day_closing'):
                await connection.execute_query(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                                               f'COALESCE((SELECT MAX(id) FROM {table}), 1))')


class _Progress:
    """Prints `patients 12,000/50,000, audit events 240,112` at most every two seconds."""

    def __init__(self, *, out: TextIO, total: int) -> None:
        self._out, self._total = out, total
        self._last = time.monotonic()

    def report(self, patients: int, events: int, *, final: bool = False) -> None:
        now = time.monotonic()
        if final or now - self._last >= PROGRESS_SECONDS:
            self._last = now
            print(f'patients {patients:,}/{self._total:,}, audit events {events:,}', file=self._out, flush=True)


def summary(counts: dict[str, int], *, seconds: float) -> str:
    """What was written, and how to sign in."""
    lines = [f'Demo data added in {seconds:.1f} s:']
    lines += [f'  {table.replace("_", " ")}: {count:,}' for table, count in counts.items()]
    lines += ['', f'Demo logins (DEMO ONLY: every demo account has the password {DEMO_PASSWORD!r}):']
    lines += [f'  {username:<16} {role.value:<11} {full_name}' for username, full_name, role, *_ in ROSTER]
    return '\n'.join(lines)
