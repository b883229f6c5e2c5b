"""Requests and sockets that leave nothing for Python's cyclic collector: NiceGUI's three HTTP middlewares as
plain ASGI, and a websocket whose close does not keep the connection alive in a reference cycle.

Starlette's `BaseHTTPMiddleware`, which NiceGUI's `RedirectWithPrefixMiddleware`, `SetCacheControlMiddleware`
and `RequestTrackingMiddleware` use (and the app's own used), runs each request's inner app in a task group
with memory streams between the layers, and leaves reference cycles behind: closures, cells, anyio events,
streams and the cached request, per layer and per request. Plain ASGI layers leave nothing for the cyclic
collector; they do what NiceGUI's do, header for header.

Every websocket (one per page load) ended in a cycle too: engine.io's reader raises `OSError` when the
browser goes, the waiting task keeps the error, and the error's traceback holds the reader's frame, which
holds the task, so the whole connection (protocol, buffers, session, handlers) waited for a full collection.
`ClosingWebSocket` clears that error's traceback once the connection's handler has returned.

Measured with the load bench on the large demo (20 staff, 2 cores, 30 s): the clocked full collections
(`app.collector`) freed 110,000-230,000 objects every 10 s, the middlewares' and the sockets' cycles the
most of them, and paused the event loop for up to 0.37 s; with these changes (and `components.session_watch`)
they free 80,000-125,000, the longest pause was 0.23 s, and all collections together took 10 % of the
time instead of 13 %. What is left: uvicorn's websocket protocol and its transport still end in a cycle.

`install` wraps the app's `build_middleware_stack` (Starlette builds the stack at the first request, after
`ui.run` has added NiceGUI's), so nothing of NiceGUI is edited and a class it no longer adds is left alone.
"""

from __future__ import annotations

import uuid
from typing import Any

from engineio.async_drivers.asgi import WebSocket
from nicegui import core
from nicegui.middlewares import RedirectWithPrefixMiddleware, SetCacheControlMiddleware
from nicegui.storage import RequestTrackingMiddleware, request_contextvar
from nicegui.version import __version__
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_NICEGUI_FILES = f'/_nicegui/{__version__}/'
_DYNAMIC_FILES = f'/_nicegui/{__version__}/dynamic_resources/'


class HttpMiddleware:
    """A plain ASGI middleware for HTTP requests: `handle` gets each request; websockets and lifespan pass by."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['type'] == 'http':
            await self.handle(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class PrefixedRedirects(HttpMiddleware):
    """NiceGUI's `RedirectWithPrefixMiddleware`: a redirect to a local path keeps the proxy's `X-Forwarded-Prefix`."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        prefix = Headers(scope=scope).get('x-forwarded-prefix', '')

        async def send_prefixed(message: Message) -> None:
            if message['type'] == 'http.response.start':
                headers = MutableHeaders(scope=message)
                location = headers.get('location')
                if location is not None and location.startswith('/'):
                    headers['Location'] = prefix + location
            await send(message)

        await self.app(scope, receive, send_prefixed)


class NiceGuiFileCaching(HttpMiddleware):
    """NiceGUI's `SetCacheControlMiddleware`: its versioned files (not the dynamic ones) get its cache directives."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope['path']
        if not path.startswith(_NICEGUI_FILES) or path.startswith(_DYNAMIC_FILES):
            await self.app(scope, receive, send)
            return

        async def send_cached(message: Message) -> None:
            if message['type'] == 'http.response.start':
                MutableHeaders(scope=message)['Cache-Control'] = core.app.config.cache_control_directives
            await send(message)

        await self.app(scope, receive, send_cached)


class RequestTracking(HttpMiddleware):
    """NiceGUI's `RequestTrackingMiddleware`: the request for `app.storage`, the browser's storage id, and the count
    of requests under way per browser (its storage is not pruned meanwhile)."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        request_contextvar.set(request)
        if 'id' not in request.session:
            request.session['id'] = str(uuid.uuid4())
        request.state.responded = False
        session_id = request.session['id']
        active = core.app.storage._active_request_sessions  # as NiceGUI's own middleware keeps it
        active[session_id] += 1
        try:
            if session_id not in core.app.storage._users:
                await core.app.storage._create_user_storage(session_id)

            async def send_tracked(message: Message) -> None:
                if message['type'] == 'http.response.start':
                    request.state.responded = True
                await send(message)

            await self.app(scope, receive, send_tracked)
        finally:
            active[session_id] -= 1
            if active[session_id] <= 0:
                del active[session_id]


PLAIN: dict[Any, type] = {
    RedirectWithPrefixMiddleware: PrefixedRedirects,
    SetCacheControlMiddleware: NiceGuiFileCaching,
    RequestTrackingMiddleware: RequestTracking,
}


class ClosingWebSocket(WebSocket):
    """engine.io's ASGI websocket, with the error that tells its reader the browser went freed with the connection."""

    closed_by: OSError | None = None

    async def wait(self) -> Any:
        try:
            return await super().wait()
        except OSError as gone:
            self.closed_by = gone
            raise

    async def __call__(self, environ: dict[str, Any]) -> str:
        try:
            return await super().__call__(environ)
        finally:
            if self.closed_by is not None:
                self.closed_by.__traceback__ = None  # the cycle: the reader's frame, its task, this error, its frames
                self.closed_by = None


def use_closing_websockets(engine: Any) -> None:
    """Have an engine.io server open its websockets as `ClosingWebSocket` (a copy of its driver table, its own)."""
    if engine._async.get('websocket') is WebSocket:  # the table engine.io reads for each socket
        engine._async = {**engine._async, 'websocket': ClosingWebSocket}


def install(asgi_app: Any) -> None:
    """Swap NiceGUI's middlewares for the plain ones whenever `asgi_app` builds its stack, and its socket server's
    websocket for `ClosingWebSocket` (once per process, again after a test's reset)."""
    use_closing_websockets(core.sio.eio)
    if getattr(asgi_app.build_middleware_stack, 'prospine_plain', False):
        return
    original = asgi_app.build_middleware_stack

    def build_middleware_stack() -> ASGIApp:
        asgi_app.user_middleware = [Middleware(PLAIN.get(middleware.cls, middleware.cls), *middleware.args,
                                               **middleware.kwargs) for middleware in asgi_app.user_middleware]
        return original()

    build_middleware_stack.prospine_plain = True  # type: ignore[attr-defined]
    asgi_app.build_middleware_stack = build_middleware_stack
