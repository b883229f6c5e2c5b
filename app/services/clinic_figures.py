"""The clinic's figures for a period: money, patients, appointments, utilisation, conversion, outcomes.

Every figure is an aggregate worked out in SQL, grouped by branch, so the admin dashboard costs
the same dozen queries whether the clinic has a hundred invoices or ten years of them; "all
branches together" is the sum of the branches' parts (a rate is recomputed from the summed counts,
never averaged). Money is summed in whole paise in SQL and becomes a `Decimal` here.

A period is a range of the clinic's days, both ends included. Days are the clinic's days (its time
zone, `Settings.tz`): a branch set to another zone still counts by the clinic's calendar here.
Each figure's definition, as staff read it beside the figure, is in `DEFINITIONS`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from app.audit import EntityType, audit
from app.auth.actor import Actor
from app.auth.permissions import Permission, role_can
from app.clock import clinic_today
from app.config import get_settings
from app.dates import shown_date
from app.errors import ValidationFailed
from app.services.appointments import utc_of
from app.services.billing_math import ZERO
from app.services.branches import working_branch
from app.services.clinic_hours import USUAL_HOURS
from app.services.expenses import COUNTED
from app.services.outcome_scoring import MCID
from app.services.users import require
from app.sql import placeholders
from models.accounts import User
from models.billing import PaymentKind, PaymentMode
from models.clinic import Branch
from models.outcomes import Instrument
from models.registrations import ChiefComplaint
from models.scheduling import AppointmentStatus, Closure, OpeningHours, WorkingHours

MAX_DAYS = 3_660  # a custom range of up to ten years
DAILY_DAYS = 62  # the charts over time count by day up to two months, by month beyond
NOT_HELD = (AppointmentStatus.CANCELLED, AppointmentStatus.RESCHEDULED)  # history, not a clinician's booked time
UNKNOWN_SOURCE = 'Not recorded'


class PeriodKind(StrEnum):
    TODAY = 'today'
    WEEK = 'week'
    MONTH = 'month'
    YEAR = 'year'
    CUSTOM = 'custom'


PERIOD_LABELS = {PeriodKind.TODAY: 'Today', PeriodKind.WEEK: 'This week', PeriodKind.MONTH: 'This month',
                 PeriodKind.YEAR: 'Financial year to date', PeriodKind.CUSTOM: 'Custom range'}

DEFINITIONS = {
    'billed': 'Invoices issued in the period, less the credit notes issued in it (drafts are not counted).',
    'collected': 'Payments received in the period (by their collection day), less refunds paid out in it.',
    'dues': 'What issued invoices still wait for today, whatever the period: total less paid less credited.',
    'new_patients': 'Patients registered in the period (counted at the branch of their first registration).',
    'active_plans': 'Treatment plans active today, whatever the period.',
    'appointments': 'Appointments starting in the period, by their status now.',
    'no_show_rate': 'No-shows as a share of the appointments that were due and are settled: completed plus '
                    'no-shows. Cancelled and rescheduled ones are not counted.',
    'cancellation_rate': 'Cancelled appointments as a share of all appointments in the period, rescheduled ones '
                         'left out (the new time counts instead).',
    'utilisation': "Booked hours over working hours: the hours of every appointment not cancelled or rescheduled, "
                   "over the clinician's working hours on the period's days, less clinic holidays, branch closures "
                   "and leave.",
    'rebooking_rate': 'Of the patients with a completed visit in the period, the share who have another appointment '
                      'booked after their last visit in it (anything but cancelled or rescheduled).',
    'conversion': 'Inquiries taken in the period that have become registered patients, by where they heard of us.',
    'expenses': "Vouchers dated in the period that count against the budget (all but rejected ones), against the "
                "branch's daily budget times the period's days.",
    'over_time': 'Invoices issued less credit notes, and payments received less refunds, by day (a range of up to '
                 'two months) or by month.',
    'appointments_over_time': 'Appointments starting in the period by day (up to two months) or by month, by their '
                              'status now.',
    'complaints': 'Consultations of the period by the chief complaint recorded at booking.',
    'funnel': 'Inquiries taken in the period; of them, those who registered as patients; of those, the ones who '
              'have started a treatment plan.',
    'outcomes': "Patients whose latest score of the period is not their first: the average change from the first "
                "score to that latest one (a fall in pain or disability is an improvement), and the share whose "
                "improvement reaches the minimal clinically important difference (NPRS 2 points, ODI and NDI 10).",
}


@dataclass(frozen=True, kw_only=True)
class Period:
    first_day: date
    last_day: date  # inclusive
    kind: PeriodKind

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def by_month(self) -> bool:
        """Whether the charts over time count by month (a period of more than two months) or by day."""
        return self.days > DAILY_DAYS

    def buckets(self) -> list[str]:
        """Every day (or month) of the period, in order, as the charts over time name them."""
        if self.by_month:
            months, month = [], self.first_day.replace(day=1)
            while month <= self.last_day:
                months.append(f'{month:%Y-%m}')
                month = (month + timedelta(days=32)).replace(day=1)
            return months
        return [(self.first_day + timedelta(days=offset)).isoformat() for offset in range(self.days)]

    def bucket_days(self, bucket: str) -> tuple[date, date]:
        """The first and last day of one of `buckets()` within the period; ValueError for any other text."""
        if bucket not in self.buckets():
            raise ValueError(bucket)
        if not self.by_month:
            day = date.fromisoformat(bucket)
            return day, day
        first = date.fromisoformat(f'{bucket}-01')
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return max(first, self.first_day), min(last, self.last_day)

    @property
    def label(self) -> str:
        span = shown_date(self.first_day) if self.days == 1 else \
            f'{shown_date(self.first_day)} to {shown_date(self.last_day)}'
        return f'{PERIOD_LABELS[self.kind]}: {span}'


def period_of(kind: PeriodKind | str, *, today: date | None = None, first_day: date | None = None,
              last_day: date | None = None) -> Period:
    """The days a period choice covers; a custom range is checked (both days given, in order, at most ten years)."""
    today = today or clinic_today()
    try:
        chosen = PeriodKind(kind)
    except ValueError:
        raise ValidationFailed({'period': 'Choose today, this week, this month, the financial year or a custom '
                                          'range.'}) from None
    if chosen is PeriodKind.TODAY:
        return Period(first_day=today, last_day=today, kind=chosen)
    if chosen is PeriodKind.WEEK:
        return Period(first_day=today - timedelta(days=today.weekday()), last_day=today, kind=chosen)
    if chosen is PeriodKind.MONTH:
        return Period(first_day=today.replace(day=1), last_day=today, kind=chosen)
    if chosen is PeriodKind.YEAR:
        start_year = today.year if today.month >= 4 else today.year - 1
        return Period(first_day=date(start_year, 4, 1), last_day=today, kind=chosen)
    if first_day is None or last_day is None:
        raise ValidationFailed({'period': 'Give the first and the last day of the range.'})
    if last_day < first_day:
        raise ValidationFailed({'period': 'The last day of the range comes before its first day.'})
    if (last_day - first_day).days + 1 > MAX_DAYS:
        raise ValidationFailed({'period': 'Choose a range of at most ten years.'})
    return Period(first_day=first_day, last_day=last_day, kind=chosen)


def share(part: int, whole: int) -> Decimal | None:
    """A rate as a percentage with one decimal, or None when there is nothing to divide by."""
    return (Decimal(part) * 100 / whole).quantize(Decimal('0.1')) if whole else None


@dataclass(frozen=True, kw_only=True)
class ClinicianUse:
    clinician_id: int
    name: str
    booked_minutes: int
    working_minutes: int

    @property
    def utilisation(self) -> Decimal | None:
        return share(self.booked_minutes, self.working_minutes)


@dataclass(frozen=True, kw_only=True)
class SourceConversion:
    source: str
    inquiries: int
    registered: int

    @property
    def rate(self) -> Decimal | None:
        return share(self.registered, self.inquiries)


@dataclass(frozen=True, kw_only=True)
class OutcomeChange:
    instrument: Instrument
    patients: int
    improvement: Decimal  # summed over the patients (points)
    reached: int  # patients whose improvement reaches the MCID

    @property
    def average(self) -> Decimal | None:
        return (self.improvement / self.patients).quantize(Decimal('0.1')) if self.patients else None

    @property
    def reached_rate(self) -> Decimal | None:
        return share(self.reached, self.patients)


@dataclass(frozen=True, kw_only=True)
class BranchFigures:
    """One branch's figures for the period (or all branches' together, `branch_id` None)."""

    branch_id: int | None
    branch_name: str
    billed: Decimal = ZERO
    collected_by_mode: dict[PaymentMode, Decimal] = field(default_factory=dict)
    dues: Decimal = ZERO
    new_patients: int = 0
    active_plans: int = 0
    appointments: dict[AppointmentStatus, int] = field(default_factory=dict)
    clinicians: tuple[ClinicianUse, ...] = ()
    seen_patients: int = 0
    rebooked_patients: int = 0
    sources: tuple[SourceConversion, ...] = ()
    expenses: Decimal = ZERO
    budget: Decimal = ZERO  # 0: no budget set
    outcomes: tuple[OutcomeChange, ...] = ()
    billed_over_time: dict[str, Decimal] = field(default_factory=dict)  # bucket ('2026-12-07' or '2026-12') ->
    collected_over_time: dict[str, Decimal] = field(default_factory=dict)
    appointments_over_time: dict[str, dict[AppointmentStatus, int]] = field(default_factory=dict)
    complaints: dict[ChiefComplaint, int] = field(default_factory=dict)
    funnel: tuple[int, int, int] = (0, 0, 0)  # inquiries, registered, started a plan

    @property
    def collected(self) -> Decimal:
        return sum(self.collected_by_mode.values(), ZERO)

    @property
    def appointment_count(self) -> int:
        return sum(self.appointments.values())

    def _count(self, status: AppointmentStatus) -> int:
        return self.appointments.get(status, 0)

    @property
    def no_show_rate(self) -> Decimal | None:
        no_shows = self._count(AppointmentStatus.NO_SHOW)
        return share(no_shows, no_shows + self._count(AppointmentStatus.COMPLETED))

    @property
    def cancellation_rate(self) -> Decimal | None:
        return share(self._count(AppointmentStatus.CANCELLED),
                     self.appointment_count - self._count(AppointmentStatus.RESCHEDULED))

    @property
    def booked_minutes(self) -> int:
        return sum(use.booked_minutes for use in self.clinicians)

    @property
    def working_minutes(self) -> int:
        return sum(use.working_minutes for use in self.clinicians)

    @property
    def utilisation(self) -> Decimal | None:
        return share(self.booked_minutes, self.working_minutes)

    @property
    def rebooking_rate(self) -> Decimal | None:
        return share(self.rebooked_patients, self.seen_patients)

    @property
    def inquiries(self) -> int:
        return sum(source.inquiries for source in self.sources)

    @property
    def conversion_rate(self) -> Decimal | None:
        return share(sum(source.registered for source in self.sources), self.inquiries)


@dataclass(frozen=True, kw_only=True)
class ClinicFigures:
    period: Period
    branches: tuple[BranchFigures, ...]  # by name
    together: BranchFigures


async def clinic_figures(*, actor: Actor, period: Period, branch_id: int | None = None,
                         audited: bool = True) -> ClinicFigures:
    """The figures of the branches the actor may see (an admin: their own; the superadmin: all, or the one chosen).

    `audited=False` for the figures drawn again because of a change elsewhere.
    """
    require(actor, Permission.REPORTS_VIEW)
    if branch_id is not None or not actor.is_superadmin:
        branches = [await working_branch(actor, branch_id)]
    else:
        branches = list(await Branch.all().order_by('name'))
    ids = [branch.id for branch in branches]
    reader = _Reader(connections.get('default'), ids, period)
    parts: dict[int, dict[str, Any]] = {branch.id: {} for branch in branches}
    for name, by_branch in (await reader.all_parts()).items():
        for key, value in by_branch.items():
            if key in parts:
                parts[key][name] = value
    shown = tuple(BranchFigures(branch_id=branch.id, branch_name=branch.name,
                                budget=branch.daily_expense_budget * period.days, **parts[branch.id])
                  for branch in branches)
    if audited:
        await audit.view(actor, entity_type=EntityType.REPORT, entity_id='dashboard',
                         detail=f'Clinic figures, {period.label}, {", ".join(branch.name for branch in branches)}')
    return ClinicFigures(period=period, branches=shown, together=together(shown))


async def day_collections(*, branch_id: int, day: date) -> dict[PaymentMode, Decimal]:
    """One branch's collections of one day by mode, less refunds, as the Collected figure counts them.

    For the desk's own day: the caller has checked that the actor may see the branch's payments.
    """
    reader = _Reader(connections.get('default'), [branch_id], period_of(PeriodKind.CUSTOM, first_day=day, last_day=day))
    return (await reader.collected()).get(branch_id, {})


def together(branches: Sequence[BranchFigures]) -> BranchFigures:
    """All branches' figures as one: sums of their parts (rates follow from the summed counts)."""
    total = BranchFigures(branch_id=None, branch_name='All branches')
    for branch in branches:
        total = replace(
            total, billed=total.billed + branch.billed, dues=total.dues + branch.dues,
            collected_by_mode=_added(total.collected_by_mode, branch.collected_by_mode),
            new_patients=total.new_patients + branch.new_patients,
            active_plans=total.active_plans + branch.active_plans,
            appointments=_added(total.appointments, branch.appointments),
            clinicians=(*total.clinicians, *branch.clinicians),
            seen_patients=total.seen_patients + branch.seen_patients,
            rebooked_patients=total.rebooked_patients + branch.rebooked_patients,
            sources=_merged_sources(total.sources, branch.sources),
            expenses=total.expenses + branch.expenses, budget=total.budget + branch.budget,
            outcomes=_merged_outcomes(total.outcomes, branch.outcomes),
            billed_over_time=_added(total.billed_over_time, branch.billed_over_time),
            collected_over_time=_added(total.collected_over_time, branch.collected_over_time),
            appointments_over_time={bucket: _added(total.appointments_over_time.get(bucket, {}),
                                                   branch.appointments_over_time.get(bucket, {}))
                                    for bucket in {*total.appointments_over_time, *branch.appointments_over_time}},
            complaints=_added(total.complaints, branch.complaints),
            funnel=tuple(a + b for a, b in zip(total.funnel, branch.funnel, strict=True)))  # type: ignore[arg-type]
    return total


