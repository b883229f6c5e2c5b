"""The rows behind a bar, a point or a slice of the admin dashboard's charts, a page at a time.

Each list is scoped as the figures are (`clinic_figures`): an admin reads their own branch, the
superadmin every branch or the one chosen, and each asks what its figure's query counts, so a list
never holds a row the chart did not count. Every page read is audited, as the figures are.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from tortoise import connections
from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from app.audit import EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.config import get_settings
from app.errors import NotFound
from app.services.appointments import STATUS_LABELS
from app.services.branches import working_branch
from app.services.clinic_figures import LATEST_SCORE_DAY, MCID_REACHED, NOT_HELD, SCORED_PAIRS, UNKNOWN_SOURCE, Period
from app.services.consultations import COMPLAINT_LABELS
from app.services.outcome_scoring import INSTRUMENT_NAMES, MCID
from app.services.paging import Page, page_size, read_page, within
from app.services.payments import MODE_LABELS
from app.services.reports import Scope
from app.services.users import require
from app.services.vocabulary import CONSULTATION_TYPE_LABELS, SERVICE_LABELS
from app.sql import placeholders
from models.billing import Invoice, InvoiceKind, InvoiceStatus, Payment, PaymentKind, PaymentMode
from models.clinic import Branch
from models.inquiries import Inquiry
from models.outcomes import Instrument
from models.patients import Patient
from models.plans import TreatmentPlan
from models.registrations import ChiefComplaint, Registration
from models.scheduling import Appointment, AppointmentStatus

LIST_SIZES = (10, 25, 50)
LIST_PER_PAGE = 10


class FigureList(StrEnum):
    APPOINTMENTS = 'appointments'  # by status: the key is the status
    COLLECTIONS = 'collections'  # by mode: the key is the mode
    CLINICIAN = 'clinician'  # a clinician's held appointments: the key is the clinician's id
    SOURCE = 'source'  # inquiries by where they heard of us: the key is the source as the chart names it
    BILLED_ON = 'billed-on'  # invoices and credit notes of a day or month: the key is the chart's bucket
    COLLECTED_ON = 'collected-on'  # receipts and refunds of a day or month: the key is the bucket
    APPOINTMENTS_ON = 'appointments-on'  # by status in a day or month: the key is 'status/bucket'
    COMPLAINT = 'complaint'  # consultations by chief complaint: the key is the complaint
    FUNNEL = 'funnel'  # a stage of the inquiry funnel: the key is one of FUNNEL_STAGES
    OUTCOME = 'outcome'  # the patients whose score changed: the key is the instrument


FUNNEL_STAGES = {'inquiries': 'Inquiries', 'registered': 'Registered', 'treated': 'Started a plan'}


@dataclass(frozen=True, kw_only=True)
class ListedRow:
    id: str
    when: datetime | date  # clinic time, or the clinic's day (an outcome score)
    patient: str  # 'Meera Iyer · 261207-1', or the caller's name for an inquiry
    patient_uid: str | None
    detail: str
    amount: Decimal | None = None
    branch: str = ''


# The outcome chart's patients of one instrument (its query, `clinic_figures.SCORED_PAIRS`): how many, and a page.
_CHANGED = ('scored JOIN patient ON patient.id = scored.patient_id WHERE scored.scores > 1 '
            'AND patient.first_branch_id IN ({branches})')
_ONE_INSTRUMENT = SCORED_PAIRS.replace('{only}', ' AND instrument = ?')
_CHANGES_COUNTED = f"SELECT COUNT(*) AS n FROM ({_ONE_INSTRUMENT.replace('{also}', '')}) {_CHANGED}"  # noqa: S608
_CHANGES_LISTED = ('SELECT scored.patient_id, scored.opening, scored.latest, scored.latest_on, '  # noqa: S608
                   f'patient.first_branch_id AS branch_id, CASE WHEN {MCID_REACHED} THEN 1 ELSE 0 END AS reached '
                   f"FROM ({_ONE_INSTRUMENT.replace('{also}', LATEST_SCORE_DAY)}) {_CHANGED} "
                   'ORDER BY scored.latest_on DESC, scored.patient_id LIMIT ? OFFSET ?')
Choice = TypeVar('Choice', bound=StrEnum)
Reader = Callable[[Scope, str, int, int], Awaitable[tuple[str, Page[ListedRow]]]]


@audit_denials(EntityType.REPORT)
async def figure_list(*, actor: Actor, period: Period, kind: FigureList | str, key: str,
                      branch_id: int | None = None, page: int = 1, per_page: int = LIST_PER_PAGE) -> Page[ListedRow]:
    """One page of the rows behind a chart's bar, point or slice, the newest first."""
    require(actor, Permission.REPORTS_VIEW)
    chosen = _choice(FigureList, key=kind)
    if branch_id is not None or not actor.is_superadmin:
        branches = [await working_branch(actor, branch_id)]
    else:
        branches = list(await Branch.all())
    scope = Scope(branch_ids=tuple(branch.id for branch in branches),
                  branch_names={branch.id: branch.name for branch in branches}, first_day=period.first_day,
                  last_day=period.last_day, zone=get_settings().tz)
    if chosen in (FigureList.BILLED_ON, FigureList.COLLECTED_ON, FigureList.APPOINTMENTS_ON):
        key, bucket = key.rsplit('/', 1) if chosen is FigureList.APPOINTMENTS_ON and '/' in key else ('', key)
        try:
            first_day, last_day = period.bucket_days(bucket)
            scope = replace(scope, first_day=first_day, last_day=last_day)
        except ValueError:
            raise NotFound('That list could not be found.') from None
    label, found = await _READERS[chosen](scope, key, page, per_page)
    await audit.view(actor, entity_type=EntityType.REPORT, entity_id=f'dashboard-{chosen.value}',
                     detail=f'{label}, {period.label}, {", ".join(scope.branch_names.values())}: '
                            f'{found.described("row")}')
    return found


