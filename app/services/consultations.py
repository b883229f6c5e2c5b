"""Registrations (consultations): book, edit, mark consulted or closed, cancel with a refund status.

Reception sets the scheduling and payment side; the doctor's notes and the prescription are the
clinical record: written only with `notes.write`, returned only with `notes.view`. Patients belong
to the clinic, but a consultation is changed only by staff of the branch it is booked in.
Junior doctors see no money: their rows carry no fee or payment method, and a consultation they write is
priced for them (`priced`): its own fee while its type stays, else the branch's price for the type.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.audit.diff import changes_between, created, hidden_fields, snapshot
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import utcnow
from app.config import get_settings
from app.errors import DomainError, NotFound, PermissionDenied
from app.services.changes import save_changes
from app.services.paging import RECORD_PER_PAGE, Page, read_page
from app.services.price_list import CONSULTATION_PRICES, price_by_code
from app.services.users import require
from app.services.validation import Checker
from models.patients import Patient
from models.registrations import (
    ChiefComplaint,
    ConsultationType,
    PaymentMethod,
    RefundStatus,
    Registration,
    RegistrationStatus,
)

NOT_FOUND = 'That consultation could not be found.'
# The complaint's kind says something about the patient's health: the trail names it, never its value.
HIDDEN = hidden_fields(Registration)  # health fields, the plain chief complaint included, by name only
_NOTES = ('doctor_notes', 'prescription')

COMPLAINT_LABELS = {ChiefComplaint.NECK_PAIN: 'Neck pain', ChiefComplaint.BACK_PAIN: 'Back pain',
                    ChiefComplaint.LOW_BACK_PAIN: 'Low back pain', ChiefComplaint.RADIATING_PAIN: 'Radiating pain',
                    ChiefComplaint.OTHER: 'Other'}
PAYMENT_LABELS = {PaymentMethod.CASH: 'Cash', PaymentMethod.CARD: 'Card', PaymentMethod.UPI: 'UPI',
                  PaymentMethod.CHEQUE: 'Cheque', PaymentMethod.OTHER: 'Other'}
STATUS_LABELS = {RegistrationStatus.PENDING: 'Pending', RegistrationStatus.CONSULTED: 'Consulted',
                 RegistrationStatus.CLOSED: 'Closed'}
REFUND_LABELS = {RefundStatus.NONE: 'No refund', RefundStatus.PENDING: 'Refund pending',
                 RefundStatus.REFUNDED: 'Refunded'}


@dataclass(frozen=True, kw_only=True)
class ConsultationDetails:
    """What a consultation is booked with. Notes left as None are not touched (reception never sends them)."""

    chief_complaint: ChiefComplaint | str
    consultation_type: ConsultationType | str
    fee: Decimal | str | int
    payment_method: PaymentMethod | str
    complaint_details: str = ''
    referral_source: str = ''
    referring_doctor: str = ''
    visit_at: datetime | None = None  # None: now
    follow_up_date: date | None = None
    doctor_notes: str | None = None
    prescription: str | None = None


@dataclass(frozen=True, kw_only=True)
class ConsultationRow:
    """One consultation as the patient page shows it; notes are None for roles that may not see them, the fee
    and payment method for roles that see no money."""

    id: UUID
    patient_uid: str
    branch_id: int
    branch_name: str
    chief_complaint: ChiefComplaint
    complaint_details: str
    referral_source: str
    referring_doctor: str
    consultation_type: ConsultationType
    visit_at: datetime
    fee: Decimal | None
    payment_method: PaymentMethod | None
    follow_up_date: date | None
    status: RegistrationStatus
    cancelled_at: datetime | None
    cancellation_reason: str
    refund_status: RefundStatus
    doctor_notes: str | None
    prescription: str | None

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


def check_details(actor: Actor, details: ConsultationDetails) -> dict[str, Any]:
    """Clean a consultation's details, refusing the whole input when one field is wrong."""
    if (details.doctor_notes is not None or details.prescription is not None) and not actor.can(Permission.NOTES_WRITE):
        raise PermissionDenied("Only clinicians can write the doctor's notes and prescription.")
    check = Checker()
    values: dict[str, Any] = {
        'chief_complaint': check.choice('chief_complaint', details.chief_complaint, ChiefComplaint,
                                   label='chief complaint'),
        'complaint_details': check.text('complaint_details', details.complaint_details, label='complaint',
                                        required=False, max_length=2000),
        'referral_source': check.text('referral_source', details.referral_source, label='referral source',
                                      required=False, max_length=100),
        'referring_doctor': check.text('referring_doctor', details.referring_doctor, label="referring doctor's name",
                                       required=False, max_length=120),
        'consultation_type': check.choice('consultation_type', details.consultation_type, ConsultationType,
                                     label='consultation type'),
        'visit_at': details.visit_at or utcnow(),
        'fee': check.money('fee', details.fee, label='fee'),
        'payment_method': check.choice('payment_method', details.payment_method, PaymentMethod,
                                  label='payment method'),
        'follow_up_date': details.follow_up_date,
    }
    if values['chief_complaint'] is ChiefComplaint.OTHER and not values['complaint_details']:
        check.fail('complaint_details', 'Describe the complaint when it is "Other".')
    visit_day = values['visit_at'].astimezone(get_settings().tz).date()
    if details.follow_up_date is not None and details.follow_up_date < visit_day:
        check.fail('follow_up_date', 'The follow-up date cannot be before the visit.')
    for name in _NOTES:
        if (text := getattr(details, name)) is not None:
            values[name] = check.text(name, text, label='text', required=False, max_length=10000) or None
    check.raise_if_any()
    values['complaint_details'] = values['complaint_details'] or None
    return values


