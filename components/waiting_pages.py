"""Pages built for nobody in particular wait for their browser only so many at a time.

NiceGUI keeps each page it builds, element tree and all, until the page's websocket connects,
and prunes one that never connects after 60 s. A page anyone may open (`/login`, `/book`,
`/setup`) can be fetched a thousand times a minute by a script that never connects: measured
here, 1,000 such loads added 155 MB to the server. So each address keeps at most
`WAITING_PER_ADDRESS` anonymous pages that have not connected yet, and building one more deletes
the oldest of them (as NiceGUI's own pruning would, only sooner). A browser connects within a
second of loading, so a person is never the one cut off unless they opened that many tabs at once.
"""

from __future__ import annotations

from collections import deque

from nicegui import Client

WAITING_PER_ADDRESS = 20
_ADDRESSES_KEPT = 1_000  # past this many addresses, forget those with nothing waiting

_waiting: dict[str, deque[str]] = {}


def still_waiting(client_id: str) -> bool:
    client = Client.instances.get(client_id)
    return client is not None and not client.is_deleted and not client.has_socket_connection


def wait_in_line(client: Client, address: str) -> None:
    """Count an anonymous page towards its address; delete that address's oldest waiting page past the limit."""
    line = deque(client_id for client_id in _waiting.get(address, ()) if still_waiting(client_id))
    line.append(client.id)
    while len(line) > WAITING_PER_ADDRESS:
        oldest = Client.instances.get(line.popleft())
        if oldest is not None and not oldest.is_deleted:
            oldest.delete()
    _waiting[address] = line
    if len(_waiting) > _ADDRESSES_KEPT:
        for other in [key for key, ids in _waiting.items() if not any(still_waiting(i) for i in ids)]:
            del _waiting[other]


def waiting_count(address: str) -> int:
    """How many anonymous pages of an address wait for their browser (for tests and the admin)."""
    return sum(still_waiting(client_id) for client_id in _waiting.get(address, ()))