def _added(one: dict[Any, Any], other: dict[Any, Any]) -> dict[Any, Any]:
    return {key: one.get(key, 0) + other.get(key, 0) for key in (*one, *(k for k in other if k not in one))}


def _merged_sources(one: Iterable[SourceConversion], other: Iterable[SourceConversion]) -> tuple[SourceConversion, ...]:
    merged: dict[str, SourceConversion] = {source.source: source for source in one}
    for source in other:
        seen = merged.get(source.source)
        merged[source.source] = source if seen is None else replace(
            seen, inquiries=seen.inquiries + source.inquiries, registered=seen.registered + source.registered)
    return tuple(sorted(merged.values(), key=lambda source: (-source.inquiries, source.source)))


def _merged_outcomes(one: Iterable[OutcomeChange], other: Iterable[OutcomeChange]) -> tuple[OutcomeChange, ...]:
    merged: dict[Instrument, OutcomeChange] = {change.instrument: change for change in one}
    for change in other:
        seen = merged.get(change.instrument)
        merged[change.instrument] = change if seen is None else replace(
            seen, patients=seen.patients + change.patients, improvement=seen.improvement + change.improvement,
            reached=seen.reached + change.reached)
    return tuple(merged[instrument] for instrument in Instrument if instrument in merged)


def _paise(value: object) -> Decimal:
    return Decimal(int(value or 0)) / 100


