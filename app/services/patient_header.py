"""What the top of a patient's page says before any part of the record is opened.

Name, UID, age and phone for every role; the active plans' "Day X of N" for roles that see plans;
allergies and red flags for roles that read the clinical record (they are health data, and what a
clinician must see before touching the patient). Four small reads, whatever the record's length;
each part read is audited as a view, as opening that part would be.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from app.audit import EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import clinic_today
from app.services import patients
from app.services.patients import PatientRow
from app.services.treatment_plans import plan_progress
from app.services.treatment_series import sessions_attended
from app.services.vocabulary import SERVICE_LABELS
from models.clinical import MedicalHistory
from models.plans import PlanStatus, TreatmentPlan


@dataclass(frozen=True, kw_only=True)
class PatientHeader:
    """The patient's facts for the header; `None` where the role may not read that part."""

    patient: PatientRow
    active_plans: list[str] | None  # 'Physiotherapy: Day 3 of 21'
    allergies: str | None
    red_flags: str | None


@audit_denials(EntityType.PATIENT)
async def patient_header(*, actor: Actor, patient_id: UUID) -> PatientHeader:
    row = await patients.get_patient(actor=actor, patient_id=patient_id)
    active_plans = None
    if actor.can(Permission.PLANS_VIEW):
        today = clinic_today()
        plans = await TreatmentPlan.filter(patient_id=patient_id, status=PlanStatus.ACTIVE).order_by('start_date')
        attended = await sessions_attended([plan.id for plan in plans])
        active_plans = [SERVICE_LABELS[plan.service] + ': ' + plan_progress(
            start=plan.start_date, days=plan.days, status=plan.status, today=today, attended=attended.get(plan.id))
            for plan in plans]
        await audit.view(actor, entity_type=EntityType.TREATMENT_PLAN, entity_id=row.uid, patient_id=row.uid,
                         detail='active plans in the header')
    allergies = red_flags = None
    if actor.can(Permission.NOTES_VIEW):
        history = await MedicalHistory.get_or_none(patient_id=patient_id)
        allergies = (history.allergies or '') if history else ''
        red_flags = (history.red_flags or '') if history else ''
        await audit.view(actor, entity_type=EntityType.MEDICAL_HISTORY, entity_id=row.uid, patient_id=row.uid,
                         detail='allergies and red flags in the header')
    return PatientHeader(patient=row, active_plans=active_plans, allergies=allergies, red_flags=red_flags)
