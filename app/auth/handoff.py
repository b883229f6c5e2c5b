"""Hand a new session token from the sign-in page to the browser as an HttpOnly cookie.

The sign-in form runs over NiceGUI's websocket, which cannot set cookies. On success the page
navigates to `/auth/complete?ticket=...`; that plain HTTP route swaps the single-use ticket (valid
for 30 seconds and only for the same browser) for the token and sets the cookie.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from app.clock import utcnow

TICKET_LIFETIME = timedelta(seconds=30)
_pending: dict[str, tuple[str, str, object]] = {}


def stash(*, token: str, browser_id: str) -> str:
    """Keep a token for one browser; return the ticket that claims it."""
    _forget_stale()
    ticket = secrets.token_urlsafe(32)
    _pending[_digest(ticket)] = (token, browser_id, utcnow() + TICKET_LIFETIME)
    return ticket


def claim(*, ticket: str, browser_id: str) -> str | None:
    """Return the token for a ticket once, and only to the browser it was made for."""
    _forget_stale()
    entry = _pending.pop(_digest(ticket), None)
    if entry is None:
        return None
    token, owner, _ = entry
    return token if secrets.compare_digest(owner, browser_id) else None


def _digest(ticket: str) -> str:
    return hashlib.sha256(ticket.encode()).hexdigest()


def _forget_stale() -> None:
    now = utcnow()
    for key in [key for key, (_, _, expires) in _pending.items() if expires <= now]:  # type: ignore[operator]
        _pending.pop(key, None)
