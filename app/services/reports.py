"""The clinic's reports: registrations, patients, inquiries, tests, appointments, invoices, payments, the tax
summary, expenses and clinician productivity, for a range of days and a branch (or all, for the superadmin).

A report is a `ReportSpec`: its columns, the query of its rows (filtered in SQL by branch and day),
the order they come in, and its totals (SQL sums over the same filter, never a loop over rows). A
screen reads one page at a time (`report_page`); an export reads the same rows in batches
(`report_batches`), so a CSV or an Excel file of 100,000 rows never holds them all at once. Each
page read and each export is audited, with the filter and the number of rows.

Days are the clinic's days (`Settings.tz`). Each row says which date it counts by (the visit, the
issue, the collection day, ...). The registrations report leaves the chief complaint out and the
tests report their results: admins read reports, and the clinical record is not theirs to read.
Diagnostic tests count at their patient's first branch (a test has no branch of its own).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from tortoise import connections
from tortoise.functions import Sum
from tortoise.queryset import QuerySet

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import clinic_today
from app.config import get_settings
from app.dates import shown_date
from app.errors import NotFound, ValidationFailed
from app.services.appointments import STATUS_LABELS as APPOINTMENT_STATUS_LABELS
from app.services.appointments import utc_of
from app.services.billing_math import ZERO
from app.services.branches import working_branch
from app.services.clinic_figures import MAX_DAYS, NOT_HELD
from app.services.consultations import PAYMENT_LABELS
from app.services.consultations import STATUS_LABELS as CONSULTATION_STATUS_LABELS
from app.services.diagnostic_tests import STATUS_LABELS as TEST_STATUS_LABELS
from app.services.expenses import COUNTED
from app.services.expenses import STATUS_LABELS as EXPENSE_STATUS_LABELS
from app.services.inquiries import KIND_LABELS as INQUIRY_KIND_LABELS
from app.services.inquiries import STATUS_LABELS as INQUIRY_STATUS_LABELS
from app.services.invoices import STATUS_LABELS as INVOICE_STATUS_LABELS
from app.services.payments import MODE_LABELS
from app.services.users import require
from app.services.vocabulary import CONSULTATION_TYPE_LABELS, GENDER_LABELS, SERVICE_LABELS, TEST_KIND_LABELS
from app.sql import placeholders
from models.billing import Expense, Invoice, InvoiceKind, InvoiceStatus, Payment, PaymentKind
from models.clinic import Branch
from models.clinical import DiagnosticTest
from models.inquiries import Inquiry
from models.patients import Patient
from models.registrations import Registration
from models.scheduling import Appointment

PAGE_SIZES = (25, 50, 100)
PER_PAGE = 25
BATCH = 2_000  # rows an export reads at a time
PRINT_LIMIT = 2_000  # rows the print view holds (about 40 A4 pages); a longer report is exported


class ReportKind(StrEnum):
    REGISTRATIONS = 'registrations'
    PATIENTS = 'patients'
    INQUIRIES = 'inquiries'
    TESTS = 'tests'
    APPOINTMENTS = 'appointments'
    INVOICES = 'invoices'
    PAYMENTS = 'payments'
    TAX = 'tax-summary'
    EXPENSES = 'expenses'
    PRODUCTIVITY = 'productivity'


class ColumnKind(StrEnum):
    TEXT = 'text'
    DATE = 'date'
    MOMENT = 'moment'  # a date and a time, clinic time
    MONEY = 'money'
    NUMBER = 'number'


@dataclass(frozen=True, kw_only=True)
class ReportColumn:
    key: str
    label: str
    kind: ColumnKind = ColumnKind.TEXT
    secondary: bool = False  # left out of a narrow screen (a tablet); always in the files and the printout


@dataclass(frozen=True, kw_only=True)
class Scope:
    """What a report is filtered by: the branches and the clinic's days, both ends included."""

    branch_ids: tuple[int, ...]
    branch_names: dict[int, str]
    first_day: date
    last_day: date
    zone: ZoneInfo

    @property
    def starts(self) -> datetime:
        return utc_of(datetime.combine(self.first_day, time()), self.zone)

    @property
    def ends(self) -> datetime:
        return utc_of(datetime.combine(self.last_day + timedelta(days=1), time()), self.zone)

    @property
    def label(self) -> str:
        days = shown_date(self.first_day) if self.first_day == self.last_day else \
            f'{shown_date(self.first_day)} to {shown_date(self.last_day)}'
        return f'{days}, {", ".join(self.branch_names.values())}'


