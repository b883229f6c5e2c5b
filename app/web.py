"""Wiring of the web process: security headers, session routes, error pages, start-up and pages.

Called once per process by `app.main` (and again for each test by NiceGUI's user fixture,
which resets NiceGUI between tests).
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from nicegui import app
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Message, Receive, Scope, Send

from app import content_policy, page_response, plain_middleware
from app.audit import audit, request_origin
from app.auth import handoff, sessions, throttle
from app.auth.admission import setup_state
from app.auth.navigation import safe_next
from app.backups.schedule import start_daily_backups, stop_daily_backups
from app.config import Settings, get_settings
from app.db import close_database, open_database
from app.documents.billing_pdf import prepare_fonts
from app.events import hub
from app.logs import configure_logging
from app.plain_middleware import HttpMiddleware
from components import client_binding, element_memory, left_pages, live, signature_cache
from components.client_binding import UploadBindingMiddleware
from components.design import place_notifications

log = logging.getLogger('prospine')
STATIC_DIR = Path(__file__).resolve().parent / 'static'

SECURITY_HEADERS = {
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': 'geolocation=(), microphone=()',
}
HSTS = 'max-age=31536000'  # sent only when PROSPINE_HTTPS says the clinic reaches the app over HTTPS


STARTING_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>ProSpine is starting</title></head>
<body style="font-family: sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem">
<h1 style="font-size: 1.4rem">ProSpine is starting</h1>
<p>The clinic's data is being opened. This page reloads by itself in a moment.</p>
</body></html>"""

FAILED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="30">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>ProSpine could not start</title></head>
<body style="font-family: sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem">
<h1 style="font-size: 1.4rem">ProSpine could not open the clinic's data</h1>
<p>Please tell the administrator: the reason is in the app's log (<code>logs/prospine.log</code> in
the data directory). Nothing can be saved until the app is restarted with its data in order.</p>
</body></html>"""


class Readiness:
    """Whether the database is open. NiceGUI runs its start-up handlers as background tasks and
    serves requests meanwhile, so a desk that opens a page in those seconds would otherwise meet
    an error. A request waits up to `patience` seconds for the database (usually well under one);
    a longer start (a migration after an upgrade) answers with a page that reloads itself."""

    ready = False
    failed = False
    patience = 5.0

    async def wait(self) -> bool:
        waited = 0.0
        while not self.ready and not self.failed and waited < self.patience:
            await asyncio.sleep(0.05)
            waited += 0.05
        return self.ready


readiness = Readiness()


class StartingMiddleware(HttpMiddleware):
    """Until the database is open, pages wait for it, then answer 503 with a page that reloads itself.

    The app's middlewares are plain ASGI (`app.plain_middleware` says why).
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['path'].startswith(('/_nicegui/', '/static/')) or await readiness.wait():
            await self.app(scope, receive, send)
            return
        page = FAILED_PAGE if readiness.failed else STARTING_PAGE
        response = HTMLResponse(page, status_code=503, headers={'Retry-After': '2', 'Cache-Control': 'no-store'})
        await response(scope, receive, send)


