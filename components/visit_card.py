"""One visit of the day at the desk (/today) as one element: the browser draws the card from its texts.

A card was some eighteen elements (labels in three columns, a link, a badge, a button per tap), and a
desk's day is ten cards a page, so `/today` was 188 elements and its cards most of the page's time per
load under the load bench. Here each card is one element: its texts and the taps it offers are props,
Vue draws and escapes them, and a tap comes back as an `act` event with the action's key. The key is
only a choice among what the card offered: the server acts on it through the same service call as
before, which checks the session and the permission again (`components.today_screen`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from nicegui import ui

REMARKS = 'remarks'  # the key of the Remarks tap, beside the status steps' keys (the status values)


@dataclass(frozen=True, kw_only=True)
class VisitTap:
    """A tap the card offers: the key its `act` event carries, its label, and whether it is a step back."""

    key: str
    label: str
    outlined: bool


@dataclass(frozen=True, kw_only=True)
class VisitFace:
    """What a visit's card shows."""

    time: str
    minutes: str
    name: str
    href: str
    line: str  # the patient's UID and phone
    details: str  # clinician, service, session of the plan
    status: str
    colour: str  # of the status badge, as in the calendar
    token: str = ''
    taps: tuple[VisitTap, ...] = ()
    remarks: str = ''  # the Remarks tap's label; empty: not offered
    print_label: str = ''  # the token print link's label; empty: no token to print
    print_link: str = ''


class VisitCard(ui.element, component='visit_card.js'):
    def __init__(self, face: VisitFace) -> None:
        super().__init__()
        self.face = face
        self._props.update(time=face.time, minutes=face.minutes, name=face.name, href=face.href, line=face.line,
                           details=face.details, status=face.status, colour=face.colour, token=face.token,
                           actions=tuple(asdict(tap) for tap in face.taps),  # a tuple: not wrapped as observable
                           remarks=face.remarks, print=face.print_label, printlink=face.print_link)

    @property
    def offered(self) -> frozenset[str]:
        """The keys of the taps the card offers (Remarks included)."""
        return frozenset(tap.key for tap in self.face.taps) | ({REMARKS} if self.face.remarks else set())

    def _displayed_contents(self, *, only_visible: bool) -> list:
        """What it shows as text (for NiceGUI's `ElementFilter`, so `user.should_see` finds it as on screen)."""
        face = self.face
        texts = [face.time, face.minutes, face.name, face.line, face.details, face.status, face.token,
                 *(tap.label for tap in face.taps), face.remarks, face.print_label]
        return [text for text in texts if text]
