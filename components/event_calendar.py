"""EventCalendar (github.com/vkurko/calendar, MIT) as a NiceGUI element: the clinic's day, week and month planner.

The library's browser build sits unchanged in `components/vendor/event-calendar/` (written by
`scripts/fetch_event_calendar.py`) and is served by this server as a NiceGUI resource, so the page
loads nothing from another origin and runs under the app's Content-Security-Policy.

Times cross the wire as naive local ISO strings (`'2026-03-10T09:30:00'`): the calendar shows
wall-clock time with no zone, and the server converts to and from UTC. Handlers get naive
`datetime`s. Titles are always sent as plain strings, which EventCalendar renders as text (an
`{'html': ...}` title would be parsed as HTML, so it can never get here).

A dropped or resized event stays where the user put it only until the server answers: call
`accept_move(event_id)` once the change is saved, or `undo_move(event_id)` to snap it back. A move
handler that raises snaps the event back too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from inspect import isawaitable
from pathlib import Path
from typing import Any, Self, TypeVar

from nicegui import ui
from nicegui.events import GenericEventArguments, UiEventArguments, handle_event

VENDOR_DIR = Path(__file__).parent / 'vendor' / 'event-calendar'
# Options the element sets itself: the JS wires these callbacks to the Python hooks below.
CALLBACK_OPTIONS = frozenset({'eventClick', 'dateClick', 'select', 'eventDrop', 'eventResize', 'datesSet'})
# Options that hold calendar data: they go through the coercion in set_events / set_resources.
DATA_OPTIONS = frozenset({'events', 'resources'})


@dataclass(kw_only=True, slots=True)
class CalendarEventClick(UiEventArguments):
    """An event (appointment) was clicked or tapped."""

    event_id: str
    start: datetime
    end: datetime
    resource_ids: list[str]
    all_day: bool


@dataclass(kw_only=True, slots=True)
class CalendarDateClick(UiEventArguments):
    """An empty time slot or day was clicked or tapped."""

    date: datetime
    all_day: bool
    resource_id: str | None


@dataclass(kw_only=True, slots=True)
class CalendarSelection(UiEventArguments):
    """The user dragged over empty slots (`end` is exclusive)."""

    start: datetime
    end: datetime
    all_day: bool
    resource_id: str | None


@dataclass(kw_only=True, slots=True)
class CalendarEventMove(UiEventArguments):
    """An event was dropped at a new time or column, or resized; answer with accept_move or undo_move."""

    event_id: str
    start: datetime
    end: datetime
    old_start: datetime
    old_end: datetime
    resource_id: str | None
    old_resource_id: str | None


@dataclass(kw_only=True, slots=True)
class CalendarDates(UiEventArguments):
    """The visible range changed: first render, prev/next, another view (`end` is exclusive)."""

    view: str
    start: datetime
    end: datetime


ArgumentsT = TypeVar('ArgumentsT', bound=UiEventArguments)
MoveHandler = Callable[[CalendarEventMove], Awaitable[Any] | Any]


class EventCalendar(ui.element, component='event_calendar.js', default_classes='prospine-event-calendar w-full'):
    """The calendar; `options` are EventCalendar's options (JSON values only), incl. `events` and `resources`."""

    def __init__(self, *, options: Mapping[str, Any]) -> None:
        super().__init__()
        self.add_resource(VENDOR_DIR)
        _check_options(options)
        self._props['options'] = {name: value for name, value in options.items() if name not in DATA_OPTIONS}
        self._props['events'] = tuple(_calendar_event(event) for event in options.get('events', []))
        self._props['resources'] = tuple(_calendar_resource(resource) for resource in options.get('resources', []))
        self._props['events-revision'] = 0
        self._props['resources-revision'] = 0
        self._pending_moves: dict[str, CalendarEventMove] = {}

    # --- what the calendar shows ---------------------------------------------------------------

    def set_events(self, events: Sequence[Mapping[str, Any]]) -> None:
        """Show exactly these events (replacing all others; unanswered moves are dropped with them)."""
        self._pending_moves.clear()
        # A tuple: NiceGUI wraps a list's every dict and list in observable copies, which was 43 % of a live
        # calendar redraw (a busy day is hundreds of events); the events change only as a whole, here.
        self._props['events'] = tuple(_calendar_event(event) for event in events)
        self._props['events-revision'] += 1  # a new revision makes the browser re-apply even an equal list

    def set_resources(self, resources: Sequence[Mapping[str, Any]]) -> None:
        """Show exactly these resources (the clinicians' columns in resourceTimeGrid views)."""
        self._props['resources'] = tuple(_calendar_resource(resource) for resource in resources)
        self._props['resources-revision'] += 1

    def set_option(self, name: str, value: Any) -> None:
        """Change one EventCalendar option (kept for a re-mount, applied now in the browser)."""
        if name == 'events':
            self.set_events(value)
            return
        if name == 'resources':
            self.set_resources(value)
            return
        _check_options({name: value})
        self._props['options'][name] = value
        self.run_method('set_option', name, value)

    def set_view(self, view: str, date: str | None = None) -> None:
        """Switch to `view` (e.g. 'resourceTimeGridDay', 'timeGridWeek', 'dayGridMonth', 'listWeek'), at `date`."""
        wire_date = None if date is None else _wire_time(date)
        self._props['options']['view'] = view
        if wire_date is not None:
            self._props['options']['date'] = wire_date
        self.run_method('set_view', view, wire_date)

    def unselect(self) -> None:
        """Clear the highlighted selection (e.g. after the booking dialog was cancelled)."""
        self.run_method('unselect')

    # --- answering a move ----------------------------------------------------------------------

    def accept_move(self, event_id: str | int) -> None:
        """The server saved the move: keep the event where the user put it."""
        move = self._pending_moves.pop(str(event_id), None)
        if move is not None:
            self._remember_move(move)
        self.run_method('accept_move', str(event_id))

    def undo_move(self, event_id: str | int) -> None:
        """The server refused the move: put the event back where it was."""
        self._pending_moves.pop(str(event_id), None)
        self.run_method('undo_move', str(event_id))

    # --- hooks -----------------------------------------------------------------------------------

    def on_event_click(self, handler: Callable[[CalendarEventClick], Any]) -> Self:
        """Call `handler` when an event is clicked or tapped."""
        return self._on('eventClick', handler, lambda args: CalendarEventClick(
            sender=self, client=self.client, event_id=str(args['event_id']),
            start=_naive(args['start']), end=_naive(args['end']),
            resource_ids=[str(resource_id) for resource_id in args['resource_ids']], all_day=bool(args['all_day'])))

    def on_date_click(self, handler: Callable[[CalendarDateClick], Any]) -> Self:
        """Call `handler` when an empty slot or day is clicked or tapped."""
        return self._on('dateClick', handler, lambda args: CalendarDateClick(
            sender=self, client=self.client, date=_naive(args['date']), all_day=bool(args['all_day']),
            resource_id=_optional_id(args.get('resource_id'))))

    def on_select(self, handler: Callable[[CalendarSelection], Any]) -> Self:
        """Call `handler` when the user drags over empty slots (needs `selectable: True`)."""
        return self._on('select', handler, lambda args: CalendarSelection(
            sender=self, client=self.client, start=_naive(args['start']), end=_naive(args['end']),
            all_day=bool(args['all_day']), resource_id=_optional_id(args.get('resource_id'))))

    def on_dates_set(self, handler: Callable[[CalendarDates], Any]) -> Self:
        """Call `handler` with the view and visible range whenever it changes (load the events for it)."""
        return self._on('datesSet', handler, lambda args: CalendarDates(
            sender=self, client=self.client, view=str(args['view']),
            start=_naive(args['start']), end=_naive(args['end'])))

    def on_event_drop(self, handler: MoveHandler) -> Self:
        """Call `handler` when an event is dropped elsewhere; it must answer with accept_move or undo_move."""
        return self._on_move('eventDrop', handler)

    def on_event_resize(self, handler: MoveHandler) -> Self:
        """Call `handler` when an event is resized; it must answer with accept_move or undo_move."""
        return self._on_move('eventResize', handler)

    # --- private ---------------------------------------------------------------------------------

    def _on(self, kind: str, handler: Callable[[ArgumentsT], Any],
            parse: Callable[[dict[str, Any]], ArgumentsT]) -> Self:
        self.on(kind, lambda e: handle_event(handler, parse(e.args)))
        return self

    def _on_move(self, kind: str, handler: MoveHandler) -> Self:
        async def dispatch(e: GenericEventArguments) -> None:
            move = self._move_from(e.args)
            self._pending_moves[move.event_id] = move
            try:
                result = handler(move)
                if isawaitable(result):
                    await result
            except Exception:
                self.undo_move(move.event_id)  # a failed check must not leave the event where it was dropped
                raise
        self.on(kind, dispatch)
        return self

    def _move_from(self, args: dict[str, Any]) -> CalendarEventMove:
        return CalendarEventMove(
            sender=self, client=self.client, event_id=str(args['event_id']),
            start=_naive(args['start']), end=_naive(args['end']),
            old_start=_naive(args['old_start']), old_end=_naive(args['old_end']),
            resource_id=_optional_id(args.get('resource_id')),
            old_resource_id=_optional_id(args.get('old_resource_id')))

    def _remember_move(self, move: CalendarEventMove) -> None:
        """Write an accepted move into the stored events, so a re-mount shows it too (no re-render now)."""
        for event in self._props['events']:
            if event.get('id') != move.event_id:
                continue
            event['start'] = move.start.isoformat(timespec='seconds')
            event['end'] = move.end.isoformat(timespec='seconds')
            if move.resource_id is not None and move.resource_id != move.old_resource_id:
                moved_from = {move.old_resource_id, move.resource_id}
                event['resourceIds'] = [*(rid for rid in event.get('resourceIds', []) if rid not in moved_from),
                                        move.resource_id]


