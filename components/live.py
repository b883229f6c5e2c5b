"""Live updates on open pages: a part of a page refreshes when another screen (or process) changes what it shows.

`on_change(kinds, refresh, permission=...)`, called while a page is built, subscribes that page
(its NiceGUI client) to the domain events of `app.events`; NiceGUI drops the subscription when
the client is deleted (the tab closed or navigated away). A burst of events waits
`DEBOUNCE_SECONDS` and refreshes once. Before refreshing, the session and the permission are
checked again, as an event handler does, without counting as the person's activity: a screen
left open does not keep its session alive, and an ended session goes to the sign-in page.

A page without its websocket is not redrawn: NiceGUI keeps a tab it left for `reconnect_timeout`
(10 s) in case it comes back, and under a busy desk's round those left tabs outnumbered the open
ones, each redrawn after every booking of the branch (the load bench's profile: over a third of
the server's time went to live redraws). A change it missed is redrawn when its socket connects
(a page built before its socket first connects, a tab that reconnects).
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable, Iterable

from nicegui import Client, Event, app, background_tasks, ui

from app.audit.events import EntityType, origin_context
from app.auth import sessions
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import DomainError
from app.events import DomainEvent, hub
from components.actions import client_origin, send_to_login

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.3

Refresh = Callable[[Actor], Awaitable[None]]

_changed: Event[DomainEvent] = Event()
_unsubscribe: Callable[[], None] | None = None


def install() -> None:
    """Pass the hub's events on to the pages of this app.

    Once per process in production; NiceGUI's test fixture mounts the app anew for each test, and
    each mount starts with a fresh `Event`, so no page of an earlier test hears anything.
    """
    global _changed, _unsubscribe
    if _unsubscribe is not None:
        _unsubscribe()
    _changed = Event()
    _unsubscribe = hub.subscribe(_changed.emit)


def on_change(kinds: Iterable[EntityType], refresh: Refresh, *, permission: Permission,
              patient_uid: str | None = None, branch_id: int | None = None) -> None:
    """Call `refresh(actor)` in this page when a record of one of `kinds` (of this patient, at this branch) changes.

    `branch_id` leaves out changes made by staff of another branch (a branch's lists: its invoices,
    its dues, its day), so a payment at one branch does not redraw every list at the others.

    Call it once per page build, beside the element the refresh redraws and outside any
    refreshable. `refresh` is the function the page already calls after its own saves; it should
    redraw lists and tables, never an open dialog someone is typing into.
    """
    wanted = frozenset(str(kind) for kind in kinds)
    # Weakly: the client keeps `connected` among its handlers, and a closure holding the client itself would make
    # every page a reference cycle, left for the full garbage collection (under the load bench, one per page load).
    client_ref = weakref.ref(ui.context.client)
    slot = ui.context.slot
    state = {'pending': False, 'stale': False}
    lock = asyncio.Lock()

    def heard(event: DomainEvent) -> None:
        if event.kind not in wanted or (patient_uid is not None and event.patient_uid != patient_uid):
            return
        if branch_id is not None and event.branch_id not in (None, branch_id):
            return
        client = client_ref()
        if client is None or Client.instances.get(client.id) is not client:  # gone
            return
        if not client.has_socket_connection:  # not connected yet, or left and waiting to be deleted
            state['stale'] = True
            return
        schedule()

    def schedule() -> None:
        if state['pending']:
            return
        state['pending'] = True
        background_tasks.create(refresh_soon(), name='live refresh')

    def connected() -> None:
        if state['stale']:
            state['stale'] = False
            schedule()

    async def refresh_soon() -> None:
        await asyncio.sleep(DEBOUNCE_SECONDS)
        state['pending'] = False  # what arrives from now on is refreshed by another round
        async with lock:
            client = client_ref()
            if client is None or client.is_deleted or slot.parent.is_deleted:
                return
            if not client.has_socket_connection:  # it left meanwhile
                state['stale'] = True
                return
            try:
                with slot:
                    await _refresh_checked(refresh, permission)
            except Exception:
                if client.is_deleted or slot.parent.is_deleted:  # the tab closed while it was read: no one to show
                    return
                raise

    _changed.subscribe(heard)
    ui.context.client.on_connect(connected)


async def _refresh_checked(refresh: Refresh, permission: str) -> None:
    resolved = await sessions.resolve_id(app.storage.client.get('session_id'), touch=False)
    if resolved.actor is None:
        send_to_login(resolved.ended_reason or 'signed-out')
        return
    if not resolved.actor.can(permission):
        return  # the role changed meanwhile: leave the page as it is; its next action says why
    with origin_context(client_origin()):
        try:
            await refresh(resolved.actor)
        except DomainError as error:  # the record went out of reach meanwhile: nothing new to show
            log.info('A live refresh was refused: %s', error.message)


class RedrawnUnaudited:
    """A screen whose `redraw(actor)` reads with `audited=self.audited`: `follow` draws it again after a change
    elsewhere without auditing that as another look (the opening of the screen stands)."""

    audited = True

    async def redraw(self, actor: Actor) -> None:
        raise NotImplementedError

    async def follow(self, actor: Actor) -> None:
        self.audited = False
        try:
            await self.redraw(actor)
        finally:
            self.audited = True
