"""Waiting in tests for work a page or a background task finishes a little later."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import Any

POLL_SECONDS = 0.05


async def eventually(condition: Callable[[], Any], *, seconds: float = 3.0, what: str = 'the condition') -> None:
    """Poll `condition` (plain or async) until it is true; fail after `seconds`."""
    for _ in range(int(seconds / POLL_SECONDS)):
        result = condition()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return
        await asyncio.sleep(POLL_SECONDS)
    raise AssertionError(f'{what} did not happen within {seconds} s')