# The statements are put together from this module's constants only (statuses, the MCID table); values are bound.
_NOT_HELD_SQL = ', '.join(f"'{status}'" for status in NOT_HELD)
_COUNTED_SQL = ', '.join(f"'{status}'" for status in COUNTED)
_MCID_SQL = ' '.join(f"WHEN '{instrument}' THEN {value}" for instrument, value in MCID.items())
_BILLED = ('SELECT branch_id, kind, SUM(CAST(ROUND(total * 100) AS BIGINT)) AS paise FROM invoice '
           "WHERE branch_id IN ({branches}) AND status <> 'draft' AND issued_on >= ? AND issued_on <= ? "
           'GROUP BY branch_id, kind')
_COLLECTED = ('SELECT branch_id, kind, mode, SUM(CAST(ROUND(amount * 100) AS BIGINT)) AS paise FROM payment '
              'WHERE branch_id IN ({branches}) AND day >= ? AND day <= ? GROUP BY branch_id, kind, mode')
_DUES = ('SELECT branch_id, SUM(CAST(ROUND((total - paid - credited) * 100) AS BIGINT)) AS paise FROM invoice '
         "WHERE branch_id IN ({branches}) AND kind = 'invoice' AND status IN ('issued', 'partly-paid') "
         'GROUP BY branch_id')
