"""The front desk's day at a glance, reception's home page: the queue, arrivals, inquiries, reminders and money.

Everything is read for the desk's branch and today by the branch's clock, in a fixed handful of
queries whatever the clinic's size: counts are SQL aggregates, and each list is the first few rows
of an indexed query (the whole list is one tap away: `/today`, `/inquiries`, `/reminders`,
`/billing`). What a part shows follows the actor's permissions, so a role without money sees no money.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise import connections
from tortoise.expressions import Q
from tortoise.functions import Count

from app.audit import EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import utcnow
from app.dates import shown_date
from app.services.appointments import ROW_COLUMNS, AppointmentRow, row_of_values, utc_of
from app.services.billing_math import ZERO
from app.services.branches import working_branch
from app.services.clinic_figures import day_collections
from app.services.clinic_hours import zone_of
from app.services.reminders import REMINDED_STATUSES
from app.services.users import require
from app.sql import placeholders
from models.billing import PaymentMode
from models.inquiries import Inquiry, InquiryKind, InquiryStatus
from models.scheduling import Appointment, AppointmentStatus

LIST_LENGTH = 8  # rows in each of the home page's lists; the full list is on its own page
EXPECTED = (AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED)  # still to come

# What the patients coming today owe at this branch: issued invoices not yet settled (the statuses are constants).
_DUES_OF_TODAY = ('SELECT i.patient_id, SUM(CAST(ROUND((i.total - i.paid - i.credited) * 100) AS BIGINT)) AS paise '
                  "FROM invoice i WHERE i.branch_id = ? AND i.kind = 'invoice' "
                  "AND i.status IN ('issued', 'partly-paid') "
                  'AND i.patient_id IN (SELECT a.patient_id FROM appointment a WHERE a.branch_id = ? '
                  'AND a.starts_at >= ? AND a.starts_at < ? '
                  "AND a.status NOT IN ('cancelled', 'rescheduled')) "
                  'GROUP BY i.patient_id HAVING SUM(i.total - i.paid - i.credited) > 0')


@dataclass(frozen=True, kw_only=True)
class NewInquiry:
    id: UUID
    full_name: str
    kind: InquiryKind
    created: datetime  # branch wall clock
    visit_day: date | None  # expected visit, or the day asked for online


@dataclass(frozen=True, kw_only=True)
class ArrivingDue:
    patient_uid: str
    patient_name: str
    due: Decimal
    first_visit: datetime  # today's first appointment, branch wall clock


@dataclass(frozen=True, kw_only=True)
class DeskDay:
    """Today at one branch's desk; a part the actor may not see is None."""

    day: date
    branch_id: int
    branch_name: str
    slot_minutes: int  # the branch's usual length of a visit, for booking from here
    statuses: dict[AppointmentStatus, int]
    waiting: tuple[AppointmentRow, ...]  # arrived and not yet in session, the longest waiting first
    next_up: tuple[AppointmentRow, ...]  # booked or confirmed and not yet over, the earliest first
    reminders_unsent: int  # tomorrow's booked and confirmed appointments nobody has reminded yet
    reminders_total: int
    inquiries_today: int | None = None  # pending inquiries taken today
    online_pending: int | None = None  # requests from the booking page still waiting for a call back
    inquiries: tuple[NewInquiry, ...] = ()
    collected_by_mode: dict[PaymentMode, Decimal] | None = None
    dues: tuple[ArrivingDue, ...] = ()  # the largest first
    dues_patients: int = 0
    dues_total: Decimal = ZERO

    def count(self, *statuses: AppointmentStatus) -> int:
        return sum(self.statuses.get(status, 0) for status in statuses)

    @property
    def appointments(self) -> int:
        return sum(self.statuses.values())

    @property
    def collected(self) -> Decimal:
        return sum((self.collected_by_mode or {}).values(), ZERO)


