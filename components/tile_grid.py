"""A home page's tiles as one element: each a label, a figure and a note, and a link to the page behind it.

Seven tiles were four elements each with a click handler that sent the browser to its page by a round
trip to the server; here the browser draws them from their texts and each tile is a plain link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from nicegui import ui


@dataclass(frozen=True, kw_only=True)
class Tile:
    key: str
    label: str
    value: str
    note: str = ''
    href: str = ''


class TileGrid(ui.element, component='tile_grid.js'):
    def __init__(self, tiles: Sequence[Tile]) -> None:
        super().__init__()
        self.tiles = {tile.key: tile for tile in tiles}
        self._props['tiles'] = tuple(asdict(tile) for tile in tiles)  # a tuple: not wrapped as observable

    def _displayed_contents(self, *, only_visible: bool) -> list:
        """What it shows as text (for NiceGUI's `ElementFilter`, so `user.should_see` finds it as on screen)."""
        return [text for tile in self.tiles.values() for text in (tile.label, tile.value, tile.note) if text]
