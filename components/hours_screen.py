"""Hours and holidays: a branch's opening hours, each clinician's working hours, and the days it is closed.

A week is seven text fields ("09:00-13:00, 16:00-20:00" or "closed"), saved together: one wrong
day keeps the whole week unsaved with the message beside that day. The calendar greys what is
closed and refuses bookings there.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import clinic_today
from app.errors import DomainError
from app.services import appointments, clinic_hours
from app.services.clinic_hours import USUAL_HOURS, WEEKDAYS, ClosureRow, Timetable
from components.actions import current_actor
from components.date_input import DateInput
from components.dialogs import FormDialog, fill_width
from components.forms import FormErrors

EVERY_BRANCH = 'every'
WHOLE_BRANCH = 'branch'


class WeekForm:
    """Seven fields, one per weekday, and the form errors that name them ('0' is Monday)."""

    def __init__(self, timetable: Timetable | None, *, name: str) -> None:
        self.form = FormErrors()
        self.fields: dict[int, ui.input] = {}
        with ui.grid(columns='repeat(auto-fill, minmax(15rem, 1fr))').classes('w-full gap-2'):
            for weekday, day_name in enumerate(WEEKDAYS):
                value = timetable.as_text(weekday) if timetable else ''
                self.fields[weekday] = self.form.add(str(weekday), ui.input(day_name, value=value,
                                                                            placeholder='09:00-13:00, 16:00-20:00')) \
                    .props('outlined dense autocomplete=off').mark(f'{weekday} {name}-{weekday}')

    @property
    def week(self) -> dict[int, str]:
        return {weekday: field.value or '' for weekday, field in self.fields.items()}


class HoursScreen:
    """The admin's screen for one branch (their own; the superadmin's own branch too)."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.branch_id = actor.branch_id
        self.clinician_id: int | None = None

    async def draw(self) -> None:
        opening = await clinic_hours.opening_hours(actor=self.actor, branch_id=self.branch_id)
        ui.label('Opening hours').classes('text-h6')
        ui.label('Type each day as from-to, with a comma between stretches, or "closed". '
                 + ('These are the usual hours; save to make them this branch\'s own.'
                    if opening is USUAL_HOURS else '')).classes('text-body2 text-grey-8')
        self.opening = WeekForm(opening, name='opening')
        ui.button('Save opening hours', on_click=self.save_opening).props('unelevated').mark('save-opening')
        ui.separator().classes('q-my-md')
        await self._draw_clinicians()
        ui.separator().classes('q-my-md')
        with ui.row().classes('w-full items-center'):
            ui.label('Holidays, closures and leave').classes('text-h6')
            ui.space()
            ui.button('Add', icon='add', on_click=self.add_closure).props('outline').mark('add-closure')
        self.closures_box = ui.column().classes('w-full')
        await self.draw_closures()

    async def _draw_clinicians(self) -> None:
        clinicians = await appointments.bookable_clinicians(actor=self.actor, branch_id=self.branch_id)
        ui.label("Clinicians' working hours").classes('text-h6')
        ui.label('A clinician with no hours of their own works whenever the branch is open.') \
            .classes('text-body2 text-grey-8')
        if not clinicians:
            ui.label('This branch has no clinicians yet.')
            return
        self.clinician_id = clinicians[0].id
        ui.select({row.id: row.name for row in clinicians}, value=self.clinician_id, label='Clinician',
                  on_change=lambda event: self._show_clinician(event.value)).props('outlined dense') \
            .classes('w-64').mark('clinician')
        self.clinician_box = ui.column().classes('w-full')
        await self._show_clinician(self.clinician_id)

    async def _show_clinician(self, clinician_id: int) -> None:
        self.clinician_id = clinician_id
        timetable = await clinic_hours.working_hours(actor=await current_actor(Permission.SCHEDULE_VIEW),
                                                     clinician_id=clinician_id)
        self.clinician_box.clear()
        with self.clinician_box:
            self.working = WeekForm(timetable, name='working')
            with ui.row().classes('gap-2'):
                ui.button('Save working hours', on_click=self.save_working).props('unelevated') \
                    .mark('save-working')
                ui.button('Works whenever open', on_click=self.clear_working).props('flat')

    async def save_opening(self) -> None:
        await self._save(self.opening.form, lambda actor: clinic_hours.set_opening_hours(
            actor=actor, branch_id=self.branch_id, week=self.opening.week), 'Opening hours saved.')

    async def save_working(self) -> None:
        await self._save(self.working.form, lambda actor: clinic_hours.set_working_hours(
            actor=actor, clinician_id=self.clinician_id, week=self.working.week), 'Working hours saved.')

    async def clear_working(self) -> None:
        if await self._save(self.working.form, lambda actor: clinic_hours.set_working_hours(
                actor=actor, clinician_id=self.clinician_id, week=None), 'Works whenever the branch is open.'):
            await self._show_clinician(self.clinician_id)

    async def _save(self, form: FormErrors, change: Any, done: str) -> bool:
        form.clear()
        try:
            await change(await current_actor(Permission.SCHEDULE_HOURS))
        except DomainError as refused:
            form.show(refused)
            return False
        ui.notify(done, type='positive')
        return True

    async def draw_closures(self) -> None:
        rows = await clinic_hours.list_closures(actor=await current_actor(Permission.SCHEDULE_VIEW),
                                                branch_id=self.branch_id, from_day=clinic_today())
        self.closures_box.clear()
        with self.closures_box:
            if not rows:
                ui.label('No holidays or leave ahead.').classes('text-body2')
            for row in rows:
                with ui.row().classes('w-full items-center no-wrap gap-2').mark('closure'):
                    ui.icon('event_busy').classes('text-grey-7')
                    with ui.column().classes('gap-0'):
                        ui.label(f'{row.days}: {row.reason}').classes('text-body1')
                        ui.label(_whom(row)).classes('text-caption text-grey-8')
                    ui.space()
                    ui.button(icon='delete', on_click=lambda row=row: self.remove_closure(row)) \
                        .props('flat round').tooltip('Remove').mark('remove-closure')

    async def add_closure(self) -> None:
        clinicians = await appointments.bookable_clinicians(actor=await current_actor(Permission.SCHEDULE_HOURS),
                                                            branch_id=self.branch_id)

        async def add() -> None:
            async def change() -> ClosureRow:
                scope = whom.value
                return await clinic_hours.add_closure(
                    actor=await current_actor(Permission.SCHEDULE_HOURS),
                    branch_id=None if scope == EVERY_BRANCH else self.branch_id,
                    clinician_id=scope if isinstance(scope, int) else None,
                    first_day=first.date, last_day=last.date, reason=reason.value or '')

            await dialog.attempt(change, done=lambda row: f'Added: {row.days}, {row.reason}.',
                                 then=lambda _: self.draw_closures())

        dialog = FormDialog('Add a holiday, closure or leave', submit_label='Add', on_submit=add,
                            text='Appointments already booked on those days stay in the calendar for reception '
                                 'to move.')
        choices: dict[Any, str] = {WHOLE_BRANCH: 'This branch is closed'}
        if self.actor.is_superadmin:
            choices[EVERY_BRANCH] = 'Every branch (a clinic holiday)'
        choices.update({row.id: f'{row.name} is on leave' for row in clinicians})
        with dialog.body:
            whom = dialog.form.add('whom', ui.select(choices, value=WHOLE_BRANCH, label='Who is away'))
            first = dialog.form.add('first_day', DateInput('First day', value=clinic_today() + timedelta(days=1)))
            last = dialog.form.add('last_day', DateInput('Last day (leave empty for one day)'))
            reason = dialog.form.add('reason', ui.input('Reason (Diwali, Annual leave, ...)'))
        fill_width(dialog)

    async def remove_closure(self, row: ClosureRow) -> None:
        try:
            await clinic_hours.remove_closure(actor=await current_actor(Permission.SCHEDULE_HOURS), closure_id=row.id)
        except DomainError as refused:
            ui.notify(refused.message, type='negative')
            return
        ui.notify(f'Removed: {row.days}, {row.reason}.', type='positive')
        await self.draw_closures()


def _whom(row: ClosureRow) -> str:
    if row.clinician:
        return f'{row.clinician} on leave'
    return 'Every branch' if row.branch_id is None else f'{row.branch} closed'
