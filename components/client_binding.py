"""A page's events and uploads are accepted only from the browser session the page was built for.

NiceGUI identifies a page by its client id, which sits in the page's HTML: out of the box any
socket that names it may send that page's events (the message carries the id, the socket is not
asked), and its upload route takes any request that knows the address. The outside test replayed
a doctor's "Add diagnosis" from a receptionist's socket and from an anonymous `/book` one, and it
ran as the doctor. So:

- the guard records, when it builds a page, a digest of the session cookie it was built for
  (`bind`); the digest stays in the server's memory, with the page;
- a socket may join a page (its handshake) only when its own cookie has that digest;
- every message a socket sends (events, JavaScript answers, acks, log lines) must name a page
  that socket joined;
- an upload must carry the page's session cookie;
- socket.io answers only the app's own origin (its default `'*'` answered any site).

Each refusal is a `permission-denied` event in the audit trail (once per socket), in the name of
the session that tried, if any.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from http.cookies import CookieError, SimpleCookie
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from nicegui import Client, app, core
from starlette.types import Receive, Scope, Send

from app.audit import Action, EntityType, Origin, Outcome, audit
from app.audit.events import origin_context
from app.auth import sessions
from app.plain_middleware import HttpMiddleware

log = logging.getLogger(__name__)

_BINDING = 'session_binding'
_UPLOAD_PATH = re.compile(r'^/_nicegui/client/(?P<client_id>[^/]+)/upload/')
_GUARDED_MESSAGES = ('event', 'javascript_response', 'ack', 'log')
_refused_sockets: set[str] = set()  # audited once each; cleared when the socket goes


def digest(token: str | None) -> str:
    return hashlib.sha256((token or '').encode()).hexdigest()


def bind(request: Request) -> None:
    """Remember which session cookie the page being built belongs to (called by the page guard)."""
    app.storage.client[_BINDING] = digest(request.cookies.get(sessions.COOKIE_NAME))


def belongs(client: Client, token: str | None) -> bool:
    """Tell whether a cookie's session is the one the page was built for (pages the guard never built: yes)."""
    expected = client.storage.get(_BINDING) if hasattr(client, 'storage') else None
    return expected is None or hmac.compare_digest(expected, digest(token))


def install() -> None:
    """Wrap NiceGUI's socket handlers and its upload route, once per process (again after a test reset)."""
    sio = core.sio
    sio.eio.cors_allowed_origins = None  # python-engineio's same-origin check (scheme and host of the request)
    handlers = sio.handlers.setdefault('/', {})
    if getattr(handlers.get('handshake'), 'prospine_bound', False):
        return
    original_connect, original_handshake = handlers['connect'], handlers['handshake']
    original_disconnect = handlers['disconnect']

    async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> Any:
        query = dict(part.split('=', 1) for part in environ.get('QUERY_STRING', '').split('&') if '=' in part)
        if query.get('implicit_handshake') == 'true' and not await _admits(sid, query.get('client_id', ''), environ):
            from socketio.exceptions import ConnectionRefusedError

            raise ConnectionRefusedError('This page belongs to another session.')
        return await original_connect(sid, environ, auth)

    async def handshake(sid: str, data: dict[str, Any]) -> bool:
        if not await _admits(sid, str(data.get('client_id', '')), sio.get_environ(sid) or {}):
            return False
        return await original_handshake(sid, data)

    def disconnect(sid: str, *_: Any) -> Any:
        _refused_sockets.discard(sid)
        return original_disconnect(sid)

    handshake.prospine_bound = True  # type: ignore[attr-defined]
    handlers.update(connect=connect, handshake=handshake, disconnect=disconnect)
    for name in _GUARDED_MESSAGES:
        handlers[name] = _joined_only(name, handlers[name])


def _joined_only(name: str, handler: Any) -> Any:
    async def guarded(sid: str, message: Any, *args: Any) -> Any:
        client_id = message.get('client_id') if isinstance(message, dict) else None
        if sid.startswith('test-') or client_id in core.sio.rooms(sid):  # the handshake put it in its page's room
            return handler(sid, message, *args)
        await _refuse(sid, str(client_id)[:64], core.sio.get_environ(sid) or {},
                      detail=f'{name} for a page this connection did not open')
        return None

    return guarded


async def _admits(sid: str, client_id: str, environ: dict[str, Any]) -> bool:
    client = Client.instances.get(client_id)
    if client is None or sid.startswith('test-') or belongs(client, _cookie(environ.get('HTTP_COOKIE', ''))):
        return True
    await _refuse(sid, client_id[:64], environ, detail='connection from another session to a page')
    return False


async def _refuse(sid: str, client_id: str, environ: dict[str, Any], *, detail: str) -> None:
    if sid in _refused_sockets:
        return
    _refused_sockets.add(sid)
    scope = environ.get('asgi.scope') or {}
    client = scope.get('client') or ('', 0)
    origin = Origin(client_ip=str(client[0]), user_agent=str(environ.get('HTTP_USER_AGENT', ''))[:300])
    await _record_refusal(_cookie(environ.get('HTTP_COOKIE', '')), origin, client_id=client_id, detail=detail)


async def _record_refusal(token: str | None, origin: Origin, *, client_id: str, detail: str) -> None:
    with origin_context(origin):
        resolved = await sessions.resolve_token(token, touch=False)
        log.warning('refused: %s (client %s, from %s)', detail, client_id, origin.client_ip)
        await audit.record(resolved.actor, action=Action.PERMISSION_DENIED, outcome=Outcome.DENIED,
                           entity_type=EntityType.PAGE_CLIENT, entity_id=client_id, detail=detail)


def _cookie(header: str) -> str | None:
    try:
        morsel = SimpleCookie(header).get(sessions.COOKIE_NAME)
    except CookieError:
        return None
    return morsel.value if morsel is not None else None


class UploadBindingMiddleware(HttpMiddleware):
    """An upload to a page's upload route must carry the session cookie that page was built for (plain ASGI, as
    the app's other middlewares: `app.plain_middleware` says why)."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        match = _UPLOAD_PATH.match(scope['path'])
        if match and scope['method'] == 'POST':
            request = Request(scope)
            client = Client.instances.get(match['client_id'])
            token = request.cookies.get(sessions.COOKIE_NAME)
            if client is not None and not belongs(client, token):
                client_host = request.client.host if request.client else ''
                origin = Origin(client_ip=client_host, user_agent=request.headers.get('user-agent', '')[:300])
                await _record_refusal(token, origin, client_id=match['client_id'][:64],
                                      detail='upload from another session to a page')
                response = JSONResponse({'detail': 'This page belongs to another session.'}, status_code=403)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
