"""When the web process runs Python's full garbage collections: on a clock, not whenever objects pile up.

CPython starts a full collection (every object of the process walked) once the objects that survived
the younger generations since the last one exceed a quarter of those that survived it. A busy clinic
server holds about a million objects (the element trees of its open tabs, and of the tabs NiceGUI keeps
`reconnect_timeout` in case they come back), and every page built adds survivors, so under the load
bench (20 staff, 2 cores) it ran a full collection every two seconds, each a pause of about half a second:
a third of the server's time. Here the two younger generations run as usual (they free the short-lived
cycles of a request), the objects made while starting are frozen out of every collection (they live as
long as the process), and a full collection runs every `FULL_COLLECTION_SECONDS` in the event loop.
Most of a page is freed by reference counting when it is removed (`components.element_memory`), so what
waits for the clock is what reference counting cannot free: at most that many seconds' worth.
Measured on the load bench: the collector's share of a page load fell from about 33 to about 13 ms.
Only `prospine serve` installs this; tests and commands keep CPython's defaults.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time

log = logging.getLogger(__name__)

FULL_COLLECTION_SECONDS = 10.0
NEVER = 2**31 - 1  # the third threshold: full collections only when this module asks
SLOW_COLLECTION_SECONDS = 0.5


def install() -> None:
    """Leave full collections to `collect_on_a_clock` (call it as a background task once the app has started)."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, NEVER)


def freeze_what_started() -> None:
    """Collect once, then move every object alive now out of the collector's sight (the modules, pages, routes)."""
    gc.collect()
    gc.freeze()


async def collect_on_a_clock() -> None:
    """A full collection every `FULL_COLLECTION_SECONDS`, logged when it pauses the event loop for long."""
    while True:
        await asyncio.sleep(FULL_COLLECTION_SECONDS)
        started = time.perf_counter()
        freed = gc.collect()
        seconds = time.perf_counter() - started
        if seconds > SLOW_COLLECTION_SECONDS:
            log.warning('A full garbage collection took %.0f ms (%d objects freed)', seconds * 1000, freed)
