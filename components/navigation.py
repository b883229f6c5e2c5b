"""The drawer's list of the pages a role may open, as one element instead of four per page.

Every page draws the drawer, so its cost is paid on every page load: the list was an item, two
sections and an icon per entry (some 60 elements for an admin, about a seventh of the server's time
per load under the load bench). Here it is one element whose entries the browser draws; each entry
is a link, so a tap goes straight to the page without a round trip to the server first.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from nicegui import ui


@dataclass(frozen=True, kw_only=True)
class NavEntry:
    path: str
    label: str
    icon: str


class Navigation(ui.element, component='navigation.js'):
    def __init__(self, entries: list[NavEntry], *, current: str) -> None:
        super().__init__()
        self._props['entries'] = tuple(asdict(entry) for entry in entries)  # a tuple: not wrapped as observable
        self._props['current'] = current

    @property
    def paths(self) -> list[str]:
        return [entry['path'] for entry in self._props['entries']]
