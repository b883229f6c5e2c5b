"""Patient attachments: PDFs and images, told apart by their first bytes, stored encrypted at rest.

A refused file leaves nothing behind; a stored file is written before its row and removed again
if the row cannot be saved. Opening one is audited as a download. Attachments of a diagnostic
test need the tests permissions; the others belong to the clinical notes.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.audit.diff import created, hidden_fields
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.config import get_settings
from app.errors import NotFound, PermissionDenied, ValidationFailed
from app.security.encrypted_files import health_uploads_dir, read_encrypted, write_encrypted
from app.services.clinical_common import patient_by_uid
from app.services.paging import RECORD_PER_PAGE, Page, read_page
from app.services.uploads import MEDIA_TYPES, file_kind, shown_name
from app.services.uploads import size_problem as upload_size_problem
from app.services.users import require
from models.clinical import Attachment, AttachmentKind, DiagnosticTest

ENTITY = EntityType.ATTACHMENT
MAX_BYTES = 20 * 1024 * 1024
NOT_FOUND = 'That file could not be found.'
ACCEPTED = 'a PDF, JPEG, PNG or WebP file'


@dataclass(frozen=True, kw_only=True)
class AttachmentView:
    id: UUID
    patient_uid: str
    test_id: UUID | None
    kind: AttachmentKind
    original_name: str
    media_type: str
    size: int
    created_at: datetime

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith('image/')

    @property
    def url(self) -> str:
        return f'/patients/{self.patient_uid}/files/{self.id}'


@dataclass(frozen=True)
class FileContent:
    media_type: str
    name: str
    content: bytes


def media_type_of(content: bytes) -> str | None:
    """The media type of a PDF, JPEG, PNG or WebP file, told by its magic bytes; None for anything else."""
    kind = file_kind(content)
    return MEDIA_TYPES[kind] if kind else None


def size_problem(size: int, filename: str) -> str | None:
    """Say why a file of this size cannot be attached, or None (checked before reading it whole)."""
    return upload_size_problem(size, filename, max_bytes=MAX_BYTES, noun='file', choose=ACCEPTED)


@audit_denials(ENTITY)
async def save_attachment(*, actor: Actor, patient_uid: str, content: bytes, filename: str,
                          kind: AttachmentKind = AttachmentKind.REPORT, test_id: UUID | None = None) -> AttachmentView:
    """Check and store an uploaded file encrypted, then record it."""
    require(actor, Permission.TESTS_EDIT if test_id else Permission.NOTES_WRITE)
    patient = await patient_by_uid(patient_uid)
    if test_id and not await DiagnosticTest.exists(id=test_id, patient=patient):
        raise NotFound('That test could not be found.')
    problem = size_problem(len(content), filename)
    media_type = media_type_of(content)
    if problem is None and media_type is None:
        problem = f'"{shown_name(filename)}" is not {ACCEPTED}.'
    if problem is not None or media_type is None:
        raise ValidationFailed({'file': problem or ''})
    attachment_id = uuid4()
    path = health_uploads_dir() / 'attachments' / str(attachment_id)
    await asyncio.to_thread(write_encrypted, path, content)
    try:
        async with audit.change(actor, action=Action.CREATE, entity_type=ENTITY, entity_id=attachment_id,
                                patient_id=patient.uid) as event:
            row = await Attachment.create(
                id=attachment_id, patient=patient, test_id=test_id, kind=kind, original_name=shown_name(filename),
                media_type=media_type, size=len(content), uploaded_by_id=actor.user_id,
                stored_path=path.relative_to(get_settings().uploads_dir).as_posix())
            event.set_changes(created({'kind': kind, 'media_type': media_type, 'size': len(content),
                                       'original_name': filename, 'test_id': test_id},
                                      hidden=hidden_fields(Attachment)))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return _view(row, patient.uid)


@audit_denials(ENTITY)
async def list_attachments(*, actor: Actor, patient_uid: str, test_id: UUID | None = None, page: int = 1,
                           per_page: int = RECORD_PER_PAGE) -> Page[AttachmentView]:
    """One page of a patient's attachments (or one test's), newest first."""
    require(actor, Permission.TESTS_VIEW if test_id else Permission.NOTES_VIEW)
    patient = await patient_by_uid(patient_uid)
    query = Attachment.filter(patient=patient)
    if test_id:
        query = query.filter(test_id=test_id)
    found = await read_page(query, ordering=('-created_at', '-id'), page=page, per_page=per_page,
                            row=lambda row: _view(row, patient.uid))
    await audit.view(actor, entity_type=ENTITY, entity_id=test_id or patient.uid, patient_id=patient.uid,
                     detail=f'{found.described("file")} listed')
    return found


@audit_denials(ENTITY)
async def open_attachment(*, actor: Actor, patient_uid: str, attachment_id: UUID) -> FileContent:
    """Decrypt one attachment for the preview, and record the download."""
    row = await Attachment.get_or_none(id=attachment_id).select_related('patient')
    require(actor, Permission.TESTS_VIEW if row is not None and row.test_id else Permission.NOTES_VIEW)
    if row is None or row.patient.uid != patient_uid:
        raise NotFound(NOT_FOUND)
    path = get_settings().uploads_dir / row.stored_path
    if not path.resolve().is_relative_to(health_uploads_dir().resolve()):
        raise PermissionDenied()
    try:
        content = await asyncio.to_thread(read_encrypted, path)
    except FileNotFoundError:
        raise NotFound(NOT_FOUND) from None
    await audit.record(actor, action=Action.DOWNLOAD, entity_type=ENTITY, entity_id=row.id,
                       patient_id=row.patient.uid, detail='Opened for preview.')
    return FileContent(row.media_type, row.original_name or 'file', content)


def _view(row: Attachment, patient_uid: str) -> AttachmentView:
    return AttachmentView(id=row.id, patient_uid=patient_uid, test_id=row.test_id, kind=row.kind,
                          original_name=row.original_name or '', media_type=row.media_type, size=row.size,
                          created_at=row.created_at)

