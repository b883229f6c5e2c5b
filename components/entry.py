"""Enter the app after a successful sign-in or first-run setup."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request
from nicegui import app, ui

from app.auth import handoff, sign_in
from app.auth.navigation import safe_next


async def enter_app(*, user_id: int, request: Request, target: str = '/') -> None:
    """Start the session and send the browser to `/auth/complete`, which sets the HttpOnly cookie."""
    token = await sign_in.start_session(
        user_id=user_id, ip=request.client.host if request.client else '',
        user_agent=request.headers.get('user-agent', ''),
    )
    ticket = handoff.stash(token=token, browser_id=str(app.storage.browser.get('id', '')))
    ui.navigate.to(f'/auth/complete?ticket={ticket}&next={quote(safe_next(target), safe="/")}')
