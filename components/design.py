"""Design constants: one place for colours, icons and the shared stylesheet."""

from __future__ import annotations

from nicegui import ui

PRIMARY = '#0f766e'
SECONDARY = '#334155'
ACCENT = '#f59e0b'
STYLESHEET = '/static/prospine.css'
NOTIFY_POSITION = 'top'  # a dialog's buttons sit at its bottom, where a bottom toast would cover them


def place_notifications() -> None:
    """Show every toast at the top of the screen (once per process).

    `ui.notify` sends its `position` argument with every toast (default 'bottom'), so Quasar's own
    Notify defaults never apply; the Python default is the one place to change it for all callers.
    """
    defaults = ui.notify.__kwdefaults__
    if defaults is None or 'position' not in defaults:
        raise RuntimeError("ui.notify has no 'position' default to change; see components/design.py")
    defaults['position'] = NOTIFY_POSITION


def apply_theme() -> None:
    """Colours and the stylesheet for the current page (every asset is served locally)."""
    ui.colors(primary=PRIMARY, secondary=SECONDARY, accent=ACCENT)
    ui.add_head_html(f'<link rel="stylesheet" href="{STYLESHEET}">')  # trusted markup: a constant
