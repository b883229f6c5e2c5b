"""Find a patient by part of a name, a UID or a phone number and choose one: for booking forms.

Typing searches after a short pause (the same search as `/patients`, audited there); up to eight
matches are listed as large rows to tap. The chosen patient is shown with UID and phone, so a
receptionist can tell two Meera Iyers apart; "Change" searches again.
"""

from __future__ import annotations

from uuid import UUID

from nicegui import ui

from app.auth.permissions import Permission
from app.errors import DomainError
from app.services.patients import PatientRow, search_patients
from components.actions import current_actor

SHOWN_MATCHES = 8
SEARCH_PAGE = 10  # a page size the search offers


class PatientPicker:
    """The field (`.input`, whose errors the form shows) and the chosen patient (`.patient_id`)."""

    def __init__(self, *, label: str = 'Patient: name, UID or phone', chosen: PatientRow | None = None) -> None:
        self.chosen: PatientRow | None = chosen
        with ui.column().classes('w-full gap-0') as self.box:
            # Quasar's debounce: the value (and so the search) follows a pause in typing, not every key
            self.input = ui.input(label, on_change=self._search).props('clearable autocomplete=off debounce=350') \
                .classes('w-full')
            self.matches = ui.list().props('dense bordered separator').classes('w-full')
            self.matches.set_visibility(False)
            with ui.row().classes('w-full items-center no-wrap gap-2') as self.chosen_row:
                ui.icon('person').classes('text-primary')
                self.chosen_label = ui.label().classes('text-body1').mark('chosen-patient')
                ui.space()
                ui.button('Change', on_click=self._change).props('flat dense')
        self._show_chosen()

    @property
    def patient_id(self) -> UUID | None:
        return self.chosen.id if self.chosen else None

    async def _search(self) -> None:
        text = (self.input.value or '').strip()
        self.matches.clear()
        if len(text) < 2:
            self.matches.set_visibility(False)
            return
        try:
            found = await search_patients(actor=await current_actor(Permission.PATIENTS_VIEW), query=text,
                                          per_page=SEARCH_PAGE)
        except DomainError as refused:
            ui.notify(refused.message, type='negative')
            return
        with self.matches:
            if not found.rows:
                with ui.item():
                    ui.item_label('No patient matches. Check the spelling, or search by phone.')
            for row in found.rows[:SHOWN_MATCHES]:
                with ui.item(on_click=lambda row=row: self._choose(row)).mark('patient-match'), ui.item_section():
                    ui.item_label(row.full_name)
                    ui.item_label(f'{row.uid} · {row.phone}').props('caption')
        self.matches.set_visibility(True)

    def _choose(self, row: PatientRow) -> None:
        self.chosen = row
        self._show_chosen()

    def _change(self) -> None:
        self.chosen = None
        self._show_chosen()

    def _show_chosen(self) -> None:
        self.chosen_row.set_visibility(self.chosen is not None)
        self.input.set_visibility(self.chosen is None)
        self.matches.set_visibility(False)
        if self.chosen is not None:
            self.chosen_label.set_text(f'{self.chosen.full_name} · {self.chosen.uid} · {self.chosen.phone}')
            self.input.props.pop('error', None)
            self.input.update()
