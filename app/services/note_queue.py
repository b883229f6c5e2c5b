"""The notes waiting for someone: a junior doctor's signed notes awaiting a doctor's co-signature,
and a clinician's own drafts not signed yet. Shown on the home page, so nothing waits unseen.

The lists name the patient, the kind of note, its author and when; never its text. Listing them is
one `view` event. A doctor sees the notes of their own branch's staff awaiting co-signature (the
superadmin every branch's); nobody is asked to co-sign their own note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from app.audit import audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.services.clinical_notes import ENTITY
from app.services.vocabulary import SERVICE_LABELS
from app.wording import counted
from models.clinical import ClinicalNote, NoteStatus

LIMIT = 50  # per list; the page says when there are more


@dataclass(frozen=True, kw_only=True)
class WaitingNote:
    note_id: UUID
    patient_uid: str
    patient_name: str
    discipline: str
    author: str
    since: datetime  # signed (awaiting co-signature) or last saved (draft)


@dataclass(frozen=True, kw_only=True)
class NoteQueue:
    awaiting_cosignature: list[WaitingNote]
    drafts: list[WaitingNote]
    more_awaiting: bool = False
    more_drafts: bool = False


@audit_denials(ENTITY)
async def waiting_notes(*, actor: Actor) -> NoteQueue:
    """What waits for this clinician: notes to co-sign (doctors) and their own unsigned drafts."""
    awaiting: list[ClinicalNote] = []
    drafts: list[ClinicalNote] = []
    if actor.can(Permission.NOTES_COSIGN):
        query = ClinicalNote.filter(status=NoteStatus.AWAITING_COSIGN).exclude(author_id=actor.user_id)
        if not actor.is_superadmin:
            query = query.filter(author__branch_id=actor.branch_id)
        awaiting = await query.order_by('signed_at').limit(LIMIT + 1).select_related('patient', 'author')
    if actor.can(Permission.NOTES_WRITE):
        drafts = await ClinicalNote.filter(status=NoteStatus.DRAFT, author_id=actor.user_id) \
            .order_by('-updated_at').limit(LIMIT + 1).select_related('patient', 'author')
    if awaiting or drafts:
        to_cosign, own = min(len(awaiting), LIMIT), min(len(drafts), LIMIT)
        await audit.view(actor, entity_type=ENTITY, entity_id='',
                         detail=f'Listed {counted(to_cosign, "note")} awaiting co-signature and '
                                f'{counted(own, "draft")}.')
    return NoteQueue(awaiting_cosignature=[_waiting(note, note.signed_at) for note in awaiting[:LIMIT]],
                     drafts=[_waiting(note, note.updated_at) for note in drafts[:LIMIT]],
                     more_awaiting=len(awaiting) > LIMIT, more_drafts=len(drafts) > LIMIT)


def _waiting(note: ClinicalNote, since: datetime | None) -> WaitingNote:
    return WaitingNote(note_id=note.id, patient_uid=note.patient.uid, patient_name=note.patient.full_name,
                       discipline=SERVICE_LABELS[note.discipline], author=note.author.full_name,
                       since=since or note.created_at)
