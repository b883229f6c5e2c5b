"""A printable copy of one patient's health record, prepared when the patient asks for it.

The privacy policy promises patients a copy of their health record. A doctor or the superadmin
prepares it (`records.copy`; an admin, who may not read clinical notes, may not either).
Preparing it is ONE `export` event in the audit trail, naming the patient and never the health
text; so the parts are read straight from the models, because the services' own list functions
would each record a view of their own.

What the copy gives is the record as it stands: only signed notes (a draft or a note awaiting a
co-signature is not part of the record yet), of an amended note only its newest signed version with
the reason for the amendment, and no diagnosis entered in error (it was never the patient's).
Cancelled consultations are listed, marked cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import utcnow
from app.services.clinical_common import patient_by_uid
from app.services.clinical_notes import SOAP, SOAP_LABELS
from app.services.consultations import COMPLAINT_LABELS
from app.services.consultations import STATUS_LABELS as CONSULTATION_STATUS_LABELS
from app.services.diagnostic_tests import STATUS_LABELS as TEST_STATUS_LABELS
from app.services.medical_history import DIAGNOSIS_STATUS_LABELS, HISTORY_FIELDS
from app.services.outcome_scoring import INSTRUMENT_NAMES, score_text
from app.services.treatment_plans import STATUS_LABELS as PLAN_STATUS_LABELS
from app.services.treatment_plans import TYPE_LABELS as PLAN_TYPE_LABELS
from app.services.users import require
from app.services.vocabulary import CONSULTATION_TYPE_LABELS, GENDER_LABELS, SERVICE_LABELS
from models.clinical import ClinicalNote, Diagnosis, DiagnosisStatus, DiagnosticTest, MedicalHistory, NoteStatus
from models.outcomes import OutcomeRecord
from models.patients import Patient
from models.plans import TreatmentPlan
from models.registrations import Registration

CANCELLED = 'Cancelled'
DETAIL = 'Copy of the health record prepared for the patient.'


@dataclass(frozen=True, kw_only=True)
class Demographics:
    """Who the record is about, as registered."""

    full_name: str
    uid: str
    gender: str
    date_of_birth: date | None
    age_years: int | None  # the age given at registration, when the birth date is unknown
    phone: str
    address: str
    first_branch: str
    registered_on: date


@dataclass(frozen=True, kw_only=True)
class Consultation:
    visit_at: datetime
    branch: str
    consultation_type: str
    chief_complaint: str
    complaint_details: str
    doctor_notes: str
    prescription: str
    follow_up_date: date | None
    status: str  # 'Cancelled' for a cancelled consultation


@dataclass(frozen=True, kw_only=True)
class LabelledText:
    """A labelled piece of text: a part of the medical history, or one SOAP part of a note."""

    label: str
    text: str


@dataclass(frozen=True, kw_only=True)
class DiagnosisEntry:
    description: str
    code: str
    status: str
    diagnosed_at: datetime


@dataclass(frozen=True, kw_only=True)
class NoteEntry:
    """The newest signed version of one clinical note."""

    discipline: str
    parts: tuple[LabelledText, ...]
    author: str
    signed_at: datetime | None
    cosigned_by: str
    cosigned_at: datetime | None
    amended: bool  # this version replaces an earlier signed one
    amendment_reason: str


@dataclass(frozen=True, kw_only=True)
class DiagnosticTestEntry:
    kind: str
    items: str
    limb: str
    status: str
    results: str
    requested_at: datetime


@dataclass(frozen=True, kw_only=True)
class OutcomeEntry:
    instrument: str
    recorded_on: date
    score: str  # as the patient page shows it: '4', '18%', or '' when not scored


@dataclass(frozen=True, kw_only=True)
class PlanEntry:
    service: str
    plan_type: str
    start_date: date
    end_date: date
    days: int
    status: str


@dataclass(frozen=True, kw_only=True)
class RecordCopy:
    """Everything the copy prints, with who prepared it, when, and for which clinic."""

    clinic_name: str
    branch_name: str
    prepared_at: datetime
    prepared_by: str
    patient: Demographics
    consultations: tuple[Consultation, ...]
    history: tuple[LabelledText, ...]
    diagnoses: tuple[DiagnosisEntry, ...]
    notes: tuple[NoteEntry, ...]
    tests: tuple[DiagnosticTestEntry, ...]
    outcomes: tuple[OutcomeEntry, ...]
    plans: tuple[PlanEntry, ...]


@audit_denials(EntityType.PATIENT)
async def prepare_copy(*, actor: Actor, patient_uid: str) -> RecordCopy:
    """Gather the patient's record for printing and audit it as one export (never the health text)."""
    require(actor, Permission.RECORD_COPY)
    patient = await patient_by_uid(patient_uid)
    await patient.fetch_related('first_branch')
    copy = RecordCopy(clinic_name=actor.clinic_name, branch_name=actor.branch_name, prepared_at=utcnow(),
                      prepared_by=actor.full_name, patient=_demographics(patient),
                      consultations=await _consultations(patient.id), history=await _history(patient.id),
                      diagnoses=await _diagnoses(patient.id), notes=await _notes(patient.id),
                      tests=await _tests(patient.id), outcomes=await _outcomes(patient.id),
                      plans=await _plans(patient.id))
    await audit.record(actor, action=Action.EXPORT, entity_type=EntityType.PATIENT, entity_id=patient.uid,
                       patient_id=patient.uid, detail=DETAIL)
    return copy