_NEW_PATIENTS = ('SELECT first_branch_id AS branch_id, COUNT(*) AS n FROM patient WHERE first_branch_id IN '
                 '({branches}) AND registered_on >= ? AND registered_on <= ? GROUP BY first_branch_id')
_ACTIVE_PLANS = ("SELECT branch_id, COUNT(*) AS n FROM treatment_plan WHERE branch_id IN ({branches}) "
                 "AND status = 'active' GROUP BY branch_id")
_APPOINTMENTS = ('SELECT branch_id, status, COUNT(*) AS n FROM appointment WHERE branch_id IN ({branches}) '
                 'AND starts_at >= ? AND starts_at < ? GROUP BY branch_id, status')
_BOOKED = ('SELECT branch_id, clinician_id, SUM({minutes}) AS minutes FROM appointment '  # noqa: S608 (constants)
           'WHERE branch_id IN ({branches}) AND starts_at >= ? AND starts_at < ? '
           f'AND status NOT IN ({_NOT_HELD_SQL}) '
           'GROUP BY branch_id, clinician_id')
_MINUTES = {'sqlite': '(julianday(ends_at) - julianday(starts_at)) * 1440',
            'postgres': 'EXTRACT(EPOCH FROM ends_at - starts_at) / 60'}
_REBOOKED = ('SELECT seen.branch_id, COUNT(*) AS seen, SUM(CASE WHEN EXISTS (SELECT 1 FROM appointment later '  # noqa: S608
             'WHERE later.patient_id = seen.patient_id AND later.starts_at > seen.last_visit '
             f'AND later.status NOT IN ({_NOT_HELD_SQL})) THEN 1 ELSE 0 END) AS rebooked '
             'FROM (SELECT branch_id, patient_id, MAX(starts_at) AS last_visit FROM appointment '
             "WHERE branch_id IN ({branches}) AND status = 'completed' AND starts_at >= ? AND starts_at < ? "
             'GROUP BY branch_id, patient_id) seen GROUP BY seen.branch_id')
