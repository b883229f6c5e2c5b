"""Patients: register (with a first consultation), edit, find likely duplicates, search, and the photo.

A patient is registered in one audited transaction that takes the next UID of the clinic's day,
creates the record and, when given, its first consultation: a failure leaves nothing behind and
gives the serial back. Photos are health uploads: checked by their first bytes, stored encrypted.
"""

from __future__ import annotations

import asyncio
import re
import secrets
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.audit.diff import created, hidden_fields, snapshot
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import clinic_today
from app.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from app.security.encrypted_files import health_uploads_dir, read_encrypted, write_encrypted
from app.services.changes import save_changes
from app.services.consultations import ConsultationDetails, add_registration, check_details, priced
from app.services.paging import Page
from app.services.patient_uid import allocate_uid
from app.services.uploads import IMAGE_KINDS, MEDIA_TYPES, image_kind, shown_name, size_problem
from app.services.users import require
from app.services.validation import Checker
from models.clinic import Branch
from models.patients import Gender, Patient

NOT_FOUND = 'That patient could not be found.'
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PAGE_SIZES = (10, 25, 50, 100)
PHOTO_TYPES = {kind: MEDIA_TYPES[kind] for kind in IMAGE_KINDS}
_UID_QUERY = re.compile(r'^\d{6}-\d{0,8}$')  # a UID or its start, short enough for the range's upper bound
_PHONE_QUERY = re.compile(r'^[+\d\s()-]+$')
_SIMILAR = 0.8


@dataclass(frozen=True, kw_only=True)
class PatientDetails:
    """A patient's demographics as a desk or an inquiry hands them over."""

    full_name: str
    phone: str
    gender: Gender | str
    email: str = ''
    date_of_birth: date | None = None
    age_years: int | None = None  # when the date of birth is not known
    address: str = ''
    occupation: str = ''
    emergency_contact_name: str = ''
    emergency_contact_phone: str = ''


@dataclass(frozen=True)
class PhotoUpload:
    content: bytes
    filename: str


@dataclass(frozen=True)
class Photo:
    media_type: str
    content: bytes


@dataclass(frozen=True, kw_only=True)
class PatientRow:
    """A patient as lists and the demographics section show them."""

    id: UUID
    uid: str
    full_name: str
    phone: str
    email: str
    gender: Gender
    date_of_birth: date | None
    age_years: int | None
    address: str
    occupation: str
    emergency_contact_name: str
    emergency_contact_phone: str
    first_branch: str
    registered_on: date
    has_photo: bool

    @property
    def age(self) -> str:
        """The age as the clinic says it today ('' when unknown)."""
        if self.date_of_birth is not None:
            today = clinic_today()
            years = today.year - self.date_of_birth.year - ((today.month, today.day) <
                                                             (self.date_of_birth.month, self.date_of_birth.day))
            return f'{years} y'
        if self.age_years is not None:
            return f'{self.age_years + (clinic_today() - self.registered_on).days // 365} y'
        return ''


class LikelyDuplicate(DomainError):
    """A patient with the same phone and a similar name exists; register anyway only when told to."""

    def __init__(self, matches: list[PatientRow]) -> None:
        names = ', '.join(f'{row.full_name} ({row.uid})' for row in matches[:3])
        super().__init__(f'This may be a patient already registered: {names}. Open that record, '
                         'or register anyway if this is a different person.')
        self.matches = matches


@audit_denials(EntityType.PATIENT)
async def find_duplicates(*, actor: Actor, full_name: str, phone: str) -> list[PatientRow]:
    """Patients with the same phone number and a similar name."""
    require(actor, Permission.PATIENTS_VIEW)
    digits = phone_digits(Checker().phone('phone', phone))
    name = name_key(full_name)
    if len(digits) != 10 or not name:
        return []
    candidates = await Patient.filter(phone_digits=digits).select_related('first_branch')
    return [_row(patient) for patient in candidates if similar_names(name, patient.name_key)]


@audit_denials(EntityType.PATIENT)
async def register_patient(*, actor: Actor, details: PatientDetails,
                           first_consultation: ConsultationDetails | None = None,
                           photo: PhotoUpload | None = None, confirm_not_duplicate: bool = False,
                           branch_id: int | None = None) -> PatientRow:
    """Register a new patient (UID of the clinic's today), with its first consultation and photo when given."""
    require(actor, Permission.PATIENTS_EDIT)
    branch_id = actor.branch_id if branch_id is None else branch_id
    if not actor.may_work_in(branch_id):
        raise PermissionDenied('You can only register patients in your own branch.')
    values = _check_details(details)
    consultation = check_details(actor, await priced(actor, first_consultation, branch_id=branch_id)) \
        if first_consultation is not None else None
    kind = check_photo(photo) if photo is not None else None
    if not confirm_not_duplicate and (matches := await find_duplicates(actor=actor, full_name=values['full_name'],
                                                                        phone=values['phone'])):
        raise LikelyDuplicate(matches)
    if not await Branch.exists(id=branch_id, is_active=True):
        raise DomainError('That branch is closed or no longer exists.')
    patient_id = uuid4()
    photo_path = None
    if photo is not None and kind is not None:
        photo_path = _new_photo_path(patient_id, kind)
        await asyncio.to_thread(write_encrypted, photo_path, photo.content)
        values['photo_file'] = photo_path.relative_to(health_uploads_dir()).as_posix()
    today = clinic_today()
    try:
        async with audit.change(actor, action=Action.CREATE, entity_type=EntityType.PATIENT) as event:
            uid = await allocate_uid(today)
            event.entity_id = uid
            event.set_patient(uid)
            patient = await Patient.create(id=patient_id, uid=uid, first_branch_id=branch_id, registered_on=today,
                                           created_by_id=actor.user_id, **values)
            event.set_changes(created(snapshot(patient, ['uid', 'first_branch_id', 'registered_on', *values]),
                                      hidden=hidden_fields(Patient)))
            if consultation is not None:
                await add_registration(actor, patient, consultation, branch_id=branch_id)
    except BaseException:
        if photo_path is not None:
            photo_path.unlink(missing_ok=True)
        raise
    return await _row_of(patient_id)


