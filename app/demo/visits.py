"""One visit to the demo clinic: the rows it leaves (patient, consultation, note, outcome) and their events.

Each writer adds the row as the service would have saved it and the event the service would have
written, with the same entity type, ids and changed fields (health fields by name only).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from app.audit.diff import changes_between, created, hidden_fields
from app.audit.events import Action, EntityType
from app.demo import texts
from app.demo.day import World
from app.demo.names import REFERRING_DOCTORS, Person
from app.demo.staff import Member
from app.services.outcome_scoring import score
from models.accounts import Role
from models.clinical import ClinicalNote, NoteStatus
from models.outcomes import Instrument, OutcomeRecord
from models.patients import Patient
from models.plans import PlanType
from models.registrations import ChiefComplaint, ConsultationType, PaymentMethod, Registration, RegistrationStatus

_HIDDEN = {model: hidden_fields(model) for model in (Patient, Registration, ClinicalNote, OutcomeRecord)}
_MINUTE = timedelta(minutes=1)


@dataclass(kw_only=True)
class Course:
    """A patient's course of treatment as it unfolds: who treats them, how they are doing, what comes next."""

    patient_id: UUID
    uid: str
    branch_id: int
    speech: bool
    complaint: ChiefComplaint
    clinician: Member
    visits_left: int
    pain: float  # today's pain rating, falling over the course
    disability: float  # ODI or NDI percentage, falling too
    instrument: Instrument | None  # ODI or NDI, or None (speech therapy)
    referral: str
    plan_id: UUID | None = None
    plan_type: PlanType | None = None
    diagnosis_id: UUID | None = None
    visits: int = 0
    prefer: int = 600  # the time of day the patient likes to come, minutes after midnight
    series: bool = False  # the plan's sessions are booked: its last one completes it


def register_patient(world: World, *, person: Person, branch_id: int, at: datetime,
                     reception: Member) -> tuple[UUID, str]:
    """The patient's row and its `create` event, under the next UID of the clinic day."""
    day = at.astimezone(world.tz).date()
    uid = f'{day:%y%m%d}-{world.next_serial(day)}'
    patient_id = world.uuid()
    rng = world.rng
    birth = None
    if rng.random() < 0.6:
        birth = date(day.year - person.age, rng.randint(1, 12), rng.randint(1, 28))
    values: dict[str, Any] = {
        'full_name': person.full_name, 'name_key': person.full_name.lower(), 'phone': person.phone,
        'phone_digits': person.phone.replace('+91', '').replace(' ', ''), 'gender': person.gender,
        'email': f'{person.full_name.split()[0].lower()}{rng.randint(1, 999)}@example.in' if rng.random() < 0.4
        else '',
        'date_of_birth': birth, 'age_years': None if birth else person.age, 'address': person.address,
        'occupation': person.occupation,
        'emergency_contact_name': person.relative_name, 'emergency_contact_phone': person.relative_phone,
    }
    world.rows.add(Patient, id=patient_id, uid=uid, first_branch_id=branch_id, registered_on=day,
                   created_by_id=reception.user_id, created_at=at, updated_at=at, photo_file=None, **values)
    shown = {'uid': uid, 'first_branch_id': branch_id, 'registered_on': day, **values}
    world.event(at, reception, action=Action.CREATE, entity_type=EntityType.PATIENT, entity_id=uid, patient_id=uid,
                changes=created(shown, hidden=_HIDDEN[Patient]))
    return patient_id, uid


