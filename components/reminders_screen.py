"""Tomorrow's reminders: each appointment with the patient's phone, one-tap WhatsApp and SMS, and a reminded tick.

The links open the clinic phone's own apps with the message filled in; nothing is sent from here.
"""

from __future__ import annotations

from datetime import date

from nicegui import ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.dates import shown_date
from app.errors import DomainError
from app.services import reminders
from app.services.reminders import Reminder
from app.wording import counted
from components.actions import current_actor
from components.date_input import DateInput
from components.live import on_change


class RemindersScreen:
    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.day: date | None = None
        with ui.row().classes('w-full items-end gap-2'):
            self.title = ui.label().classes('text-h6').mark('reminders-day')
            ui.space()
            self.picker = DateInput('Another day').classes('w-40').mark('reminders-date')
            self.picker.on_value_change(self._other_day)
        self.summary = ui.label().classes('text-body2 text-grey-8').mark('reminders-summary')
        self.list = ui.column().classes('w-full gap-2')
        on_change([EntityType.APPOINTMENT], self.redraw, permission=Permission.SCHEDULE_VIEW)

    async def redraw(self, actor: Actor) -> None:
        self.actor = actor
        day, rows = await reminders.reminders_for(actor=actor, day=self.day)
        self.title.set_text(f'Reminders for {shown_date(day)}')
        done = sum(row.reminded for row in rows)
        self.summary.set_text(f'{counted(len(rows), "appointment")} · {done} reminded · {len(rows) - done} to go')
        self.list.clear()
        with self.list:
            if not rows:
                ui.label('No appointments to remind.').classes('text-body1')
            for row in rows:
                self._row(row)

    def _row(self, row: Reminder) -> None:
        with ui.card().props('flat bordered').classes('w-full').mark(f'reminder {row.patient_uid}'), \
                ui.row().classes('w-full items-center gap-3'):
            ui.label(f'{row.starts:%H:%M}').classes('text-h6').style('min-width: 4rem')
            with ui.column().classes('gap-0 col'):
                ui.label(row.patient_name).classes('text-subtitle1')
                ui.label(f'{row.phone} · {row.clinician}').classes('text-body2')
            whatsapp = ui.link('WhatsApp', target=row.whatsapp_url, new_tab=True) \
                .classes('q-btn q-px-md no-underline').mark(f'whatsapp {row.patient_uid}')
            whatsapp.props['rel'] = 'noopener'
            ui.link('SMS', target=row.sms_url).classes('q-btn q-px-md no-underline').mark(f'sms {row.patient_uid}')
            ui.checkbox('Reminded', value=row.reminded,
                        on_change=lambda event, row=row: self._mark(row, bool(event.value))) \
                .mark(f'reminded {row.patient_uid}')

    async def _mark(self, row: Reminder, reminded: bool) -> None:
        if reminded == row.reminded:
            return
        try:
            await reminders.mark_reminded(actor=await current_actor(Permission.SCHEDULE_VIEW),
                                          appointment_id=row.appointment_id, reminded=reminded)
        except DomainError as refused:
            ui.notify(refused.message, type='negative')
        await self.redraw(self.actor)

    async def _other_day(self) -> None:
        if self.picker.date is not None:
            self.day = self.picker.date
            await self.redraw(await current_actor(Permission.SCHEDULE_VIEW))
