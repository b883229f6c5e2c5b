"""The page guard: every page declares its permission where it is defined.

`@guarded_page(path, permission=..., title=...)` registers the page in `PAGES` (which the role
matrix test walks) and, on every request, sends visitors to first-run setup while no user
exists, anonymous visitors to `/login?next=...`, users with a pending password change or
two-factor enrolment to that page, and signed-in users without the permission to a 403 page.
Handlers that change data call `current_actor(permission)` again: the page check alone is not
enough, because a websocket event can arrive long after the page was built.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app, ui

from app.audit import Action, Outcome, audit
from app.auth import sessions
from app.auth.actor import ANONYMOUS, Actor, AnonymousActor
from app.auth.navigation import login_url
from app.auth.permissions import PUBLIC, SIGNED_IN
from app.errors import PermissionDenied, SessionEnded
from components import client_binding
from models.accounts import User

SETUP_PATH = '/setup'
PASSWORD_PATH = '/account/password'
TWO_FACTOR_PATH = '/account/two-factor'


@dataclass(frozen=True, kw_only=True)
class PageSpec:
    """What the guard and the navigation drawer know about a page."""

    path: str
    permission: str
    title: str
    nav_label: str | None = None
    nav_icon: str = 'chevron_right'
    nav_order: int = 100
    example_path: str | None = None  # a concrete address for pages with path parameters


PAGES: dict[str, PageSpec] = {}


class _SetupState:
    """Caches "a user exists" once it is true (reset when the database is opened)."""

    done = False

    async def is_done(self) -> bool:
        if not self.done:
            self.done = await User.exists()
        return self.done


setup_state = _SetupState()


def guarded_page(path: str, *, permission: str, title: str, nav_label: str | None = None,
                 nav_icon: str = 'chevron_right', nav_order: int = 100,
                 example_path: str | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a NiceGUI page behind the guard. The page function may take `actor`."""
    spec = PageSpec(path=path, permission=permission, title=title, nav_label=nav_label, nav_icon=nav_icon,
                    nav_order=nav_order, example_path=example_path)

    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        PAGES[path] = spec
        signature = inspect.signature(func)
        wants_actor = 'actor' in signature.parameters
        wants_request = 'request' in signature.parameters

        @functools.wraps(func)
        async def guarded(request: Request, **kwargs: Any) -> Any:
            decision = await admit(request, spec)
            if not isinstance(decision, Actor | AnonymousActor):
                return decision
            if decision.is_authenticated and not decision.can(spec.permission):
                from components.errors import forbidden_content  # the 403 page wears the frame

                ui.context.client.status_code = 403
                await audit.record(decision, action=Action.PERMISSION_DENIED, outcome=Outcome.DENIED,
                                   entity_type='page', entity_id=spec.path, detail=f'needs {spec.permission}')
                await forbidden_content(decision)
                return None
            app.storage.client['session_id'] = getattr(decision, 'session_id', None)
            client_binding.bind(request)  # its events and uploads are taken only from this session's browser
            if wants_actor:
                kwargs['actor'] = decision
            if wants_request:
                kwargs['request'] = request
            result = func(**kwargs)
            return await result if inspect.isawaitable(result) else result

        parameters = [p for p in signature.parameters.values() if p.name not in {'actor', 'request'}]
        parameters.insert(0, inspect.Parameter('request', inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                               annotation=Request))
        guarded.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        ui.page(path, title=f'{title} · ProSpine')(guarded)
        return func

    return decorator


async def admit(request: Request, spec: PageSpec) -> Actor | AnonymousActor | RedirectResponse:
    """Decide what a request for a page gets: the actor to render for, or a redirect."""
    if not await setup_state.is_done():
        return ANONYMOUS if spec.path == SETUP_PATH else RedirectResponse(SETUP_PATH, status_code=303)
    if spec.path == SETUP_PATH:
        return RedirectResponse('/login', status_code=303)
    resolved = await sessions.resolve_token(request.cookies.get(sessions.COOKIE_NAME))
    actor = resolved.actor
    if spec.permission == PUBLIC:
        return actor or ANONYMOUS
    if actor is None:
        target = request.url.path + (f'?{request.url.query}' if request.url.query else '')
        return RedirectResponse(login_url(next_path=target, reason=resolved.ended_reason), status_code=303)
    if actor.must_change_password and spec.path != PASSWORD_PATH:
        return RedirectResponse(PASSWORD_PATH, status_code=303)
    if actor.needs_two_factor_setup and not actor.must_change_password and spec.path != TWO_FACTOR_PATH:
        return RedirectResponse(TWO_FACTOR_PATH, status_code=303)
    return actor


async def current_actor(permission: str = SIGNED_IN) -> Actor:
    """Re-check, inside an event handler, that the page's session is alive and holds a permission."""
    resolved = await sessions.resolve_id(app.storage.client.get('session_id'))
    if resolved.actor is None:
        raise SessionEnded(resolved.ended_reason or 'signed-out')
    if not resolved.actor.can(permission):
        page = ui.context.client.page.path if ui.context.client.page else ''
        await audit.record(resolved.actor, action=Action.PERMISSION_DENIED, outcome=Outcome.DENIED,
                           entity_type='page', entity_id=page, detail=f'action needs {permission}')
        raise PermissionDenied()
    return resolved.actor


def guarded_action(permission: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wrap an event handler: re-check session and permission, then call it with the actor first.

    A revoked session sends the tab to the sign-in page; a missing permission shows a message.
    """

    def decorator(handler: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(handler)
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
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


def send_to_login(reason: str | None) -> None:
    """Leave the current page for the sign-in page, coming back here afterwards."""
    path = ui.context.client.page.path if ui.context.client.page else '/'
    ui.navigate.to(login_url(next_path=path if '{' not in path else '/', reason=reason))
