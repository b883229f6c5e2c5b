"""A removed element is freed when it is removed, not left for Python's cyclic garbage collector.

Every NiceGUI element keeps its classes, style and props in observable collections, and each of those
holds its own bound `_update` method as its change handler: three reference cycles per element. So
nothing of a closed tab or a redrawn list was freed by reference counting; it waited for the collector's
full collections, which walk every object of the process. The load bench (20 staff, 2 cores) found the
server spending a third of its time there, in pauses of about half a second every two seconds, with 1.3
million objects alive. Once NiceGUI has removed an element (it is marked deleted and never drawn again),
its collections' handlers are dropped, which breaks the cycles; what is left is freed at once. An
input's value-change handlers go too (NiceGUI already drops a removed element's event listeners): they
are usually a method of the screen that holds the input, another cycle per input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from nicegui import Client
from nicegui.element import Element

_original: Callable[[Client, Iterable[Element]], None] | None = None


def remove_elements(client: Client, elements: Iterable[Element]) -> None:
    """NiceGUI's `Client.remove_elements`, then the removed elements' collections let go of their handlers."""
    assert _original is not None
    removed = list(elements)
    _original(client, removed)
    for element in removed:
        _let_go(element)


def _let_go(element: Any) -> None:
    for collection in (element._classes, element._style, element._props):
        collection._change_handlers.clear()
    value_handlers = getattr(element, '_change_handlers', None)  # an input's on_value_change: often a screen's method
    if isinstance(value_handlers, list):
        value_handlers.clear()


def install() -> None:
    """Put this version in NiceGUI's place; once."""
    global _original
    if _original is None:
        _original = Client.remove_elements
        Client.remove_elements = remove_elements  # type: ignore[method-assign]
