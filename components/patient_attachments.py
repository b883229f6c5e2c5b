"""The attachments section: the patient's PDFs and images, previewed in the page."""

from __future__ import annotations

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import NOTES_VIEW, NOTES_WRITE
from app.services import attachments
from app.services.patient_lookup import PatientRef
from components.clinical_files import file_list, upload_box
from components.patient_sections import patient_section


@patient_section('attachments', title='Attachments', permission=NOTES_VIEW, order=600)
async def attachments_section(actor: Actor, patient: PatientRef) -> None:
    async def refresh(current: Actor) -> None:
        rows = await attachments.list_attachments(actor=current, patient_uid=patient.uid)
        listing.clear()
        with listing:
            file_list(rows)

    if actor.can(NOTES_WRITE):
        upload_box(permission=NOTES_WRITE, patient_uid=patient.uid, on_saved=refresh)
    listing = ui.column().classes('w-full gap-1').mark('attachments')
    await refresh(actor)
