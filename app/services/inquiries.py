"""Inquiries as reception keeps them: list, create, edit, cancel, and register as a patient in one step.

Staff work within their own branch (the superadmin in all). Each change is one audited transaction;
listing and opening inquiries are audited as views, since the rows carry the chief complaint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, TypeVar
from uuid import UUID

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.audit.diff import changes_between, created, hidden_fields, snapshot
from app.audit.logger import ChangeEvent
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import clinic_today, utcnow
from app.config import get_settings
from app.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from app.services import patients
from app.services.changes import save_changes
from app.services.consultations import ConsultationDetails
from app.services.paging import Page
from app.services.patients import PatientDetails
from app.services.users import require
from app.services.validation import Checker, is_record_id
from models.clinic import Branch
from models.clinical import TestKind
from models.inquiries import CommunicationType, Inquiry, InquiryKind, InquiryStatus
from models.patients import Gender
from models.registrations import ConsultationType

NOT_FOUND = 'That inquiry could not be found.'
MAX_AGE = 120
FURTHEST_VISIT_DAYS = 365

KIND_LABELS = {InquiryKind.QUICK: 'Quick inquiry', InquiryKind.TEST: 'Test inquiry',
               InquiryKind.ONLINE: 'Online request'}
STATUS_LABELS = {InquiryStatus.PENDING: 'Pending', InquiryStatus.VISITED: 'Visited',
                 InquiryStatus.CANCELLED: 'Cancelled'}
COMMUNICATION_LABELS = {CommunicationType.CALL: 'Call', CommunicationType.WALK_IN: 'Walk-in',
                        CommunicationType.WHATSAPP: 'WhatsApp', CommunicationType.WEB: 'Web',
                        CommunicationType.OTHER: 'Other'}

E = TypeVar('E', bound=StrEnum)


@dataclass(frozen=True, kw_only=True)
class InquiryRow:
    """One inquiry as the inquiries page shows it."""

    id: UUID
    kind: InquiryKind
    status: InquiryStatus
    full_name: str
    phone: str
    age_years: int | None
    gender: Gender | None
    chief_complaint: str
    referral_source: str
    communication_type: CommunicationType
    expected_visit_date: date | None
    test_name: TestKind | None
    referred_by: str
    consultation_type: ConsultationType | None
    branch_id: int
    branch_name: str
    patient_uid: str | None
    created_at: datetime


def _row(inquiry: Inquiry) -> InquiryRow:
    return InquiryRow(
        id=inquiry.id, kind=inquiry.kind, status=inquiry.status, full_name=inquiry.full_name, phone=inquiry.phone,
        age_years=inquiry.age_years, gender=inquiry.gender, chief_complaint=inquiry.chief_complaint or '',
        referral_source=inquiry.referral_source, communication_type=inquiry.communication_type,
        expected_visit_date=inquiry.expected_visit_date, test_name=inquiry.test_name,
        referred_by=inquiry.referred_by, consultation_type=inquiry.consultation_type, branch_id=inquiry.branch_id,
        branch_name=inquiry.branch.name, patient_uid=inquiry.patient_uid, created_at=inquiry.created_at)


@audit_denials(EntityType.INQUIRY)
async def list_inquiries(*, actor: Actor, kind: str | None = None, status: str | None = None,
                         created_from: date | None = None, created_to: date | None = None,
                         branch_id: int | None = None, page: int = 1, per_page: int = 25) -> Page[InquiryRow]:
    """One page of the inquiries of the actor's branch (any branch for the superadmin), newest first.

    The page size is one of /patients' sizes (else 25) and the page is kept within the pages there are.
    """
    require(actor, Permission.INQUIRIES_VIEW)
    per_page = per_page if per_page in patients.PAGE_SIZES else 25
    query = Inquiry.all()
    if not actor.is_superadmin:
        query = query.filter(branch_id=actor.branch_id)
    elif branch_id is not None:
        if not is_record_id(branch_id):
            raise ValidationFailed({'branch': 'Choose a branch from the list.'})
        query = query.filter(branch_id=branch_id)
    check = Checker()
    chosen_kind = check.choice('kind', kind, InquiryKind, label='kind of inquiry', required=False)
    chosen_status = check.choice('status', status, InquiryStatus, label='status', required=False)
    check.raise_if_any()
    if chosen_kind is not None:
        query = query.filter(kind=chosen_kind)
    if chosen_status is not None:
        query = query.filter(status=chosen_status)
    if created_from is not None:
        query = query.filter(created_at__gte=_start_of(created_from))
    if created_to is not None:
        query = query.filter(created_at__lt=_start_of(created_to + timedelta(days=1)))
    total = await query.count()
    page = min(max(1, page), max(1, -(-total // per_page)))
    found = await query.order_by('-created_at', '-id').offset((page - 1) * per_page).limit(per_page) \
        .select_related('branch')
    rows = [_row(inquiry) for inquiry in found]
    filters = ', '.join(f'{name}={value}' for name, value in (
        ('kind', kind), ('status', status), ('from', created_from), ('to', created_to), ('branch', branch_id))
        if value)
    listed = f'{len(rows)} inquiries' if total == len(rows) else f'{len(rows)} of {total} inquiries, page {page}'
    await audit.view(actor, entity_type=EntityType.INQUIRY, entity_id='',
                     detail=f'Listed {listed}' + (f' ({filters})' if filters else '') + '.')
    return Page(rows=rows, total=total, page=page, per_page=per_page)


@audit_denials(EntityType.INQUIRY)
async def get_inquiry(*, actor: Actor, inquiry_id: UUID) -> InquiryRow:
    """Open one inquiry (audited as a view)."""
    require(actor, Permission.INQUIRIES_VIEW)
    inquiry = await _reachable(actor, inquiry_id)
    await audit.view(actor, entity_type=EntityType.INQUIRY, entity_id=inquiry.id)
    return _row(inquiry)


@audit_denials(EntityType.INQUIRY)
async def create_inquiry(*, actor: Actor, kind: str, branch_id: int, full_name: str, phone: str,
                         age_years: int | float | str | None = None, gender: str | None = None,
                         chief_complaint: str = '', referral_source: str = '', communication_type: str | None = None,
                         expected_visit_date: date | None = None, test_name: str | None = None,
                         referred_by: str = '') -> InquiryRow:
    """Record a quick or test inquiry taken at the desk or on the phone."""
    require(actor, Permission.INQUIRIES_EDIT)
    check = Checker()
    chosen_kind = check.choice('kind', kind, InquiryKind, label='kind of inquiry')
    if chosen_kind is InquiryKind.ONLINE:
        check.fail('kind', 'Online requests come from the booking page; record a quick inquiry instead.')
    details = _check_details(check, kind=chosen_kind, full_name=full_name, phone=phone, age_years=age_years,
                             gender=gender, chief_complaint=chief_complaint, referral_source=referral_source,
                             communication_type=communication_type, expected_visit_date=expected_visit_date,
                             test_name=test_name, referred_by=referred_by)
    await _check_branch(check, actor, branch_id)
    check.raise_if_any()
    async with audit.change(actor, action=Action.CREATE, entity_type=EntityType.INQUIRY) as event:
        inquiry = await Inquiry.create(kind=chosen_kind, branch_id=branch_id, created_by_id=actor.user_id,
                                       created_at=utcnow(), **details)
        event.entity_id = inquiry.id
        event.set_changes(created(snapshot(inquiry, ['kind', 'status', 'branch_id', *details]),
                                  hidden=hidden_fields(Inquiry)))
    return await _fresh_row(inquiry.id)


@audit_denials(EntityType.INQUIRY)
async def update_inquiry(*, actor: Actor, inquiry_id: UUID, full_name: str, phone: str,
                         age_years: int | float | str | None = None, gender: str | None = None,
                         chief_complaint: str = '', referral_source: str = '', communication_type: str | None = None,
                         expected_visit_date: date | None = None, test_name: str | None = None,
                         referred_by: str = '') -> InquiryRow:
    """Change the details of a pending inquiry (its kind and branch stay)."""
    require(actor, Permission.INQUIRIES_EDIT)
    inquiry = await _reachable(actor, inquiry_id)
    _refuse_closed(inquiry)
    check = Checker()
    details = _check_details(check, kind=inquiry.kind, full_name=full_name, phone=phone, age_years=age_years,
                             gender=gender, chief_complaint=chief_complaint, referral_source=referral_source,
                             communication_type=communication_type, expected_visit_date=expected_visit_date,
                             test_name=test_name, referred_by=referred_by,
                             previous_visit_date=inquiry.expected_visit_date)  # an old date may stay as it was
    check.raise_if_any()
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.INQUIRY, entity_id=inquiry_id) as event:
        inquiry = await _reachable(actor, inquiry_id)
        _refuse_closed(inquiry)
        await _save(event, inquiry, details)
    return await _fresh_row(inquiry_id)


@audit_denials(EntityType.INQUIRY)
async def cancel_inquiry(*, actor: Actor, inquiry_id: UUID) -> InquiryRow:
    """Mark a pending inquiry cancelled (it stays in the list and the reports)."""
    require(actor, Permission.INQUIRIES_EDIT)
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.INQUIRY, entity_id=inquiry_id) as event:
        inquiry = await _reachable(actor, inquiry_id)
        _refuse_closed(inquiry)
        await save_changes(event, inquiry, status=InquiryStatus.CANCELLED)
        event.set_detail('Inquiry cancelled.')
    return await _fresh_row(inquiry_id)


@audit_denials(EntityType.INQUIRY)
async def reopen_inquiry(*, actor: Actor, inquiry_id: UUID) -> InquiryRow:
    """Put a cancelled inquiry back to pending (the caller rang again); a registered one stays registered."""
    require(actor, Permission.INQUIRIES_EDIT)
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.INQUIRY, entity_id=inquiry_id) as event:
        inquiry = await _reachable(actor, inquiry_id)
        if inquiry.status is not InquiryStatus.CANCELLED:
            raise DomainError('Only a cancelled inquiry can be reopened.')
        await save_changes(event, inquiry, status=InquiryStatus.PENDING)
        event.set_detail('Inquiry reopened.')
    return await _fresh_row(inquiry_id)


@dataclass(frozen=True, kw_only=True)
class Prefill:
    """What an inquiry carries over to a registration: the patient, and the first consultation's details."""

    patient: PatientDetails
    complaint_details: str
    referral_source: str
    referring_doctor: str
    consultation_type: str | None
    visit_date: date | None
    branch_id: int


