"""Design constants: one place for colours, icons and the shared stylesheet."""

from __future__ import annotations

from nicegui import ui

PRIMARY = '#0f766e'
SECONDARY = '#334155'
ACCENT = '#f59e0b'
STYLESHEET = '/static/prospine.css'


def apply_theme() -> None:
    """Colours and the stylesheet for the current page (every asset is served locally)."""
    ui.colors(primary=PRIMARY, secondary=SECONDARY, accent=ACCENT)
    ui.add_head_html(f'<link rel="stylesheet" href="{STYLESHEET}">')  # trusted markup: a constant
