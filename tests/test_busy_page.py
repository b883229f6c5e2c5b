"""A page the saturated server cannot build in time gets a short "busy, trying again" page, never an error page."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from nicegui.testing import User

import components.guard
from components.errors import BUSY_RETRY_SECONDS
from models.accounts import Role
from tests.factories import make_user


async def test_a_page_not_built_in_time_gets_the_busy_page_that_retries_by_itself(
        user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    await make_user(Role.RECEPTION)  # set up, so /login is the sign-in page
    quick = components.guard.admit

    async def saturated(*args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(2)  # as when every request waits for the CPU
        return await quick(*args, **kwargs)

    monkeypatch.setattr(components.guard, 'BUSY_AFTER_SECONDS', 0.3)
    monkeypatch.setattr(components.guard, 'admit', saturated)
    response = await user.http_client.get('/login')
    assert response.status_code == 503
    assert response.headers['retry-after'] == str(BUSY_RETRY_SECONDS)
    assert 'Busy, trying again' in response.text and f'http-equiv="refresh" content="{BUSY_RETRY_SECONDS}"' \
        in response.text
    assert 'Server error' not in response.text and 'Traceback' not in response.text

    monkeypatch.setattr(components.guard, 'admit', quick)  # the load has passed: the retry gets the page
    retried = await user.http_client.get('/login')
    assert retried.status_code == 200 and 'Sign in' in retried.text