Row = tuple[Any, ...]


@dataclass(frozen=True, kw_only=True)
class ReportSpec:
    """One report. `query`/`ordering`/`fields`/`cells` for a list of records; `summary` for a grouped one."""

    kind: ReportKind
    title: str
    description: str
    columns: tuple[ReportColumn, ...]
    query: Callable[[Scope], QuerySet[Any]] | None = None
    ordering: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    cells: Callable[[dict[str, Any], Scope], Row] | None = None
    totals: Callable[[QuerySet[Any]], Awaitable[dict[str, Decimal]]] | None = None
    summary: Callable[[Scope], Awaitable[list[Row]]] | None = None  # a few grouped rows, read whole


@dataclass(frozen=True, kw_only=True)
class ReportPage:
    spec: ReportSpec
    scope: Scope
    rows: list[Row]
    total: int
    page: int
    per_page: int
    totals: dict[str, Decimal] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def scope_of(first_day: date | None, last_day: date | None) -> tuple[date, date]:
    """The range asked for, checked: both days, in order, at most ten years (default: this month so far)."""
    today = clinic_today()
    first_day = first_day or today.replace(day=1)
    last_day = last_day or today
    if last_day < first_day:
        raise ValidationFailed({'period': 'The last day of the range comes before its first day.'})
    if (last_day - first_day).days + 1 > MAX_DAYS:
        raise ValidationFailed({'period': 'Choose a range of at most ten years.'})
    return first_day, last_day


async def _scope(actor: Actor, first_day: date | None, last_day: date | None, branch_id: int | None) -> Scope:
    require(actor, Permission.REPORTS_VIEW)
    first, last = scope_of(first_day, last_day)
    if branch_id is not None or not actor.is_superadmin:
        branches = [await working_branch(actor, branch_id)]
    else:
        branches = list(await Branch.all().order_by('name'))
    return Scope(branch_ids=tuple(branch.id for branch in branches),
                 branch_names={branch.id: branch.name for branch in branches}, first_day=first, last_day=last,
                 zone=get_settings().tz)


def spec_of(kind: ReportKind | str) -> ReportSpec:
    try:
        return REPORTS[ReportKind(kind)]
    except ValueError:
        raise NotFound('That report could not be found.') from None


