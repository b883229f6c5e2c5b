"""Safe redirects after sign-in, and the sign-in address that brings a user back."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

_NOT_AFTER_SIGN_IN = ('/login', '/logout', '/auth/', '/setup')


def safe_next(target: str | None) -> str:
    """Accept only a local path as a redirect target; anything else becomes the home page."""
    if not target or not target.startswith('/') or target.startswith(('//', '/\\')):
        return '/'
    if any(ord(ch) < 32 or ch == '\\' for ch in target):
        return '/'
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return '/'
    if parts.path.startswith(_NOT_AFTER_SIGN_IN):
        return '/'
    return target


def login_url(*, next_path: str | None = None, reason: str | None = None) -> str:
    query = []
    if next_path and safe_next(next_path) != '/':
        query.append('next=' + quote(next_path, safe='/'))
    if reason:
        query.append('reason=' + quote(reason))
    return '/login' + ('?' + '&'.join(query) if query else '')