_SOURCES = ('SELECT branch_id, referral_source AS source, COUNT(*) AS n, '
            'SUM(CASE WHEN patient_uid IS NOT NULL THEN 1 ELSE 0 END) AS registered FROM inquiry '
            'WHERE branch_id IN ({branches}) AND created_at >= ? AND created_at < ? '
            'GROUP BY branch_id, referral_source')
_EXPENSES = ('SELECT branch_id, SUM(CAST(ROUND(amount * 100) AS BIGINT)) AS paise FROM expense '  # noqa: S608
             f'WHERE branch_id IN ({{branches}}) AND spent_on >= ? AND spent_on <= ? AND status IN ({_COUNTED_SQL}) '
             'GROUP BY branch_id')
# For each patient and instrument scored in the period: the first score ever, the latest up to the period's end and
# how many there are up to then (a change needs two), each an index lookup (outcome_record by patient and day).
# `{also}` adds columns (the list behind the chart: the latest score's day), `{only}` narrows the pairs.
_PAIR = 'o.patient_id = pair.patient_id AND o.instrument = pair.instrument AND o.score IS NOT NULL'
SCORED_PAIRS = ('SELECT pair.patient_id, pair.instrument, '  # noqa: S608 (constants)
                f'(SELECT o.score FROM outcome_record o WHERE {_PAIR} '
                'ORDER BY o.recorded_on, o.created_at LIMIT 1) AS opening, '
                f'(SELECT o.score FROM outcome_record o WHERE {_PAIR} AND o.recorded_on <= ? '
                'ORDER BY o.recorded_on DESC, o.created_at DESC LIMIT 1) AS latest, '
                f'(SELECT COUNT(*) FROM outcome_record o WHERE {_PAIR} AND o.recorded_on <= ?) AS scores{{also}} '
                'FROM (SELECT DISTINCT patient_id, instrument FROM outcome_record WHERE score IS NOT NULL '
                'AND recorded_on >= ? AND recorded_on <= ?{only}) pair')
LATEST_SCORE_DAY = (', (SELECT MAX(o.recorded_on) FROM outcome_record o '  # noqa: S608 (constants)
                    f'WHERE {_PAIR} AND o.recorded_on <= ?) AS latest_on')
MCID_REACHED = f'scored.opening - scored.latest >= CASE scored.instrument {_MCID_SQL} END'
_OUTCOMES = ('SELECT patient.first_branch_id AS branch_id, scored.instrument, COUNT(*) AS patients, '  # noqa: S608
             f'SUM(scored.opening - scored.latest) AS improvement, SUM(CASE WHEN {MCID_REACHED} '
             'THEN 1 ELSE 0 END) AS reached FROM ('
             + SCORED_PAIRS.replace('{also}', '').replace('{only}', '') + ') scored '
             'JOIN patient ON patient.id = scored.patient_id '
             'WHERE scored.scores > 1 AND patient.first_branch_id IN ({branches}) '
             'GROUP BY patient.first_branch_id, scored.instrument')


# The charts over time: a bucket is the clinic's day (or month) of a date column, or of a moment moved to the
# clinic's clock ({offset}: minutes east of UTC, for SQLite; {zone}: the zone's name, for PostgreSQL).
_DAY_OF = {'sqlite': {'day': '{column}', 'month': 'substr({column}, 1, 7)'},
           'postgres': {'day': "to_char({column}, 'YYYY-MM-DD')", 'month': "to_char({column}, 'YYYY-MM')"}}
_MOMENT_DAY = {'sqlite': "date({column}, '{offset} minutes')", 'postgres': "({column} AT TIME ZONE '{zone}')"}
_BILLED_OVER_TIME = ('SELECT branch_id, {bucket} AS bucket, kind, SUM(CAST(ROUND(total * 100) AS BIGINT)) AS paise '
                     "FROM invoice WHERE branch_id IN ({branches}) AND status <> 'draft' AND issued_on >= ? "
                     'AND issued_on <= ? GROUP BY branch_id, {bucket}, kind')