async def priced(actor: Actor, details: ConsultationDetails, *, branch_id: int,
                 registration: Registration | None = None) -> ConsultationDetails:
    """The details as sent, or, from someone who sees no money, with the fee and payment method filled in.

    An edited consultation keeps its own fee and payment method while its type stays; otherwise the fee is the
    branch's price for the type and the payment method the desk's usual one (cash), for the desk to correct.
    """
    if actor.sees_money:
        return details
    if registration is not None and str(details.consultation_type) == str(registration.consultation_type):
        return replace(details, fee=registration.fee, payment_method=registration.payment_method)
    try:
        item = await price_by_code(branch_id, CONSULTATION_PRICES[ConsultationType(details.consultation_type)])
    except ValueError:
        return details  # no such type: the form's own check says so
    return replace(details, fee=item.price if item is not None else Decimal(0), payment_method=PaymentMethod.CASH)


async def add_registration(actor: Actor, patient: Patient, values: dict[str, Any], *, branch_id: int) -> Registration:
    """Create a registration inside the caller's `audit.change` block, with an event of its own."""
    async with audit.change(actor, action=Action.CREATE, entity_type=EntityType.REGISTRATION,
                            patient_id=patient.uid) as event:
        registration = await Registration.create(patient=patient, branch_id=branch_id, created_by_id=actor.user_id,
                                                 **values)
        event.entity_id = registration.id
        event.set_changes(created(snapshot(registration, ['branch_id', *values]), hidden=HIDDEN))
    return registration


@audit_denials(EntityType.PATIENT)
async def create_consultation(*, actor: Actor, patient_id: UUID, details: ConsultationDetails) -> ConsultationRow:
    """Register a patient for a new consultation in the actor's branch."""
    require(actor, Permission.PATIENTS_EDIT)
    values = check_details(actor, await priced(actor, details, branch_id=actor.branch_id))
    patient = await Patient.get_or_none(id=patient_id)
    if patient is None:
        raise NotFound('That patient could not be found.')
    registration = await add_registration(actor, patient, values, branch_id=actor.branch_id)
    return await _row_of(actor, registration.id)


@audit_denials(EntityType.REGISTRATION)
async def update_consultation(*, actor: Actor, registration_id: UUID, details: ConsultationDetails) -> ConsultationRow:
    """Change a consultation's details (notes only when given, and only by clinicians)."""
    require(actor, Permission.PATIENTS_EDIT)
    if not actor.sees_money:
        existing = await _changeable(actor, registration_id)
        details = await priced(actor, details, branch_id=existing.branch_id, registration=existing)
    values = check_details(actor, details)
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.REGISTRATION,
                            entity_id=registration_id) as event:
        registration = await _changeable(actor, registration_id)
        event.set_patient(registration.patient.uid)
        await _save(event, registration, values)
    return await _row_of(actor, registration_id)


@audit_denials(EntityType.REGISTRATION)
async def set_status(*, actor: Actor, registration_id: UUID, status: RegistrationStatus | str) -> ConsultationRow:
    """Mark a consultation pending, consulted or closed."""
    require(actor, Permission.PATIENTS_EDIT)
    check = Checker()
    chosen = check.choice('status', status, RegistrationStatus, label='status')
    check.raise_if_any()
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.REGISTRATION,
                            entity_id=registration_id) as event:
        registration = await _changeable(actor, registration_id)
        event.set_patient(registration.patient.uid)
        if registration.cancelled_at is not None:
            raise DomainError('This consultation was cancelled; its status cannot change.')
        await save_changes(event, registration, status=chosen)
    return await _row_of(actor, registration_id)


