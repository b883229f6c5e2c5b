"""The waitlist: patients who want an earlier slot, and who fits a slot that has just become free.

An entry says with whom (or any clinician), for which service, on which weekdays and between
which times the patient can come, from and until when, and how urgent it is. When a slot frees
up (a cancellation, a move, a no-show), `who_fits` lists the waiting patients it suits, most
urgent first, then longest waiting; the patient must be free then too. Booking an entry's patient
into the slot goes through the usual booking (its rules, its lock), then marks the entry booked.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from tortoise.expressions import Q

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import clinic_today
from app.errors import DomainError, NotFound
from app.services import appointments
from app.services.clinic_hours import WEEKDAYS, zone_of
from app.services.session_time import TimeRefused, clock_text, parse_time_of_day
from app.services.users import require
from app.services.validation import Checker, is_record_id
from models.clinic import Branch, Service
from models.patients import Patient
from models.scheduling import HOLDS_TIME, Appointment, WaitlistEntry, WaitlistStatus

URGENCY_LABELS = {1: 'Urgent', 2: 'Soon', 3: 'Whenever'}
ENTRY_NOT_FOUND = 'That waitlist entry could not be found.'


@dataclass(frozen=True, kw_only=True)
class WaitlistInput:
    patient_id: UUID | None
    service: Service | str | None
    weekdays: Collection[int]
    earliest: str  # as typed: 9:00
    latest: str  # as typed: 13:00
    clinician_id: int | None = None  # None: any clinician
    urgency: Any = 2
    first_day: date | None = None  # None: today
    last_day: date | None = None
    notes: str = ''


@dataclass(frozen=True, kw_only=True)
class WaitlistRow:
    id: UUID
    patient_id: UUID
    patient_uid: str
    patient_name: str
    patient_phone: str
    clinician_id: int | None
    clinician: str  # 'Any clinician'
    service: Service
    weekdays: tuple[int, ...]
    earliest_minute: int
    latest_minute: int
    urgency: int
    first_day: date
    last_day: date | None
    status: WaitlistStatus

    @property
    def when(self) -> str:
        """'Mon, Wed, Fri 09:00-13:00'."""
        days = ', '.join(WEEKDAYS[day][:3] for day in self.weekdays)
        return f'{days} {clock_text(self.earliest_minute)}-{clock_text(self.latest_minute)}'

    @property
    def urgency_label(self) -> str:
        return URGENCY_LABELS.get(self.urgency, 'Soon')


@audit_denials(EntityType.APPOINTMENT, refused_action=Action.CREATE)
async def add_to_waitlist(*, actor: Actor, entry: WaitlistInput) -> WaitlistRow:
    """Put a patient on the branch's waitlist; bad input saves nothing."""
    require(actor, Permission.SCHEDULE_EDIT)
    values = await _checked(actor, entry)
    async with audit.change(actor, action=Action.CREATE, entity_type=EntityType.APPOINTMENT,
                            patient_id=values['patient'].uid, detail='Added to the waitlist') as event:
        created = WaitlistEntry(branch_id=actor.branch_id, patient_id=values['patient'].id,
                                clinician_id=values['clinician_id'], service=values['service'],
                                weekdays=','.join(str(day) for day in values['weekdays']),
                                earliest_minute=values['earliest'], latest_minute=values['latest'],
                                first_day=values['first_day'], last_day=entry.last_day, urgency=values['urgency'],
                                notes=values['notes'] or None, created_by_id=actor.user_id)
        await created.save(force_create=True)
        event.entity_id = f'waitlist-{created.id}'
    return (await _rows(WaitlistEntry.filter(id=created.id)))[0]


@audit_denials(EntityType.APPOINTMENT)
async def waiting_list(*, actor: Actor) -> list[WaitlistRow]:
    """The branch's waiting entries, most urgent first; the view is audited."""
    require(actor, Permission.SCHEDULE_VIEW)
    today = clinic_today()
    rows = await _rows(WaitlistEntry.filter(Q(last_day=None) | Q(last_day__gte=today), branch_id=actor.branch_id,
                                            status=WaitlistStatus.WAITING))
    await audit.view(actor, entity_type=EntityType.APPOINTMENT, entity_id=f'waitlist-branch-{actor.branch_id}',
                     detail=f'Waitlist: {len(rows)} waiting')
    return rows


@audit_denials(EntityType.APPOINTMENT)
async def who_fits(*, actor: Actor, clinician_id: int, starts: datetime, minutes: int,
                   service: Service | None = None) -> list[WaitlistRow]:
    """The waiting patients a free slot suits (branch wall-clock `starts`), most urgent and longest waiting first."""
    require(actor, Permission.SCHEDULE_VIEW)
    if service is not None and service not in tuple(Service):
        raise DomainError('Choose physiotherapy or speech therapy.')
    if not is_record_id(clinician_id):
        raise DomainError('Choose a clinician.')
    minutes = appointments.length_of(minutes)
    branch = await Branch.get(id=actor.branch_id)
    day, start_minute = starts.date(), starts.hour * 60 + starts.minute
    query = WaitlistEntry.filter(Q(clinician_id=None) | Q(clinician_id=clinician_id),
                                 Q(last_day=None) | Q(last_day__gte=day), branch_id=branch.id,
                                 status=WaitlistStatus.WAITING, first_day__lte=day,
                                 earliest_minute__lte=start_minute, latest_minute__gte=start_minute + minutes)
    if service is not None:
        query = query.filter(service=service)
    candidates = [row for row in await _rows(query) if day.weekday() in row.weekdays]
    if not candidates:
        return []
    starts_at = appointments.utc_of(starts, zone_of(branch))
    busy = set(await Appointment.filter(patient_id__in=[row.patient_id for row in candidates], status__in=HOLDS_TIME,
                                        **appointments.overlapping(starts_at, starts_at + timedelta(minutes=minutes)))
               .values_list('patient_id', flat=True))
    return [row for row in candidates if row.patient_id not in busy]


