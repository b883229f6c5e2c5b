"""A one-page NiceGUI app around EventCalendar, for the browser tests in test_event_calendar.py.

Run as `python -m tests.e2e.event_calendar_harness` with EVENT_CALENDAR_HARNESS_PORT (the port) and
EVENT_CALENDAR_HARNESS_RECORDS (a file): it shows one fixed day in resourceTimeGridDay with two
clinicians and appends every drop, resize, click, selection and range change it receives to the
file as a JSON line; buttons switch the view with set_view. It refuses a move that starts at 09:00
with undo_move, refuses one that starts at 13:00 by re-sending the saved events (as a planner that
reloads the day from the database would), fails with an exception on one that starts at 16:00, and
accepts the others with accept_move. Pages carry the app's Content-Security-Policy, nonce and all.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, time
from pathlib import Path

from nicegui import app, ui
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import Response

from app import content_policy
from components.event_calendar import CalendarEventMove, EventCalendar

DAY = '2026-03-10'
REFUSED_START = time(9, 0)
RELOADED_START = time(13, 0)
FAILING_START = time(16, 0)
HOSTILE_TITLE = '<img src=x onerror="document.body.dataset.injected=1">'
RESOURCES = [{'id': 'ada', 'title': 'Dr. Ada Lovelace'}, {'id': 'bo', 'title': 'Dr. Bo Chen'}]
EVENTS = [
    {'id': 'anna', 'title': 'Anna Example', 'start': f'{DAY}T10:00:00', 'end': f'{DAY}T10:30:00', 'resourceId': 'ada'},
    {'id': 'hostile', 'title': HOSTILE_TITLE, 'start': f'{DAY}T11:00:00', 'end': f'{DAY}T11:30:00',
     'resourceId': 'bo'},
    # greyed hours: lunch for everyone, Dr. Chen leaves at 16:00
    {'start': f'{DAY}T12:00:00', 'end': f'{DAY}T13:00:00', 'display': 'background', 'resourceIds': ['ada', 'bo']},
    {'start': f'{DAY}T16:00:00', 'end': f'{DAY}T18:00:00', 'display': 'background', 'resourceId': 'bo'},
]
VIEW_BUTTONS = {'Day': 'resourceTimeGridDay', 'Week': 'timeGridWeek', 'Month': 'dayGridMonth', 'List': 'listWeek'}
OPTIONS = {
    'view': 'resourceTimeGridDay',
    'date': DAY,
    'headerToolbar': {'start': 'prev,next today', 'center': 'title', 'end': ''},
    'slotDuration': '00:30',
    'slotMinTime': '08:00',
    'slotMaxTime': '18:00',
    'slotHeight': 36,
    'allDaySlot': False,
    'nowIndicator': True,
    'editable': True,
    'selectable': True,
    'longPressDelay': 300,
    'eventLongPressDelay': 300,
    'resources': RESOURCES,
    'events': EVENTS,
}


class ContentPolicyMiddleware(BaseHTTPMiddleware):
    """The app's policy on every response, with a fresh nonce on the page's own scripts (as app.web does)."""

    async def dispatch(self, request: Request, call_next):  # type: ignore[override]
        response = await call_next(request)
        if not response.headers.get('content-type', '').startswith('text/html'):
            response.headers['Content-Security-Policy'] = content_policy.policy()
            return response
        nonce = content_policy.new_nonce()
        body = content_policy.with_nonce(b''.join([chunk async for chunk in response.body_iterator]), nonce)
        headers = {name: value for name, value in response.headers.items() if name != 'content-length'}
        headers['Content-Security-Policy'] = content_policy.policy(nonce)
        return Response(body, status_code=response.status_code, headers=headers)


def record(kind: str, **fields: object) -> None:
    """Append one line to the record file: what the server received, for the test to compare."""
    with Path(os.environ['EVENT_CALENDAR_HARNESS_RECORDS']).open('a', encoding='utf-8') as records:
        records.write(json.dumps({'kind': kind, **fields}, default=datetime.isoformat) + '\n')


def answer(calendar: EventCalendar, move: CalendarEventMove, *, kind: str) -> None:
    """Refuse a move to 09:00 (undo) or to 13:00 (re-send the saved day), fail at 16:00, accept any other."""
    accepted = move.start.time() not in {REFUSED_START, RELOADED_START, FAILING_START}
    record(kind, event_id=move.event_id, start=move.start, end=move.end, resource_id=move.resource_id,
           old_resource_id=move.old_resource_id, accepted=accepted)
    if move.start.time() == FAILING_START:
        raise RuntimeError('the harness fails on a move to 16:00, as a server whose database is down would')
    if accepted:
        calendar.accept_move(move.event_id)
    elif move.start.time() == REFUSED_START:
        calendar.undo_move(move.event_id)
    else:
        calendar.set_events(EVENTS)  # the very list the page was built with


@ui.page('/')
def index() -> None:
    with ui.row().classes('items-center gap-2'):
        ui.label('EventCalendar harness').classes('text-lg font-medium')
        for label, view in VIEW_BUTTONS.items():
            ui.button(label, on_click=lambda view=view: calendar.set_view(view, DAY)).props('flat dense no-caps')
    calendar = EventCalendar(options=OPTIONS)
    calendar.on_event_drop(lambda move: answer(calendar, move, kind='drop'))
    calendar.on_event_resize(lambda move: answer(calendar, move, kind='resize'))
    calendar.on_event_click(lambda click: record('event-click', event_id=click.event_id, start=click.start,
                                                 resource_ids=click.resource_ids))
    calendar.on_date_click(lambda click: record('date-click', date=click.date, resource_id=click.resource_id))
    calendar.on_select(lambda chosen: record('select', start=chosen.start, end=chosen.end,
                                             resource_id=chosen.resource_id))
    calendar.on_dates_set(lambda dates: record('dates', view=dates.view, start=dates.start, end=dates.end))


if __name__ in {'__main__', '__mp_main__'}:
    app.add_middleware(ContentPolicyMiddleware)
    ui.run(port=int(os.environ['EVENT_CALENDAR_HARNESS_PORT']), host='127.0.0.1', title='EventCalendar harness',
           reload=False, show=False, show_welcome_message=False, uvicorn_logging_level='warning')
