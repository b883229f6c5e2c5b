"""The home page's "waiting for you" lists: notes to co-sign and one's own unsigned drafts."""

from __future__ import annotations

from nicegui import ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.services.note_queue import WaitingNote, waiting_notes
from components.live import on_change
from components.short_list import ShortList, ShortRow
from components.when import clinic_time


async def waiting_for_you(actor: Actor) -> None:
    """Draw the lists this clinician has (nothing for staff who neither write nor co-sign notes)."""
    if not (actor.can(Permission.NOTES_COSIGN) or actor.can(Permission.NOTES_WRITE)):
        return

    async def refresh(current: Actor) -> None:
        queue = await waiting_notes(actor=current)
        lists.clear()
        with lists:
            if current.can(Permission.NOTES_COSIGN):
                _card('Notes awaiting your co-signature', queue.awaiting_cosignature, more=queue.more_awaiting,
                      empty='No notes are waiting for your co-signature.', when='signed', marker='awaiting-cosign')
            if current.can(Permission.NOTES_WRITE):
                _card('Your unsigned drafts', queue.drafts, more=queue.more_drafts,
                      empty='You have no unsigned drafts.', when='saved', marker='own-drafts')

    lists = ui.row().classes('w-full gap-4 items-start')
    await refresh(actor)
    on_change([EntityType.CLINICAL_NOTE], refresh, permission=Permission.HOME_VIEW)  # written or signed elsewhere


def _card(title: str, notes: list[WaitingNote], *, more: bool, empty: str, when: str, marker: str) -> None:
    with ui.card().classes('q-pa-md').style('min-width: min(100%, 22rem)').mark(marker):
        ui.label(f'{title} ({len(notes)}{"+" if more else ""})').classes('text-subtitle1')
        if not notes:
            ui.label(empty).classes('text-grey-7')
            return
        ShortList([ShortRow(key=str(note.note_id), title=f'{note.patient_name} · {note.patient_uid}',
                            href=f'/patients/{note.patient_uid}',
                            caption=f'{note.discipline} note by {note.author}, {when} {clinic_time(note.since)}')
                   for note in notes]).mark(f'{marker}-items')
        if more:
            ui.label('Showing the oldest first; open the patients to see the rest.').classes('text-caption')
