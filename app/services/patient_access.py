"""Who opened or changed a patient's record, read from the audit trail (newest first).

Opening the patient page reads each section through its own service, and each read is its own
event: one visit is about ten events, and every save is followed by a re-read. The page shows
visits instead: consecutive events of one person, session, outcome and address, less than
`VISIT_GAP` apart, become one row that lists what they did (viewed, changed, ...) and the parts
of the record concerned. The trail itself keeps every event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.audit import EntityType
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.services.users import require
from app.services.validation import UID_MAX, fits_column
from models.audit import AuditEvent

RECENT_EVENTS = 1000
VISIT_GAP = timedelta(minutes=2)
# The parts of a record, as the access log names them (entity types not listed show as they are).
PART_NAMES = {
    EntityType.PATIENT: 'details', EntityType.REGISTRATION: 'consultations', EntityType.MEDICAL_HISTORY: 'history',
    EntityType.DIAGNOSIS: 'diagnoses', EntityType.CLINICAL_NOTE: 'notes', EntityType.DIAGNOSTIC_TEST: 'tests',
    EntityType.ATTACHMENT: 'attachments', EntityType.OUTCOME: 'outcomes', EntityType.TREATMENT_PLAN: 'plans',
    EntityType.INQUIRY: 'inquiry',
}


@dataclass(kw_only=True)
class Visit:
    """One person's consecutive events on the record: when (first and last), who, what, which parts, from where."""

    first_at: datetime
    last_at: datetime
    user_id: int | None
    session_id: int | None
    username: str
    role: str
    actions: list[str]  # each once, in the order first done
    outcome: str
    client_ip: str
    parts: list[str]
    events: int
    newest_seq: int


@audit_denials(EntityType.PATIENT)
async def recent_visits(*, actor: Actor, patient_uid: str, limit: int = RECENT_EVENTS) -> list[Visit]:
    """The newest visits to one patient's record (from the newest `limit` events; the `patient_id` index)."""
    require(actor, Permission.PATIENT_ACCESS_LOG)
    if not fits_column(patient_uid, UID_MAX):
        return []
    limit = min(max(1, limit), RECENT_EVENTS)
    events = await AuditEvent.filter(patient_id=patient_uid).order_by('-seq').limit(limit)
    visits: list[Visit] = []
    for event in events:  # newest first
        current = visits[-1] if visits else None
        if current is not None and _same_visit(current, event):
            current.first_at = event.occurred_at
            current.events += 1
            current.parts.append(PART_NAMES.get(event.entity_type, event.entity_type))
            current.actions.append(event.action)
            continue
        visits.append(Visit(first_at=event.occurred_at, last_at=event.occurred_at, user_id=event.user_id,
                            session_id=event.session_id, username=event.username,
                            role=event.role, actions=[event.action], outcome=event.outcome, client_ip=event.client_ip,
                            parts=[PART_NAMES.get(event.entity_type, event.entity_type)], events=1,
                            newest_seq=event.seq))
    for visit in visits:
        visit.parts = list(dict.fromkeys(reversed(visit.parts)))  # each part once, in the order first read
        visit.actions = list(dict.fromkeys(reversed(visit.actions)))
    return visits


def _same_visit(visit: Visit, event: AuditEvent) -> bool:
    key = (event.user_id, event.session_id, event.username, event.role, event.outcome, event.client_ip)
    return key == (visit.user_id, visit.session_id, visit.username, visit.role, visit.outcome, visit.client_ip) \
        and visit.first_at - event.occurred_at <= VISIT_GAP