def consultation(world: World, course: Course, *, at: datetime, by: Member, first: bool,
                 status: RegistrationStatus = RegistrationStatus.CONSULTED, created_at: datetime | None = None,
                 notes: bool = True) -> UUID:
    """A registration for a visit at `at`, booked by reception at `created_at` (default: on arrival)."""
    rng = world.rng
    registration_id = world.uuid()
    booked = created_at or at
    kind = ConsultationType.SPEECH_THERAPY if course.speech else (
        ConsultationType.HOME_VISIT if rng.random() < 0.05 else ConsultationType.IN_CLINIC)
    fee = _fee(rng, course, kind=kind, first=first)
    values: dict[str, Any] = {
        'chief_complaint': course.complaint,
        'complaint_details': texts.complaint_words(rng, course.complaint, speech=course.speech) if first else None,
        'referral_source': course.referral if first else '',
        'referring_doctor': rng.choice(REFERRING_DOCTORS) if first and course.referral == 'Doctor referral' else '',
        'consultation_type': kind, 'visit_at': at, 'fee': fee,
        'payment_method': rng.choice((PaymentMethod.UPI, PaymentMethod.UPI, PaymentMethod.CASH, PaymentMethod.CARD)),
        'follow_up_date': None,
    }
    written = {'doctor_notes': rng.choice(texts.FOLLOW_UP_WORDS) if notes else None,
               'prescription': rng.choice(texts.PRESCRIPTIONS) if notes and first else None}
    done = at + timedelta(minutes=rng.randint(20, 45))
    world.rows.add(Registration, id=registration_id, patient_id=course.patient_id, branch_id=course.branch_id,
                   status=status, cancelled_at=None, cancellation_reason='', created_by_id=by.user_id,
                   created_at=booked, updated_at=done if notes else booked, **values, **written)
    world.event(booked, by, action=Action.CREATE, entity_type=EntityType.REGISTRATION, entity_id=registration_id,
                patient_id=course.uid,
                changes=created({'branch_id': course.branch_id, **values}, hidden=_HIDDEN[Registration]))
    if status is RegistrationStatus.CONSULTED and world.billing is not None:  # the fee is paid as they register
        world.billing.consultation(course, registration_id, kind=kind, fee=fee, method=values['payment_method'],
                                   at=booked, desk=by, first=first)
    if notes:
        world.event(done, course.clinician, action=Action.UPDATE, entity_type=EntityType.REGISTRATION,
                    entity_id=registration_id, patient_id=course.uid,
                    changes=changes_between({}, {name: text for name, text in written.items() if text},
                                            hidden=_HIDDEN[Registration]))
        world.event(done + _MINUTE, course.clinician, action=Action.UPDATE, entity_type=EntityType.REGISTRATION,
                    entity_id=registration_id, patient_id=course.uid,
                    changes=changes_between({'status': 'pending'}, {'status': status.value}))
    return registration_id


def cancelled_consultation(world: World, course: Course, *, at: datetime, by: Member) -> None:
    """A visit booked and then cancelled by phone, with or without a refund."""
    rng = world.rng
    registration_id = world.uuid()
    reason = rng.choice(texts.CANCELLATION_REASONS)
    refund = rng.choice(('none', 'refunded', 'pending'))
    values: dict[str, Any] = {'chief_complaint': course.complaint, 'consultation_type': ConsultationType.IN_CLINIC,
                              'visit_at': at, 'fee': Decimal('600.00'), 'payment_method': PaymentMethod.UPI}
    booked, cancelled = at - timedelta(hours=rng.randint(1, 5)), at - _MINUTE * rng.randint(10, 50)
    world.rows.add(Registration, id=registration_id, patient_id=course.patient_id, branch_id=course.branch_id,
                   status=RegistrationStatus.PENDING, cancelled_at=cancelled, cancellation_reason=reason,
                   refund_status=refund, created_by_id=by.user_id, created_at=booked, updated_at=cancelled,
                   complaint_details=None, doctor_notes=None, prescription=None, follow_up_date=None,
                   referral_source='', referring_doctor='', **values)
    world.event(booked, by, action=Action.CREATE, entity_type=EntityType.REGISTRATION, entity_id=registration_id,
                patient_id=course.uid,
                changes=created({'branch_id': course.branch_id, **values}, hidden=_HIDDEN[Registration]))
    world.event(cancelled, by, action=Action.UPDATE, entity_type=EntityType.REGISTRATION, entity_id=registration_id,
                patient_id=course.uid, detail='Consultation cancelled.',
                changes=changes_between({'cancelled_at': None, 'cancellation_reason': '', 'refund_status': 'none'},
                                        {'cancelled_at': cancelled, 'cancellation_reason': reason,
                                         'refund_status': refund}))


def opened_record(world: World, course: Course, *, at: datetime, first: bool) -> None:
    """The clinician opens the patient page: the parts of the record they read, each a `view` event."""
    clinician, uid = course.clinician, course.uid
    world.event(at, clinician, action=Action.VIEW, entity_type=EntityType.PATIENT, entity_id=uid, patient_id=uid)
    world.event(at, clinician, action=Action.VIEW, entity_type=EntityType.CLINICAL_NOTE, entity_id=uid, patient_id=uid)
    if first:
        world.event(at, clinician, action=Action.VIEW, entity_type=EntityType.REGISTRATION,
                    entity_id=uid, patient_id=uid,
                    detail='1 consultation, with notes')


