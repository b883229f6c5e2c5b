"""The sections of the patient page, and which permission each needs.

Each feature adds its sections to `SECTIONS` in its own module with `@patient_section`; the
patient page (`pages/patient.py`) imports those modules by name and shows, in order, a tab for
each section the signed-in role may see, so a section a role may not open is never built or sent
to the browser. A section is built when its tab is first opened.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from app.auth.actor import Actor
from app.services.patient_lookup import PatientRef
from models.accounts import Role

# The part each role opens a patient on: what it does most with one. Clinicians write and read notes;
# the desk and the admins book, bill and follow consultations.
OPENS_ON = {Role.DOCTOR: 'notes', Role.JRDOCTOR: 'notes', Role.RECEPTION: 'consultations',
            Role.ADMIN: 'consultations', Role.SUPERADMIN: 'consultations'}


@dataclass(frozen=True, kw_only=True)
class PatientSection:
    key: str
    title: str
    permission: str
    order: int
    icon: str
    tab: str  # the tab's short label; `title` is the part's full name
    render: Callable[[Actor, PatientRef], Awaitable[None]]


SECTIONS: dict[str, PatientSection] = {}


def patient_section(key: str, *, title: str, permission: str, order: int, icon: str,
                    tab: str = '') -> Callable[[Callable[[Actor, PatientRef], Awaitable[None]]],
                                            Callable[[Actor, PatientRef], Awaitable[None]]]:
    """Register an async `render(actor, patient)` as a section of the patient page."""

    def decorator(render: Callable[[Actor, PatientRef], Awaitable[None]]) -> Callable[[Actor, PatientRef],
                                                                                      Awaitable[None]]:
        SECTIONS[key] = PatientSection(key=key, title=title, permission=permission, order=order, icon=icon,
                                       tab=tab or title, render=render)
        return render

    return decorator


def sections_for(actor: Actor) -> list[PatientSection]:
    return sorted((section for section in SECTIONS.values() if actor.can(section.permission)),
                  key=lambda section: section.order)


def opening_section(actor: Actor, visible: list[PatientSection], *, asked: str = '') -> PatientSection:
    """The section asked for (`?part=notes`) when the role may see it, else the one the role uses most."""
    by_key = {section.key: section for section in visible}
    return by_key.get(asked) or by_key.get(OPENS_ON.get(actor.role, '')) or visible[0]