_COLLECTED_OVER_TIME = ('SELECT branch_id, {bucket} AS bucket, kind, SUM(CAST(ROUND(amount * 100) AS BIGINT)) '
                        'AS paise FROM payment WHERE branch_id IN ({branches}) AND day >= ? AND day <= ? '
                        'GROUP BY branch_id, {bucket}, kind')
_APPOINTMENTS_OVER_TIME = ('SELECT branch_id, {bucket} AS bucket, status, COUNT(*) AS n FROM appointment '
                           'WHERE branch_id IN ({branches}) AND starts_at >= ? AND starts_at < ? '
                           'GROUP BY branch_id, {bucket}, status')
_COMPLAINTS = ('SELECT branch_id, chief_complaint, COUNT(*) AS n FROM registration WHERE branch_id IN ({branches}) '
               'AND visit_at >= ? AND visit_at < ? GROUP BY branch_id, chief_complaint')
_FUNNEL = ('SELECT i.branch_id, COUNT(*) AS inquiries, SUM(CASE WHEN i.patient_uid IS NOT NULL THEN 1 ELSE 0 END) '
           'AS registered, SUM(CASE WHEN EXISTS (SELECT 1 FROM patient p JOIN treatment_plan t ON t.patient_id = p.id '
           'WHERE p.uid = i.patient_uid) THEN 1 ELSE 0 END) AS treated FROM inquiry i '
           'WHERE i.branch_id IN ({branches}) AND i.created_at >= ? AND i.created_at < ? GROUP BY i.branch_id')


