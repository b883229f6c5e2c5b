"""A small clinic for calendar tests: a branch, two clinicians, reception, patients, and a frozen Monday."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from app.auth.actor import Actor
from app.clock import clock
from app.services.appointments import BookingInput
from models.accounts import Role, User
from models.clinic import Branch
from models.patients import Patient
from tests.factories import actor_of, make_branch, make_patient, make_user

# Monday 7 December 2026, 08:00 in Mumbai (02:30 UTC): the tests book later that day and that week.
MONDAY = datetime(2026, 12, 7)
NOW_UTC = datetime(2026, 12, 7, 2, 30, tzinfo=UTC)


@dataclass(frozen=True, kw_only=True)
class SmallClinic:
    branch: Branch
    doctor: User
    junior: User
    reception: User
    patient: Patient
    other_patient: Patient

    async def actor(self, user: User) -> Actor:
        return await actor_of(user)

    def booking(self, *, hour: int = 10, minute: int = 0, day: int = 7, clinician: User | None = None,
                patient: Patient | None = None, minutes: int | None = 30, **fields: object) -> BookingInput:
        return BookingInput(patient_id=(patient or self.patient).id, clinician_id=(clinician or self.doctor).id,
                            service=fields.pop('service', 'physiotherapy'),
                            starts=datetime(2026, 12, day, hour, minute), minutes=minutes, **fields)  # type: ignore[arg-type]


async def small_clinic(*, time_zone: str | None = None, freeze: bool = True) -> SmallClinic:
    if freeze:
        clock.freeze(NOW_UTC)
    branch = await make_branch('Andheri', time_zone=time_zone)
    return SmallClinic(
        branch=branch,
        doctor=await make_user(Role.DOCTOR, branch=branch, full_name='Dr Kavita Mehta'),
        junior=await make_user(Role.JRDOCTOR, branch=branch, full_name='Dr Rohan Shah'),
        reception=await make_user(Role.RECEPTION, branch=branch, full_name='Priya Nair'),
        patient=await make_patient(full_name='Meera Iyer', branch=branch),
        other_patient=await make_patient(full_name='Arjun Menon', branch=branch),
    )