@audit_denials(EntityType.REPORT)
async def desk_day(*, actor: Actor, branch_id: int | None = None, audited: bool = True) -> DeskDay:
    """Today at the actor's branch (a superadmin: the one chosen); `audited=False` for a redraw after a change."""
    require(actor, Permission.SCHEDULE_VIEW)
    branch = await working_branch(actor, branch_id)
    zone = zone_of(branch)
    now = utcnow()
    today = now.astimezone(zone).date()
    starts = utc_of(datetime.combine(today, time()), zone)
    ends = utc_of(datetime.combine(today + timedelta(days=1), time()), zone)
    todays = Appointment.filter(branch_id=branch.id, starts_at__gte=starts, starts_at__lt=ends)
    counted = await todays.group_by('status').annotate(n=Count('id')).values('status', 'n')
    waiting = await todays.filter(status=AppointmentStatus.ARRIVED).order_by('arrived_at', 'starts_at') \
        .limit(LIST_LENGTH).values(*ROW_COLUMNS)
    next_up = await todays.filter(status__in=EXPECTED, ends_at__gt=now).order_by('starts_at') \
        .limit(LIST_LENGTH).values(*ROW_COLUMNS)
    tomorrow = Appointment.filter(branch_id=branch.id, status__in=REMINDED_STATUSES, starts_at__gte=ends,
                                  starts_at__lt=utc_of(datetime.combine(today + timedelta(days=2), time()), zone))
    shown = DeskDay(
        day=today, branch_id=branch.id, branch_name=branch.name, slot_minutes=branch.slot_minutes,
        statuses={AppointmentStatus(row['status']): int(row['n']) for row in counted},
        waiting=tuple(row_of_values(row, zone) for row in waiting),
        next_up=tuple(row_of_values(row, zone) for row in next_up),
        reminders_unsent=await tomorrow.filter(reminded_at__isnull=True).count(),
        reminders_total=await tomorrow.count())
    if actor.can(Permission.INQUIRIES_VIEW):
        shown = await _with_inquiries(shown, starts, zone)
    if actor.can(Permission.BILLING_VIEW):
        shown = await _with_money(shown, starts, ends, zone)
    if audited:
        await audit.view(actor, entity_type=EntityType.REPORT, entity_id=f'desk-day-{branch.id}',
                         detail=f'The desk\'s day at {branch.name}, {shown_date(today)}: '
                                f'{shown.appointments} appointment(s), {shown.count(AppointmentStatus.ARRIVED)} '
                                f'waiting')
    return shown


async def _with_inquiries(shown: DeskDay, starts: datetime, zone: ZoneInfo) -> DeskDay:
    pending = Inquiry.filter(branch_id=shown.branch_id, status=InquiryStatus.PENDING)
    newest = await pending.filter(Q(created_at__gte=starts) | Q(kind=InquiryKind.ONLINE)) \
        .order_by('-created_at').limit(LIST_LENGTH).values('id', 'full_name', 'kind', 'created_at',
                                                           'expected_visit_date')
    return replace(
        shown, inquiries_today=await pending.filter(created_at__gte=starts).count(),
        online_pending=await pending.filter(kind=InquiryKind.ONLINE).count(),
        inquiries=tuple(NewInquiry(id=row['id'], full_name=row['full_name'], kind=InquiryKind(row['kind']),
                                   created=row['created_at'].astimezone(zone), visit_day=row['expected_visit_date'])
                        for row in newest))


async def _with_money(shown: DeskDay, starts: datetime, ends: datetime, zone: ZoneInfo) -> DeskDay:
    connection = connections.get('default')
    owed = await connection.execute_query_dict(placeholders(connection, _DUES_OF_TODAY),
                                               [shown.branch_id, shown.branch_id, starts, ends])
    owed.sort(key=lambda row: -int(row['paise']))
    largest = {row['patient_id'] if isinstance(row['patient_id'], UUID) else UUID(str(row['patient_id'])):
               Decimal(int(row['paise'])) / 100 for row in owed[:LIST_LENGTH]}
    visits = await Appointment.filter(branch_id=shown.branch_id, patient_id__in=list(largest), starts_at__gte=starts,
                                      starts_at__lt=ends).exclude(status__in=(AppointmentStatus.CANCELLED,
                                                                              AppointmentStatus.RESCHEDULED)) \
        .order_by('starts_at').values('patient_id', 'patient__uid', 'patient__full_name', 'starts_at')
    first_visits: dict[UUID, dict[str, object]] = {}
    for visit in visits:
        first_visits.setdefault(visit['patient_id'], visit)
    dues = tuple(ArrivingDue(patient_uid=str(visit['patient__uid']), patient_name=str(visit['patient__full_name']),
                             due=largest[patient_id], first_visit=visit['starts_at'].astimezone(zone))
                 for patient_id, visit in first_visits.items())
    return replace(
        shown, collected_by_mode=await day_collections(branch_id=shown.branch_id, day=shown.day),
        dues=tuple(sorted(dues, key=lambda due: (-due.due, due.first_visit))), dues_patients=len(owed),
        dues_total=sum((Decimal(int(row['paise'])) for row in owed), ZERO) / 100)