def note(world: World, course: Course, *, at: datetime, first: bool, sign: bool = True) -> tuple[UUID, NoteStatus]:
    """A SOAP note started at `at` and signed a few minutes later (a junior doctor's awaits a co-signature)."""
    rng, author = world.rng, course.clinician
    note_id = world.uuid()
    pain = round(course.pain)
    parts = texts.first_note(rng, complaint=texts.complaint_words(rng, course.complaint, speech=course.speech),
                             pain=pain, speech=course.speech) if first \
        else texts.follow_up_note(rng, pain=pain, speech=course.speech)
    discipline = 'speech-therapy' if course.speech else 'physiotherapy'
    template = ('speech-' if course.speech else 'physio-') + (
        'assessment' if first else ('session' if course.speech else 'followup'))
    signed_at = at + timedelta(minutes=rng.randint(5, 20))
    status = NoteStatus.DRAFT if not sign else (
        NoteStatus.AWAITING_COSIGN if author.role is Role.JRDOCTOR else NoteStatus.SIGNED)  # as `sign_note` decides
    world.rows.add(ClinicalNote, id=note_id, series_id=note_id, patient_id=course.patient_id, discipline=discipline,
                   template_key=template, status=status, author_id=author.user_id,
                   signed_at=signed_at if sign else None, cosigned_by_id=None, cosigned_at=None, version=1,
                   previous_version_id=None, amendment_reason=None, created_at=at,
                   updated_at=signed_at if sign else at, **parts)
    world.event(at, author, action=Action.CREATE, entity_type=EntityType.CLINICAL_NOTE, entity_id=note_id,
                patient_id=course.uid,
                changes=created({'discipline': discipline, 'template_key': template, 'status': 'draft',
                                 'version': 1, **parts}, hidden=_HIDDEN[ClinicalNote]))
    if sign:
        world.event(signed_at, author, action=Action.UPDATE, entity_type=EntityType.CLINICAL_NOTE, entity_id=note_id,
                    patient_id=course.uid, detail='Note version 1 signed.',
                    changes=changes_between({'status': 'draft', 'signed_at': None},
                                            {'status': status.value, 'signed_at': signed_at}))
    return note_id, status


def cosign(world: World, *, note_id: UUID, uid: str, at: datetime, doctor: Member) -> None:
    """A doctor countersigns a junior doctor's note."""
    world.rows.update(ClinicalNote, note_id, status=NoteStatus.SIGNED, cosigned_by_id=doctor.user_id, cosigned_at=at,
                      updated_at=at)
    world.event(at, doctor, action=Action.UPDATE, entity_type=EntityType.CLINICAL_NOTE,
                entity_id=note_id, patient_id=uid,
                detail='Note version 1 co-signed.',
                changes=changes_between({'status': 'awaiting-cosign', 'cosigned_by_id': None, 'cosigned_at': None},
                                        {'status': 'signed', 'cosigned_by_id': doctor.user_id, 'cosigned_at': at}))


def outcome(world: World, course: Course, *, at: datetime, instrument: Instrument) -> None:
    """One pain rating or questionnaire, scored as the app scores it."""
    rng = world.rng
    if instrument is Instrument.NPRS:
        answers: Any = max(0, min(10, round(course.pain + rng.uniform(-0.6, 0.6))))
    else:
        level = course.disability / 20  # a section's 0-5 answer around the index's level
        answers = [max(0, min(5, round(level + rng.uniform(-1.2, 1.2)))) for _ in range(10)]
        if rng.random() < 0.1:
            answers[rng.randrange(10)] = None  # a section left blank, as patients do
    result = score(instrument, answers)
    record_id = world.uuid()
    day = at.astimezone(world.tz).date()
    world.rows.add(OutcomeRecord, id=record_id, patient_id=course.patient_id, instrument=instrument,
                   recorded_on=day, answers=json.dumps(answers), score=result.score,
                   recorded_by_id=course.clinician.user_id, created_at=at)
    world.event(at, course.clinician, action=Action.CREATE, entity_type=EntityType.OUTCOME, entity_id=record_id,
                patient_id=course.uid,
                changes=created({'instrument': instrument, 'recorded_on': day, 'answers': answers,
                                 'score': result.score, 'recorded_by_id': course.clinician.user_id},
                                hidden=_HIDDEN[OutcomeRecord]), detail=result.note)


def _fee(rng: Any, course: Course, *, kind: ConsultationType, first: bool) -> Decimal:
    if first:
        return Decimal(1200 if kind is ConsultationType.HOME_VISIT else rng.choice((500, 600, 700, 800)))
    if course.plan_type in (PlanType.PACKAGE, PlanType.ADVANCE):
        return Decimal('0.00')  # paid with the plan
    return Decimal(600)

