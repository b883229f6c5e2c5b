"""A page its browser tab has left is deleted at once, not kept `reconnect_timeout` in case it comes back.

NiceGUI cannot tell a tab that navigated to another page from one that lost its network for a moment,
so it keeps every page whose websocket closed for `reconnect_timeout` (10 s here), with its whole element
tree. Staff move from page to page every few seconds, so most pages held in memory were ones nobody would
see again: under the load bench (20 staff, 2 cores) about four left pages for every open one, each redrawn
by live updates and walked by every garbage collection. A browser tab keeps its NiceGUI tab id across its
pages (nicegui.js keeps it in the tab's session storage), so once a tab's new page is connected, the page it
left is gone for good; a page that lost its network has no newer page of its tab and still gets the full
`reconnect_timeout`. Both orders are handled: the old socket closing before the new one connects (a
browser), and after it.
"""

from __future__ import annotations

import asyncio

from nicegui import Client, app


def install() -> None:
    """Watch every page's websocket connecting and closing (once per app mount)."""
    app.on_connect(_connected)
    app.on_disconnect(_disconnected)


def _connected(client: Client) -> None:
    for other in _same_tab(client):
        if not other.has_socket_connection:
            _delete_soon(other)


def _disconnected(client: Client) -> None:
    if not client.has_socket_connection and any(other.has_socket_connection for other in _same_tab(client)):
        _delete_soon(client)


def _same_tab(client: Client) -> list[Client]:
    tab_id = client._pinned_tab_id
    if tab_id is None:
        return []
    return [other for other in list(Client.instances.values())
            if other is not client and other._pinned_tab_id == tab_id and not other.is_deleted]


def _delete_soon(client: Client) -> None:
    """After NiceGUI has scheduled its own deletion (it does so after the disconnect handlers), cancel that, delete."""
    asyncio.get_running_loop().call_soon(_delete, client)


def _delete(client: Client) -> None:
    if client.is_deleted or client.has_socket_connection or Client.instances.get(client.id) is not client:
        return  # deleted meanwhile, or it came back
    for task in client._delete_tasks.values():
        task.cancel()
    client._delete_tasks.clear()
    client.delete()
