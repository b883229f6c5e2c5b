"""Event handlers of a page: re-check the session and permission, and name the request's origin.

A page check alone is not enough, because a websocket event can arrive long after the page was
built: `guarded_action(permission)` re-checks both before the handler runs. Every handler also
names where the page was opened from (`origin_context`), which is all the audit logger reads.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from nicegui import app, ui

from app.audit import Action, EntityType, Origin, Outcome, audit
from app.audit.events import origin_context, origin_of_request
from app.auth import sessions
from app.auth.actor import Actor
from app.auth.navigation import login_url
from app.auth.permissions import Permission
from app.errors import PermissionDenied, SessionEnded


async def current_actor(permission: Permission = Permission.SIGNED_IN) -> Actor:
    """Re-check, inside an event handler, that the page's session is alive and holds a permission."""
    resolved = await sessions.resolve_id(app.storage.client.get('session_id'))
    if resolved.actor is None:
        raise SessionEnded(resolved.ended_reason or 'signed-out')
    if not resolved.actor.can(permission):
        page = ui.context.client.page.path if ui.context.client.page else ''
        await audit.record(resolved.actor, action=Action.PERMISSION_DENIED, outcome=Outcome.DENIED,
                           entity_type=EntityType.PAGE, entity_id=page, detail=f'action needs {permission}')
        raise PermissionDenied()
    return resolved.actor


def guarded_action(permission: Permission) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wrap an event handler: re-check session and permission, then call it with the actor first.

    A revoked session sends the tab to the sign-in page; a missing permission shows a message.
    """

    def decorator(handler: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(handler)
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            with origin_context(client_origin()):
                try:
                    actor = await current_actor(permission)
                except SessionEnded as ended:
                    send_to_login(ended.reason)
                    return None
                except PermissionDenied as denied:
                    ui.notify(denied.message, type='negative')
                    return None
                result = handler(actor, *args, **kwargs)
                return await result if inspect.isawaitable(result) else result

        # NiceGUI passes event arguments only to handlers that take them: hide the actor parameter.
        parameters = list(inspect.signature(handler).parameters.values())[1:]
        wrapper.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        return wrapper

    return decorator


def client_action(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap an event handler of a page anyone may open (sign-in, setup, /book): it names its origin only.

    Handlers that need a signed-in person use `guarded_action`, which also names the origin.
    """

    @functools.wraps(handler)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        with origin_context(client_origin()):
            result = handler(*args, **kwargs)
            return await result if inspect.isawaitable(result) else result

    return wrapper


def client_origin() -> Origin:
    """Where the page being handled was opened from: its request's address and device."""
    try:
        return origin_of_request(ui.context.client.request)
    except RuntimeError:  # no page in this task (a timer of a deleted element), or a page built without a request
        return Origin()


def send_to_login(reason: str | None) -> None:
    """Leave the current page for the sign-in page, coming back here afterwards."""
    path = ui.context.client.page.path if ui.context.client.page else '/'
    ui.navigate.to(login_url(next_path=path if '{' not in path else '/', reason=reason))