@audit_denials(EntityType.INQUIRY)
async def registration_prefill(*, actor: Actor, inquiry_id: UUID) -> Prefill:
    """What an inquiry carries over to a registration form (audited as a view)."""
    require(actor, Permission.INQUIRIES_VIEW)
    row = await get_inquiry(actor=actor, inquiry_id=inquiry_id)
    return Prefill(
        patient=PatientDetails(full_name=row.full_name, phone=row.phone, gender=row.gender or '',
                               age_years=row.age_years),
        complaint_details=row.chief_complaint, referral_source=row.referral_source,
        referring_doctor=row.referred_by,
        consultation_type=row.consultation_type.value if row.consultation_type else None,
        visit_date=row.expected_visit_date, branch_id=row.branch_id)


@audit_denials(EntityType.INQUIRY)
async def convert_to_registration(*, actor: Actor, inquiry_id: UUID, details: PatientDetails,
                                  first_consultation: ConsultationDetails | None = None,
                                  confirm_not_duplicate: bool = False) -> str:
    """Register the inquirer as a patient and mark the inquiry visited, in one audited step; return the UID.

    When registering is refused (a field, or a likely duplicate not yet confirmed) nothing changes,
    the inquiry included. The patient is registered in the inquiry's branch.
    """
    require(actor, Permission.INQUIRIES_EDIT)
    require(actor, Permission.PATIENTS_EDIT)
    _refuse_closed(await _reachable(actor, inquiry_id))
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.INQUIRY, entity_id=inquiry_id) as event:
        inquiry = await _reachable(actor, inquiry_id)
        _refuse_closed(inquiry)
        patient = await patients.register_patient(actor=actor, details=details, first_consultation=first_consultation,
                                                  confirm_not_duplicate=confirm_not_duplicate,
                                                  branch_id=inquiry.branch_id)
        await save_changes(event, inquiry, status=InquiryStatus.VISITED, patient_uid=patient.uid)
        event.set_patient(patient.uid)
        event.set_detail(f'Registered as patient {patient.uid}.')
    return patient.uid


