"""Clinical notes in SOAP form: draft (saved as the clinician types), sign, co-sign and amend.

A signed note is never changed. An amendment is a new version, a draft that copies the signed
text and names its reason; the history keeps every version. A junior doctor's signature leaves
the note awaiting a doctor's co-signature, and nobody co-signs their own note.
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
from app.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from app.services.clinical_common import long_text, patient_by_uid
from app.services.paging import RECORD_PER_PAGE, Page, read_page
from app.services.users import require
from app.services.validation import Checker
from app.services.vocabulary import SERVICE_LABELS
from models.clinic import Service
from models.clinical import ClinicalNote, NoteStatus

ENTITY = EntityType.CLINICAL_NOTE
NOT_FOUND = 'That note could not be found.'
SIGNED_IS_FINAL = 'A signed note cannot be changed. Amend it instead, giving the reason.'
SOAP = ('subjective', 'objective', 'assessment', 'plan')
SOAP_LABELS = {'subjective': 'Subjective', 'objective': 'Objective', 'assessment': 'Assessment', 'plan': 'Plan'}
STATUS_LABELS = {NoteStatus.DRAFT: 'Draft', NoteStatus.AWAITING_COSIGN: 'Awaiting co-signature',
                 NoteStatus.SIGNED: 'Signed'}


@dataclass(frozen=True, kw_only=True)
class NoteTemplate:
    """Prompts a new note starts with, per SOAP part."""

    key: str
    label: str
    discipline: Service
    prompts: dict[str, str]


TEMPLATES: dict[str, NoteTemplate] = {t.key: t for t in (
    NoteTemplate(key='physio-assessment', label='Physiotherapy assessment', discipline=Service.PHYSIOTHERAPY,
                 prompts={'subjective': 'Chief complaint:\nPain location:\nPain (0-10):\nAggravating / easing:\n',
                          'objective': 'Posture:\nRange of motion:\nStrength (MMT):\nSpecial tests:\nNeuro:\n',
                          'assessment': 'Clinical impression:\n',
                          'plan': 'Treatment today:\nHome exercises:\nNext review:\n'}),
    NoteTemplate(key='physio-followup', label='Physiotherapy follow-up', discipline=Service.PHYSIOTHERAPY,
                 prompts={'subjective': 'Since last visit:\nPain (0-10):\n',
                          'objective': 'Range of motion:\nSpecial tests:\n',
                          'assessment': 'Progress:\n',
                          'plan': 'Treatment today:\nPlan:\n'}),
    NoteTemplate(key='speech-assessment', label='Speech therapy assessment', discipline=Service.SPEECH_THERAPY,
                 prompts={'subjective': 'Concerns (patient / family):\nHistory:\n',
                          'objective': 'Articulation:\nFluency:\nVoice:\nLanguage (receptive / expressive):\n',
                          'assessment': 'Impression:\n',
                          'plan': 'Goals:\nTherapy frequency:\nHome practice:\n'}),
    NoteTemplate(key='speech-session', label='Speech therapy session', discipline=Service.SPEECH_THERAPY,
                 prompts={'subjective': 'Since last session:\n',
                          'objective': 'Activities and accuracy:\n',
                          'assessment': 'Progress towards goals:\n',
                          'plan': 'Next session goals:\n'}),
)}


def templates_for(discipline: Service) -> list[NoteTemplate]:
    return [template for template in TEMPLATES.values() if template.discipline is discipline]


@dataclass(frozen=True, kw_only=True)
class NoteView:
    """One version of a note as the page shows it."""

    id: UUID
    series_id: UUID
    version: int
    discipline: Service
    template_key: str
    status: NoteStatus
    subjective: str
    objective: str
    assessment: str
    plan: str
    author_id: int
    author_name: str
    signed_at: datetime | None
    cosigned_by_name: str
    cosigned_at: datetime | None
    previous_version_id: UUID | None
    amendment_reason: str
    created_at: datetime
    updated_at: datetime
    amended: bool  # a newer version replaces this one

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def discipline_label(self) -> str:
        return SERVICE_LABELS[self.discipline]


@audit_denials(ENTITY)
async def start_note(*, actor: Actor, patient_uid: str, discipline: Service,
                     template_key: str = '') -> NoteView:
    """Open a new draft note, prefilled with the prompts of a template of the discipline."""
    require(actor, Permission.NOTES_WRITE)
    patient = await patient_by_uid(patient_uid)
    template = TEMPLATES.get(template_key) if template_key else None
    if template_key and (template is None or template.discipline is not Service(discipline)):
        raise ValidationFailed({'template': 'Choose a template of this discipline.'})
    prompts = template.prompts if template else {}
    note_id = uuid4()
    async with audit.change(actor, action=Action.CREATE, entity_type=ENTITY, entity_id=note_id,
                            patient_id=patient.uid) as event:
        note = await ClinicalNote.create(id=note_id, series_id=note_id, patient=patient, discipline=discipline,
                                         template_key=template_key, author_id=actor.user_id,
                                         **{part: prompts.get(part, '') for part in SOAP})
        event.set_changes(created(snapshot(note, ('discipline', 'template_key', 'status', 'version', *SOAP)),
                                  hidden=hidden_fields(ClinicalNote)))
    return await _view(note_id)


@audit_denials(ENTITY)
async def discard_untouched_draft(*, actor: Actor, note_id: UUID) -> bool:
    """Remove a first-version draft its author closed without writing anything (only the template's prompts, or
    nothing); tell whether it was removed. Anything written, and every signed note, is kept."""
    require(actor, Permission.NOTES_WRITE)
    async with audit.change(actor, action=Action.DELETE, entity_type=ENTITY, entity_id=note_id,
                            detail='an untouched draft, closed without any text') as event:
        note = await _editable(actor, note_id)
        template = TEMPLATES.get(note.template_key)
        prompts = template.prompts if template else {}
        if note.version != 1 or any((getattr(note, part) or '').strip() != prompts.get(part, '').strip()
                                    for part in SOAP):
            raise _Kept()
        event.set_patient(note.patient.uid)
        await note.delete()
    return True


class _Kept(DomainError):
    """Raised inside the change block so that nothing, not even its event, is written."""

    def __init__(self) -> None:
        super().__init__('The draft has text in it and is kept.')


@audit_denials(ENTITY)
async def save_draft(*, actor: Actor, note_id: UUID, subjective: str, objective: str, assessment: str,
                     plan: str) -> NoteView:
    """Save the text of a draft (the editor calls this as the clinician types); signed notes are refused."""
    require(actor, Permission.NOTES_WRITE)
    check = Checker()
    values = {part: long_text(check, part, text, label=SOAP_LABELS[part].lower())
              for part, text in zip(SOAP, (subjective, objective, assessment, plan), strict=True)}
    check.raise_if_any()
    async with audit.change(actor, action=Action.UPDATE, entity_type=ENTITY, entity_id=note_id) as event:
        note = await _editable(actor, note_id)
        event.set_patient(note.patient.uid)
        before = snapshot(note, SOAP)
        for part, text in values.items():
            setattr(note, part, text)
        await note.save()
        event.set_changes(changes_between(before, values, hidden=hidden_fields(ClinicalNote)))
        event.set_detail('Draft saved.')
    return await _view(note_id)


@audit_denials(ENTITY)
async def sign_note(*, actor: Actor, note_id: UUID) -> NoteView:
    """Sign a draft: final at once for a doctor, awaiting a doctor's co-signature for a junior doctor."""
    require(actor, Permission.NOTES_SIGN)
    async with audit.change(actor, action=Action.UPDATE, entity_type=ENTITY, entity_id=note_id) as event:
        note = await _editable(actor, note_id)
        event.set_patient(note.patient.uid)
        if not any((getattr(note, part) or '').strip() for part in SOAP):
            raise DomainError('This note is empty. Write at least one part before signing it.')
        before = snapshot(note, ('status', 'signed_at'))
        note.status = NoteStatus.SIGNED if actor.can(Permission.NOTES_COSIGN) else NoteStatus.AWAITING_COSIGN
        note.signed_at = utcnow()
        await note.save(update_fields=['status', 'signed_at', 'updated_at'])
        event.set_changes(changes_between(before, snapshot(note, ('status', 'signed_at'))))
        event.set_detail(f'Note version {note.version} signed.')
    return await _view(note_id)


