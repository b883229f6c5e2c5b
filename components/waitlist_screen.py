"""The waitlist screen: who wants an earlier slot, most urgent first; add a patient, withdraw one.

The calendar's booking dialog shows, for the slot tapped, the waiting patients it suits
(`waitlist_matches`), each bookable in one tap.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from nicegui import ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import DomainError
from app.services import waitlist
from app.services.appointments import AppointmentRow, Clinician
from app.services.clinic_hours import WEEKDAYS
from app.services.vocabulary import SERVICE_LABELS
from app.services.waitlist import URGENCY_LABELS, WaitlistInput, WaitlistRow
from components.actions import current_actor
from components.dialogs import FormDialog, fill_width, settled
from components.live import on_change
from components.patient_picker import PatientPicker
from models.clinic import Service

ANY = 0


class WaitlistScreen:
    def __init__(self, actor: Actor, *, clinicians: list[Clinician]) -> None:
        self.actor = actor
        self.clinicians = clinicians
        with ui.row().classes('w-full items-center'):
            ui.label('Patients who want an earlier slot. When a slot frees up, the calendar offers it to '
                     'those it suits.').classes('text-body2 text-grey-8')
            ui.space()
            if actor.can(Permission.SCHEDULE_EDIT):
                ui.button('Add to waitlist', icon='add', on_click=self.add).props('unelevated').mark('add-waiting')
        self.list = ui.column().classes('w-full gap-2')
        on_change([EntityType.APPOINTMENT], self.redraw, permission=Permission.SCHEDULE_VIEW)

    async def redraw(self, actor: Actor) -> None:
        self.actor = actor
        rows = await waitlist.waiting_list(actor=actor)
        self.list.clear()
        with self.list:
            if not rows:
                ui.label('Nobody is waiting.').classes('text-body1')
            for row in rows:
                with ui.card().props('flat bordered').classes('w-full').mark(f'waiting {row.patient_uid}'), \
                        ui.row().classes('w-full items-center no-wrap gap-3'):
                    ui.badge(row.urgency_label).props['color'] = 'negative' if row.urgency == 1 else 'primary'
                    with ui.column().classes('gap-0 col'):
                        ui.link(row.patient_name, f'/patients/{row.patient_uid}').classes('text-subtitle1')
                        ui.label(f'{row.patient_uid} · {row.patient_phone}').classes('text-caption')
                        ui.label(f'{SERVICE_LABELS[row.service]} · {row.clinician} · {row.when}') \
                            .classes('text-body2')
                    if self.actor.can(Permission.SCHEDULE_EDIT):
                        ui.button('Withdraw', on_click=lambda row=row: self.withdraw(row)).props('flat') \
                            .mark(f'withdraw {row.patient_uid}')

    async def withdraw(self, row: WaitlistRow) -> None:
        try:
            await waitlist.withdraw(actor=await current_actor(Permission.SCHEDULE_EDIT), entry_id=row.id)
        except DomainError as refused:
            ui.notify(refused.message, type='negative')
            return
        ui.notify(f'{row.patient_name} is off the waitlist.', type='positive')
        await self.redraw(self.actor)

    def add(self) -> None:
        async def save() -> None:
            async def change() -> WaitlistRow:
                return await waitlist.add_to_waitlist(actor=await current_actor(Permission.SCHEDULE_EDIT),
                                                      entry=WaitlistInput(
                    patient_id=picker.patient_id, service=service.value, weekdays=days.value or [],
                    earliest=earliest.value or '', latest=latest.value or '', urgency=urgency.value,
                    clinician_id=clinician.value or None, notes=notes.value or ''))

            await dialog.attempt(change, done=lambda row: f'{row.patient_name} is on the waitlist.',
                                 then=lambda _: self.redraw(self.actor))

        dialog = FormDialog('Add to the waitlist', submit_label='Add', on_submit=save)
        with dialog.body:
            picker = PatientPicker()
            dialog.form.add('patient', picker.input)
            services = {kind.value: label for kind, label in SERVICE_LABELS.items()}
            service = dialog.form.add('service', ui.select(services, label='Service',
                                                           value=Service.PHYSIOTHERAPY.value))
            clinician = dialog.form.add('clinician', ui.select({ANY: 'Any clinician', **{
                row.id: row.name for row in self.clinicians}}, label='Clinician', value=ANY))
            days = dialog.form.add('weekdays', ui.select(dict(enumerate(WEEKDAYS)), multiple=True,
                                                         label='Days the patient can come', value=list(range(6)))
                                   .props('use-chips'))
            with ui.row().classes('w-full no-wrap gap-2'):
                earliest = dialog.form.add('earliest', ui.input('From', value='09:00')).classes('col')
                latest = dialog.form.add('latest', ui.input('Until', value='20:00')).classes('col')
            urgency = dialog.form.add('urgency', ui.select(URGENCY_LABELS, label='How urgent', value=2))
            notes = dialog.form.add('notes', ui.input('Why sooner (optional)'))
        fill_width(dialog)
        earliest.classes(remove='w-full')
        latest.classes(remove='w-full')


async def waitlist_matches(*, clinician_id: int, starts: datetime, minutes: int,
                           booked: Callable[[AppointmentRow], Awaitable[Any] | Any]) -> None:
    """Inside the booking dialog: who on the waitlist this slot suits, each bookable in one tap."""
    actor = await current_actor(Permission.SCHEDULE_VIEW)
    matches = await waitlist.who_fits(actor=actor, clinician_id=clinician_id, starts=starts, minutes=minutes)
    if not matches:
        return
    with ui.column().classes('w-full gap-1').mark('waitlist-matches'):
        ui.label('On the waitlist and free then:').classes('text-body2 text-weight-medium')
        for row in matches[:3]:
            with ui.row().classes('w-full items-center no-wrap gap-2'):
                ui.label(f'{row.patient_name} · {row.urgency_label} · {SERVICE_LABELS[row.service]}') \
                    .classes('text-body2 col')
                ui.button('Book', on_click=lambda row=row: _book(row, clinician_id, starts, minutes, booked)) \
                    .props('outline dense').mark(f'book-waiting {row.patient_uid}')


async def _book(row: WaitlistRow, clinician_id: int, starts: datetime, minutes: int,
                booked: Callable[[AppointmentRow], Awaitable[Any] | Any]) -> None:
    try:
        appointment = await waitlist.book_from_waitlist(actor=await current_actor(Permission.SCHEDULE_VIEW),
                                                        entry_id=row.id, clinician_id=clinician_id, starts=starts,
                                                        minutes=minutes)
    except DomainError as refused:
        ui.notify(refused.message, type='negative')
        return
    ui.notify(f'Booked from the waitlist: {appointment.patient_name}, {appointment.time_text}.', type='positive')
    await settled(booked(appointment))
