"""Friendly error pages (403, 404, 500): a sentence and a way back, never a stack trace."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from nicegui import Client, ui
from nicegui.page import page

from app.auth.actor import Actor
from components.design import apply_theme
from components.frame import frame

_MESSAGES = {
    403: ('You do not have access to this page.',
          'Your role does not include this part of the dashboard. Ask an administrator if you need it.'),
    404: ('This page does not exist.', 'The address may be mistyped, or the page has moved.'),
    500: ('Something went wrong on our side.',
          'Nothing you did caused this. Please try again; if it keeps happening, tell the administrator.'),
}


def error_content(status: int) -> None:
    """Draw the body of an error page."""
    apply_theme()
    heading, explanation = _MESSAGES.get(status, ('Something went wrong.', 'Please try again.'))
    with ui.column().classes('prospine-narrow items-center q-mt-xl gap-3 text-center'):
        ui.icon('sentiment_dissatisfied', size='64px').classes('text-grey-6')
        ui.label(str(status)).classes('text-h3 text-grey-7')
        ui.label(heading).classes('text-h6').mark('error-heading')
        ui.label(explanation).classes('text-body1 text-grey-8')
        ui.button('Go to the home page', icon='home', on_click=lambda: ui.navigate.to('/'))


async def forbidden_content(actor: Actor) -> None:
    """The 403 page, inside the frame so the user can go elsewhere."""
    with frame(actor, 'Access denied'):
        heading, explanation = _MESSAGES[403]
        ui.label(heading).classes('text-h6').mark('error-heading')
        ui.label(explanation)


BUSY_RETRY_SECONDS = 3
# Plain HTML, not a NiceGUI page: it is sent when the server is too busy to build one. The browser asks again by
# itself (a meta refresh: no script, so the Content-Security-Policy allows it).
BUSY_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{BUSY_RETRY_SECONDS}"><title>Busy, trying again · ProSpine</title></head>
<body><main><h1>Busy, trying again</h1>
<p>The clinic's computer is busy with other desks. This page will try again by itself in a few seconds.</p>
<p><a href="">Try again now</a></p></main></body></html>
"""


def busy_response() -> Response:
    """The short page a request gets when the page could not be built in time: it retries by itself."""
    return HTMLResponse(BUSY_PAGE, status_code=503, headers={'Retry-After': str(BUSY_RETRY_SECONDS),
                                                             'Cache-Control': 'no-store'})


def error_page_response(request: Request, status: int) -> Response:
    """Render an error page outside any page function (unknown address, failed request)."""
    with Client(page(''), request=request) as client:
        error_content(status)
    return client.build_response(request, status)
