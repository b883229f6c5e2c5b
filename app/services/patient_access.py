"""Who opened or changed a patient's record, read from the audit trail (newest first)."""

from __future__ import annotations

from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import PATIENT_ACCESS_LOG
from app.services.users import require
from models.audit import AuditEvent

RECENT_LIMIT = 200


@audit_denials('patient')
async def recent_access(*, actor: Actor, patient_uid: str, limit: int = RECENT_LIMIT) -> list[AuditEvent]:
    """The newest events about one patient (the `patient_id` index makes this one range read)."""
    require(actor, PATIENT_ACCESS_LOG)
    return await AuditEvent.filter(patient_id=patient_uid).order_by('-seq').limit(limit)
