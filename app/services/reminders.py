"""Reminders: tomorrow's appointments with the patient's phone, a message filled in, and who has been reminded.

The clinic's own phone sends the message: each row has a WhatsApp link (`https://wa.me/...`)
and an SMS link (`sms:...`) with the text in it, so the list works on a LAN with no internet and
nothing about a patient leaves the clinic through this server. Marking a row "reminded" is
audited. Every session of a treatment series is an appointment, so each gets its reminder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import quote
from uuid import UUID

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import utcnow
from app.dates import shown_date
from app.errors import DomainError, NotFound
from app.services import appointments
from app.services.clinic_hours import zone_of
from app.services.users import require
from app.services.vocabulary import SERVICE_LABELS
from models.clinic import Branch
from models.scheduling import Appointment, AppointmentStatus

REMINDED_STATUSES = (AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED)
COUNTRY_CODE = '91'


@dataclass(frozen=True, kw_only=True)
class Reminder:
    appointment_id: UUID
    starts: datetime  # branch wall clock
    patient_name: str
    patient_uid: str
    phone: str
    clinician: str
    reminded: bool
    message: str
    whatsapp_url: str
    sms_url: str


@audit_denials(EntityType.APPOINTMENT)
async def reminders_for(*, actor: Actor, day: date | None = None) -> tuple[date, list[Reminder]]:
    """The branch's booked and confirmed appointments of `day` (default: tomorrow), in order; the view is audited."""
    require(actor, Permission.SCHEDULE_VIEW)
    branch = await Branch.get(id=actor.branch_id)
    zone = zone_of(branch)
    day = day or (utcnow().astimezone(zone) + timedelta(days=1)).date()
    first = appointments.utc_of(datetime.combine(day, time()), zone)
    rows = await Appointment.filter(branch_id=branch.id, status__in=REMINDED_STATUSES, starts_at__gte=first,
                                    starts_at__lt=first + timedelta(days=1)) \
        .select_related('patient', 'clinician').order_by('starts_at')
    reminders = [_reminder(row, branch, zone) for row in rows]
    await audit.view(actor, entity_type=EntityType.APPOINTMENT, entity_id=f'reminders-branch-{branch.id}',
                     detail=f'Reminders for {shown_date(day)}: {len(reminders)}')
    return day, reminders


@audit_denials(EntityType.APPOINTMENT, refused_action=Action.UPDATE)
async def mark_reminded(*, actor: Actor, appointment_id: UUID, reminded: bool = True) -> None:
    """Tick (or untick) a reminder as sent from the clinic's phone."""
    appointments.require_changer(actor)
    row = await Appointment.get_or_none(id=appointment_id).select_related('patient')
    if row is None or not actor.may_work_in(row.branch_id):
        raise NotFound(appointments.APPOINTMENT_NOT_FOUND)
    appointments.require_change(actor, row.clinician_id)
    if row.status not in REMINDED_STATUSES:
        raise DomainError('Only a booked or confirmed appointment is reminded.')
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.APPOINTMENT, entity_id=row.id,
                            patient_id=row.patient.uid, detail='Reminded' if reminded else 'Reminder undone') as event:
        when = utcnow() if reminded else None
        await Appointment.filter(id=row.id).update(reminded_at=when)
        event.set_changes({'reminded_at': [str(row.reminded_at) if row.reminded_at else None,
                                           str(when) if when else None]})


def message_for(*, patient: str, service: str, clinician: str, clinic: str, branch: str, phone: str,
                starts: datetime) -> str:
    """The reminder's words, in the clinic's voice (English; the desk can edit it in the phone before sending)."""
    call = f' To change it, call {phone}.' if phone else ''
    return (f'Dear {patient}, a reminder of your {service.lower()} appointment with {clinician} at {clinic}, '
            f'{branch} on {starts:%a %d %b} at {starts:%H:%M}. Please reply to confirm.{call}')


def _reminder(row: Appointment, branch: Branch, zone: object) -> Reminder:
    starts = row.starts_at.astimezone(zone).replace(tzinfo=None)  # type: ignore[arg-type]
    text = message_for(patient=row.patient.full_name, service=SERVICE_LABELS[row.service],
                       clinician=row.clinician.full_name, clinic=branch.clinic_name, branch=branch.name,
                       phone=branch.phone, starts=starts)
    number = COUNTRY_CODE + row.patient.phone_digits[-10:]
    return Reminder(appointment_id=row.id, starts=starts, patient_name=row.patient.full_name,
                    patient_uid=row.patient.uid, phone=row.patient.phone, clinician=row.clinician.full_name,
                    reminded=row.reminded_at is not None, message=text,
                    whatsapp_url=f'https://wa.me/{number}?text={quote(text)}',
                    sms_url=f'sms:+{number}?body={quote(text)}')