@audit_denials(ENTITY)
async def cosign_note(*, actor: Actor, note_id: UUID) -> NoteView:
    """Countersign a junior doctor's signed note (a doctor; never one's own note)."""
    require(actor, Permission.NOTES_COSIGN)
    async with audit.change(actor, action=Action.UPDATE, entity_type=ENTITY, entity_id=note_id) as event:
        note = await _note(note_id)
        event.set_patient(note.patient.uid)
        if note.author_id == actor.user_id:
            raise PermissionDenied('Nobody can co-sign their own note. Ask another doctor.')
        if note.status is not NoteStatus.AWAITING_COSIGN:
            raise DomainError('This note is not waiting for a co-signature.')
        fields = ('status', 'cosigned_by_id', 'cosigned_at')
        before = snapshot(note, fields)
        note.status, note.cosigned_by_id, note.cosigned_at = NoteStatus.SIGNED, actor.user_id, utcnow()
        await note.save(update_fields=['status', 'cosigned_by_id', 'cosigned_at', 'updated_at'])
        event.set_changes(changes_between(before, snapshot(note, fields)))
        event.set_detail(f'Note version {note.version} co-signed.')
    return await _view(note_id)


@audit_denials(ENTITY)
async def amend_note(*, actor: Actor, note_id: UUID, reason: str) -> NoteView:
    """Start an amendment of a signed note: a new draft version with the same text and the reason."""
    require(actor, Permission.NOTES_WRITE)
    check = Checker()
    reason = check.text('reason', reason, label='reason for the amendment', max_length=500)
    check.raise_if_any()
    new_id = uuid4()
    async with audit.change(actor, action=Action.CREATE, entity_type=ENTITY, entity_id=new_id) as event:
        note = await _note(note_id)
        event.set_patient(note.patient.uid)
        if note.status is NoteStatus.DRAFT:
            raise DomainError('This note is still a draft: change it directly.')
        if await ClinicalNote.exists(previous_version_id=note.id):
            raise DomainError('This version has already been amended. Amend the newest version.')
        amendment = await ClinicalNote.create(
            id=new_id, series_id=note.series_id, patient_id=note.patient_id, discipline=note.discipline,
            template_key=note.template_key, author_id=actor.user_id, version=note.version + 1,
            previous_version_id=note.id, amendment_reason=reason, **{part: getattr(note, part) for part in SOAP})
        event.set_changes(created(snapshot(amendment, ('version', 'previous_version_id', 'amendment_reason',
                                                       *SOAP)), hidden=hidden_fields(ClinicalNote)))
        event.set_detail(f'Amendment of version {note.version} started.')
    return await _view(new_id)