# -- checks shared with the public booking page -----------------------------------------------


def check_name(check: Checker, value: str | None) -> str:
    return check.text('full_name', value, label="person's name", max_length=120)


def _check_details(check: Checker, *, kind: InquiryKind | None, full_name: str, phone: str,
                   age_years: int | float | str | None, gender: str | None, chief_complaint: str,
                   referral_source: str, communication_type: str | None, expected_visit_date: date | None,
                   test_name: str | None, referred_by: str,
                   previous_visit_date: date | None = None) -> dict[str, Any]:
    if expected_visit_date is not None and expected_visit_date != previous_visit_date:
        if expected_visit_date < clinic_today():
            check.fail('expected_visit_date', 'The expected visit date cannot be in the past.')
        elif expected_visit_date > clinic_today() + timedelta(days=FURTHEST_VISIT_DAYS):
            check.fail('expected_visit_date', 'Choose an expected visit date within the next year.')
    details: dict[str, Any] = {
        'full_name': check_name(check, full_name),
        'phone': check.phone('phone', phone, required=True),
        'age_years': _age(check, age_years),
        'gender': check.choice('gender', gender, Gender, label='gender', required=False),
        'chief_complaint': check.text('chief_complaint', chief_complaint, label='chief complaint', required=False,
                                      max_length=2000) or None,
        'referral_source': check.text('referral_source', referral_source, label='referral source',
                                      required=False, max_length=120),
        'communication_type': check.choice('communication_type', communication_type or CommunicationType.CALL,
                                     CommunicationType, label='way they contacted us'),
        'expected_visit_date': expected_visit_date,
    }
    if kind is InquiryKind.TEST:
        details['test_name'] = check.choice('test_name', test_name, TestKind, label='test')
        details['referred_by'] = check.text('referred_by', referred_by, label='referring doctor', required=False,
                                            max_length=120)
    return details