def _check_options(options: Mapping[str, Any]) -> None:
    for name, value in options.items():
        if name in CALLBACK_OPTIONS:
            raise ValueError(f'{name} is wired by EventCalendar itself; use its on_... hook instead')
        if callable(value):
            raise ValueError(f'option {name} must be a JSON value, not a function')


def _calendar_event(event: Mapping[str, Any]) -> dict[str, Any]:
    """One event as EventCalendar gets it: string id and title (text, never HTML), naive local times."""
    result = {name: value for name, value in event.items() if name not in {'resourceId', 'resourceIds'}}
    if 'id' in event:
        result['id'] = str(event['id'])
    result['title'] = '' if event.get('title') is None else str(event['title'])
    for name in ('start', 'end'):
        if name in event:
            result[name] = _wire_time(event[name])
    resource_ids = event.get('resourceIds', [] if event.get('resourceId') is None else [event['resourceId']])
    if resource_ids:
        result['resourceIds'] = [str(resource_id) for resource_id in resource_ids]
    return result


def _calendar_resource(resource: Mapping[str, Any]) -> dict[str, Any]:
    """One resource (clinician column): string id and title (text, never HTML), children likewise."""
    result = dict(resource)
    result['id'] = str(resource['id'])
    result['title'] = '' if resource.get('title') is None else str(resource['title'])
    if 'children' in resource:
        result['children'] = [_calendar_resource(child) for child in resource['children']]
    return result


def _wire_time(value: datetime | date | str) -> str:
    """A naive local ISO string: an aware time would be shifted by the browser's zone, so it is refused."""
    if isinstance(value, str):
        parsed: datetime | date = datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
    else:
        parsed = value
    if isinstance(parsed, datetime):
        if parsed.tzinfo is not None:
            raise ValueError(f'{value!r} has a time zone: convert it to the clinic\'s local time first')
        return parsed.isoformat(timespec='seconds')
    return parsed.isoformat()


def _naive(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is not None:
        raise ValueError(f'the calendar sent a zoned time {value!r}; it only ever works in local time')
    return parsed


def _optional_id(value: Any) -> str | None:
    return None if value is None else str(value)
