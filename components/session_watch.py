"""Open pages whose session has ended go to the sign-in page: one watch for the process, not a timer per page.

Every framed page is checked every `SESSION_CHECK_SECONDS` (counted from when it was built), so a
tab left open on a revoked or expired session leaves within that time; a page without its
websocket is skipped until it has one again (a navigation could not reach it). The check does not
count as the person's activity.

It used to be a `ui.timer` per page: an element and a task on every page load, and a timer sleeps out
its interval before it notices that its page was deleted, so under the load bench (20 staff, 2 cores)
some 400 timers of left pages were alive at any time, each with its task, for every full garbage
collection to walk. The watch holds its pages weakly and costs a page one dictionary entry.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref

from nicegui import Client, background_tasks, ui

from app.auth import sessions
from components.actions import send_to_login

log = logging.getLogger(__name__)

SESSION_CHECK_SECONDS = 20.0
TICK_SECONDS = 1.0  # how often the watch looks for pages due a check

_due: weakref.WeakKeyDictionary[Client, float] = weakref.WeakKeyDictionary()  # a page: when it is next checked
_watch: asyncio.Task | None = None


def watch_this_page() -> None:
    """Check the page being built from `SESSION_CHECK_SECONDS` from now on, as long as it exists."""
    global _watch
    _due[ui.context.client] = time.monotonic() + SESSION_CHECK_SECONDS
    running = asyncio.get_running_loop()
    if _watch is None or _watch.done() or _watch.get_loop() is not running:  # a test's fresh loop gets its own
        _watch = background_tasks.create(_watch_pages(), name='session watch')


async def _watch_pages() -> None:
    while True:
        await asyncio.sleep(min(TICK_SECONDS, SESSION_CHECK_SECONDS))
        try:
            await check_due_pages()
        except Exception:  # one bad round must not end the watch of every page
            log.exception('The session watch could not check the open pages')


async def check_due_pages() -> None:
    """Send each page due a check whose session has ended to the sign-in page, and set its next check."""
    now = time.monotonic()
    due = [client for client, when in list(_due.items())
           if when <= now and not client.is_deleted and client.has_socket_connection]
    ended: dict[int | None, str | None] = {}  # a session id: why it ended (None: it has not)
    for client in due:
        _due[client] = now + SESSION_CHECK_SECONDS
        session_id = client.storage.get('session_id')
        if session_id not in ended:
            resolved = await sessions.resolve_id(session_id, touch=False)
            ended[session_id] = None if resolved.actor is not None else (resolved.ended_reason or 'signed-out')
        if ended[session_id] is not None and not client.is_deleted:
            with client:
                send_to_login(ended[session_id])
