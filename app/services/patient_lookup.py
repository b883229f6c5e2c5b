"""Finding one patient by the clinic UID, for the patient page and every section on it.

Patient records belong to the clinic, not to a branch: a patient seen in both branches has one
record, which staff of either branch may open with `patients.view`. Opening it is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from app.audit import EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import NotFound
from app.services.users import require
from app.services.validation import UID_MAX, fits_column
from models.patients import Patient

NOT_FOUND = 'No patient has that UID. Check the number, or search for the patient by name or phone.'


@dataclass(frozen=True, kw_only=True)
class PatientRef:
    """Which patient a page or section is about (no health data)."""

    id: UUID
    uid: str
    full_name: str


async def find_patient(uid: str | None) -> Patient:
    """The patient of a UID as typed (not audited: the caller records what it reads); NotFound otherwise."""
    cleaned = (uid or '').strip()
    patient = await Patient.get_or_none(uid=cleaned) if cleaned and fits_column(cleaned, UID_MAX) else None
    if patient is None:
        raise NotFound(NOT_FOUND)
    return patient


@audit_denials(EntityType.PATIENT)
async def open_patient(*, actor: Actor, uid: str) -> PatientRef:
    """Find a patient by UID and record that the actor opened the record."""
    require(actor, Permission.PATIENTS_VIEW)
    uid = uid.strip()
    patient = await Patient.get_or_none(uid=uid) if fits_column(uid, UID_MAX) else None
    if patient is None:
        raise NotFound(NOT_FOUND)
    await audit.view(actor, entity_type=EntityType.PATIENT, entity_id=patient.uid, patient_id=patient.uid)
    return PatientRef(id=patient.id, uid=patient.uid, full_name=patient.full_name)
