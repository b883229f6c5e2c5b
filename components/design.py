"""Design constants: one place for colours, icons and the shared stylesheet."""

from __future__ import annotations

from typing import Any

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


# The charts' colours on the dark page: light text and lines on the page's own background. ECharts
# draws with a theme chosen when a chart is made (NiceGUI fetches a theme given by name as a URL, so
# it is given as values) and changes it in place with `setTheme`; the light theme is ECharts' default.
DARK_CHART_THEME = {
    'darkMode': True,
    'backgroundColor': 'transparent',
    'textStyle': {'color': '#e0e0e0'},
    'title': {'textStyle': {'color': '#eeeeee'}},
    'legend': {'textStyle': {'color': '#e0e0e0'}},
    'tooltip': {'backgroundColor': '#2b2b2b', 'borderColor': '#555555', 'textStyle': {'color': '#eeeeee'}},
    'categoryAxis': {'axisLine': {'lineStyle': {'color': '#9e9e9e'}}, 'axisTick': {'lineStyle': {'color': '#9e9e9e'}},
                     'axisLabel': {'color': '#e0e0e0'}, 'splitLine': {'lineStyle': {'color': ['#424242']}}},
    'valueAxis': {'axisLine': {'lineStyle': {'color': '#9e9e9e'}}, 'axisTick': {'lineStyle': {'color': '#9e9e9e'}},
                  'axisLabel': {'color': '#e0e0e0'}, 'splitLine': {'lineStyle': {'color': ['#424242']}}},
    'pie': {'itemStyle': {'borderColor': '#1d1d1d'}},
}


def themed_chart(options: dict[str, Any], *, dark: bool) -> ui.echart:
    """An ECharts chart drawn for the page's theme (`retheme_charts` follows a change of theme)."""
    return ui.echart(options, theme=DARK_CHART_THEME if dark else None)


def retheme_charts(dark: bool) -> None:
    """Redraw every chart of the current page in the theme just chosen (the dark mode toggle)."""
    for element in list(ui.context.client.elements.values()):
        if isinstance(element, ui.echart) and not element.is_deleted:
            element.run_chart_method('setTheme', DARK_CHART_THEME if dark else {})
