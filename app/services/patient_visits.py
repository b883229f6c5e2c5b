"""A patient's visits by month: which days they came, missed or are booked, and what is coming next.

For the patient page's month calendar; the view is audited on the patient's access log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID

from app.audit import EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import utcnow
from app.errors import NotFound
from app.services.appointments import AppointmentRow, reloaded_row, utc_of
from app.services.clinic_hours import zone_of
from app.services.users import require
from models.clinic import Branch
from models.patients import Patient
from models.scheduling import ATTENDED, HOLDS_TIME, Appointment, AppointmentStatus

ATTENDED_DAY, MISSED_DAY, UPCOMING_DAY = 'attended', 'missed', 'upcoming'
UPCOMING_SHOWN = 5


@dataclass(frozen=True, kw_only=True)
class PatientMonth:
    month: date  # the first of the month
    days: dict[date, str]  # attended, missed or upcoming (attended wins on a day with two visits)
    upcoming: list[AppointmentRow]


@audit_denials(EntityType.APPOINTMENT)
async def patient_month(*, actor: Actor, patient_id: UUID, month: date) -> PatientMonth:
    """The patient's visits in `month` (any branch), on the clock of the actor's branch."""
    require(actor, Permission.SCHEDULE_VIEW)
    patient = await Patient.get_or_none(id=patient_id)
    if patient is None:
        raise NotFound('That patient could not be found.')
    zone = zone_of(await Branch.get(id=actor.branch_id))
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    rows = await Appointment.filter(patient_id=patient.id, starts_at__gte=utc_of(datetime.combine(first, time()), zone),
                                    starts_at__lt=utc_of(datetime.combine(following, time()), zone),
                                    status__in=(*HOLDS_TIME, AppointmentStatus.NO_SHOW)).values_list('starts_at',
                                                                                                       'status')
    now = utcnow()
    days: dict[date, str] = {}
    for starts_at, status in rows:
        day = starts_at.astimezone(zone).date()
        kind = ATTENDED_DAY if status in ATTENDED else MISSED_DAY if status == AppointmentStatus.NO_SHOW or \
            starts_at < now else UPCOMING_DAY
        if days.get(day) != ATTENDED_DAY:
            days[day] = kind
    coming = await Appointment.filter(patient_id=patient.id, starts_at__gte=now,
                                      status__in=(AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED)) \
        .order_by('starts_at').limit(UPCOMING_SHOWN).values_list('id', flat=True)
    await audit.view(actor, entity_type=EntityType.APPOINTMENT, entity_id=patient.uid, patient_id=patient.uid,
                     detail=f'Visits in {first:%b %Y}')
    return PatientMonth(month=first, days=days, upcoming=[await reloaded_row(identifier) for identifier in coming])
