"""Pages anyone may open cannot be used to fill the server's memory (issue 10, item 5).

A script that fetches `/login` and `/book` a thousand times within a minute, never opening their
websocket, used to leave a thousand element trees waiting for 60 s each (+155 MB measured here).
Each address now keeps at most `WAITING_PER_ADDRESS` such pages (components/waiting_pages.py).
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx

from components.waiting_pages import WAITING_PER_ADDRESS
from tests.live.server import Tab, live_clinic, page_of

LOADS = 1_000
ALLOWED_GROWTH_MB = 100


def test_a_thousand_anonymous_loads_in_a_minute_leave_memory_and_other_pages_alone(tmp_path: Path) -> None:
    with live_clinic(tmp_path) as clinic:
        for path in ('/login', '/book'):  # the first load of each page imports and caches what it needs
            httpx.get(clinic.base_url + path, timeout=20)
        before = clinic.memory_mb
        started = time.monotonic()
        with httpx.Client(base_url=clinic.base_url, timeout=20) as client:
            statuses = {client.get('/login' if i % 2 else '/book').status_code for i in range(LOADS)}
        took = time.monotonic() - started
        grown = clinic.memory_mb - before
        assert statuses == {200}
        assert took < 60, f'{LOADS} loads took {took:.0f} s: the test no longer loads within a minute'
        assert grown < ALLOWED_GROWTH_MB, f'{LOADS} anonymous loads grew the server by {grown} MB'
        patient_page = clinic.get(f'/patients/{clinic.patient}', role='doctor')
        assert patient_page.status_code == 200
        assert clinic.patient in patient_page.text


async def test_a_browser_that_connects_is_never_cut_off(tmp_path: Path) -> None:
    """A tab whose socket joined is not counted, and a page loaded after a flood still connects."""
    with live_clinic(tmp_path) as clinic:
        open_tab = Tab(clinic, role=None)
        await open_tab.connect(page_of(clinic.get('/login')).client_id)
        async with httpx.AsyncClient(base_url=clinic.base_url, timeout=20) as client:
            for _ in range(WAITING_PER_ADDRESS * 3):
                assert (await client.get('/book')).status_code == 200
        newest = Tab(clinic, role=None)
        await newest.connect(page_of(clinic.get('/book')).client_id)
        await asyncio.sleep(0.5)
        assert open_tab.socket.connected and newest.socket.connected
        await open_tab.close()
        await newest.close()