def _paged(query: QuerySet[Any], ordering: str, page: int, per_page: int, row: Callable[[Any], ListedRow],
           related: tuple[str, ...] = ('patient',)) -> Awaitable[Page[ListedRow]]:
    return read_page(query, ordering=(ordering,), page=page, per_page=per_page, related=related, sizes=LIST_SIZES,
                     default=LIST_PER_PAGE, row=row)


def _named(patient: Patient) -> str:
    return f'{patient.full_name} · {patient.uid}'


async def _appointment_page(scope: Scope, query: QuerySet[Appointment], page: int,
                            per_page: int) -> Page[ListedRow]:
    related = ('patient', 'clinician')
    return await _paged(query, '-starts_at', page, per_page, related=related, row=lambda row: ListedRow(
        id=str(row.id), when=row.starts_at.astimezone(scope.zone), patient=_named(row.patient),
        patient_uid=row.patient.uid,
        detail=f'{STATUS_LABELS[row.status]} · {SERVICE_LABELS[row.service]} with {row.clinician.full_name}',
        branch=scope.branch_names[row.branch_id]))


def _appointments(scope: Scope) -> QuerySet[Appointment]:
    return Appointment.filter(branch_id__in=scope.branch_ids, starts_at__gte=scope.starts, starts_at__lt=scope.ends)


async def _by_status(scope: Scope, key: str, page: int, per_page: int) -> tuple[str, Page[ListedRow]]:
    status = _choice(AppointmentStatus, key=key)
    return STATUS_LABELS[status], await _appointment_page(scope, _appointments(scope).filter(status=status),
                                                          page, per_page)


async def _booked_time(scope: Scope, key: str, page: int, per_page: int) -> tuple[str, Page[ListedRow]]:
    query = _appointments(scope).filter(clinician_id=_number(key)).exclude(status__in=NOT_HELD)
    return 'Booked time', await _appointment_page(scope, query, page, per_page)


