"""A patient's medical history (conditions, surgeries, medications, allergies, red flags) and diagnoses.

Reading either is audited as a view; every change is an audited transaction that names the fields
it changed but never their (encrypted) values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from app.audit import Action, audit
from app.audit.denials import audit_denials
from app.audit.diff import changes_between, created, hidden_fields, snapshot
from app.auth.actor import Actor
from app.auth.permissions import NOTES_VIEW, NOTES_WRITE
from app.services.clinical_common import long_text, patient_by_uid
from app.services.users import require
from app.services.validation import Checker
from models.clinical import Diagnosis, MedicalHistory

HISTORY_FIELDS = {'conditions': 'Medical conditions', 'surgeries': 'Surgeries', 'medications': 'Medications',
                  'allergies': 'Allergies', 'red_flags': 'Red flags'}


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


@audit_denials('medical-history')
async def get_history(*, actor: Actor, patient_uid: str) -> HistoryView:
    """The patient's medical history (empty when none has been taken yet)."""
    require(actor, NOTES_VIEW)
    patient = await patient_by_uid(patient_uid)
    record = await MedicalHistory.get_or_none(patient=patient)
    await audit.view(actor, entity_type='medical-history', entity_id=patient.uid, patient_id=patient.uid)
    if record is None:
        return HistoryView()
    return HistoryView(**{name: getattr(record, name) or '' for name in HISTORY_FIELDS},
                       updated_at=record.updated_at)


@audit_denials('medical-history')
async def save_history(*, actor: Actor, patient_uid: str, conditions: str, surgeries: str, medications: str,
                       allergies: str, red_flags: str) -> HistoryView:
    """Write the patient's medical history (created on first save)."""
    require(actor, NOTES_WRITE)
    patient = await patient_by_uid(patient_uid)
    check = Checker()
    given = {'conditions': conditions, 'surgeries': surgeries, 'medications': medications, 'allergies': allergies,
             'red_flags': red_flags}
    values = {name: long_text(check, name, text, label=HISTORY_FIELDS[name].lower()) for name, text in given.items()}
    check.raise_if_any()
    record = await MedicalHistory.get_or_none(patient=patient)
    action = Action.CREATE if record is None else Action.UPDATE
    async with audit.change(actor, action=action, entity_type='medical-history', entity_id=patient.uid,
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


@audit_denials('diagnosis')
async def list_diagnoses(*, actor: Actor, patient_uid: str) -> list[DiagnosisView]:
    require(actor, NOTES_VIEW)
    patient = await patient_by_uid(patient_uid)
    rows = await Diagnosis.filter(patient=patient)
    await audit.view(actor, entity_type='diagnosis', entity_id=patient.uid, patient_id=patient.uid)
    return [DiagnosisView(id=row.id, description=row.description, code=row.code or '', created_at=row.created_at)
            for row in rows]


@audit_denials('diagnosis')
async def add_diagnosis(*, actor: Actor, patient_uid: str, description: str, code: str = '') -> DiagnosisView:
    """Record a diagnosis, with an optional code (ICD-10, like M54.5)."""
    require(actor, NOTES_WRITE)
    patient = await patient_by_uid(patient_uid)
    check = Checker()
    description = check.text('description', description, label='diagnosis', max_length=500)
    code = check.text('code', code, label='code', required=False, max_length=20).upper()
    check.raise_if_any()
    diagnosis_id = uuid4()
    async with audit.change(actor, action=Action.CREATE, entity_type='diagnosis', entity_id=diagnosis_id,
                            patient_id=patient.uid) as event:
        row = await Diagnosis.create(id=diagnosis_id, patient=patient, description=description, code=code or None,
                                     diagnosed_by_id=actor.user_id)
        event.set_changes(created({'description': description, 'code': code}, hidden=hidden_fields(Diagnosis)))
    return DiagnosisView(id=row.id, description=description, code=code, created_at=row.created_at)
