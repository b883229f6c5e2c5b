"""Admission: what a request for a page gets, decided without any UI.

Every page declares a `PageSpec` (its path, permission and title) where it is defined; `PAGES`
holds them for the navigation drawer and the role matrix test. `admit` sends visitors to
first-run setup while no user exists, anonymous visitors to `/login?next=...`, users with a
pending password change or two-factor enrolment to that page, and otherwise returns the actor.
The NiceGUI side of the guard (`guarded_page`, `guarded_action`) is `components/guard.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import RedirectResponse

from app.auth import sessions
from app.auth.actor import ANONYMOUS, Actor, AnonymousActor
from app.auth.navigation import login_url
from app.auth.permissions import Permission
from models.accounts import User

SETUP_PATH = '/setup'
PASSWORD_PATH = '/account/password'
TWO_FACTOR_PATH = '/account/two-factor'


@dataclass(frozen=True, kw_only=True)
class PageSpec:
    """What the guard and the navigation drawer know about a page."""

    path: str
    permission: Permission
    title: str
    nav_label: str | None = None
    nav_icon: str = 'chevron_right'
    nav_order: int = 100
    example_path: str | None = None  # a concrete address for pages with path parameters


PAGES: dict[str, PageSpec] = {}


class _SetupState:
    """Caches "a user exists" once it is true (reset when the database is opened)."""

    done = False

    async def is_done(self) -> bool:
        if not self.done:
            self.done = await User.exists()
        return self.done


setup_state = _SetupState()


async def admit(request: Request, spec: PageSpec) -> Actor | AnonymousActor | RedirectResponse:
    """Decide what a request for a page gets: the actor to render for, or a redirect."""
    if not await setup_state.is_done():
        return ANONYMOUS if spec.path == SETUP_PATH else RedirectResponse(SETUP_PATH, status_code=303)
    if spec.path == SETUP_PATH:
        return RedirectResponse('/login', status_code=303)
    resolved = await sessions.resolve_token(request.cookies.get(sessions.COOKIE_NAME))
    actor = resolved.actor
    if spec.permission == Permission.PUBLIC:
        return actor or ANONYMOUS
    if actor is None:
        target = request.url.path + (f'?{request.url.query}' if request.url.query else '')
        return RedirectResponse(login_url(next_path=target, reason=resolved.ended_reason), status_code=303)
    if actor.must_change_password and spec.path != PASSWORD_PATH:
        return RedirectResponse(PASSWORD_PATH, status_code=303)
    if actor.needs_two_factor_setup and not actor.must_change_password and spec.path != TWO_FACTOR_PATH:
        return RedirectResponse(TWO_FACTOR_PATH, status_code=303)
    return actor


async def admit_file(request: Request) -> Actor | None:
    """The member of staff a file route may serve (a PDF, an attachment), or None.

    A file is not a page, so nobody is redirected: a visitor who is not signed in, or whose
    password change or two-factor enrolment is pending, gets None and the route answers 403.
    The route's service then checks the permission, as a page's would.
    """
    if not await setup_state.is_done():
        return None
    actor = (await sessions.resolve_token(request.cookies.get(sessions.COOKIE_NAME))).actor
    if actor is None or actor.must_change_password or actor.needs_two_factor_setup:
        return None
    return actor