@audit_denials(ENTITY)
async def list_notes(*, actor: Actor, patient_uid: str, page: int = 1,
                     per_page: int = RECORD_PER_PAGE) -> Page[NoteView]:
    """One page of a patient's notes, the newest note first, each as its newest version (`note_history` gives
    the earlier ones).

    A note is paged by its first version, so an amendment keeps the note where it was written; the page's
    newest versions are then read in one more query, whatever the number of notes.
    """
    require(actor, Permission.NOTES_VIEW)
    patient = await patient_by_uid(patient_uid)
    firsts = await read_page(ClinicalNote.filter(patient=patient, version=1), ordering=('-created_at', '-id'),
                             page=page, per_page=per_page, row=lambda note: note.series_id)
    versions = await ClinicalNote.filter(series_id__in=firsts.rows).select_related('author', 'cosigned_by')
    newest: dict[UUID, ClinicalNote] = {}
    for note in versions:
        if note.series_id not in newest or note.version > newest[note.series_id].version:
            newest[note.series_id] = note
    await audit.view(actor, entity_type=ENTITY, entity_id=patient.uid, patient_id=patient.uid,
                     detail=firsts.described('note'))
    return Page(rows=[_as_view(newest[series], amended=False) for series in firsts.rows if series in newest],
                total=firsts.total, page=firsts.page, per_page=firsts.per_page)


@audit_denials(ENTITY)
async def note_history(*, actor: Actor, note_id: UUID) -> list[NoteView]:
    """Every version of one note, oldest first."""
    require(actor, Permission.NOTES_VIEW)
    note = await _note(note_id)
    versions = await ClinicalNote.filter(series_id=note.series_id).order_by('version') \
        .select_related('author', 'cosigned_by', 'patient')
    await audit.view(actor, entity_type=ENTITY, entity_id=note.series_id, patient_id=note.patient.uid)
    replaced = {version.previous_version_id for version in versions}
    return [_as_view(version, amended=version.id in replaced) for version in versions]


async def _note(note_id: UUID) -> ClinicalNote:
    note = await ClinicalNote.get_or_none(id=note_id).select_related('patient', 'author', 'cosigned_by')
    if note is None:
        raise NotFound(NOT_FOUND)
    return note


async def _editable(actor: Actor, note_id: UUID) -> ClinicalNote:
    note = await _note(note_id)
    if note.status is not NoteStatus.DRAFT:
        raise DomainError(SIGNED_IS_FINAL)
    if note.author_id != actor.user_id:
        raise PermissionDenied('Only the author of a draft can change or sign it.')
    return note


async def _view(note_id: UUID) -> NoteView:
    note = await _note(note_id)
    return _as_view(note, amended=await ClinicalNote.exists(previous_version_id=note.id))


def _as_view(note: ClinicalNote, *, amended: bool) -> NoteView:
    return NoteView(id=note.id, series_id=note.series_id, version=note.version, discipline=note.discipline,
                    template_key=note.template_key, status=note.status, subjective=note.subjective or '',
                    objective=note.objective or '', assessment=note.assessment or '', plan=note.plan or '',
                    author_id=note.author_id, author_name=note.author.full_name, signed_at=note.signed_at,
                    cosigned_by_name=note.cosigned_by.full_name if note.cosigned_by else '',
                    cosigned_at=note.cosigned_at, previous_version_id=note.previous_version_id,
                    amendment_reason=note.amendment_reason or '', created_at=note.created_at,
                    updated_at=note.updated_at, amended=amended)
