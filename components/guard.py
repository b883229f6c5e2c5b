"""The page guard, on the UI side: every page declares its permission where it is defined.

`@guarded_page(path, permission=..., title=...)` registers the page in `PAGES` (which the role
matrix test walks) and asks `app.auth.admission.admit` what each request gets: the page, a
redirect, or the 403 page for signed-in users without the permission. Handlers that change data
call `current_actor(permission)` again: the page check alone is not enough, because a websocket
event can arrive long after the page was built.

The page build names the request's origin (address and device) for the audit trail through
`app.audit.events.origin_context`, as every handler in `components/actions.py` does: the audit
logger reads only that context variable and never looks into NiceGUI. The handler wrappers are
re-exported here so a page imports its guard from one place.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import Callable
from typing import Any

from fastapi import Request
from nicegui import Client, app, ui

from app.audit import Action, EntityType, Outcome, audit
from app.audit.events import origin_context, origin_of_request
from app.auth.actor import Actor, AnonymousActor
from app.auth.admission import PAGES, TWO_FACTOR_PATH, PageSpec, admit, setup_state
from app.auth.permissions import Permission
from components import client_binding, waiting_pages
from components.actions import client_action, client_origin, current_actor, guarded_action, send_to_login
from components.errors import busy_response, forbidden_content

__all__ = ['PAGES', 'TWO_FACTOR_PATH', 'client_action', 'client_origin', 'current_actor', 'guarded_action',
           'guarded_page', 'send_to_login', 'setup_state']

# How long a page may take to build before NiceGUI gives up with its error page (its default is 3 s).
# Under load on a 2-core machine a page waits its turn behind others: the load bench saw 20 staff
# in a closed loop get 44 error pages at 3 s. A slow page is better than an error page.
PAGE_BUILD_SECONDS = 20.0
# Past this, the page stops building and the browser gets `busy_response`: a short page that asks
# again by itself, before NiceGUI's own error page at PAGE_BUILD_SECONDS could ever be reached.
BUSY_AFTER_SECONDS = 15.0


def guarded_page(path: str, *, permission: Permission, title: str, nav_label: str | None = None,
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
            with origin_context(origin_of_request(request)):
                try:
                    async with asyncio.timeout(BUSY_AFTER_SECONDS):  # in this task: NiceGUI's slots are per task
                        return await _build(request, kwargs)
                except TimeoutError:
                    client = ui.context.client
                    asyncio.get_running_loop().call_later(1, _forget, client)  # it never connects
                    return busy_response()

        async def _build(request: Request, kwargs: dict[str, Any]) -> Any:
            decision = await admit(request, spec)
            if not isinstance(decision, Actor | AnonymousActor):
                return decision
            if decision.is_authenticated and not decision.can(spec.permission):
                ui.context.client.status_code = 403
                await audit.record(decision, action=Action.PERMISSION_DENIED, outcome=Outcome.DENIED,
                                   entity_type=EntityType.PAGE, entity_id=spec.path, detail=f'needs {spec.permission}')
                await forbidden_content(decision)
                return None
            if not decision.is_authenticated and request.client is not None:
                waiting_pages.wait_in_line(ui.context.client, request.client.host)
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
        ui.page(path, title=f'{title} · ProSpine', response_timeout=PAGE_BUILD_SECONDS)(guarded)
        return func

    return decorator


def _forget(client: Client) -> None:
    if client.id in Client.instances:
        client.delete()