class SecurityHeadersMiddleware(HttpMiddleware):
    """Add the security headers and the Content-Security-Policy to every response, pages and files alike.

    An HTML page gets a fresh nonce in its policy and on each of its own `<script>` tags
    (`app.content_policy`); a response that set its own policy (the framed file preview) keeps it.
    An HTML page's start is held until its body's last part, to add the nonces and their length.
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope['path']
        held: list[Message] = []  # an HTML page's start, then its body parts until the last

        async def send_secured(message: Message) -> None:
            if message['type'] == 'http.response.start':
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if get_settings().https:
                    headers.setdefault('Strict-Transport-Security', HSTS)
                if path.startswith(('/auth/', '/logout')) or 'x-nicegui-content' in headers:
                    headers['Cache-Control'] = 'no-store'
                if 'content-security-policy' in headers:
                    await send(message)
                elif not headers.get('content-type', '').startswith('text/html'):
                    headers['Content-Security-Policy'] = content_policy.policy()
                    await send(message)
                else:
                    held.append(message)
                return
            if not held or message['type'] != 'http.response.body':
                await send(message)
                return
            held.append(message)
            if message.get('more_body', False):
                return
            start, *parts = held
            held.clear()
            nonce = content_policy.new_nonce()
            body = content_policy.with_nonce(b''.join(part.get('body', b'') for part in parts), nonce)
            headers = MutableHeaders(scope=start)  # every Set-Cookie kept
            headers['Content-Length'] = str(len(body))
            headers['Content-Security-Policy'] = content_policy.policy(nonce)
            await send(start)
            await send({'type': 'http.response.body', 'body': body, 'more_body': False})

        await self.app(scope, receive, send_secured)


def mount(settings: Settings) -> None:
    """Register everything the process serves."""
    configure_logging(settings.log_dir)
    app.add_middleware(UploadBindingMiddleware)
    app.add_middleware(StartingMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)  # added last, so outermost: the starting page gets them too
    plain_middleware.install(app)  # NiceGUI's middlewares as plain ASGI
    page_response.install()  # the page's first HTML with less work per load
    app.add_static_files('/static', STATIC_DIR)
    _add_session_routes()
    _add_error_handlers()
    app.on_startup(_startup(settings))
    app.on_shutdown(_stop_serving)
    app.on_shutdown(stop_daily_backups)
    app.on_shutdown(hub.disconnect)
    app.on_shutdown(audit.shutdown)  # queued read events are written before the database closes
    app.on_shutdown(close_database)

    place_notifications()
    signature_cache.install()
    element_memory.install()
    left_pages.install()
    client_binding.install()
    live.install()
    import pages  # registers every screen

    pages.patient_files.add_file_routes()
    pages.billing_files.add_billing_file_routes()
    pages.expense_files.add_expense_file_routes()
    pages.report_files.add_report_file_routes()


def _startup(settings: Settings):  # type: ignore[no-untyped-def]
    async def open_everything() -> None:
        readiness.ready = readiness.failed = False
        setup_state.done = False
        throttle.unknown_names.clear()
        try:
            await open_database(settings)
        except Exception:
            readiness.failed = True
            log.exception('ProSpine could not open its database; pages say so until it is fixed and restarted')
            raise
        start_daily_backups(settings)
        if settings.redis_url:  # unreachable: logged, retried in the background, and the app serves meanwhile
            await hub.connect(settings.redis_url, channel=settings.redis_channel)
        readiness.ready = True
        log.info('ProSpine started; data directory %s', settings.data_dir)
        # the bills' font is made once per process (about a second in a worker thread), not at the first bill
        _background.add(asyncio.create_task(asyncio.to_thread(prepare_fonts), name='prepare-fonts'))

    return open_everything


_background: set[asyncio.Task[object]] = set()  # held, so the tasks are not collected before they end


def _stop_serving() -> None:
    readiness.ready = False


def _add_session_routes() -> None:
    @app.get('/auth/complete', include_in_schema=False)
    async def complete_sign_in(request: Request, ticket: str = '', next: str = '/') -> Response:
        token = handoff.claim(ticket=ticket, browser_id=str(request.session.get('id', '')))
        if token is None:
            return RedirectResponse('/login?reason=retry', status_code=303)
        response = RedirectResponse(safe_next(next), status_code=303)
        response.set_cookie(
            sessions.COOKIE_NAME, token, httponly=True, samesite='strict', path='/',
            secure=get_settings().https or request.url.scheme == 'https',
        )
        return response

    @app.get('/logout', include_in_schema=False)
    async def logout(request: Request) -> Response:
        with request_origin(request):
            resolved = await sessions.resolve_token(request.cookies.get(sessions.COOKIE_NAME), touch=False)
            if resolved.actor is not None and resolved.actor.session_id is not None:
                await sessions.revoke(session_id=resolved.actor.session_id, reason=sessions.REASON_LOGOUT)
        response = RedirectResponse('/login?reason=logout', status_code=303)
        response.delete_cookie(sessions.COOKIE_NAME, path='/')
        return response


def _add_error_handlers() -> None:
    from components.errors import error_page_response

    @app.exception_handler(404)
    async def not_found(request: Request, exception: Exception) -> Response:
        return error_page_response(request, 404)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exception: StarletteHTTPException) -> Response:
        return error_page_response(request, exception.status_code)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exception: Exception) -> Response:
        log.exception('unhandled error on %s', request.url.path, exc_info=exception)
        return error_page_response(request, 500)

    def page_failed(exception: Exception) -> None:
        from components.errors import error_content

        error_content(500)

    app.on_page_exception(page_failed)