@audit_denials(EntityType.APPOINTMENT, refused_action=Action.UPDATE)
async def book_from_waitlist(*, actor: Actor, entry_id: UUID, clinician_id: int, starts: datetime,
                             minutes: int) -> appointments.AppointmentRow:
    """Give the entry's patient the slot (the usual booking rules apply) and mark the entry booked."""
    entry = await WaitlistEntry.get_or_none(id=entry_id, branch_id=actor.branch_id)
    if entry is None or entry.status is not WaitlistStatus.WAITING:
        raise NotFound(ENTRY_NOT_FOUND)
    row = await appointments.book(actor=actor, booking=appointments.BookingInput(
        patient_id=entry.patient_id, clinician_id=clinician_id, service=entry.service, starts=starts,
        minutes=minutes))
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.APPOINTMENT,
                            entity_id=f'waitlist-{entry.id}', patient_id=row.patient_uid,
                            detail='Booked from the waitlist'):
        await WaitlistEntry.filter(id=entry.id).update(status=WaitlistStatus.BOOKED, appointment_id=row.id)
    return row


@audit_denials(EntityType.APPOINTMENT, refused_action=Action.UPDATE)
async def withdraw(*, actor: Actor, entry_id: UUID) -> None:
    """The patient no longer wants an earlier slot."""
    require(actor, Permission.SCHEDULE_EDIT)
    entry = await WaitlistEntry.get_or_none(id=entry_id, branch_id=actor.branch_id)
    if entry is None:
        raise NotFound(ENTRY_NOT_FOUND)
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.APPOINTMENT,
                            entity_id=f'waitlist-{entry.id}', detail='Withdrawn from the waitlist'):
        await WaitlistEntry.filter(id=entry.id).update(status=WaitlistStatus.WITHDRAWN)


async def _checked(actor: Actor, entry: WaitlistInput) -> dict[str, Any]:
    check = Checker()
    service = check.choice('service', entry.service, Service, label='service')
    notes = check.text('notes', entry.notes, label='notes', required=False, max_length=500)
    patient = await Patient.get_or_none(id=entry.patient_id) if entry.patient_id else None
    if patient is None:
        check.fail('patient', 'Find and choose the patient.')
    weekdays = sorted(set(entry.weekdays))
    if not weekdays or not set(weekdays) <= set(range(7)):
        check.fail('weekdays', 'Choose the days the patient can come.')
    times = {}
    for field, text in (('earliest', entry.earliest), ('latest', entry.latest)):
        try:
            times[field] = parse_time_of_day(text or '')
        except TimeRefused as refused:
            check.fail(field, refused.message)
    if len(times) == 2 and times['latest'] <= times['earliest']:
        check.fail('latest', 'The latest time must come after the earliest.')
    urgency = int(entry.urgency) if str(entry.urgency).strip() in {'1', '2', '3'} else None
    if urgency is None:
        check.fail('urgency', 'Choose how urgent it is.')
    first_day = entry.first_day or clinic_today()
    if entry.last_day is not None and entry.last_day < first_day:
        check.fail('last_day', 'The last day cannot be before the first.')
    clinician_id = None
    if entry.clinician_id is not None:
        try:
            clinician_id = (await appointments.bookable_clinician(actor, entry.clinician_id,
                                                                  await Branch.get(id=actor.branch_id))).id
        except DomainError as refused:
            check.fail('clinician', refused.message)
    check.raise_if_any()
    return {'service': service, 'notes': notes, 'patient': patient, 'weekdays': weekdays,
            'earliest': times['earliest'], 'latest': times['latest'], 'urgency': urgency, 'first_day': first_day,
            'clinician_id': clinician_id}


async def _rows(query: Any) -> list[WaitlistRow]:
    entries = await query.select_related('patient', 'clinician').order_by('urgency', 'created_at')
    return [WaitlistRow(id=entry.id, patient_id=entry.patient_id, patient_uid=entry.patient.uid,
                        patient_name=entry.patient.full_name, patient_phone=entry.patient.phone,
                        clinician_id=entry.clinician_id,
                        clinician=entry.clinician.full_name if entry.clinician else 'Any clinician',
                        service=entry.service, weekdays=tuple(int(day) for day in entry.weekdays.split(',') if day),
                        earliest_minute=entry.earliest_minute, latest_minute=entry.latest_minute,
                        urgency=entry.urgency, first_day=entry.first_day, last_day=entry.last_day,
                        status=entry.status)
            for entry in entries]