@audit_denials(EntityType.PATIENT)
async def update_patient(*, actor: Actor, patient_id: UUID, details: PatientDetails) -> PatientRow:
    """Change a patient's demographics."""
    require(actor, Permission.PATIENTS_EDIT)
    values = _check_details(details)
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.PATIENT) as event:
        patient = await _patient(patient_id)
        event.entity_id = patient.uid
        event.set_patient(patient.uid)
        await save_changes(event, patient, **values)
    return await _row_of(patient_id)


@audit_denials(EntityType.PATIENT)
async def get_patient(*, actor: Actor, patient_id: UUID) -> PatientRow:
    """One patient's demographics (the page that shows them has recorded the opening)."""
    require(actor, Permission.PATIENTS_VIEW)
    return await _row_of(patient_id)


SEARCH_MAX = 100


@audit_denials(EntityType.PATIENT)
async def search_patients(*, actor: Actor, query: str = '', page: int = 1, per_page: int = 25) -> Page[PatientRow]:
    """One page of the patients matching part of a name, a UID or a phone number (newest first when empty)."""
    require(actor, Permission.PATIENTS_VIEW)
    per_page = per_page if per_page in PAGE_SIZES else 25
    text = ' '.join(query.split()).lower()
    if len(text) > SEARCH_MAX:
        raise ValidationFailed({'query': f'Search for at most {SEARCH_MAX} characters: part of a name, a UID or a '
                                         'phone number.'})
    filtered = Patient.all()
    # Orderings are chosen so SQLite either walks an index that answers the query or sorts the few matches,
    # never walks a whole index row by row looking for rare matches.
    ordering: tuple[str, ...] = ('full_name', 'uid')
    if _UID_QUERY.match(text):  # a range on the unique index ('.' follows '-')
        filtered = filtered.filter(uid__gte=text, uid__lt=text[:6] + '.' if text.endswith('-') else text + 'a')
        ordering = ('uid',)
    elif _PHONE_QUERY.match(text) and len(digits := re.sub(r'\D', '', text)) >= 3:
        if len(digits) > 10 and digits.startswith(('91', '0')):
            digits = digits[-10:]
        filtered = filtered.filter(phone_digits=digits) if len(digits) == 10 \
            else filtered.filter(phone_digits__contains=digits)
    elif text:
        for word in text.split(' ')[:5]:
            filtered = filtered.filter(name_key__contains=word)
    else:
        ordering = ('-created_at',)
    total = await filtered.count()
    last_page = max(1, -(-total // per_page))
    page = min(max(1, page), last_page)
    patients = await filtered.order_by(*ordering).offset((page - 1) * per_page).limit(per_page) \
        .select_related('first_branch')
    await audit.view(actor, entity_type=EntityType.PATIENT_SEARCH, entity_id='',
                     detail=f'"{query.strip()[:60]}", page {page}: {total} found')
    return Page(rows=[_row(patient) for patient in patients], total=total, page=page, per_page=per_page)


def photo_size_problem(size: int, filename: str) -> str | None:
    """Say why a file of this size cannot be a patient photo, or None."""
    return size_problem(size, filename, max_bytes=PHOTO_MAX_BYTES, noun='photo', choose='a JPEG, PNG or WebP photo')


@audit_denials(EntityType.PATIENT)
async def save_photo(*, actor: Actor, patient_id: UUID, photo: PhotoUpload) -> PatientRow:
    """Store a new photo of a patient (encrypted) and remove the old one."""
    require(actor, Permission.PATIENTS_EDIT)
    kind = check_photo(photo)
    await _patient(patient_id)
    path = _new_photo_path(patient_id, kind)
    await asyncio.to_thread(write_encrypted, path, photo.content)
    try:
        async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.PATIENT) as event:
            patient = await _patient(patient_id)
            event.entity_id = patient.uid
            event.set_patient(patient.uid)
            old = patient.photo_file
            await save_changes(event, patient, photo_file=path.relative_to(health_uploads_dir()).as_posix())
            event.set_detail('New photo.')
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    if old and (old_path := _photo_path(old)) is not None:
        old_path.unlink(missing_ok=True)
    return await _row_of(patient_id)


@audit_denials(EntityType.PATIENT)
async def load_photo(*, actor: Actor, patient_id: UUID) -> Photo | None:
    """A patient's photo, or None (shown on the patient page, whose opening `open_patient` records)."""
    require(actor, Permission.PATIENTS_VIEW)
    patient = await _patient(patient_id)
    if not patient.photo_file or (path := _photo_path(patient.photo_file)) is None:
        return None
    try:
        content = await asyncio.to_thread(read_encrypted, path)
    except FileNotFoundError:
        return None
    return Photo(PHOTO_TYPES.get(path.suffix.removeprefix('.'), 'application/octet-stream'), content)


def name_key(full_name: str) -> str:
    return ' '.join(full_name.split()).lower()


def phone_digits(phone: str) -> str:
    """The ten digits of a validated number (`+91 98765 43210` gives `9876543210`)."""
    return re.sub(r'\D', '', phone)[-10:]


def similar_names(first: str, second: str) -> bool:
    """Tell whether two lower-case names probably name the same person (typos, initials, order)."""
    if first == second or SequenceMatcher(None, first, second).ratio() >= _SIMILAR:
        return True
    a, b = sorted(first.split()), sorted(second.split())
    return a == b or bool(a and b and a[0] == b[0] and (set(a) <= set(b) or set(b) <= set(a)))


def _check_details(details: PatientDetails) -> dict[str, Any]:
    check = Checker()
    today = clinic_today()
    values: dict[str, Any] = {
        'full_name': check.text('full_name', details.full_name, label="patient's full name", max_length=120),
        'phone': check.phone('phone', details.phone, required=True),
        'email': check.email('email', details.email),
        'date_of_birth': check.past_date('date_of_birth', details.date_of_birth, label='date of birth', today=today),
        'address': check.text('address', details.address, label='address', required=False, max_length=500),
        'occupation': check.text('occupation', details.occupation, label='occupation', required=False,
                                 max_length=100),
        'emergency_contact_name': check.text('emergency_contact_name', details.emergency_contact_name,
                                             label="emergency contact's name", required=False, max_length=120),
        'emergency_contact_phone': check.phone('emergency_contact_phone', details.emergency_contact_phone),
    }
    try:
        values['gender'] = Gender(details.gender)
    except ValueError:
        check.fail('gender', 'Choose the gender (or "Prefers not to say").')
    if details.date_of_birth is not None and details.date_of_birth.year < 1900:
        check.fail('date_of_birth', 'Check the year of birth.')
    age = details.age_years
    if details.date_of_birth is not None:
        age = None
    elif age is not None and not 0 <= age <= 120:
        check.fail('age_years', 'Enter an age between 0 and 120 years.')
    values['age_years'] = age
    check.raise_if_any()
    values['name_key'] = name_key(values['full_name'])
    values['phone_digits'] = phone_digits(values['phone'])
    return values


def check_photo(photo: PhotoUpload) -> str:
    """Refuse a photo that is empty, too big or not a JPEG, PNG or WebP image; return its kind."""
    problem = photo_size_problem(len(photo.content), photo.filename)
    kind = image_kind(photo.content)
    if problem is None and kind is None:
        problem = f'"{shown_name(photo.filename)}" is not a JPEG, PNG or WebP photo.'
    if problem is not None or kind is None:
        raise ValidationFailed({'photo': problem or ''})
    return kind


def _new_photo_path(patient_id: UUID, kind: str) -> Path:
    return health_uploads_dir() / 'patients' / str(patient_id) / f'photo-{secrets.token_hex(12)}.{kind}'


def _photo_path(stored: str) -> Path | None:
    """The file a stored photo name points at, never outside the patients' folder."""
    folder = (health_uploads_dir() / 'patients').resolve()
    path = (health_uploads_dir() / stored).resolve()
    return path if path.is_relative_to(folder) else None



async def _patient(patient_id: UUID) -> Patient:
    patient = await Patient.get_or_none(id=patient_id)
    if patient is None:
        raise NotFound(NOT_FOUND)
    return patient


async def _row_of(patient_id: UUID) -> PatientRow:
    patient = await Patient.get_or_none(id=patient_id).select_related('first_branch')
    if patient is None:
        raise NotFound(NOT_FOUND)
    return _row(patient)


def _row(patient: Patient) -> PatientRow:
    return PatientRow(id=patient.id, uid=patient.uid, full_name=patient.full_name, phone=patient.phone,
                      email=patient.email, gender=patient.gender, date_of_birth=patient.date_of_birth,
                      age_years=patient.age_years, address=patient.address, occupation=patient.occupation,
                      emergency_contact_name=patient.emergency_contact_name,
                      emergency_contact_phone=patient.emergency_contact_phone,
                      first_branch=patient.first_branch.name, registered_on=patient.registered_on,
                      has_photo=bool(patient.photo_file))

