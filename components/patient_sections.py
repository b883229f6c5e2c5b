"""The sections of the patient page, and which permission each needs.

Each feature adds its sections to `SECTIONS` in its own module with `@patient_section`; the
patient page (`pages/patient.py`) imports those modules by name, and renders, in order, only the
sections the signed-in role may see, so a section a role may not open is never built or sent to
the browser.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from app.auth.actor import Actor
from app.services.patient_lookup import PatientRef


@dataclass(frozen=True, kw_only=True)
class PatientSection:
    key: str
    title: str
    permission: str
    order: int
    render: Callable[[Actor, PatientRef], Awaitable[None]]


SECTIONS: dict[str, PatientSection] = {}


def patient_section(key: str, *, title: str, permission: str,
                    order: int) -> Callable[[Callable[[Actor, PatientRef], Awaitable[None]]],
                                            Callable[[Actor, PatientRef], Awaitable[None]]]:
    """Register an async `render(actor, patient)` as a section of the patient page."""

    def decorator(render: Callable[[Actor, PatientRef], Awaitable[None]]) -> Callable[[Actor, PatientRef],
                                                                                      Awaitable[None]]:
        SECTIONS[key] = PatientSection(key=key, title=title, permission=permission, order=order, render=render)
        return render

    return decorator


def sections_for(actor: Actor) -> list[PatientSection]:
    return sorted((section for section in SECTIONS.values() if actor.can(section.permission)),
                  key=lambda section: section.order)
