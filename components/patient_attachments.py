"""The attachments section: the patient's PDFs and images, previewed in the page."""

from __future__ import annotations

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.services import attachments
from app.services.attachments import AttachmentView
from app.services.paging import RECORD_PER_PAGE, Page
from app.services.patient_lookup import PatientRef
from components.card_pager import CardPager
from components.clinical_files import file_list, upload_box
from components.live import on_change
from components.patient_sections import patient_section


@patient_section('attachments', title='Attachments', permission=Permission.NOTES_VIEW, order=600,
                 icon='attach_file', tab='Files')
async def attachments_section(actor: Actor, patient: PatientRef) -> None:
    async def read(current: Actor, page: int, per_page: int) -> Page[AttachmentView]:
        return await attachments.list_attachments(actor=current, patient_uid=patient.uid, page=page,
                                                  per_page=per_page)

    async def refresh(current: Actor) -> None:
        await listing.refresh(current)

    if actor.can(Permission.NOTES_WRITE):
        upload_box(permission=Permission.NOTES_WRITE, patient_uid=patient.uid, on_saved=refresh)
    listing = CardPager(read=read, draw=lambda _, row: file_list([row]), permission=Permission.NOTES_VIEW,
                        per_page=RECORD_PER_PAGE, empty='No files attached.')
    listing.box.classes('gap-1').mark('attachments')
    await refresh(actor)
    on_change([EntityType.ATTACHMENT], refresh, permission=Permission.NOTES_VIEW, patient_uid=patient.uid)
