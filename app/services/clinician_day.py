"""A clinician's day, the home page of doctors and junior doctors: my appointments and my patients due for review.

"Due for review" reads the clinician's own active treatment plans at their branch (a caseload of
tens, each looked up by index in one query) and gives every reason that applies:
- no visit for `NO_VISIT_DAYS` days (none attended since, or since the plan began);
- the plan is ending: its end date within `ENDING_DAYS` days (or past, the plan still open), or at
  most `SESSIONS_LEFT` sessions left of it;
- the outcome not measured for `UNMEASURED_SESSIONS` sessions: that many attended sessions of the
  plan have begun since the patient's latest score was entered (or since the plan began, never scored).
The notes awaiting signature or co-signature are `note_queue.waiting_notes`, beside this on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from tortoise import connections

from app.audit import EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import utcnow
from app.dates import shown_date
from app.services.appointments import ROW_COLUMNS, SHOWN_ON_CALENDAR, AppointmentRow, row_of_values, utc_of
from app.services.branches import working_branch
from app.services.clinic_hours import zone_of
from app.services.treatment_plans import plan_progress
from app.services.users import require
from app.services.vocabulary import SERVICE_LABELS
from app.sql import placeholders
from app.wording import counted
from models.clinic import Service
from models.plans import PlanStatus
from models.scheduling import ATTENDED, Appointment

NO_VISIT_DAYS = 14
ENDING_DAYS = 7
SESSIONS_LEFT = 2
UNMEASURED_SESSIONS = 6
DAY_LENGTH = 40  # appointments listed for the day (a clinician's day holds fewer)
REVIEW_LENGTH = 10  # patients listed as due for review, the most reasons first

_ATTENDED_SQL = ', '.join(f"'{status}'" for status in ATTENDED)
# One row per active plan of the clinician at the branch, each figure an index lookup (the statuses are constants).
_MY_PLANS = ('SELECT tp.id, tp.service, tp.days, tp.start_date, tp.end_date, p.uid, p.full_name, '  # noqa: S608
             '(SELECT MAX(a.starts_at) FROM appointment a WHERE a.patient_id = tp.patient_id '
             f'AND a.status IN ({_ATTENDED_SQL})) AS last_visit, '
             f'(SELECT COUNT(*) FROM appointment a WHERE a.plan_id = tp.id AND a.status IN ({_ATTENDED_SQL})) '
             'AS attended, '
             "(SELECT COUNT(*) FROM appointment a WHERE a.plan_id = tp.id AND a.status NOT IN ('cancelled', "
             "'rescheduled')) AS sessions, "
             f'(SELECT COUNT(*) FROM appointment a WHERE a.plan_id = tp.id AND a.status IN ({_ATTENDED_SQL}) '
             'AND NOT EXISTS (SELECT 1 FROM outcome_record o WHERE o.patient_id = tp.patient_id '
             'AND o.created_at > a.starts_at)) AS unmeasured '
             'FROM treatment_plan tp JOIN patient p ON p.id = tp.patient_id '
             "WHERE tp.branch_id = ? AND tp.clinician_id = ? AND tp.status = 'active' ORDER BY p.full_name")


@dataclass(frozen=True, kw_only=True)
class ReviewDue:
    patient_uid: str
    patient_name: str
    plan: str  # 'Physiotherapy: Day 12 of 21'
    reasons: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class ClinicianDay:
    day: date
    appointments: tuple[AppointmentRow, ...]  # mine today, in order
    more_appointments: bool
    due_for_review: tuple[ReviewDue, ...]
    reviews: int  # patients due for review in all (the list holds the first `REVIEW_LENGTH`)


@audit_denials(EntityType.REPORT)
async def clinician_day(*, actor: Actor, audited: bool = True) -> ClinicianDay:
    """Today for the clinician signed in at their branch; `audited=False` for a redraw after a change elsewhere."""
    require(actor, Permission.SCHEDULE_OWN)
    branch = await working_branch(actor)
    zone = zone_of(branch)
    now = utcnow()
    today = now.astimezone(zone).date()
    starts = utc_of(datetime.combine(today, time()), zone)
    rows = await Appointment.filter(
        branch_id=branch.id, clinician_id=actor.user_id, status__in=SHOWN_ON_CALENDAR, starts_at__gte=starts,
        starts_at__lt=utc_of(datetime.combine(today + timedelta(days=1), time()), zone)) \
        .order_by('starts_at').limit(DAY_LENGTH + 1).values(*ROW_COLUMNS)
    due: list[ReviewDue] = []
    if actor.can(Permission.PLANS_VIEW):
        connection = connections.get('default')
        plans = await connection.execute_query_dict(placeholders(connection, _MY_PLANS), [branch.id, actor.user_id])
        due = [review for plan in plans if (review := _review(plan, today=today, now=now)) is not None]
        due.sort(key=lambda review: -len(review.reasons))  # stable: by name within the same count
    shown = ClinicianDay(day=today, appointments=tuple(row_of_values(row, zone) for row in rows[:DAY_LENGTH]),
                         more_appointments=len(rows) > DAY_LENGTH, due_for_review=tuple(due[:REVIEW_LENGTH]),
                         reviews=len(due))
    if audited:
        await audit.view(actor, entity_type=EntityType.REPORT, entity_id=f'clinician-day-{actor.user_id}',
                         detail=f'My day, {shown_date(today)}: {counted(len(shown.appointments), "appointment")}, '
                                f'{counted(len(due), "patient")} due for review')
    return shown


def _review(plan: dict[str, Any], *, today: date, now: datetime) -> ReviewDue | None:
    """Why this plan's patient is due for review (None: they are not)."""
    reasons = []
    last_visit = _moment(plan['last_visit'])
    start_date, end_date = _day(plan['start_date']), _day(plan['end_date'])
    attended, days = int(plan['attended'] or 0), int(plan['days'])
    in_calendar = int(plan['sessions'] or 0) > 0  # a plan recorded before the calendar counts days from its start
    if last_visit is not None and now - last_visit >= timedelta(days=NO_VISIT_DAYS):
        reasons.append(f'No visit for {(now - last_visit).days} days')
    elif last_visit is None and (today - start_date).days >= NO_VISIT_DAYS:
        reasons.append(f'No visit since the plan began on {shown_date(start_date)}')
    if end_date < today:
        reasons.append(f'Plan ended on {shown_date(end_date)} and is still open')
    elif (end_date - today).days <= ENDING_DAYS:
        reasons.append(f'Plan ends on {shown_date(end_date)}')
    elif in_calendar and days - attended <= SESSIONS_LEFT:
        reasons.append(f'{counted(max(days - attended, 0), "session")} left')
    unmeasured = int(plan['unmeasured'] or 0)
    if unmeasured >= UNMEASURED_SESSIONS:
        reasons.append(f'Outcome not measured for {unmeasured} sessions')
    if not reasons:
        return None
    return ReviewDue(patient_uid=plan['uid'], patient_name=plan['full_name'], reasons=tuple(reasons),
                     plan=SERVICE_LABELS[Service(plan['service'])] + ': ' + plan_progress(
                         start=start_date, days=days, status=PlanStatus.ACTIVE, today=today,
                         attended=attended if in_calendar else None))


def _moment(value: object) -> datetime | None:
    """A timestamp as the driver returns it from a raw query (SQLite: ISO text)."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
