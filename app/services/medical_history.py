"""A patient's medical history (conditions, surgeries, medications, allergies, red flags) and diagnoses.

Reading either is audited as a view; every change is an audited transaction that names the fields
it changed but never their (encrypted) values. A diagnosis is never deleted: it is resolved (and may
become active again), or marked entered in error with a reason, after which it cannot change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.audit.diff import changes_between, created, hidden_fields, snapshot
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import utcnow
from app.errors import DomainError, NotFound
from app.services.clinical_common import long_text, patient_by_uid
from app.services.users import require
from app.services.validation import Checker
from models.clinical import Diagnosis, DiagnosisStatus, MedicalHistory

HISTORY_FIELDS = {'conditions': 'Medical conditions', 'surgeries': 'Surgeries', 'medications': 'Medications',
                  'allergies': 'Allergies', 'red_flags': 'Red flags'}
DIAGNOSIS_NOT_FOUND = 'That diagnosis could not be found.'
DIAGNOSIS_STATUS_LABELS = {DiagnosisStatus.ACTIVE: 'Active', DiagnosisStatus.RESOLVED: 'Resolved',
                           DiagnosisStatus.ENTERED_IN_ERROR: 'Entered in error'}
_LISTING_ORDER = (DiagnosisStatus.ACTIVE, DiagnosisStatus.RESOLVED, DiagnosisStatus.ENTERED_IN_ERROR)
_STATUS_FIELDS = ('status', 'status_changed_at', 'status_changed_by_id', 'error_reason')
_REFUSED = {
    DiagnosisStatus.ENTERED_IN_ERROR: 'This diagnosis was entered in error and can no longer be changed.',
    DiagnosisStatus.RESOLVED: 'This diagnosis is already resolved.',
    DiagnosisStatus.ACTIVE: 'This diagnosis is already active.',
}


@dataclass(frozen=True, kw_only=True)
class HistoryView:
    conditions: str = ''
    surgeries: str = ''
    medications: str = ''
    allergies: str = ''
    red_flags: str = ''
    updated_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class DiagnosisView:
    id: UUID
    description: str
    code: str
    created_at: datetime
    status: DiagnosisStatus
    status_changed_at: datetime | None
    status_changed_by: str  # the full name of who made the latest status change ('' when nobody has)
    error_reason: str

    @property
    def status_label(self) -> str:
        return DIAGNOSIS_STATUS_LABELS[self.status]


@audit_denials(EntityType.MEDICAL_HISTORY)
async def get_history(*, actor: Actor, patient_uid: str) -> HistoryView:
    """The patient's medical history (empty when none has been taken yet)."""
    require(actor, Permission.NOTES_VIEW)
    patient = await patient_by_uid(patient_uid)
    record = await MedicalHistory.get_or_none(patient=patient)
    await audit.view(actor, entity_type=EntityType.MEDICAL_HISTORY, entity_id=patient.uid, patient_id=patient.uid)
    if record is None:
        return HistoryView()
    return HistoryView(**{name: getattr(record, name) or '' for name in HISTORY_FIELDS},
                       updated_at=record.updated_at)


@audit_denials(EntityType.MEDICAL_HISTORY)
async def save_history(*, actor: Actor, patient_uid: str, conditions: str, surgeries: str, medications: str,
                       allergies: str, red_flags: str) -> HistoryView:
    """Write the patient's medical history (created on first save)."""
    require(actor, Permission.NOTES_WRITE)
    patient = await patient_by_uid(patient_uid)
    check = Checker()
    given = {'conditions': conditions, 'surgeries': surgeries, 'medications': medications, 'allergies': allergies,
             'red_flags': red_flags}
    values = {name: long_text(check, name, text, label=HISTORY_FIELDS[name].lower()) for name, text in given.items()}
    check.raise_if_any()
    record = await MedicalHistory.get_or_none(patient=patient)
    action = Action.CREATE if record is None else Action.UPDATE
    async with audit.change(actor, action=action, entity_type=EntityType.MEDICAL_HISTORY, entity_id=patient.uid,
                            patient_id=patient.uid) as event:
        record = await MedicalHistory.get_or_none(patient=patient)
        if record is None:
            record = MedicalHistory(id=uuid4(), patient=patient)
        before = snapshot(record, HISTORY_FIELDS) if record.updated_at else {}
        for name, text in values.items():
            setattr(record, name, text)
        record.updated_by_id = actor.user_id
        await record.save()
        event.set_changes(changes_between(before, values, hidden=hidden_fields(MedicalHistory)))
    return await get_history(actor=actor, patient_uid=patient.uid)