async def _payment_page(scope: Scope, query: QuerySet[Payment], page: int, per_page: int) -> Page[ListedRow]:
    return await _paged(query, '-received_at', page, per_page, row=lambda row: ListedRow(
        id=str(row.id), when=row.received_at.astimezone(scope.zone), patient=_named(row.patient),
        patient_uid=row.patient.uid,
        detail=f'{"Refund" if row.kind is PaymentKind.REFUND else "Receipt"} {row.number} · {MODE_LABELS[row.mode]}',
        amount=-row.amount if row.kind is PaymentKind.REFUND else row.amount,
        branch=scope.branch_names[row.branch_id]))


def _payments(scope: Scope) -> QuerySet[Payment]:
    return Payment.filter(branch_id__in=scope.branch_ids, day__gte=scope.first_day, day__lte=scope.last_day)


async def _by_mode(scope: Scope, key: str, page: int, per_page: int) -> tuple[str, Page[ListedRow]]:
    mode = _choice(PaymentMode, key=key)
    return MODE_LABELS[mode], await _payment_page(scope, _payments(scope).filter(mode=mode), page, per_page)


async def _collected_on(scope: Scope, key: str, page: int, per_page: int) -> tuple[str, Page[ListedRow]]:
    return 'Collected', await _payment_page(scope, _payments(scope), page, per_page)


async def _billed_on(scope: Scope, key: str, page: int, per_page: int) -> tuple[str, Page[ListedRow]]:
    query = Invoice.filter(branch_id__in=scope.branch_ids, issued_on__gte=scope.first_day,
                           issued_on__lte=scope.last_day) \
        .exclude(status=InvoiceStatus.DRAFT)
    return 'Billed', await _paged(query, '-issued_at', page, per_page, row=lambda row: ListedRow(
        id=str(row.id), when=row.issued_at.astimezone(scope.zone), patient=_named(row.patient),
        patient_uid=row.patient.uid,
        detail=f'{"Credit note" if row.kind is InvoiceKind.CREDIT_NOTE else "Invoice"} {row.number}',
        amount=-row.total if row.kind is InvoiceKind.CREDIT_NOTE else row.total,
        branch=scope.branch_names[row.branch_id]))


async def _inquiry_page(scope: Scope, query: QuerySet[Inquiry], page: int, per_page: int) -> Page[ListedRow]:
    query = query.filter(branch_id__in=scope.branch_ids, created_at__gte=scope.starts, created_at__lt=scope.ends)
    return await _paged(query, '-created_at', page, per_page, related=(), row=lambda row: ListedRow(
        id=str(row.id), when=row.created_at.astimezone(scope.zone), patient=row.full_name,
        patient_uid=row.patient_uid,
        detail=f'Registered as {row.patient_uid}' if row.patient_uid else 'Not registered',
        branch=scope.branch_names[row.branch_id]))


async def _by_source(scope: Scope, key: str, page: int, per_page: int) -> tuple[str, Page[ListedRow]]:
    query = Inquiry.filter(referral_source='' if key == UNKNOWN_SOURCE else key)
    return key, await _inquiry_page(scope, query, page, per_page)


async def _funnel_stage(scope: Scope, key: str, page: int, per_page: int) -> tuple[str, Page[ListedRow]]:
    """The stage as the funnel counts it: every inquiry, those with a patient, those whose patient has a plan."""
    if key not in FUNNEL_STAGES:
        raise NotFound('That list could not be found.')
    query = Inquiry.all()
    if key == 'registered':
        query = query.filter(patient_uid__isnull=False)
    elif key == 'treated':
        query = query.filter(patient_uid__in=Subquery(TreatmentPlan.all().values('patient__uid')))
    return FUNNEL_STAGES[key], await _inquiry_page(scope, query, page, per_page)