def _age(check: Checker, value: int | float | str | None) -> int | None:
    if value in (None, ''):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = -1.0
    if not number.is_integer() or not 0 <= number <= MAX_AGE:
        check.fail('age_years', f'Enter the age in whole years, from 0 to {MAX_AGE}.')
        return None
    return int(number)


async def _check_branch(check: Checker, actor: Actor, branch_id: int | None) -> None:
    if branch_id is None:
        check.fail('branch', 'Choose the branch.')
    elif not is_record_id(branch_id) or not actor.may_work_in(branch_id) \
            or not await Branch.exists(id=branch_id, is_active=True):
        check.fail('branch', 'Choose one of your open branches.')


# -- helpers ----------------------------------------------------------------------------------


async def _reachable(actor: Actor, inquiry_id: UUID) -> Inquiry:
    inquiry = await Inquiry.get_or_none(id=inquiry_id).select_related('branch')
    if inquiry is None:
        raise NotFound(NOT_FOUND)
    if not actor.may_work_in(inquiry.branch_id):
        raise PermissionDenied('This inquiry belongs to another branch.')
    return inquiry


def _refuse_closed(inquiry: Inquiry) -> None:
    if inquiry.status is InquiryStatus.VISITED:
        raise DomainError(f'This inquiry is already registered (patient {inquiry.patient_uid}).'
                          if inquiry.patient_uid else 'This inquiry is already marked visited.')
    if inquiry.status is InquiryStatus.CANCELLED:
        raise DomainError('This inquiry was cancelled. Reopen it first to change it.')


async def _save(event: ChangeEvent, inquiry: Inquiry, details: dict[str, Any]) -> None:
    """Save new details through the instance (the complaint is encrypted, so no QuerySet.update)."""
    before = snapshot(inquiry, details)
    for name, value in details.items():
        setattr(inquiry, name, value)
    await inquiry.save(update_fields=[*details, 'updated_at'])
    event.set_changes(changes_between(before, details, hidden=hidden_fields(Inquiry)))


async def _fresh_row(inquiry_id: UUID) -> InquiryRow:
    return _row(await Inquiry.get(id=inquiry_id).select_related('branch'))


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=get_settings().tz)
