"""The header's contents as one element: menu, clinic and branch, who is signed in, dark or light, sign out.

Every page draws the header, so its cost is paid on every page load: it was eleven elements (two
buttons with a tooltip, a sign-out button, four labels in two columns, a spacer). Here the browser
draws them from four texts; a tap on the menu or the theme button is an event (`menu`, `dark`),
and sign-out is a link to `/logout`.
"""

from __future__ import annotations

from nicegui import ui

SIGN_OUT = 'Sign out'


class HeaderBar(ui.element, component='header_bar.js'):
    def __init__(self, *, clinic: str, branch: str, person: str, role: str) -> None:
        super().__init__()
        self._props.update(clinic=clinic, branch=branch, person=person, role=role, signout=SIGN_OUT)

    def _displayed_contents(self, *, only_visible: bool) -> list:
        """What it shows as text (for NiceGUI's `ElementFilter`, so `user.should_see` finds it as on screen)."""
        return [self._props[key] for key in ('clinic', 'branch', 'person', 'role', 'signout')]
