"""The calendar's dialogs: book an appointment, see one with its actions, move it, cancel it.

Each dialog saves through `FormDialog.attempt`, so a refusal (the slot taken, the clinic closed)
shows as the sentence the service wrote and keeps the dialog open; `then` redraws the calendar.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime, time
from typing import Any
from uuid import UUID

from nicegui import ui

from app.auth.permissions import Permission
from app.errors import DomainError, ValidationFailed
from app.services import appointments
from app.services.appointments import STATUS_LABELS, AppointmentDetails, AppointmentRow, BookingInput, Clinician
from app.services.patients import PatientRow
from app.services.session_time import SESSION_LENGTHS, TimeRefused, clock_text, parse_time_of_day
from app.services.vocabulary import SERVICE_LABELS
from components.actions import current_actor
from components.date_input import DateInput
from components.dialogs import FormDialog, fill_width, settled
from components.patient_picker import PatientPicker
from components.waitlist_screen import waitlist_matches
from models.clinic import Service
from models.scheduling import AppointmentStatus

Changed = Callable[[], Awaitable[Any] | Any]
# What each status button says (the action, not the state it leads to).
STATUS_ACTIONS = {
    AppointmentStatus.CONFIRMED: 'Confirmed by phone', AppointmentStatus.ARRIVED: 'Arrived',
    AppointmentStatus.IN_SESSION: 'In session', AppointmentStatus.COMPLETED: 'Done',
    AppointmentStatus.NO_SHOW: 'No-show', AppointmentStatus.BOOKED: 'Back to booked',
}
# A step back, to put right a tap made by mistake, says so: a finished visit offers "Not done yet", not "In session".
UNDOING = {
    (AppointmentStatus.COMPLETED, AppointmentStatus.IN_SESSION): 'Not done yet',
    (AppointmentStatus.IN_SESSION, AppointmentStatus.ARRIVED): 'Back to waiting',
    (AppointmentStatus.ARRIVED, AppointmentStatus.BOOKED): 'Back to booked',
    (AppointmentStatus.NO_SHOW, AppointmentStatus.BOOKED): 'Back to booked',
}


def status_step(current: AppointmentStatus, new: AppointmentStatus) -> tuple[str, bool]:
    """The label of the tap that moves a visit from `current` to `new`, and whether it is outlined (a step back,
    or a no-show) rather than filled (a step on)."""
    undoing = UNDOING.get((current, new))
    return undoing or STATUS_ACTIONS[new], bool(undoing) or new is AppointmentStatus.NO_SHOW


def status_button(current: AppointmentStatus, new: AppointmentStatus, on_click: Callable[[], Any]) -> ui.button:
    """The button that moves a visit from `current` to `new`: filled for a step on, outlined for a step back."""
    label, outlined = status_step(current, new)
    return ui.button(label, on_click=on_click).props('outline' if outlined else 'unelevated').mark(f'mark-{new.value}')


async def open_booking(*, clinicians: Sequence[Clinician], branch_id: int, day: date, start_minute: int | None,
                       clinician_id: int | None, minutes: int, then: Changed, service: Service | None = None,
                       chosen: PatientRow | None = None) -> None:
    """The booking form, filled in with the slot that was tapped, and who on the waitlist that slot suits."""
    picker_holder: dict[str, PatientPicker] = {}

    async def book() -> None:
        async def change() -> AppointmentRow:
            actor = await current_actor(Permission.SCHEDULE_VIEW)
            return await appointments.book(actor=actor, booking=BookingInput(
                patient_id=picker_holder['picker'].patient_id, clinician_id=clinician.value, service=kind.value,
                starts=_start(when, at), minutes=length.value, notes=notes.value or '', branch_id=branch_id))

        await dialog.attempt(change, done=lambda row: f'Booked: {row.patient_name}, {row.time_text} with '
                                                      f'{row.clinician}.', then=lambda _: then())

    client = ui.context.client

    async def booked_from_waitlist(_: AppointmentRow) -> None:
        dialog.close()  # deletes the dialog, and the slot this handler runs in: redraw in the page's own
        with client.content:
            await settled(then())

    dialog = FormDialog('Book an appointment', submit_label='Book', on_submit=book)
    with dialog.body:
        if start_minute is not None and clinician_id is not None and chosen is None:
            await waitlist_matches(clinician_id=clinician_id, minutes=minutes, booked=booked_from_waitlist,
                                   starts=datetime.combine(day, time(start_minute // 60, start_minute % 60)))
        picker = PatientPicker(chosen=chosen)
        picker_holder['picker'] = picker
        dialog.form.add('patient', picker.input)
        clinician = dialog.form.add('clinician', ui.select({row.id: row.name for row in clinicians},
                                                           label='Clinician', value=clinician_id))
        kind = dialog.form.add('service', ui.select({value.value: label for value, label in SERVICE_LABELS.items()},
                                                    label='Service', value=(service or Service.PHYSIOTHERAPY).value))
        with ui.row().classes('w-full no-wrap gap-2'):
            when = dialog.form.add('starts', DateInput('Day', value=day)).classes('col')
            at = dialog.form.add('time', ui.input('Time', value=clock_text(start_minute) if start_minute is not None
                                                  else '', placeholder='10:00')).classes('col')
        length = dialog.form.add('minutes', ui.select(_lengths(minutes), label='Length', value=minutes))
        notes = dialog.form.add('notes', ui.textarea('Notes for the desk (optional)').props('autogrow'))
    fill_width(dialog)
    when.classes(remove='w-full')
    at.classes(remove='w-full')


async def open_details(*, appointment_id: UUID, clinicians: Sequence[Clinician], then: Changed) -> None:
    """One appointment: who, when, status, notes; and the actions the person may take."""
    try:
        details = await appointments.appointment_details(actor=await current_actor(Permission.SCHEDULE_VIEW),
                                                         appointment_id=appointment_id)
    except DomainError as refused:
        ui.notify(refused.message, type='negative')
        return
    row = details.row
    dialog = FormDialog(row.patient_name)
    with dialog.body:
        with ui.column().classes('gap-1'):
            ui.label(f'{row.patient_uid} · {row.patient_phone}').classes('text-body2')
            ui.label(f'{row.starts:%a %d %b %Y}, {row.time_text} ({row.minutes} min)').classes('text-body1') \
                .mark('appointment-when')
            ui.label(f'{row.clinician} · {SERVICE_LABELS[row.service]}').classes('text-body2')
            ui.label(f'Status: {row.status_label}').classes('text-body2 text-weight-medium') \
                .mark('appointment-status')
            if row.session_number:
                ui.label(f'Session {row.session_number} of the treatment plan').classes('text-caption')
            if details.notes:
                ui.label(details.notes).classes('text-body2 whitespace-pre-line')
            if details.booked_by:
                ui.label(f'Booked by {details.booked_by}').classes('text-caption text-grey-7')
        ui.link('Open the patient', f'/patients/{row.patient_uid}').classes('text-body2')
        _action_buttons(details, dialog, clinicians, then)


def _action_buttons(details: AppointmentDetails, dialog: FormDialog, clinicians: Sequence[Clinician],
                    then: Changed) -> None:
    row = details.row
    with ui.row().classes('w-full gap-2'):
        for status in details.next_statuses:
            status_button(row.status, status, lambda status=status: _mark(dialog, row.id, status, then))
    with ui.row().classes('w-full gap-2'):
        if details.may_move:
            ui.button('Move', icon='schedule', on_click=lambda: (dialog.close(), open_move(
                row=row, clinicians=clinicians, then=then))).props('outline').mark('move')
        if details.may_cancel:
            ui.button('Cancel appointment', icon='event_busy', color='negative', on_click=lambda: (
                dialog.close(), open_cancel(row=row, then=then))).props('outline').mark('cancel-appointment')


async def _mark(dialog: FormDialog, appointment_id: UUID, status: AppointmentStatus, then: Changed) -> None:
    async def change() -> AppointmentRow:
        return await appointments.set_status(actor=await current_actor(Permission.SCHEDULE_VIEW),
                                             appointment_id=appointment_id, status=status)

    await dialog.attempt(change, done=lambda row: f'{row.patient_name}: {STATUS_LABELS[row.status].lower()}.',
                         then=lambda _: then())


def open_move(*, row: AppointmentRow, clinicians: Sequence[Clinician], then: Changed) -> None:
    """Move to another day, time, clinician or length (what a drag does, for those who prefer a form)."""

    async def move() -> None:
        async def change() -> AppointmentRow:
            return await appointments.move(actor=await current_actor(Permission.SCHEDULE_VIEW),
                                           appointment_id=row.id, starts=_start(when, at),
                                           clinician_id=clinician.value, minutes=length.value)

        await dialog.attempt(change, done=lambda moved: f'Moved: {moved.patient_name}, '
                                                        f'{moved.starts:%a %d %b} {moved.time_text}.',
                             then=lambda _: then())

    dialog = FormDialog(f'Move {row.patient_name}', submit_label='Move', on_submit=move,
                        text=f'Now: {row.starts:%a %d %b %Y}, {row.time_text} with {row.clinician}.')
    with dialog.body:
        clinician = dialog.form.add('clinician', ui.select({item.id: item.name for item in clinicians},
                                                           label='Clinician', value=row.clinician_id))
        with ui.row().classes('w-full no-wrap gap-2'):
            when = dialog.form.add('starts', DateInput('Day', value=row.starts.date())).classes('col')
            at = dialog.form.add('time', ui.input('Time', value=f'{row.starts:%H:%M}')).classes('col')
        length = dialog.form.add('minutes', ui.select(_lengths(row.minutes), label='Length', value=row.minutes))
    fill_width(dialog)
    when.classes(remove='w-full')
    at.classes(remove='w-full')


def open_cancel(*, row: AppointmentRow, then: Changed) -> None:
    async def cancel() -> None:
        async def change() -> AppointmentRow:
            return await appointments.cancel(actor=await current_actor(Permission.SCHEDULE_VIEW),
                                             appointment_id=row.id, reason=reason.value or '')

        await dialog.attempt(change, done=f'Cancelled: {row.patient_name}, {row.time_text}.', then=lambda _: then())

    dialog = FormDialog(f'Cancel {row.patient_name}?', submit_label='Cancel appointment', on_submit=cancel,
                        submit_color='negative', text=f'{row.starts:%a %d %b %Y}, {row.time_text} with '
                                                      f'{row.clinician}. The time becomes free for others.')
    with dialog.body:
        reason = dialog.form.add('reason', ui.input('Reason (the patient called, the clinician is away, ...)'))
    fill_width(dialog)


def _start(day_input: DateInput, time_input: ui.input) -> datetime | None:
    """The day and time typed, or `ValidationFailed` naming the field that is wrong."""
    day = day_input.date
    if day is None:
        raise ValidationFailed({'starts': 'Choose the day.'})
    try:
        minute = parse_time_of_day(time_input.value or '')
    except TimeRefused as refused:
        raise ValidationFailed({'time': refused.message}) from None
    return datetime.combine(day, time(minute // 60, minute % 60))


def _lengths(current: int) -> dict[int, str]:
    return {minutes: f'{minutes} min' for minutes in sorted({*SESSION_LENGTHS, current})}
