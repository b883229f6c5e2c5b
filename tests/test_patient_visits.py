"""The patient page's month of visits: attended, missed and upcoming days, and the next appointments."""

from __future__ import annotations

from datetime import UTC, datetime

from nicegui.testing import User

from app.clock import clock
from app.services import appointments
from tests.factories import sign_in
from tests.scheduling import small_clinic


async def test_the_month_shows_attended_missed_and_upcoming_days(user: User) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    came = await appointments.book(actor=desk, booking=clinic.booking(day=7, hour=9))
    missed = await appointments.book(actor=desk, booking=clinic.booking(day=7, hour=12,
                                                                        clinician=clinic.junior))
    await appointments.book(actor=desk, booking=clinic.booking(day=9, hour=10))
    await appointments.book(actor=desk, booking=clinic.booking(day=8, hour=10, patient=clinic.other_patient))
    skipped = await appointments.book(actor=desk, booking=clinic.booking(day=8, hour=9))
    await appointments.set_status(actor=desk, appointment_id=came.id, status='arrived')
    clock.freeze(datetime(2026, 12, 8, 3, 0, tzinfo=UTC))  # Tuesday morning
    await appointments.set_status(actor=desk, appointment_id=missed.id, status='no-show')
    await appointments.set_status(actor=desk, appointment_id=skipped.id, status='no-show')
    await sign_in(user, clinic.reception)
    await user.open(f'/patients/{clinic.patient.uid}?part=visits')
    await user.should_see('December 2026')
    marked = {element.text: element._markers[1] for element in user.find(marker='visit-day').elements}
    assert marked == {'7': 'attended', '8': 'missed', '9': 'upcoming'}  # the 7th: one attended, one missed
    assert [element.text for element in user.find(marker='upcoming-visit').elements] == [
        'Wed 09 Dec, 10:00-10:30 · Dr Kavita Mehta · Physiotherapy']
