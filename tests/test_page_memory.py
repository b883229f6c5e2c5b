"""What a server keeps of pages nobody will see again: a left page is deleted at once, a removed element freed
by reference counting (components.left_pages, components.element_memory), full collections on a clock
(app.collector), and requests and closed websockets that leave no cycles behind (app.plain_middleware)."""

from __future__ import annotations

import asyncio
import gc
import types
import weakref
from collections.abc import Iterator

import engineio
import pytest
from engineio.async_socket import AsyncSocket
from nicegui import Client
from nicegui.props import Props
from nicegui.testing import User

from app import collector, plain_middleware
from models.accounts import Role
from tests.factories import make_branch, make_user, sign_in
from tests.waiting import eventually

SERVER_PACKAGES = {'starlette', 'fastapi', 'anyio', 'nicegui', 'app', 'components', 'pages'}


def socket_of(client: Client) -> str:
    return next(iter(client._socket_to_document_id))


async def test_a_page_its_tab_left_is_deleted_once_the_tabs_next_page_is_connected(user: User) -> None:
    await sign_in(user, await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    left = await user.open('/patients')
    await user.open('/inquiries')  # the same tab (the simulated browser keeps its tab id, as nicegui.js does)
    current = user.client
    left.handle_disconnect(socket_of(left))  # the old page's websocket closes after the new one connected
    await eventually(lambda: left.is_deleted, what='the left page deleted', seconds=2)
    assert left.id not in Client.instances
    assert not current.is_deleted and current.has_socket_connection


async def test_a_page_left_before_the_next_one_connects_is_deleted_when_it_does(user: User) -> None:
    await sign_in(user, await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    left = await user.open('/patients')
    left.handle_disconnect(socket_of(left))  # a browser closes the old socket first
    await asyncio.sleep(0.1)
    assert not left.is_deleted  # nothing newer from this tab yet: it may be a network blip
    await user.open('/inquiries')
    await eventually(lambda: left.is_deleted, what='the left page deleted', seconds=2)


async def test_a_page_that_lost_its_network_keeps_its_reconnect_time(user: User) -> None:
    await sign_in(user, await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    page = await user.open('/patients')
    socket_id, document_id = next(iter(page._socket_to_document_id.items()))
    page.handle_disconnect(socket_id)
    await asyncio.sleep(0.5)
    assert not page.is_deleted
    await page.handle_handshake(socket_id, user.tab_id, None, document_id, None)  # it came back
    assert page.has_socket_connection and not page.is_deleted


@pytest.fixture
def saved_garbage() -> Iterator[list[object]]:
    """What the cyclic collector would free, kept for the test to look at (DEBUG_SAVEALL)."""
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield gc.garbage
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


async def test_a_deleted_page_is_freed_by_reference_counting(user: User, saved_garbage: list[object]) -> None:
    await sign_in(user, await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    page = await user.open('/patients')
    elements = len(page.elements)
    user.client = None
    page.delete()
    del page
    gc.collect()
    left = [item for item in saved_garbage if isinstance(item, Props)]
    assert elements > 15  # the frame, the search, the table: enough that one leak per element would show
    assert left == []  # without components.element_memory, one per element waited for a full collection


def test_the_web_process_leaves_full_collections_to_its_clock() -> None:
    before = gc.get_threshold()
    try:
        collector.install()
        young, middle, full = gc.get_threshold()
        assert (young, middle) == before[:2] and full == collector.NEVER
    finally:
        gc.set_threshold(*before)


async def test_a_deleted_page_that_follows_changes_is_freed_by_reference_counting(user: User) -> None:
    await sign_in(user, await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    page = await user.open('/today')  # follows appointments (components.live)
    assert page.has_socket_connection
    gone = weakref.ref(page)
    user.client = None
    gc.disable()  # only reference counting may free it here
    try:
        page.delete()
        del page
        for _ in range(20):  # its outbox's loop and tasks end on their next turn
            if gone() is None:
                break
            await asyncio.sleep(0.05)
        assert gone() is None  # a closure holding the client strongly kept it for the full collection
    finally:
        gc.enable()


async def test_a_closed_websocket_is_freed_by_reference_counting() -> None:
    server = engineio.AsyncServer(async_mode='asgi')
    plain_middleware.use_closing_websockets(server)
    socket = AsyncSocket(server, 'a-page-socket')
    events = [{'type': 'websocket.disconnect'}]  # the browser goes at once

    async def receive() -> dict:
        return events.pop(0)

    async def send(message: dict) -> None:
        pass

    gone = weakref.ref(socket)
    gc.disable()  # only reference counting may free it here
    try:
        await socket._upgrade_websocket({'asgi.receive': receive, 'asgi.send': send})  # engine.io's own reader
        del socket
        await asyncio.sleep(0)  # its writer task ends
        assert gone() is None  # the reader's error kept its frame, and the connection, for a full collection
    finally:
        gc.enable()


async def test_requests_leave_nothing_for_the_cyclic_collector(user: User, saved_garbage: list[object]) -> None:
    for _ in range(5):  # the whole middleware stack, the session's included, without a page to build
        assert (await user.http_client.get('/static/prospine.css')).status_code == 200
    gc.collect()
    servers = [item for item in saved_garbage if type(item).__module__.split('.')[0] in SERVER_PACKAGES
               or isinstance(item, types.FunctionType | types.CellType | types.FrameType)]  # httpx's: the client's
    assert servers == []  # Starlette's BaseHTTPMiddleware left a task group's streams and closures per layer