class _Reader:
    """The queries behind the figures, each grouped by branch (the branch ids bound once per query)."""

    def __init__(self, connection: BaseDBAsyncClient, branch_ids: list[int], period: Period) -> None:
        self.connection = connection
        self.sqlite = connection.capabilities.dialect == 'sqlite'
        self.ids = branch_ids
        self.period = period
        zone = get_settings().tz
        self.starts = utc_of(datetime.combine(period.first_day, time()), zone)
        self.ends = utc_of(datetime.combine(period.last_day + timedelta(days=1), time()), zone)
        # the first and the last day as the driver compares them with a date column (SQLite keeps ISO text)
        self.days = [day.isoformat() if self.sqlite else day for day in (period.first_day, period.last_day)]

    async def _rows(self, statement: str, values: Sequence[object]) -> list[dict[str, Any]]:
        branches = ', '.join('?' * len(self.ids))
        return await self.connection.execute_query_dict(
            placeholders(self.connection, statement.replace('{branches}', branches)), list(values))

    async def all_parts(self) -> dict[str, dict[int, Any]]:
        """Each field of `BranchFigures` the queries fill, by branch id."""
        if not self.ids:
            return {}
        parts = {'billed': await self.billed(), 'collected_by_mode': await self.collected(), 'dues': await self.dues(),
                 'new_patients': await self.new_patients(), 'active_plans': await self.active_plans(),
                 'appointments': await self.appointments(), 'clinicians': await self.clinicians(),
                 'sources': await self.sources(), 'expenses': await self.expenses(),
                 'outcomes': await self.outcomes()}
        seen, rebooked = await self.rebooking()
        over_time = {'billed_over_time': await self.money_over_time(_BILLED_OVER_TIME, 'issued_on'),
                     'collected_over_time': await self.money_over_time(_COLLECTED_OVER_TIME, 'day'),
                     'appointments_over_time': await self.appointments_over_time(),
                     'complaints': await self.complaints(), 'funnel': await self.funnel()}
        return {**parts, **over_time, 'seen_patients': seen, 'rebooked_patients': rebooked}

    def _bucket(self, column: str, *, moment: bool = False) -> str:
        dialect = 'sqlite' if self.sqlite else 'postgres'
        if moment:
            zone = get_settings().tz
            offset = int((zone.utcoffset(datetime.combine(self.period.first_day, time())) or timedelta()) \
                         .total_seconds() // 60)
            column = _MOMENT_DAY[dialect].replace('{column}', column).replace('{offset}', f'{offset:+d}') \
                .replace('{zone}', str(zone))
        return _DAY_OF[dialect]['month' if self.period.by_month else 'day'].replace('{column}', column)

    async def money_over_time(self, statement: str, column: str) -> dict[int, dict[str, Decimal]]:
        """Invoices less credit notes (or receipts less refunds) per bucket."""
        rows = await self._rows(statement.replace('{bucket}', self._bucket(column)), [*self.ids, *self.days])
        found: dict[int, dict[str, Decimal]] = {}
        for row in rows:
            sign = -1 if row['kind'] in ('credit-note', PaymentKind.REFUND) else 1
            by_bucket = found.setdefault(row['branch_id'], {})
            by_bucket[str(row['bucket'])] = by_bucket.get(str(row['bucket']), ZERO) + sign * _paise(row['paise'])
        return found

    async def appointments_over_time(self) -> dict[int, dict[str, dict[AppointmentStatus, int]]]:
        statement = _APPOINTMENTS_OVER_TIME.replace('{bucket}', self._bucket('starts_at', moment=True))
        found: dict[int, dict[str, dict[AppointmentStatus, int]]] = {}
        for row in await self._rows(statement, [*self.ids, self.starts, self.ends]):
            by_bucket = found.setdefault(row['branch_id'], {})
            by_bucket.setdefault(str(row['bucket']), {})[AppointmentStatus(row['status'])] = int(row['n'])
        return found

    async def complaints(self) -> dict[int, dict[ChiefComplaint, int]]:
        found: dict[int, dict[ChiefComplaint, int]] = {}
        for row in await self._rows(_COMPLAINTS, [*self.ids, self.starts, self.ends]):
            found.setdefault(row['branch_id'], {})[ChiefComplaint(row['chief_complaint'])] = int(row['n'])
        return found

    async def funnel(self) -> dict[int, tuple[int, int, int]]:
        rows = await self._rows(_FUNNEL, [*self.ids, self.starts, self.ends])
        return {row['branch_id']: (int(row['inquiries']), int(row['registered'] or 0), int(row['treated'] or 0))
                for row in rows}

    async def billed(self) -> dict[int, Decimal]:
        rows = await self._rows(_BILLED, [*self.ids, *self.days])
        billed: dict[int, Decimal] = {}
        for row in rows:
            sign = -1 if row['kind'] == 'credit-note' else 1
            billed[row['branch_id']] = billed.get(row['branch_id'], ZERO) + sign * _paise(row['paise'])
        return billed

    async def collected(self) -> dict[int, dict[PaymentMode, Decimal]]:
        rows = await self._rows(_COLLECTED, [*self.ids, *self.days])
        found: dict[int, dict[PaymentMode, Decimal]] = {}
        for row in rows:
            by_mode = found.setdefault(row['branch_id'], {})
            mode = PaymentMode(row['mode'])
            sign = -1 if row['kind'] == PaymentKind.REFUND else 1
            by_mode[mode] = by_mode.get(mode, ZERO) + sign * _paise(row['paise'])
        return {branch: {mode: by_mode[mode] for mode in PaymentMode if mode in by_mode}
                for branch, by_mode in found.items()}

    async def dues(self) -> dict[int, Decimal]:
        rows = await self._rows(_DUES, self.ids)
        return {row['branch_id']: _paise(row['paise']) for row in rows}

    async def new_patients(self) -> dict[int, int]:
        rows = await self._rows(_NEW_PATIENTS, [*self.ids, *self.days])
        return {row['branch_id']: int(row['n']) for row in rows}

    async def active_plans(self) -> dict[int, int]:
        rows = await self._rows(_ACTIVE_PLANS, self.ids)
        return {row['branch_id']: int(row['n']) for row in rows}

    async def appointments(self) -> dict[int, dict[AppointmentStatus, int]]:
        rows = await self._rows(_APPOINTMENTS, [*self.ids, self.starts, self.ends])
        found: dict[int, dict[AppointmentStatus, int]] = {}
        for row in rows:
            found.setdefault(row['branch_id'], {})[AppointmentStatus(row['status'])] = int(row['n'])
        return {branch: {status: counts[status] for status in AppointmentStatus if status in counts}
                for branch, counts in found.items()}

    async def clinicians(self) -> dict[int, tuple[ClinicianUse, ...]]:
        """Booked and working minutes of each clinician of the branches (and of anyone else booked there).

        A clinician without working hours of their own works whenever the branch is open (as the calendar
        books them): the branch's opening hours, or the usual ones when none are saved.
        """
        statement = _BOOKED.replace('{minutes}', _MINUTES['sqlite' if self.sqlite else 'postgres'])
        booked_rows = await self._rows(statement, [*self.ids, self.starts, self.ends])
        booked = {(row['branch_id'], row['clinician_id']): round(float(row['minutes'] or 0)) for row in booked_rows}
        staff = [user for user in await User.filter(branch_id__in=self.ids, is_active=True)
                 .values('id', 'branch_id', 'role', 'full_name') if role_can(user['role'], Permission.SCHEDULE_OWN)]
        names = {(user['branch_id'], user['id']): user['full_name'] for user in staff}
        elsewhere = {key[1] for key in booked if key not in names}
        if elsewhere:  # booked here while on another branch's staff (or since left): named all the same
            found = {user['id']: user['full_name'] for user in
                     await User.filter(id__in=elsewhere).values('id', 'full_name')}
            names.update({key: found.get(key[1], '') for key in booked if key not in names})
        hours = await WorkingHours.filter(branch_id__in=self.ids).values(
            'branch_id', 'clinician_id', 'weekday', 'starts_minute', 'ends_minute')
        opening = await OpeningHours.filter(branch_id__in=self.ids).values(
            'branch_id', 'weekday', 'opens_minute', 'closes_minute')
        closures = await Closure.filter(first_day__lte=self.period.last_day, last_day__gte=self.period.first_day) \
            .values('branch_id', 'clinician_id', 'first_day', 'last_day')
        working = self._working_minutes(names, hours, opening, closures)
        found_uses: dict[int, list[ClinicianUse]] = {}
        for key in sorted(names, key=lambda key: names[key]):
            found_uses.setdefault(key[0], []).append(ClinicianUse(
                clinician_id=key[1], name=names[key], booked_minutes=booked.get(key, 0),
                working_minutes=working.get(key, 0)))
        return {branch: tuple(uses) for branch, uses in found_uses.items()}

    def _working_minutes(self, clinicians: Iterable[tuple[int, int]], hours: list[dict[str, Any]],
                         opening: list[dict[str, Any]], closures: list[dict[str, Any]]) -> dict[tuple[int, int], int]:
        """Each clinician's working minutes on the period's days that are not a holiday, a closure or their leave.

        A loop over the period's days and the clinic's hours (its configuration, a few rows per clinician),
        never over appointments or patients.
        """
        opens: dict[int, dict[int, int]] = {}
        for row in opening:
            days = opens.setdefault(row['branch_id'], {})
            days[row['weekday']] = days.get(row['weekday'], 0) + row['closes_minute'] - row['opens_minute']
        own: dict[tuple[int, int], dict[int, int]] = {}
        for row in hours:
            days = own.setdefault((row['branch_id'], row['clinician_id']), {})
            days[row['weekday']] = days.get(row['weekday'], 0) + row['ends_minute'] - row['starts_minute']
        usual = {weekday: sum(span.ends - span.starts for span in USUAL_HOURS.spans_on(weekday))
                 for weekday in range(7)}
        per_weekday = {key: own.get(key) or opens.get(key[0]) or usual for key in clinicians}
        working: dict[tuple[int, int], int] = dict.fromkeys(per_weekday, 0)
        for offset in range(self.period.days):
            day = self.period.first_day + timedelta(days=offset)
            off = [closure for closure in closures if closure['first_day'] <= day <= closure['last_day']]
            for (branch, clinician), days in per_weekday.items():
                if not any(_keeps_off(closure, branch, clinician) for closure in off):
                    working[(branch, clinician)] += days.get(day.weekday(), 0)
        return working

    async def rebooking(self) -> tuple[dict[int, int], dict[int, int]]:
        rows = await self._rows(_REBOOKED, [*self.ids, self.starts, self.ends])
        return ({row['branch_id']: int(row['seen']) for row in rows},
                {row['branch_id']: int(row['rebooked'] or 0) for row in rows})

    async def sources(self) -> dict[int, tuple[SourceConversion, ...]]:
        rows = await self._rows(_SOURCES, [*self.ids, self.starts, self.ends])
        found: dict[int, tuple[SourceConversion, ...]] = {}
        for row in rows:
            source = SourceConversion(source=(row['source'] or '').strip() or UNKNOWN_SOURCE, inquiries=int(row['n']),
                                      registered=int(row['registered'] or 0))
            found[row['branch_id']] = _merged_sources(found.get(row['branch_id'], ()), [source])
        return found

    async def expenses(self) -> dict[int, Decimal]:
        rows = await self._rows(_EXPENSES, [*self.ids, *self.days])
        return {row['branch_id']: _paise(row['paise']) for row in rows}

    async def outcomes(self) -> dict[int, tuple[OutcomeChange, ...]]:
        rows = await self._rows(_OUTCOMES, [self.days[1], self.days[1], *self.days, *self.ids])
        found: dict[int, tuple[OutcomeChange, ...]] = {}
        for row in rows:
            change = OutcomeChange(instrument=Instrument(row['instrument']), patients=int(row['patients']),
                                   improvement=Decimal(str(row['improvement'] or 0)).quantize(Decimal('0.1')),
                                   reached=int(row['reached'] or 0))
            found[row['branch_id']] = _merged_outcomes(found.get(row['branch_id'], ()), [change])
        return found


def _keeps_off(closure: dict[str, Any], branch_id: int, clinician_id: int) -> bool:
    """Whether a closure keeps this clinician from working at this branch: a holiday, the branch's, their leave."""
    if closure['clinician_id'] is not None:
        return closure['clinician_id'] == clinician_id
    return closure['branch_id'] is None or closure['branch_id'] == branch_id