@audit_denials(EntityType.REPORT)
async def report_page(*, actor: Actor, kind: ReportKind | str, first_day: date | None = None,
                      last_day: date | None = None, branch_id: int | None = None, page: int = 1,
                      per_page: int = PER_PAGE) -> ReportPage:
    """One page of a report with its totals over every row of the filter; the view is audited."""
    spec = spec_of(kind)
    scope = await _scope(actor, first_day, last_day, branch_id)
    per_page = per_page if per_page in PAGE_SIZES else PER_PAGE
    if spec.summary is not None:
        every = await spec.summary(scope)
        total = len(every)
        page = min(max(1, page), max(1, -(-total // per_page)))
        rows = every[(page - 1) * per_page:page * per_page]
        totals = _summed(spec, every)
    else:
        query = _query(spec, scope)
        total = await query.count()
        page = min(max(1, page), max(1, -(-total // per_page)))
        rows = [spec.cells(values, scope) for values in  # type: ignore[misc]
                await query.order_by(*spec.ordering).offset((page - 1) * per_page).limit(per_page)
                .values(*spec.fields)]
        totals = await spec.totals(query) if spec.totals else {}
    shown = ReportPage(spec=spec, scope=scope, rows=rows, total=total, page=page, per_page=per_page, totals=totals)
    await audit.view(actor, entity_type=EntityType.REPORT, entity_id=f'report-{spec.kind.value}',
                     detail=f'{spec.title}, {scope.label}: {len(rows)} of {total} row(s), page {page}')
    return shown


@dataclass(frozen=True, kw_only=True)
class ReportExport:
    """What an export writes: the report, its filter and how many rows; `batches()` gives them in order."""

    spec: ReportSpec
    scope: Scope
    total: int
    batches: Callable[[], AsyncIterator[list[Row]]]

    @property
    def filename_stem(self) -> str:
        return f'{self.spec.kind.value}-{self.scope.first_day:%Y%m%d}-{self.scope.last_day:%Y%m%d}'


@audit_denials(EntityType.REPORT, refused_action=Action.EXPORT)
async def report_export(*, actor: Actor, kind: ReportKind | str, file_format: str, first_day: date | None = None,
                        last_day: date | None = None, branch_id: int | None = None) -> ReportExport:
    """Every row of the filter, in batches of `BATCH`, for a CSV or an Excel file; the export is audited.

    The rows are counted first and the export stops at that count, so the file holds the rows the
    filter had when it was asked for (one booked a moment later is not half in it).
    """
    spec = spec_of(kind)
    scope = await _scope(actor, first_day, last_day, branch_id)
    if spec.summary is not None:
        every = await spec.summary(scope)
        total = len(every)

        async def summary_batches() -> AsyncIterator[list[Row]]:
            yield every

        batches = summary_batches
    else:
        query = _query(spec, scope)
        total = await query.count()

        async def record_batches() -> AsyncIterator[list[Row]]:
            for offset in range(0, total, BATCH):
                values = await query.order_by(*spec.ordering, *_tie_breaker(spec)).offset(offset) \
                    .limit(min(BATCH, total - offset)).values(*spec.fields)
                yield [spec.cells(row, scope) for row in values]  # type: ignore[misc]

        batches = record_batches
    await audit.record(actor, action=Action.EXPORT, entity_type=EntityType.REPORT,
                       entity_id=f'report-{spec.kind.value}',
                       detail=f'{spec.title} exported as {file_format}, {scope.label}: {total} row(s)')
    return ReportExport(spec=spec, scope=scope, total=total, batches=batches)


@dataclass(frozen=True, kw_only=True)
class ReportPrint:
    """A report for the printer: every row of the filter, or none when there are more than `PRINT_LIMIT`."""

    spec: ReportSpec
    scope: Scope
    total: int
    rows: list[Row] | None
    totals: dict[str, Decimal] = field(default_factory=dict)


@audit_denials(EntityType.REPORT, refused_action=Action.PRINT)
async def report_print(*, actor: Actor, kind: ReportKind | str, first_day: date | None = None,
                       last_day: date | None = None, branch_id: int | None = None) -> ReportPrint:
    """Every row for the print view (up to `PRINT_LIMIT`: a longer report is exported instead); audited as printed."""
    spec = spec_of(kind)
    scope = await _scope(actor, first_day, last_day, branch_id)
    if spec.summary is not None:
        rows: list[Row] | None = await spec.summary(scope)
        total = len(rows or [])
        totals = _summed(spec, rows or [])
    else:
        query = _query(spec, scope)
        total = await query.count()
        rows = None if total > PRINT_LIMIT else [
            spec.cells(values, scope) for values in  # type: ignore[misc]
            await query.order_by(*spec.ordering, *_tie_breaker(spec)).values(*spec.fields)]
        totals = await spec.totals(query) if spec.totals and rows is not None else {}
    if rows is not None:
        await audit.record(actor, action=Action.PRINT, entity_type=EntityType.REPORT,
                           entity_id=f'report-{spec.kind.value}',
                           detail=f'{spec.title} opened for printing, {scope.label}: {total} row(s)')
    return ReportPrint(spec=spec, scope=scope, total=total, rows=rows, totals=totals)


def _query(spec: ReportSpec, scope: Scope) -> QuerySet[Any]:
    assert spec.query is not None
    return spec.query(scope)


def _tie_breaker(spec: ReportSpec) -> tuple[str, ...]:
    """The primary key after the report's order, so rows of the same moment keep one order across batches."""
    return () if 'id' in spec.ordering else ('id',)


def _summed(spec: ReportSpec, rows: Sequence[Row]) -> dict[str, Decimal]:
    """Totals of a grouped report's money and count columns (its few rows are already aggregates; a rate is text)."""
    totals: dict[str, Decimal] = {}
    for index, column in enumerate(spec.columns):
        if column.kind in (ColumnKind.MONEY, ColumnKind.NUMBER):
            totals[column.key] = sum((Decimal(row[index] or 0) for row in rows), Decimal(0))
    return totals


async def _sums(query: QuerySet[Any], **sums: str) -> dict[str, Decimal]:
    """SQL sums over the report's filter, to the paisa (SQLite sums decimals as floating point)."""
    found = await query.annotate(**{key: Sum(name) for key, name in sums.items()}).values(*sums)
    values = found[0] if found else {}
    return {key: Decimal(str(values.get(key) or 0)).quantize(Decimal('0.01')) for key in sums}


def _moment(value: datetime | None, scope: Scope) -> datetime | None:
    return value.astimezone(scope.zone).replace(tzinfo=None) if value else None


def _age(values: dict[str, Any], on: date) -> int | None:
    born = values.get('date_of_birth')
    if born is None:
        return values.get('age_years')
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


# -- the reports ---------------------------------------------------------------------------------------

def _registrations(scope: Scope) -> QuerySet[Any]:
    return Registration.filter(branch_id__in=scope.branch_ids, visit_at__gte=scope.starts, visit_at__lt=scope.ends)


def _patients(scope: Scope) -> QuerySet[Any]:
    return Patient.filter(first_branch_id__in=scope.branch_ids, registered_on__gte=scope.first_day,
                          registered_on__lte=scope.last_day)


def _inquiries(scope: Scope) -> QuerySet[Any]:
    return Inquiry.filter(branch_id__in=scope.branch_ids, created_at__gte=scope.starts, created_at__lt=scope.ends)


def _tests(scope: Scope) -> QuerySet[Any]:
    return DiagnosticTest.filter(patient__first_branch_id__in=scope.branch_ids, created_at__gte=scope.starts,
                                 created_at__lt=scope.ends)


def _appointments(scope: Scope) -> QuerySet[Any]:
    return Appointment.filter(branch_id__in=scope.branch_ids, starts_at__gte=scope.starts, starts_at__lt=scope.ends)


def _invoices(scope: Scope) -> QuerySet[Any]:
    return Invoice.filter(branch_id__in=scope.branch_ids, issued_on__gte=scope.first_day,
                          issued_on__lte=scope.last_day).exclude(status=InvoiceStatus.DRAFT)


def _payments(scope: Scope) -> QuerySet[Any]:
    return Payment.filter(branch_id__in=scope.branch_ids, day__gte=scope.first_day, day__lte=scope.last_day)


def _expenses(scope: Scope) -> QuerySet[Any]:
    return Expense.filter(branch_id__in=scope.branch_ids, spent_on__gte=scope.first_day,
                          spent_on__lte=scope.last_day)


async def _invoice_totals(query: QuerySet[Any]) -> dict[str, Decimal]:
    """Invoices less credit notes, column by column."""
    money = {'taxable': 'taxable_value', 'cgst': 'cgst', 'sgst': 'sgst', 'igst': 'igst', 'total': 'total',
             'paid': 'paid'}
    billed = await _sums(query.filter(kind=InvoiceKind.INVOICE), **money)
    credited = await _sums(query.filter(kind=InvoiceKind.CREDIT_NOTE), **money)
    return {key: billed[key] - credited[key] for key in money}


async def _payment_totals(query: QuerySet[Any]) -> dict[str, Decimal]:
    received = await _sums(query.filter(kind=PaymentKind.RECEIPT), amount='amount')
    refunded = await _sums(query.filter(kind=PaymentKind.REFUND), amount='amount')
    return {'amount': received['amount'] - refunded['amount']}


async def _expense_totals(query: QuerySet[Any]) -> dict[str, Decimal]:
    return await _sums(query.filter(status__in=COUNTED), amount='amount')


def _branch(values: dict[str, Any], scope: Scope, key: str = 'branch_id') -> str:
    return scope.branch_names.get(values[key], '')


# The daily sums kept as invoices are issued (`TaxDay`), not the lines themselves: a few rows a day whatever the
# range (large demo, ten years of a branch: 420 ms over the lines).
_TAX_SQL = ('SELECT sac, tax_rate, interstate, kind, SUM(taxable_paise) AS taxable, SUM(tax_paise) AS tax '
            'FROM tax_day WHERE branch_id IN ({branches}) AND day >= ? AND day <= ? '
            'GROUP BY sac, tax_rate, interstate, kind')


async def _tax_summary(scope: Scope) -> list[Row]:
    """Per SAC/HSN code and rate: taxable value and tax, intrastate (CGST + SGST) apart from interstate (IGST);
    credit notes are taken off."""
    connection = connections.get('default')
    sqlite = connection.capabilities.dialect == 'sqlite'
    days = [day.isoformat() if sqlite else day for day in (scope.first_day, scope.last_day)]
    statement = _TAX_SQL.replace('{branches}', ', '.join('?' * len(scope.branch_ids)))
    found = await connection.execute_query_dict(placeholders(connection, statement), [*scope.branch_ids, *days])
    grouped: dict[tuple[str, Decimal], list[Decimal]] = {}
    for row in found:
        sign = -1 if row['kind'] == InvoiceKind.CREDIT_NOTE else 1
        key = (row['sac'], Decimal(str(row['tax_rate'])).quantize(Decimal('0.01')))
        parts = grouped.setdefault(key, [ZERO, ZERO, ZERO])
        parts[0] += sign * Decimal(int(row['taxable'] or 0)) / 100
        parts[2 if row['interstate'] else 1] += sign * Decimal(int(row['tax'] or 0)) / 100
    return [(sac, rate, taxable, intrastate, interstate, taxable + intrastate + interstate)
            for (sac, rate), (taxable, intrastate, interstate) in sorted(grouped.items())]


_NOT_HELD_SQL = ', '.join(f"'{status}'" for status in NOT_HELD)
# Counted over the appointments alone, then named: joined to the staff inside, SQLite reads each appointment's row
# instead of the index that holds every column counted here (large demo, ten years of a branch: 500 to 180 ms).
_PRODUCTIVITY_SQL = ('SELECT held.*, u.full_name FROM (SELECT a.clinician_id, COUNT(*) AS held, '  # noqa: S608
                     "SUM(CASE WHEN a.status = 'completed' THEN 1 ELSE 0 END) AS completed, "
                     "SUM(CASE WHEN a.status = 'no-show' THEN 1 ELSE 0 END) AS no_shows, "
                     "COUNT(DISTINCT CASE WHEN a.status = 'completed' THEN a.patient_id END) AS patients, "
                     "SUM(CASE WHEN a.status = 'completed' THEN {minutes} ELSE 0 END) AS minutes "
                     'FROM appointment a WHERE a.branch_id IN ({branches}) AND a.starts_at >= ? AND a.starts_at < ? '
                     f'AND a.status NOT IN ({_NOT_HELD_SQL}) GROUP BY a.clinician_id) held '
                     'JOIN user_account u ON u.id = held.clinician_id')
_SIGNED_SQL = ('SELECT n.author_id, COUNT(*) AS signed FROM clinical_note n '
               'JOIN user_account u ON u.id = n.author_id '
               'WHERE u.branch_id IN ({branches}) AND n.signed_at >= ? AND n.signed_at < ? GROUP BY n.author_id')
_MINUTES = {'sqlite': '(julianday(a.ends_at) - julianday(a.starts_at)) * 1440',
            'postgres': 'EXTRACT(EPOCH FROM a.ends_at - a.starts_at) / 60'}


async def _productivity(scope: Scope) -> list[Row]:
    """Per clinician: appointments held (not cancelled or rescheduled), completed, no-shows, patients seen,
    hours of completed visits, and notes signed in the range (by the clinicians on the branches' staff)."""
    connection = connections.get('default')
    sqlite = connection.capabilities.dialect == 'sqlite'
    branches = ', '.join('?' * len(scope.branch_ids))
    held = await connection.execute_query_dict(placeholders(connection, _PRODUCTIVITY_SQL.replace(
        '{minutes}', _MINUTES['sqlite' if sqlite else 'postgres']).replace('{branches}', branches)),
        [*scope.branch_ids, scope.starts, scope.ends])
    signed = {row['author_id']: int(row['signed']) for row in await connection.execute_query_dict(
        placeholders(connection, _SIGNED_SQL.replace('{branches}', branches)),
        [*scope.branch_ids, scope.starts, scope.ends])}
    rows = [(row['full_name'], int(row['held']), int(row['completed'] or 0), int(row['no_shows'] or 0),
             int(row['patients'] or 0), (Decimal(str(row['minutes'] or 0)) / 60).quantize(Decimal('0.1')),
             signed.get(row['clinician_id'], 0)) for row in held]
    return sorted(rows, key=lambda row: row[0])


def _c(key: str, label: str, kind: ColumnKind = ColumnKind.TEXT, *, secondary: bool = False) -> ReportColumn:
    return ReportColumn(key=key, label=label, kind=kind, secondary=secondary)


def _s(key: str, label: str, kind: ColumnKind = ColumnKind.TEXT) -> ReportColumn:
    """A secondary column: in the files and the printout, not on a tablet's screen."""
    return _c(key, label, kind, secondary=True)


_BRANCH = _s('branch', 'Branch')
_MONEY, _DAY, _AT, _COUNT = ColumnKind.MONEY, ColumnKind.DATE, ColumnKind.MOMENT, ColumnKind.NUMBER

REPORTS: dict[ReportKind, ReportSpec] = {spec.kind: spec for spec in (
    ReportSpec(
        kind=ReportKind.REGISTRATIONS, title='Registrations',
        description='Consultations booked at the desk, by the day of the visit.',
        columns=(_c('visit', 'Visit', _AT), _c('uid', 'UID'), _c('patient', 'Patient'), _c('type', 'Type'),
                 _s('source', 'Referral source'), _c('status', 'Status'), _s('method', 'Paid by'),
                 _c('fee', 'Fee', _MONEY), _BRANCH),
        query=_registrations, ordering=('-visit_at',),
        fields=('visit_at', 'patient__uid', 'patient__full_name', 'consultation_type', 'referral_source', 'status',
                'payment_method', 'fee', 'branch_id'),
        cells=lambda v, s: (_moment(v['visit_at'], s), v['patient__uid'], v['patient__full_name'],
                            CONSULTATION_TYPE_LABELS.get(v['consultation_type'], v['consultation_type']),
                            v['referral_source'], CONSULTATION_STATUS_LABELS.get(v['status'], v['status']),
                            PAYMENT_LABELS.get(v['payment_method'], v['payment_method']), v['fee'], _branch(v, s)),
        totals=lambda query: _sums(query, fee='fee')),
    ReportSpec(
        kind=ReportKind.PATIENTS, title='Patients', description='Patients registered, by the day of registration.',
        columns=(_c('registered', 'Registered', _DAY), _c('uid', 'UID'), _c('patient', 'Name'), _s('phone', 'Phone'),
                 _s('gender', 'Gender'), _c('age', 'Age', _COUNT), _BRANCH),
        query=_patients, ordering=('-registered_on', '-created_at'),
        fields=('registered_on', 'uid', 'full_name', 'phone', 'gender', 'date_of_birth', 'age_years',
                'first_branch_id'),
        cells=lambda v, s: (v['registered_on'], v['uid'], v['full_name'], v['phone'],
                            GENDER_LABELS.get(v['gender'], v['gender']), _age(v, v['registered_on']),
                            _branch(v, s, 'first_branch_id'))),
    ReportSpec(
        kind=ReportKind.INQUIRIES, title='Inquiries', description='Inquiries and online requests, by when received.',
        columns=(_c('received', 'Received', _AT), _c('name', 'Name'), _s('phone', 'Phone'), _s('kind', 'Kind'),
                 _s('source', 'Referral source'), _c('status', 'Status'), _s('uid', 'Patient UID'), _BRANCH),
        query=_inquiries, ordering=('-created_at',),
        fields=('created_at', 'full_name', 'phone', 'kind', 'referral_source', 'status', 'patient_uid', 'branch_id'),
        cells=lambda v, s: (_moment(v['created_at'], s), v['full_name'], v['phone'],
                            INQUIRY_KIND_LABELS.get(v['kind'], v['kind']), v['referral_source'],
                            INQUIRY_STATUS_LABELS.get(v['status'], v['status']), v['patient_uid'], _branch(v, s))),
    ReportSpec(
        kind=ReportKind.TESTS, title='Diagnostic tests',
        description="Tests asked for, by the day they were entered, at the patient's first branch.",
        columns=(_c('entered', 'Entered', _AT), _c('uid', 'UID'), _c('patient', 'Patient'), _c('test', 'Test'),
                 _s('referred_by', 'Referred by'), _s('done_by', 'Done by'), _c('status', 'Status'), _BRANCH),
        query=_tests, ordering=('-created_at',),
        fields=('created_at', 'patient__uid', 'patient__full_name', 'kind', 'referred_by', 'done_by', 'status',
                'patient__first_branch_id'),
        cells=lambda v, s: (_moment(v['created_at'], s), v['patient__uid'], v['patient__full_name'],
                            TEST_KIND_LABELS.get(v['kind'], v['kind']), v['referred_by'], v['done_by'],
                            TEST_STATUS_LABELS.get(v['status'], v['status']),
                            _branch(v, s, 'patient__first_branch_id'))),
    ReportSpec(
        kind=ReportKind.APPOINTMENTS, title='Appointments and attendance',
        description='Appointments by when they start, with their status now.',
        columns=(_c('starts', 'Starts', _AT), _c('uid', 'UID'), _c('patient', 'Patient'),
                 _c('clinician', 'Clinician'), _s('service', 'Service'), _s('session', 'Session', _COUNT),
                 _c('status', 'Status'), _BRANCH),
        query=_appointments, ordering=('-starts_at',),
        fields=('starts_at', 'patient__uid', 'patient__full_name', 'clinician__full_name', 'service',
                'session_number', 'status', 'branch_id'),
        cells=lambda v, s: (_moment(v['starts_at'], s), v['patient__uid'], v['patient__full_name'],
                            v['clinician__full_name'], SERVICE_LABELS.get(v['service'], v['service']),
                            v['session_number'], APPOINTMENT_STATUS_LABELS.get(v['status'], v['status']),
                            _branch(v, s))),
    ReportSpec(
        kind=ReportKind.INVOICES, title='Invoices and credit notes',
        description='Issued invoices and credit notes, by the day of issue; totals are invoices less credit notes.',
        columns=(_c('issued', 'Issued', _DAY), _c('number', 'Number'), _s('kind', 'Kind'), _c('uid', 'UID'),
                 _c('patient', 'Patient'), _c('status', 'Status'), _c('taxable', 'Taxable value', _MONEY),
                 _s('cgst', 'CGST', _MONEY), _s('sgst', 'SGST', _MONEY), _s('igst', 'IGST', _MONEY),
                 _c('total', 'Total', _MONEY), _s('paid', 'Paid', _MONEY), _BRANCH),
        query=_invoices, ordering=('-issued_on', '-issued_at', '-number'),
        fields=('issued_on', 'number', 'kind', 'patient__uid', 'patient__full_name', 'status', 'taxable_value',
                'cgst', 'sgst', 'igst', 'total', 'paid', 'branch_id'),
        cells=lambda v, s: (v['issued_on'], v['number'],
                            'Credit note' if v['kind'] == InvoiceKind.CREDIT_NOTE else 'Invoice', v['patient__uid'],
                            v['patient__full_name'], INVOICE_STATUS_LABELS.get(v['status'], v['status']),
                            v['taxable_value'], v['cgst'], v['sgst'], v['igst'], v['total'], v['paid'],
                            _branch(v, s)),
        totals=_invoice_totals),
    ReportSpec(
        kind=ReportKind.PAYMENTS, title='Payments and refunds',
        description='Receipts and refunds by their collection day; a refund counts against the total.',
        columns=(_c('day', 'Day', _DAY), _c('number', 'Number'), _c('uid', 'UID'), _c('patient', 'Patient'),
                 _c('mode', 'Mode'), _s('reference', 'Reference'), _c('amount', 'Amount', _MONEY), _BRANCH),
        query=_payments, ordering=('-day', '-received_at'),
        fields=('day', 'number', 'patient__uid', 'patient__full_name', 'mode', 'reference', 'kind', 'amount',
                'branch_id'),
        cells=lambda v, s: (v['day'], v['number'], v['patient__uid'], v['patient__full_name'],
                            MODE_LABELS.get(v['mode'], v['mode']), v['reference'],
                            -v['amount'] if v['kind'] == PaymentKind.REFUND else v['amount'], _branch(v, s)),
        totals=_payment_totals),
    ReportSpec(
        kind=ReportKind.TAX, title='Tax summary (for the GST return)',
        description='Issued invoices less credit notes, by SAC/HSN code and GST rate, by the day of issue.',
        columns=(_c('sac', 'SAC / HSN'), _c('rate', 'GST rate %'), _c('taxable', 'Taxable value', _MONEY),
                 _c('intrastate', 'CGST + SGST', _MONEY), _c('interstate', 'IGST', _MONEY),
                 _c('total', 'Total', _MONEY)),
        summary=_tax_summary),
    ReportSpec(
        kind=ReportKind.EXPENSES, title='Expenses',
        description='Expense vouchers by their date; the total leaves rejected vouchers out.',
        columns=(_c('day', 'Date', _DAY), _c('number', 'Voucher'), _c('paid_to', 'Paid to'),
                 _c('purpose', 'Purpose'), _c('mode', 'Mode'), _c('status', 'Status'),
                 _c('amount', 'Amount', _MONEY), _BRANCH),
        query=_expenses, ordering=('-spent_on', '-created_at'),
        fields=('spent_on', 'number', 'paid_to', 'purpose', 'mode', 'status', 'amount', 'branch_id'),
        cells=lambda v, s: (v['spent_on'], v['number'], v['paid_to'], v['purpose'],
                            MODE_LABELS.get(v['mode'], v['mode']), EXPENSE_STATUS_LABELS.get(v['status'], v['status']),
                            v['amount'], _branch(v, s)),
        totals=_expense_totals),
    ReportSpec(
        kind=ReportKind.PRODUCTIVITY, title='Clinician productivity',
        description='Per clinician, appointments starting in the range (cancelled and rescheduled ones left out), '
                    'and the notes they signed in it.',
        columns=(_c('clinician', 'Clinician'), _c('held', 'Appointments', _COUNT),
                 _c('completed', 'Completed', _COUNT), _c('no_shows', 'No-shows', _COUNT),
                 _c('patients', 'Patients seen', _COUNT), _c('hours', 'Hours of visits', _COUNT),
                 _c('signed', 'Notes signed', _COUNT)),
        summary=_productivity),
)}