@audit_denials(EntityType.DIAGNOSIS)
async def list_diagnoses(*, actor: Actor, patient_uid: str) -> list[DiagnosisView]:
    """Active diagnoses first, then resolved ones, then those entered in error; newest first within each."""
    require(actor, Permission.NOTES_VIEW)
    patient = await patient_by_uid(patient_uid)
    rows = await Diagnosis.filter(patient=patient).select_related('status_changed_by')
    await audit.view(actor, entity_type=EntityType.DIAGNOSIS, entity_id=patient.uid, patient_id=patient.uid)
    rows.sort(key=lambda row: _LISTING_ORDER.index(row.status))  # stable: keeps newest first within a status
    return [_diagnosis_view(row) for row in rows]


@audit_denials(EntityType.DIAGNOSIS)
async def add_diagnosis(*, actor: Actor, patient_uid: str, description: str, code: str = '') -> DiagnosisView:
    """Record a diagnosis, with an optional code (ICD-10, like M54.5)."""
    require(actor, Permission.NOTES_WRITE)
    patient = await patient_by_uid(patient_uid)
    check = Checker()
    description = check.text('description', description, label='diagnosis', max_length=500)
    code = check.text('code', code, label='code', required=False, max_length=20).upper()
    check.raise_if_any()
    diagnosis_id = uuid4()
    async with audit.change(actor, action=Action.CREATE, entity_type=EntityType.DIAGNOSIS, entity_id=diagnosis_id,
                            patient_id=patient.uid) as event:
        row = await Diagnosis.create(id=diagnosis_id, patient=patient, description=description, code=code or None,
                                     diagnosed_by_id=actor.user_id)
        event.set_changes(created({'description': description, 'code': code}, hidden=hidden_fields(Diagnosis)))
    return _diagnosis_view(row)


@audit_denials(EntityType.DIAGNOSIS)
async def resolve_diagnosis(*, actor: Actor, diagnosis_id: UUID) -> DiagnosisView:
    """Mark an active diagnosis resolved (the condition got better)."""
    require(actor, Permission.NOTES_WRITE)
    return await _change_status(actor, diagnosis_id, to=DiagnosisStatus.RESOLVED,
                                allowed_from={DiagnosisStatus.ACTIVE}, detail='Diagnosis resolved.')


@audit_denials(EntityType.DIAGNOSIS)
async def reactivate_diagnosis(*, actor: Actor, diagnosis_id: UUID) -> DiagnosisView:
    """Mark a resolved diagnosis active again (a recurrence)."""
    require(actor, Permission.NOTES_WRITE)
    return await _change_status(actor, diagnosis_id, to=DiagnosisStatus.ACTIVE,
                                allowed_from={DiagnosisStatus.RESOLVED}, detail='Diagnosis active again.')


@audit_denials(EntityType.DIAGNOSIS)
async def mark_diagnosis_in_error(*, actor: Actor, diagnosis_id: UUID, reason: str) -> DiagnosisView:
    """Mark a diagnosis recorded by mistake as entered in error, with the reason; it is final afterwards."""
    require(actor, Permission.NOTES_WRITE)
    check = Checker()
    reason = check.text('error_reason', reason, label='reason it was entered in error', max_length=300)
    check.raise_if_any()
    return await _change_status(actor, diagnosis_id, to=DiagnosisStatus.ENTERED_IN_ERROR,
                                allowed_from={DiagnosisStatus.ACTIVE, DiagnosisStatus.RESOLVED},
                                detail='Diagnosis marked entered in error.', error_reason=reason)


async def _change_status(actor: Actor, diagnosis_id: UUID, *, to: DiagnosisStatus,
                         allowed_from: set[DiagnosisStatus], detail: str,
                         error_reason: str | None = None) -> DiagnosisView:
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.DIAGNOSIS,
                            entity_id=diagnosis_id) as event:
        row = await _diagnosis(diagnosis_id)
        event.set_patient(row.patient.uid)
        if row.status not in allowed_from:
            raise DomainError(_REFUSED[row.status])
        before = snapshot(row, _STATUS_FIELDS)
        row.status, row.status_changed_at, row.status_changed_by_id = to, utcnow(), actor.user_id
        if error_reason is not None:
            row.error_reason = error_reason
        await row.save(update_fields=list(_STATUS_FIELDS))
        event.set_changes(changes_between(before, snapshot(row, _STATUS_FIELDS), hidden=hidden_fields(Diagnosis)))
        event.set_detail(detail)
    return _diagnosis_view(await _diagnosis(diagnosis_id))


async def _diagnosis(diagnosis_id: UUID) -> Diagnosis:
    row = await Diagnosis.get_or_none(id=diagnosis_id).select_related('patient', 'status_changed_by')
    if row is None:
        raise NotFound(DIAGNOSIS_NOT_FOUND)
    return row


def _diagnosis_view(row: Diagnosis) -> DiagnosisView:
    changed_by = row.status_changed_by.full_name if row.status_changed_by_id else ''
    return DiagnosisView(id=row.id, description=row.description, code=row.code or '', created_at=row.created_at,
                         status=row.status, status_changed_at=row.status_changed_at, status_changed_by=changed_by,
                         error_reason=row.error_reason or '')
