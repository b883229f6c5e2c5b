"""A home page's short list as one element: the browser draws its rows from their texts.

The home pages of the desk and of the clinicians are short lists (who is waiting, who comes next, the
dues of today's patients, my appointments, my patients due for review): each row was an item, two or
three sections, labels, a link and a badge, five to nine elements, so a desk's home page was 164
elements and the second heaviest page of the load bench. Here a list is one element: each row's
texts are props, Vue draws and escapes them, a name is a link to the patient, and a row's button
comes back as a `tap` event with the row's key, acted on only if that row offered it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass

from nicegui import ui

from app.services.appointments import STATUS_LABELS
from components.calendar_screen import NO_COLOUR, STATUS_COLOURS
from models.scheduling import AppointmentStatus


@dataclass(frozen=True, kw_only=True)
class ShortRow:
    """One row: `key` names it (a patient's UID, a payment mode) for tests and for the `tap` event."""

    key: str
    title: str
    href: str = ''  # the title is a link to this page
    lead: str = ''  # the left column: a time
    caption: str = ''
    badge: str = ''  # a status, filled in `colour`
    colour: str = ''
    reasons: tuple[str, ...] = ()  # outlined badges under the caption
    side: str = ''  # a figure on the right
    side_class: str = ''
    strong: bool = False  # a total's row
    tap: str = ''  # the label of the row's button; empty: none


def status_of(status: AppointmentStatus) -> dict[str, str]:
    """A visit's status as a row's badge, in its calendar colour."""
    return {'badge': STATUS_LABELS[status], 'colour': STATUS_COLOURS.get(status, NO_COLOUR)}


class ShortList(ui.element, component='short_list.js'):
    def __init__(self, rows: Sequence[ShortRow], *, separator: bool = True,
                 on_tap: Callable[[str], Awaitable[None] | None] | None = None) -> None:
        super().__init__()
        self.rows = tuple(rows)
        self._props.update(rows=tuple(asdict(row) for row in self.rows),  # a tuple: not wrapped as observable
                           separator=separator)
        if on_tap is not None:
            tappable = {row.key for row in self.rows if row.tap}
            self.on('tap', lambda event: on_tap(event.args)
                    if isinstance(event.args, str) and event.args in tappable else None)

    def row(self, key: str) -> ShortRow:
        return next(row for row in self.rows if row.key == key)

    def _displayed_contents(self, *, only_visible: bool) -> list:
        """What it shows as text (for NiceGUI's `ElementFilter`, so `user.should_see` finds it as on screen)."""
        return [text for row in self.rows for text in (row.lead, row.title, row.caption, row.badge, *row.reasons,
                                                      row.side, row.tap) if text]