@audit_denials(EntityType.REGISTRATION)
async def cancel_consultation(*, actor: Actor, registration_id: UUID, reason: str,
                              refund_status: RefundStatus | str = RefundStatus.NONE) -> ConsultationRow:
    """Cancel a consultation, saying why and whether its fee is to be refunded."""
    require(actor, Permission.PATIENTS_EDIT)
    check = Checker()
    cleaned = check.text('cancellation_reason', reason, label='reason for cancelling', max_length=300)
    refund = check.choice('refund_status', refund_status, RefundStatus, label='refund status')
    check.raise_if_any()
    if refund is not RefundStatus.NONE and not actor.sees_money:
        raise PermissionDenied('Refunds are recorded by the front desk.')
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.REGISTRATION, entity_id=registration_id,
                            detail='Consultation cancelled.') as event:
        registration = await _changeable(actor, registration_id)
        event.set_patient(registration.patient.uid)
        if registration.cancelled_at is not None:
            raise DomainError('This consultation is already cancelled.')
        await save_changes(event, registration, cancelled_at=utcnow(), cancellation_reason=cleaned,
                           refund_status=refund)
    return await _row_of(actor, registration_id)


@audit_denials(EntityType.REGISTRATION)
async def set_refund_status(*, actor: Actor, registration_id: UUID,
                            refund_status: RefundStatus | str) -> ConsultationRow:
    """Record how the refund of a cancelled consultation stands."""
    require(actor, Permission.PATIENTS_EDIT)
    if not actor.sees_money:
        raise PermissionDenied('Refunds are recorded by the front desk.')
    check = Checker()
    refund = check.choice('refund_status', refund_status, RefundStatus, label='refund status')
    check.raise_if_any()
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.REGISTRATION,
                            entity_id=registration_id) as event:
        registration = await _changeable(actor, registration_id)
        event.set_patient(registration.patient.uid)
        if registration.cancelled_at is None:
            raise DomainError('Only a cancelled consultation can be refunded.')
        await save_changes(event, registration, refund_status=refund)
    return await _row_of(actor, registration_id)


@audit_denials(EntityType.PATIENT)
async def list_consultations(*, actor: Actor, patient_id: UUID, page: int = 1,
                             per_page: int = RECORD_PER_PAGE) -> Page[ConsultationRow]:
    """One page of the patient's consultations, newest first; the viewing is recorded (and whether notes were
    shown)."""
    require(actor, Permission.PATIENTS_VIEW)
    patient = await Patient.get_or_none(id=patient_id)
    if patient is None:
        raise NotFound('That patient could not be found.')
    notes = actor.can(Permission.NOTES_VIEW)
    found = await read_page(Registration.filter(patient_id=patient_id), ordering=('-visit_at', '-id'), page=page,
                            per_page=per_page, related=('branch', 'patient'),
                            row=lambda registration: _row(registration, notes=notes, money=actor.sees_money))
    await audit.view(actor, entity_type=EntityType.REGISTRATION, entity_id=patient.uid, patient_id=patient.uid,
                     detail=f'{found.described("consultation")}{", with notes" if notes else ""}')
    return found


async def _save(event: Any, registration: Registration, values: dict[str, Any]) -> None:
    """Save changed values through the instance (encrypted fields cannot go through `update()`)."""
    before = snapshot(registration, values)
    for name, value in values.items():
        setattr(registration, name, value)
    await registration.save(update_fields=list(values))
    event.set_changes(changes_between(before, values, hidden=HIDDEN))


async def _changeable(actor: Actor, registration_id: UUID) -> Registration:
    registration = await Registration.get_or_none(id=registration_id).select_related('patient')
    if registration is None:
        raise NotFound(NOT_FOUND)
    if not actor.may_work_in(registration.branch_id):
        raise PermissionDenied('This consultation belongs to another branch; staff there can change it.')
    return registration


async def _row_of(actor: Actor, registration_id: UUID) -> ConsultationRow:
    registration = await Registration.get(id=registration_id).select_related('branch', 'patient')
    return _row(registration, notes=actor.can(Permission.NOTES_VIEW), money=actor.sees_money)


def _row(registration: Registration, *, notes: bool, money: bool) -> ConsultationRow:
    return ConsultationRow(
        id=registration.id, patient_uid=registration.patient.uid, branch_id=registration.branch_id,
        branch_name=registration.branch.name, chief_complaint=registration.chief_complaint,
        complaint_details=registration.complaint_details or '', referral_source=registration.referral_source,
        referring_doctor=registration.referring_doctor, consultation_type=registration.consultation_type,
        visit_at=registration.visit_at, fee=registration.fee if money else None,
        payment_method=registration.payment_method if money else None,
        follow_up_date=registration.follow_up_date, status=registration.status,
        cancelled_at=registration.cancelled_at, cancellation_reason=registration.cancellation_reason,
        refund_status=registration.refund_status,
        doctor_notes=(registration.doctor_notes or '') if notes else None,
        prescription=(registration.prescription or '') if notes else None)