async def _by_complaint(scope: Scope, key: str, page: int, per_page: int) -> tuple[str, Page[ListedRow]]:
    complaint = _choice(ChiefComplaint, key=key)
    query = Registration.filter(branch_id__in=scope.branch_ids, visit_at__gte=scope.starts, visit_at__lt=scope.ends,
                                chief_complaint=complaint)
    return COMPLAINT_LABELS[complaint], await _paged(query, '-visit_at', page, per_page, row=lambda row: ListedRow(
        id=str(row.id), when=row.visit_at.astimezone(scope.zone), patient=_named(row.patient),
        patient_uid=row.patient.uid,
        detail=f'{COMPLAINT_LABELS[row.chief_complaint]} · {CONSULTATION_TYPE_LABELS[row.consultation_type]}',
        amount=row.fee, branch=scope.branch_names[row.branch_id]))


async def _by_outcome(scope: Scope, key: str, page: int, per_page: int) -> tuple[str, Page[ListedRow]]:
    """The patients the outcome chart counts for an instrument, by the day of their latest score, the newest first."""
    instrument = _choice(Instrument, key=key)
    connection = connections.get('default')
    sqlite = connection.capabilities.dialect == 'sqlite'
    first, last = (day.isoformat() if sqlite else day for day in (scope.first_day, scope.last_day))
    branches = ', '.join('?' * len(scope.branch_ids))
    total = int((await connection.execute_query_dict(
        placeholders(connection, _CHANGES_COUNTED.replace('{branches}', branches)),
        [last, last, first, last, instrument.value, *scope.branch_ids]))[0]['n'])
    per_page = page_size(per_page, LIST_SIZES, LIST_PER_PAGE)
    page = within(page, total=total, per_page=per_page)
    rows = await connection.execute_query_dict(
        placeholders(connection, _CHANGES_LISTED.replace('{branches}', branches)),
        [last, last, last, first, last, instrument.value, *scope.branch_ids, per_page, (page - 1) * per_page])
    found = await Patient.filter(id__in=[row['patient_id'] for row in rows])
    patients = {str(patient.id): patient for patient in found}
    name, mcid = INSTRUMENT_NAMES[instrument], MCID[instrument]
    listed = []
    for row in rows:
        patient = patients[str(row['patient_id'])]
        opening, latest = Decimal(str(row['opening'])), Decimal(str(row['latest']))
        verdict = 'reaches' if row['reached'] else 'short of'
        listed.append(ListedRow(
            id=f'{patient.id}/{instrument.value}', when=_day(row['latest_on']), patient=_named(patient),
            patient_uid=patient.uid, branch=scope.branch_names[row['branch_id']],
            detail=f'{name}: {opening.normalize():f} to {latest.normalize():f}, '
                   f'{_change(opening - latest)} ({verdict} the MCID of {mcid})'))
    return name, Page(rows=listed, total=total, page=page, per_page=per_page)


def _change(improvement: Decimal) -> str:
    """'3 better', 'no change', '2 worse' (a lower score is better on every instrument)."""
    if not improvement:
        return 'no change'
    return f'{abs(improvement).normalize():f} {"better" if improvement > 0 else "worse"}'


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


_READERS: dict[FigureList, Reader] = {
    FigureList.APPOINTMENTS: _by_status, FigureList.CLINICIAN: _booked_time, FigureList.COLLECTIONS: _by_mode,
    FigureList.SOURCE: _by_source, FigureList.BILLED_ON: _billed_on, FigureList.COLLECTED_ON: _collected_on,
    FigureList.APPOINTMENTS_ON: _by_status, FigureList.COMPLAINT: _by_complaint,
    FigureList.FUNNEL: _funnel_stage, FigureList.OUTCOME: _by_outcome}


def _choice(enum: type[Choice], *, key: str) -> Choice:
    try:
        return enum(key)
    except ValueError:
        raise NotFound('That list could not be found.') from None


def _number(key: str) -> int:
    if not key.isdigit():
        raise NotFound('That list could not be found.')
    return int(key)
