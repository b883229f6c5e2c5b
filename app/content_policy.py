"""The Content-Security-Policy every response carries, and the nonce that lets the page's own scripts run.

NiceGUI writes its start-up code as inline `<script>` blocks, so each HTML response gets a fresh
random nonce: the policy names it and `with_nonce` adds it to every `<script` tag of the page.
That is safe because no user text can form a `<script` tag in a NiceGUI page: element data
travels as JSON with `<` escaped (`&lt;`), the title is escaped by Jinja, and the head and body
HTML come from our own constant strings (a test scans the code for any other path). What the
policy forbids, then, is what an injected attribute or tag would need: inline event handlers
(`onload=`, `onerror=`), `javascript:` URLs, inline scripts without the nonce, and every foreign
origin, for scripts, styles, images, frames, fonts and connections alike.

`'unsafe-eval'` stays: Vue compiles NiceGUI's component templates in the browser and
`run_javascript` evaluates code it was sent (both with `new Function`), so NiceGUI cannot live
without it. Styles stay `'unsafe-inline'`: Quasar and Vue set style attributes everywhere, and
a style cannot run script.
"""

from __future__ import annotations

import re
import secrets

_SCRIPT_TAG = re.compile(rb'<script(?=[\s>])')


def new_nonce() -> str:
    """A fresh nonce for one response (128 random bits)."""
    return secrets.token_urlsafe(16)


def policy(nonce: str | None = None, *, frame_ancestors: str = "'none'") -> str:
    """The policy text; `nonce` for HTML pages whose inline scripts must run."""
    scripts = "'self' 'unsafe-eval'" + (f" 'nonce-{nonce}'" if nonce else '')
    return '; '.join((
        "default-src 'self'",
        f'script-src {scripts}',
        "script-src-attr 'none'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "media-src 'self' blob:",
        "connect-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        f'frame-ancestors {frame_ancestors}',
    ))


def with_nonce(html: bytes, nonce: str) -> bytes:
    """Add the nonce to every `<script` tag of a page the app built."""
    return _SCRIPT_TAG.sub(b'<script nonce="' + nonce.encode() + b'"', html)
