"""The shared frame: header (clinic, branch, user, role, theme, sign-out) and the navigation drawer.

The drawer lists only the pages the actor's role may open. The page's session is checked again
every `session_watch.SESSION_CHECK_SECONDS`, so a tab left open on a revoked or expired session
goes to the sign-in page within that time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from nicegui import ui

from app.audit.events import origin_context
from app.auth.actor import Actor
from app.auth.admission import PAGES
from app.auth.permissions import ROLE_LABELS
from app.errors import SessionEnded
from app.services import account
from components import session_watch
from components.actions import client_origin, current_actor, send_to_login
from components.design import apply_theme, retheme_charts
from components.header_bar import HeaderBar
from components.navigation import NavEntry, Navigation


@contextmanager
def frame(actor: Actor, title: str) -> Iterator[ui.column]:
    """Draw header and drawer around a page body: `with frame(actor, 'Users'): ...`."""
    apply_theme()
    dark = ui.dark_mode(value=actor.dark_mode)
    with ui.header(elevated=True).classes('items-center px-2 py-1'):
        header = HeaderBar(clinic=actor.clinic_name, branch=actor.branch_name, person=actor.full_name,
                           role=ROLE_LABELS[actor.role]).classes('w-full').mark('header-bar')
        header.on('menu', lambda: drawer.toggle())
        header.on('dark', lambda: _toggle_dark(dark))
    with ui.left_drawer(value=None, bordered=True).classes('q-pa-none') as drawer:
        _navigation(actor)
    with ui.column().classes('prospine-page gap-4') as body:
        ui.label(title).classes('text-h5').mark('page-title')
        yield body
    session_watch.watch_this_page()


def _navigation(actor: Actor) -> None:
    visible = sorted((spec for spec in PAGES.values() if spec.nav_label and actor.can(spec.permission)),
                     key=lambda spec: (spec.nav_order, spec.nav_label or ''))
    Navigation([NavEntry(path=spec.path, label=spec.nav_label or '', icon=spec.nav_icon) for spec in visible],
               current=ui.context.client.page.path).mark('navigation')


async def _shown_dark(dark: ui.dark_mode) -> bool:
    """Whether the page is dark now: the setting, or with it left to the device (None), what the browser shows."""
    if dark.value is not None:
        return bool(dark.value)
    try:
        return bool(await ui.run_javascript("document.body.classList.contains('body--dark')", timeout=3))
    except TimeoutError:
        return False


async def _toggle_dark(dark: ui.dark_mode) -> None:
    try:
        actor = await current_actor()
    except SessionEnded as ended:
        send_to_login(ended.reason)
        return
    new_value = not await _shown_dark(dark)
    dark.set_value(new_value)
    retheme_charts(new_value)
    with origin_context(client_origin()):
        await account.set_dark_mode(actor=actor, dark=new_value)
