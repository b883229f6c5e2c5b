"""The rows behind a bar or a slice of the admin dashboard's charts, a page at a time.

Each list is scoped as the figures are (`clinic_figures`): an admin reads their own branch, the
superadmin every branch or the one chosen, so a list never holds a row the chart did not count.
Every page read is audited, as the figures are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

from tortoise.queryset import QuerySet

from app.audit import EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.config import get_settings
from app.errors import NotFound
from app.services.appointments import STATUS_LABELS, utc_of
from app.services.branches import working_branch
from app.services.clinic_figures import NOT_HELD, UNKNOWN_SOURCE, Period
from app.services.paging import Page, read_page
from app.services.payments import MODE_LABELS
from app.services.users import require
from app.services.vocabulary import SERVICE_LABELS
from models.billing import Payment, PaymentKind, PaymentMode
from models.clinic import Branch
from models.inquiries import Inquiry
from models.scheduling import Appointment, AppointmentStatus

LIST_SIZES = (10, 25, 50)
LIST_PER_PAGE = 10


class FigureList(StrEnum):
    APPOINTMENTS = 'appointments'  # by status: the key is the status
    COLLECTIONS = 'collections'  # by mode: the key is the mode
    CLINICIAN = 'clinician'  # a clinician's held appointments: the key is the clinician's id
    SOURCE = 'source'  # inquiries by where they heard of us: the key is the source as the chart names it


@dataclass(frozen=True, kw_only=True)
class ListedRow:
    id: str
    when: datetime  # clinic time
    patient: str  # 'Meera Iyer · 261207-1', or the caller's name for an inquiry
    patient_uid: str | None
    detail: str
    amount: Decimal | None = None
    branch: str = ''


@audit_denials(EntityType.REPORT)
async def figure_list(*, actor: Actor, period: Period, kind: FigureList | str, key: str,
                      branch_id: int | None = None, page: int = 1, per_page: int = LIST_PER_PAGE) -> Page[ListedRow]:
    """One page of the rows behind a chart's bar or slice, the newest first."""
    require(actor, Permission.REPORTS_VIEW)
    try:
        chosen = FigureList(kind)
    except ValueError:
        raise NotFound('That list could not be found.') from None
    if branch_id is not None or not actor.is_superadmin:
        branches = [await working_branch(actor, branch_id)]
    else:
        branches = list(await Branch.all())
    names = {branch.id: branch.name for branch in branches}
    zone = get_settings().tz
    starts = utc_of(datetime.combine(period.first_day, time()), zone)
    ends = utc_of(datetime.combine(period.last_day + timedelta(days=1), time()), zone)
    if chosen in (FigureList.APPOINTMENTS, FigureList.CLINICIAN):
        query: QuerySet = Appointment.filter(branch_id__in=list(names), starts_at__gte=starts, starts_at__lt=ends)
        if chosen is FigureList.APPOINTMENTS:
            query, label = query.filter(status=_choice(AppointmentStatus, key)), STATUS_LABELS[AppointmentStatus(key)]
        else:
            query = query.filter(clinician_id=_number(key)).exclude(status__in=NOT_HELD)
            label = 'Booked time'
        found = await read_page(query, ordering=('-starts_at',), page=page, per_page=per_page,
                                related=('patient', 'clinician'), sizes=LIST_SIZES, default=LIST_PER_PAGE,
                                row=lambda row: ListedRow(
                                    id=str(row.id), when=row.starts_at.astimezone(zone),
                                    patient=f'{row.patient.full_name} · {row.patient.uid}', patient_uid=row.patient.uid,
                                    detail=f'{STATUS_LABELS[row.status]} · {SERVICE_LABELS[row.service]} with '
                                           f'{row.clinician.full_name}', branch=names[row.branch_id]))
    elif chosen is FigureList.COLLECTIONS:
        mode = _choice(PaymentMode, key)
        label = MODE_LABELS[mode]
        query = Payment.filter(branch_id__in=list(names), day__gte=period.first_day, day__lte=period.last_day,
                               mode=mode)
        found = await read_page(query, ordering=('-received_at',), page=page, per_page=per_page,
                                related=('patient',), sizes=LIST_SIZES, default=LIST_PER_PAGE,
                                row=lambda row: ListedRow(
                                    id=str(row.id), when=row.received_at.astimezone(zone),
                                    patient=f'{row.patient.full_name} · {row.patient.uid}', patient_uid=row.patient.uid,
                                    detail=f'{"Refund" if row.kind is PaymentKind.REFUND else "Receipt"} {row.number}',
                                    amount=-row.amount if row.kind is PaymentKind.REFUND else row.amount,
                                    branch=names[row.branch_id]))
    else:
        label = key
        query = Inquiry.filter(branch_id__in=list(names), created_at__gte=starts, created_at__lt=ends,
                               referral_source='' if key == UNKNOWN_SOURCE else key)
        found = await read_page(query, ordering=('-created_at',), page=page, per_page=per_page,
                                sizes=LIST_SIZES, default=LIST_PER_PAGE,
                                row=lambda row: ListedRow(
                                    id=str(row.id), when=row.created_at.astimezone(zone), patient=row.full_name,
                                    patient_uid=row.patient_uid,
                                    detail=f'Registered as {row.patient_uid}' if row.patient_uid else 'Not registered',
                                    branch=names[row.branch_id]))
    await audit.view(actor, entity_type=EntityType.REPORT, entity_id=f'dashboard-{chosen.value}',
                     detail=f'{label}, {period.label}, {", ".join(names.values())}: {found.described("row")}')
    return found


def _choice(enum: type[StrEnum], key: str) -> StrEnum:
    try:
        return enum(key)
    except ValueError:
        raise NotFound('That list could not be found.') from None


def _number(key: str) -> int:
    if not key.isdigit():
        raise NotFound('That list could not be found.')
    return int(key)
