"""The calendar screen: day (a column per clinician), week, month and list views of one branch.

The EventCalendar element draws; this class decides what it shows. Whenever the visible range
changes (first draw, previous / today / next, another view) the range is read from the server
and sent as events, with the closed hours, holidays and leave as grey background. Tapping an
empty slot books it, tapping an appointment opens it, and a drag is a move that the server
checks: a refused move snaps back with the reason. Every change anywhere in the branch redraws
the range in view (`on_change`), so a second desk sees a booking within a second.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from nicegui import ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import utcnow
from app.errors import DomainError
from app.services import appointments
from app.services.appointments import MOVABLE, STATUS_LABELS, AppointmentRow, CalendarRange, may_change
from app.services.clinic_hours import Span, Timetable
from app.services.patients import PatientRow
from app.services.session_time import clock_text
from app.services.vocabulary import SERVICE_LABELS
from components.actions import current_actor, guarded_action
from components.appointment_dialogs import open_booking, open_details
from components.date_input import DateInput
from components.event_calendar import (
    CalendarDateClick,
    CalendarDates,
    CalendarEventClick,
    CalendarEventMove,
    CalendarSelection,
    EventCalendar,
)
from components.live import on_change
from models.accounts import Role
from models.clinic import Service
from models.scheduling import AppointmentStatus

DAY, WEEK, MONTH, LIST = 'resourceTimeGridDay', 'timeGridWeek', 'dayGridMonth', 'listWeek'
VIEWS = {DAY: 'Day', WEEK: 'Week', MONTH: 'Month', LIST: 'List'}
STATUS_COLOURS = {
    AppointmentStatus.BOOKED: '#1565c0', AppointmentStatus.CONFIRMED: '#283593',
    AppointmentStatus.ARRIVED: '#e65100', AppointmentStatus.IN_SESSION: '#6a1b9a',
    AppointmentStatus.COMPLETED: '#2e7d32', AppointmentStatus.NO_SHOW: '#757575',
}
NO_COLOUR = '#757575'  # a status without a colour of its own
SERVICE_COLOURS = {Service.PHYSIOTHERAPY: '#00796b', Service.SPEECH_THERAPY: '#ad1457'}
CLOSED_COLOUR = 'rgba(110, 110, 110, 0.28)'
CALENDAR_HEIGHT = 'max(480px, calc(100vh - 250px))'
EARLIEST, LATEST = 8 * 60, 20 * 60  # the day's grid when the branch's hours say nothing narrower
ALL = 0
SLOT_HEIGHT_PX = 44  # a 30-minute visit shows its time and the patient's name, and is a finger's height (44 px)



def status_badge(status: AppointmentStatus) -> ui.badge:
    """An appointment's status as a badge in its calendar colour (Quasar's `color` takes palette names only)."""
    badge = ui.badge(STATUS_LABELS[status], color=None).classes('q-px-sm text-white')
    badge.style['background-color'] = STATUS_COLOURS.get(status, NO_COLOUR)
    return badge

class CalendarScreen:
    """One branch's calendar for one member of staff (state in attributes, one method per action)."""

    def __init__(self, actor: Actor, *, day: date, view: str, branches: dict[int, str] | None = None,
                 booking_for: PatientRow | None = None) -> None:
        self.actor = actor
        self.booking_for = booking_for  # a patient just registered (from an inquiry) who needs a slot
        self.branch_id = actor.branch_id
        self.branches = branches or {}  # the superadmin's choice of branch; others see their own
        self.view = view if view in VIEWS else DAY
        self.first_day, self.last_day = visible_days(self.view, day)
        self.clinician_filter = actor.user_id if actor.role is Role.JRDOCTOR else ALL  # their own column
        self.service_filter = ''
        self.colour_by = 'status'
        self.shown: CalendarRange | None = None
        self._filters_drawn: tuple[Any, ...] | None = None  # what the filters and legend show, to redraw on change
        self._sent: dict[str, str] = {}
        self._toolbar(day)
        if booking_for is not None:
            with ui.row().classes('w-full items-center gap-2 q-pa-sm bg-blue-1 rounded-borders') as self.banner:
                ui.icon('person_add').classes('text-primary')
                ui.label(f'Booking for {booking_for.full_name} ({booking_for.uid}): tap a free slot.') \
                    .classes('text-body1').mark('booking-for')
                ui.space()
                ui.button('Done', on_click=self._done_booking_for).props('flat')
        self.calendar = EventCalendar(options=self._options(day)).mark('calendar')
        self.calendar.on_dates_set(self._guarded(self.show_range))
        self.calendar.on_date_click(self._guarded(self.tapped_slot))
        self.calendar.on_select(self._guarded(self.selected))
        self.calendar.on_event_click(self._guarded(self.tapped_appointment))
        self.calendar.on_event_drop(self._guarded(self.dropped))
        self.calendar.on_event_resize(self._guarded(self.dropped))
        on_change([EntityType.APPOINTMENT, EntityType.CLOSURE, EntityType.CLINIC_HOURS], self.follow,
                  permission=Permission.SCHEDULE_VIEW)

    # -- reading -------------------------------------------------------------------------------

    async def show_range(self, event: CalendarDates) -> None:
        shown = (event.view, event.start.date(), (event.end - timedelta(seconds=1)).date())
        if self.shown is not None and shown == (self.view, self.first_day, self.last_day):
            return  # the same range drawn again (an option changed): nothing new to read
        self.view, self.first_day, self.last_day = shown
        await self.redraw(self.actor)

    async def follow(self, actor: Actor) -> None:
        """A change elsewhere in the branch: draw the same range again (not a new look, so not audited again)."""
        await self.redraw(actor, audited=False)

    async def redraw(self, actor: Actor, *, audited: bool = True) -> None:
        """Read the range in view and draw it (after a change here, or anywhere in the branch)."""
        self.actor = actor
        try:
            self.shown = await appointments.calendar_range(
                actor=actor, first_day=self.first_day, last_day=self.last_day, branch_id=self.branch_id,
                clinician_id=self.clinician_filter or None, service=Service(self.service_filter)
                if self.service_filter else None, audited=audited)
        except DomainError as refused:
            ui.notify(refused.message, type='negative')
            return
        shown = self.shown
        clinicians = [clinician for clinician in shown.clinicians
                      if not self.clinician_filter or clinician.id == self.clinician_filter]
        self.calendar.set_resources([{'id': str(clinician.id), 'title': clinician.name} for clinician in clinicians])
        earliest, latest = _grid_hours(shown.opening)
        self._set_option('slotMinTime', clock_text(earliest))
        self._set_option('slotMaxTime', clock_text(latest) if latest < 24 * 60 else '24:00')
        self._set_option('slotDuration', clock_text(shown.slot_minutes))
        self.calendar.set_events([*(self._event(row) for row in shown.appointments),
                                  *_closed_backgrounds(shown, clinicians, earliest, latest)])
        self._draw_filters()

    def _event(self, row: AppointmentRow) -> dict[str, Any]:
        colour = STATUS_COLOURS.get(row.status) if self.colour_by == 'status' else SERVICE_COLOURS[row.service]
        title = row.patient_name if self.view == DAY else f'{row.patient_name} · {_short(row.clinician)}'
        movable = row.status in MOVABLE and may_change(self.actor, row.clinician_id)
        return {'id': str(row.id), 'resourceIds': [str(row.clinician_id)], 'start': row.starts.isoformat(),
                'end': row.ends.isoformat(), 'title': title, 'backgroundColor': colour or '#757575',
                'editable': movable, 'classNames': [f'status-{row.status.value}']}

    # -- actions -------------------------------------------------------------------------------

    async def tapped_slot(self, event: CalendarDateClick) -> None:
        await self._book(event.date, event.resource_id, all_day=event.all_day)

    async def selected(self, event: CalendarSelection) -> None:
        self.calendar.unselect()
        await self._book(event.start, event.resource_id, all_day=event.all_day,
                         minutes=int((event.end - event.start).total_seconds() // 60))

    async def _book(self, moment: datetime, resource_id: str | None, *, all_day: bool,
                    minutes: int | None = None) -> None:
        actor = self.actor
        if self.shown is None or not (actor.can(Permission.SCHEDULE_EDIT) or actor.can(Permission.SCHEDULE_OWN)):
            return
        clinicians = [clinician for clinician in self.shown.clinicians
                      if actor.can(Permission.SCHEDULE_EDIT) or clinician.id == actor.user_id]
        chosen = int(resource_id) if resource_id else (self.clinician_filter or None)
        if not actor.can(Permission.SCHEDULE_EDIT):
            chosen = actor.user_id
        await open_booking(chosen=self.booking_for, clinicians=clinicians, branch_id=self.shown.branch_id,
                           day=moment.date(), start_minute=None if all_day else moment.hour * 60 + moment.minute,
                           clinician_id=chosen, minutes=minutes or self.shown.slot_minutes, then=self._redraw_now,
                           service=Service(self.service_filter) if self.service_filter else None)

    async def tapped_appointment(self, event: CalendarEventClick) -> None:
        if event.event_id.startswith('closed') or self.shown is None:
            return
        await open_details(appointment_id=UUID(event.event_id), clinicians=self.shown.clinicians,
                           then=self._redraw_now)

    async def dropped(self, move: CalendarEventMove) -> None:
        """A drag or a resize: the server moves it, or it snaps back with the reason."""
        try:
            moved = await appointments.move(
                actor=self.actor, appointment_id=UUID(move.event_id), starts=move.start,
                clinician_id=int(move.resource_id) if move.resource_id else None,
                minutes=int((move.end - move.start).total_seconds() // 60))
        except DomainError as refused:
            self.calendar.undo_move(move.event_id)
            ui.notify(refused.message, type='negative', multi_line=True)
            return
        self.calendar.accept_move(move.event_id)
        ui.notify(f'Moved: {moved.patient_name}, {moved.starts:%a %d %b} {moved.time_text} with {moved.clinician}.',
                  type='positive')
        await self.redraw(self.actor)

    def _set_option(self, name: str, value: str) -> None:
        """Send an option only when it changes: EventCalendar redraws (and reports its range) on every change."""
        if self._sent.get(name) != value:
            self._sent[name] = value
            self.calendar.set_option(name, value)

    def _done_booking_for(self) -> None:
        self.booking_for = None
        self.banner.delete()

    async def _redraw_now(self) -> None:
        await self.redraw(await current_actor(Permission.SCHEDULE_VIEW))

    def _guarded(self, method: Callable[[Any], Awaitable[None]]) -> Callable[..., Any]:
        """The session and permission re-checked before each calendar event (`guarded_action`)."""

        @guarded_action(Permission.SCHEDULE_VIEW)
        async def handle(actor: Actor, event: Any) -> None:
            self.actor = actor
            await method(event)

        return handle

    # -- the toolbar ---------------------------------------------------------------------------

    def _toolbar(self, day: date) -> None:
        with ui.row().classes('w-full items-end gap-2'):
            self.filters = ui.row().classes('items-end gap-2')
            ui.space()
            self.goto = DateInput('Go to day', value=day).classes('w-40').mark('goto-day')
            self.goto.on_value_change(self._go_to)
            book = ui.button('Book', icon='add', on_click=self._guarded(self._book_from_toolbar)) \
                .props('unelevated').mark('book')
            book.set_visibility(self.actor.can(Permission.SCHEDULE_EDIT) or self.actor.can(Permission.SCHEDULE_OWN))
        self.legend = ui.row().classes('w-full gap-3 text-caption items-center')

    def _draw_filters(self) -> None:
        if self.shown is None:
            return
        showing = (tuple(self.branches.items()), self.branch_id, self.clinician_filter, self.service_filter,
                   self.colour_by, tuple((row.id, row.name) for row in self.shown.clinicians))
        if showing == self._filters_drawn:
            return  # a change elsewhere that leaves the choices as they were: nothing to build again
        self._filters_drawn = showing
        self.filters.clear()
        with self.filters:
            if len(self.branches) > 1:
                ui.select(self.branches, value=self.branch_id, label='Branch',
                          on_change=self._guarded(lambda event: self._filter(branch=event.value))) \
                    .props('outlined dense options-dense').classes('w-44').mark('branch-filter')
            clinicians = {ALL: 'All clinicians', **{row.id: row.name for row in self.shown.clinicians}}
            ui.select(clinicians, value=self.clinician_filter if self.clinician_filter in clinicians else ALL,
                      label='Clinician',
                      on_change=self._guarded(lambda event: self._filter(clinician=event.value))) \
                .props('outlined dense options-dense').classes('w-48').mark('clinician-filter')
            services = {'': 'All services', **{value.value: label for value, label in SERVICE_LABELS.items()}}
            ui.select(services, value=self.service_filter, label='Service',
                      on_change=self._guarded(lambda event: self._filter(service=event.value))) \
                .props('outlined dense options-dense').classes('w-44').mark('service-filter')
            ui.toggle({'status': 'Status', 'service': 'Service'}, value=self.colour_by,
                      on_change=self._guarded(lambda event: self._filter(colour=event.value))) \
                .props('dense no-caps') \
                .tooltip('What the colours show').mark('colour-by')
        self.legend.clear()
        with self.legend:
            colours = {STATUS_LABELS[status]: colour for status, colour in STATUS_COLOURS.items()} \
                if self.colour_by == 'status' else {SERVICE_LABELS[kind]: colour for kind, colour in
                                                    SERVICE_COLOURS.items()}
            for label, colour in {**colours, 'Closed': CLOSED_COLOUR}.items():
                with ui.row().classes('items-center gap-1 no-wrap'):
                    swatch = ui.element('span').classes('inline-block rounded-sm') \
                        .style('width: 12px; height: 12px; border: 1px solid rgba(0, 0, 0, 0.25)')
                    swatch.style['background'] = colour
                    ui.label(label)

    async def _filter(self, *, clinician: int | None = None, service: str | None = None,
                      colour: str | None = None, branch: int | None = None) -> None:
        if branch is not None and branch != self.branch_id:
            self.branch_id, self.clinician_filter = branch, ALL
        if clinician is not None:
            self.clinician_filter = clinician
        if service is not None:
            self.service_filter = service
        if colour is not None:
            self.colour_by = colour
        await self.redraw(self.actor)

    def _go_to(self) -> None:
        if self.goto.date is not None:
            self.calendar.set_view(self.view, self.goto.date.isoformat())

    async def _book_from_toolbar(self, _: Any = None) -> None:
        day = self.goto.date or self.first_day
        await self._book(datetime.combine(day, time()), None, all_day=True)

    def _options(self, day: date) -> dict[str, Any]:
        return {
            'view': self.view, 'date': day.isoformat(), 'firstDay': 1, 'allDaySlot': False, 'nowIndicator': True,
            'headerToolbar': {'start': 'prev,today,next', 'center': 'title', 'end': ','.join(VIEWS)},
            'buttonText': {'today': 'Today', 'prev': 'Previous', 'next': 'Next', **VIEWS},
            'locale': 'en-IN', 'slotHeight': SLOT_HEIGHT_PX,
            'slotDuration': '00:30', 'slotMinTime': clock_text(EARLIEST), 'slotMaxTime': clock_text(LATEST),
            # a fixed height scrolls the hours inside the calendar, so the clinicians' names stay in view
            'scrollTime': '09:00', 'height': CALENDAR_HEIGHT, 'dayMaxEvents': True, 'editable': True,
            'selectable': True,
            'eventStartEditable': True, 'eventDurationEditable': True, 'longPressDelay': 400,
            'eventLongPressDelay': 400, 'selectLongPressDelay': 400, 'pointer': True,
            'slotLabelFormat': {'hour': '2-digit', 'minute': '2-digit', 'hour12': False},
            'eventTimeFormat': {'hour': '2-digit', 'minute': '2-digit', 'hour12': False},
            'dayHeaderFormat': {'weekday': 'short', 'day': 'numeric', 'month': 'short'},
            'listDayFormat': {'weekday': 'long'}, 'listDaySideFormat': {'day': 'numeric', 'month': 'long'},
            'noEventsContent': 'No appointments.',
        }


def visible_days(view: str, day: date) -> tuple[date, date]:
    """The days a view shows around `day` (weeks start on Monday), as EventCalendar will report them.

    The page draws this range while it is built, so the first screen arrives with its appointments;
    when EventCalendar then reports the same range, nothing is read again.
    """
    if view == DAY:
        return day, day
    monday = day - timedelta(days=day.weekday())
    if view != MONTH:
        return monday, monday + timedelta(days=6)
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    start = first - timedelta(days=first.weekday())
    last = following - timedelta(days=1)
    return start, last + timedelta(days=6 - last.weekday())


def _short(clinician: str) -> str:
    """'Dr Kavita' for 'Dr Kavita Mehta': enough to tell colleagues apart in a narrow week column."""
    words = clinician.split()
    return ' '.join(words[:2]) if words[:1] == ['Dr'] else (words[0] if words else '')


def branch_today(zone: Any) -> date:
    return utcnow().astimezone(zone).date()


def _grid_hours(opening: Timetable) -> tuple[int, int]:
    """From the earliest opening to the latest closing of the week, within EARLIEST..LATEST when unknown."""
    spans = [span for weekday in range(7) for span in opening.spans_on(weekday)]
    if not spans:
        return EARLIEST, LATEST
    return min(span.starts for span in spans), max(span.ends for span in spans)


def _closed_backgrounds(shown: CalendarRange, clinicians: list[Any], earliest: int, latest: int,
                        ) -> list[dict[str, Any]]:
    """Grey background events: hours the branch or a clinician is not there, and whole closed days."""
    events: list[dict[str, Any]] = []
    everyone = [str(clinician.id) for clinician in clinicians]  # the day view draws no background without ids
    day = shown.first_day
    while day <= shown.last_day:
        closure = next((row for row in shown.closures if row.clinician_id is None
                        and row.first_day <= day <= row.last_day), None)
        if closure is not None:
            events.append(_background(f'closed-{day}', day, Span(0, 24 * 60), all_day=True, resource_ids=everyone))
        else:
            for gap in _gaps(shown.opening.spans_on(day.weekday()), earliest, latest):
                events.append(_background(f'closed-{day}-{gap.starts}', day, gap, resource_ids=everyone))
            for clinician in clinicians:
                on_leave = any(row.clinician_id == clinician.id and row.first_day <= day <= row.last_day
                               for row in shown.closures)
                hours = (Span(0, 0),) if on_leave else (
                    clinician.timetable.spans_on(day.weekday()) if clinician.timetable else None)
                if hours is None:
                    continue
                for gap in _gaps(hours, earliest, latest):
                    events.append(_background(f'closed-{day}-{clinician.id}-{gap.starts}', day, gap,
                                              resource_ids=[str(clinician.id)]))
        day += timedelta(days=1)
    return events


def _gaps(spans: tuple[Span, ...], earliest: int, latest: int) -> list[Span]:
    gaps, cursor = [], earliest
    for span in sorted(spans):
        if span.starts > cursor:
            gaps.append(Span(cursor, min(span.starts, latest)))
        cursor = max(cursor, span.ends)
    if cursor < latest:
        gaps.append(Span(cursor, latest))
    return [gap for gap in gaps if gap.ends > gap.starts]


def _background(event_id: str, day: date, span: Span, *, resource_ids: list[str],
                all_day: bool = False) -> dict[str, Any]:
    start = datetime.combine(day, time()) + timedelta(minutes=span.starts)
    end = datetime.combine(day, time()) + timedelta(minutes=span.ends)
    event: dict[str, Any] = {'id': event_id, 'display': 'background', 'backgroundColor': CLOSED_COLOUR,
                             'start': start.isoformat(), 'end': end.isoformat(), 'title': ''}
    if all_day:
        event.update(allDay=True, start=day.isoformat(), end=(day + timedelta(days=1)).isoformat())
    if resource_ids:
        event['resourceIds'] = resource_ids
    return event