def _demographics(patient: Patient) -> Demographics:
    return Demographics(full_name=patient.full_name, uid=patient.uid, gender=GENDER_LABELS[patient.gender],
                        date_of_birth=patient.date_of_birth, age_years=patient.age_years, phone=patient.phone,
                        address=patient.address, first_branch=patient.first_branch.name,
                        registered_on=patient.registered_on)


async def _consultations(patient_id: UUID) -> tuple[Consultation, ...]:
    rows = await Registration.filter(patient_id=patient_id).select_related('branch').order_by('-visit_at')
    return tuple(Consultation(visit_at=row.visit_at, branch=row.branch.name,
                              consultation_type=CONSULTATION_TYPE_LABELS[row.consultation_type],
                              chief_complaint=COMPLAINT_LABELS[row.chief_complaint],
                              complaint_details=row.complaint_details or '', doctor_notes=row.doctor_notes or '',
                              prescription=row.prescription or '', follow_up_date=row.follow_up_date,
                              status=CANCELLED if row.cancelled_at else CONSULTATION_STATUS_LABELS[row.status])
                 for row in rows)


async def _history(patient_id: UUID) -> tuple[LabelledText, ...]:
    record = await MedicalHistory.get_or_none(patient_id=patient_id)
    if record is None:
        return ()
    return tuple(LabelledText(label=label, text=text) for name, label in HISTORY_FIELDS.items()
                 if (text := (getattr(record, name) or '').strip()))


async def _diagnoses(patient_id: UUID) -> tuple[DiagnosisEntry, ...]:
    """Active diagnoses first, then resolved ones, newest first within each."""
    rows = await Diagnosis.filter(patient_id=patient_id).exclude(status=DiagnosisStatus.ENTERED_IN_ERROR)
    rows.sort(key=lambda row: (row.status is not DiagnosisStatus.ACTIVE, -row.created_at.timestamp()))
    return tuple(DiagnosisEntry(description=row.description, code=row.code or '',
                                status=DIAGNOSIS_STATUS_LABELS[row.status], diagnosed_at=row.created_at)
                 for row in rows)


async def _notes(patient_id: UUID) -> tuple[NoteEntry, ...]:
    """Per note, its newest signed version; newest note first (by when the note was first written)."""
    signed = await ClinicalNote.filter(patient_id=patient_id, status=NoteStatus.SIGNED) \
        .select_related('author', 'cosigned_by')
    newest: dict[UUID, ClinicalNote] = {}
    started: dict[UUID, datetime] = {}
    for note in signed:
        if note.series_id not in newest or note.version > newest[note.series_id].version:
            newest[note.series_id] = note
        started[note.series_id] = min(started.get(note.series_id, note.created_at), note.created_at)
    shown = sorted(newest.values(), key=lambda note: started[note.series_id], reverse=True)
    return tuple(NoteEntry(discipline=SERVICE_LABELS[note.discipline],
                           parts=tuple(LabelledText(label=SOAP_LABELS[part], text=text) for part in SOAP
                                       if (text := (getattr(note, part) or '').strip())),
                           author=note.author.full_name, signed_at=note.signed_at,
                           cosigned_by=note.cosigned_by.full_name if note.cosigned_by else '',
                           cosigned_at=note.cosigned_at, amended=note.previous_version_id is not None,
                           amendment_reason=note.amendment_reason or '')
                 for note in shown)


async def _tests(patient_id: UUID) -> tuple[DiagnosticTestEntry, ...]:
    rows = await DiagnosticTest.filter(patient_id=patient_id)
    return tuple(DiagnosticTestEntry(kind=row.kind.value, items=row.items or '', limb=row.limb or '',
                                     status=TEST_STATUS_LABELS[row.status], results=row.results or '',
                                     requested_at=row.created_at) for row in rows)


async def _outcomes(patient_id: UUID) -> tuple[OutcomeEntry, ...]:
    """Oldest first, as the trends read."""
    rows = await OutcomeRecord.filter(patient_id=patient_id).order_by('recorded_on', 'created_at')
    return tuple(OutcomeEntry(instrument=INSTRUMENT_NAMES[row.instrument], recorded_on=row.recorded_on,
                              score=score_text(row.instrument, row.score)) for row in rows)


async def _plans(patient_id: UUID) -> tuple[PlanEntry, ...]:
    rows = await TreatmentPlan.filter(patient_id=patient_id)
    return tuple(PlanEntry(service=SERVICE_LABELS[row.service], plan_type=PLAN_TYPE_LABELS[row.plan_type],
                           start_date=row.start_date, end_date=row.end_date, days=row.days,
                           status=PLAN_STATUS_LABELS[row.status]) for row in rows)
