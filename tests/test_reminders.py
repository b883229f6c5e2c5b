"""Reminders: tomorrow's appointments with a filled-in message, links for the clinic's phone, and a reminded tick."""

from __future__ import annotations

from datetime import date
from urllib.parse import unquote

from nicegui.testing import User

from app.audit import audit
from app.services import appointments, reminders
from models.audit import AuditEvent
from models.scheduling import Appointment
from tests.factories import sign_in
from tests.scheduling import small_clinic


async def test_tomorrows_reminders_carry_the_message_and_the_phone_links(db: None) -> None:
    clinic = await small_clinic()
    clinic.branch.phone = '022 2620 1234'
    await clinic.branch.save()
    desk = await clinic.actor(clinic.reception)
    await appointments.book(actor=desk, booking=clinic.booking(day=8, hour=10))
    cancelled = await appointments.book(actor=desk, booking=clinic.booking(day=8, hour=11,
                                                                           patient=clinic.other_patient))
    await appointments.cancel(actor=desk, appointment_id=cancelled.id, reason='Called off')
    await appointments.book(actor=desk, booking=clinic.booking(day=9, hour=10))  # the day after: not tomorrow
    day, rows = await reminders.reminders_for(actor=desk)
    assert day == date(2026, 12, 8)
    [row] = rows
    assert row.message == ('Dear Meera Iyer, a reminder of your physiotherapy appointment with Dr Kavita Mehta at '
                           'ProSpine Clinic, Andheri on Tue 08 Dec at 10:00. Please reply to confirm. To change it, '
                           'call 022 2620 1234.')
    assert row.whatsapp_url.startswith('https://wa.me/919876543210?text=Dear%20Meera%20Iyer')
    assert unquote(row.sms_url) == f'sms:+919876543210?body={row.message}'
    assert not row.reminded


async def test_every_session_of_a_series_is_reminded_and_the_tick_is_audited(user: User) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    booked = await appointments.book(actor=desk, booking=clinic.booking(day=8, hour=10))
    await sign_in(user, clinic.reception)
    await user.open('/reminders')
    await user.should_see('Reminders for 08 Dec 2026')
    await user.should_see('1 appointment · 0 reminded · 1 to go')
    user.find(marker=f'reminded {clinic.patient.uid}').click()
    await user.should_see('1 appointment · 1 reminded · 0 to go')
    assert (await Appointment.get(id=booked.id)).reminded_at is not None
    await audit.flush()
    assert await AuditEvent.filter(entity_id=str(booked.id), detail='Reminded').exists()
