"""Book a treatment plan's sessions as a series, then place by hand the days the series could not.

The result lists each day that could not be booked with the reason and the nearest free times;
one tap books the session at one of them (with the plan and the session's number).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import ui

from app.auth.permissions import Permission
from app.clock import clinic_today
from app.errors import DomainError
from app.services import appointments, treatment_series
from app.services.appointments import BookingInput, Clinician
from app.services.clinic_hours import WEEKDAYS
from app.services.session_time import SESSION_LENGTHS, clock_text
from app.services.treatment_plans import PlanRow
from app.services.treatment_series import SeriesInput, SeriesResult, Unplaced
from components.actions import current_actor
from components.date_input import DateInput
from components.dialogs import FormDialog, fill_width, settled

Redraw = Callable[[], Awaitable[Any] | Any]


def open_series(*, plan: PlanRow, patient_id: Any, clinicians: list[Clinician], redraw: Redraw) -> None:
    async def book() -> None:
        async def change() -> SeriesResult:
            return await treatment_series.create_series(
                actor=await current_actor(Permission.SCHEDULE_VIEW), series=SeriesInput(
                    plan_id=plan.id, first_day=first.date, start=start.value or '', minutes=length.value,
                    sessions=sessions.value, weekdays=days.value or [], clinician_id=clinician.value))

        async def done(result: SeriesResult) -> None:
            await settled(redraw())
            if result.unplaced:
                _show_unplaced(result, plan=plan, patient_id=patient_id, clinician_id=clinician.value, redraw=redraw)

        await dialog.attempt(change, done=lambda result: result.summary, then=done)

    dialog = FormDialog('Book the sessions', submit_label='Book sessions', on_submit=book,
                        text='Days off, holidays and leave are passed over; a day that is taken is listed for you '
                             'to place by hand.')
    with dialog.body:
        clinician = dialog.form.add('clinician', ui.select({row.id: row.name for row in clinicians},
                                                           label='Clinician', value=plan.clinician_id))
        first = dialog.form.add('first_day', DateInput('First session', value=max(plan.start_date, clinic_today())))
        with ui.row().classes('w-full no-wrap gap-2'):
            start = dialog.form.add('start', ui.input('Time', value=clock_text(plan.session_start_minute)
                                                      if plan.session_start_minute is not None else '10:00'))
            length = dialog.form.add('minutes', ui.select(
                {minutes: f'{minutes} min' for minutes in sorted({*SESSION_LENGTHS, plan.session_minutes or 30})},
                label='Length', value=plan.session_minutes or 30))
        sessions = dialog.form.add('sessions', ui.input('Sessions', value=str(plan.days)))
        days = dialog.form.add('weekdays', ui.select(dict(enumerate(WEEKDAYS)), multiple=True, label='On',
                                                     value=list(range(6))).props('use-chips'))
    fill_width(dialog)
    for element in (start, length):
        element.classes(remove='w-full').classes('col')


def _show_unplaced(result: SeriesResult, *, plan: PlanRow, patient_id: Any, clinician_id: int,
                   redraw: Redraw) -> None:
    dialog = FormDialog('Days to place by hand', text=result.summary)
    with dialog.body:
        for unplaced in result.unplaced:
            with ui.column().classes('w-full gap-1').mark('unplaced'):
                ui.label(f'Session {unplaced.session_number}, {unplaced.day:%a %d %b}: {unplaced.reason}') \
                    .classes('text-body2')
                with ui.row().classes('gap-2'):
                    if not unplaced.free_starts:
                        ui.label('No free time that day.').classes('text-caption')
                    for starts in unplaced.free_starts:
                        ui.button(f'{starts:%H:%M}', on_click=lambda starts=starts, unplaced=unplaced:
                                  _place(plan, patient_id, clinician_id, unplaced, starts, redraw)) \
                            .props('outline dense').mark(f'place-{unplaced.session_number}')


async def _place(plan: PlanRow, patient_id: Any, clinician_id: int, unplaced: Unplaced, starts: Any,
                 redraw: Redraw) -> None:
    try:
        row = await appointments.book(actor=await current_actor(Permission.SCHEDULE_VIEW), booking=BookingInput(
            patient_id=patient_id, clinician_id=clinician_id, service=plan.service, starts=starts,
            minutes=plan.session_minutes, plan_id=plan.id, session_number=unplaced.session_number))
    except DomainError as refused:
        ui.notify(refused.message, type='negative')
        return
    ui.notify(f'Session {unplaced.session_number} booked: {row.starts:%a %d %b} {row.time_text}.', type='positive')
    await settled(redraw())

