"""The waitlist: who a freed slot suits, most urgent first, and booking from it."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from nicegui.testing import User

from app.errors import ValidationFailed
from app.services import appointments, waitlist
from app.services.waitlist import WaitlistInput
from components.event_calendar import EventCalendar
from models.scheduling import WaitlistEntry, WaitlistStatus
from tests.calendar_ui import open_day
from tests.factories import make_patient, sign_in
from tests.scheduling import small_clinic
from tests.waiting import eventually


def entry(patient_id: object, **fields: object) -> WaitlistInput:
    return WaitlistInput(**{'patient_id': patient_id, 'service': 'physiotherapy', 'weekdays': (0, 1, 2, 3, 4),
                            'earliest': '09:00', 'latest': '13:00', **fields})  # type: ignore[arg-type]


async def test_a_freed_slot_lists_who_it_suits_most_urgent_first(db: None) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    soon = await make_patient(full_name='Ravi Soon')
    urgent = await make_patient(full_name='Uma Urgent')
    evenings = await make_patient(full_name='Esha Evenings')
    other_doctor = await make_patient(full_name='Om Otherdoctor')
    await waitlist.add_to_waitlist(actor=desk, entry=entry(soon.id, urgency=2))
    await waitlist.add_to_waitlist(actor=desk, entry=entry(urgent.id, urgency=1))
    await waitlist.add_to_waitlist(actor=desk, entry=entry(evenings.id, earliest='17:00', latest='20:00'))
    await waitlist.add_to_waitlist(actor=desk, entry=entry(other_doctor.id, clinician_id=clinic.junior.id))
    await waitlist.add_to_waitlist(actor=desk, entry=entry(clinic.patient.id, urgency=1))
    await appointments.book(actor=desk, booking=clinic.booking(hour=10, clinician=clinic.junior))  # Meera is busy
    fits = await waitlist.who_fits(actor=desk, clinician_id=clinic.doctor.id, starts=datetime(2026, 12, 7, 10),
                                   minutes=30)
    assert [row.patient_name for row in fits] == ['Uma Urgent', 'Ravi Soon']
    saturday = await waitlist.who_fits(actor=desk, clinician_id=clinic.doctor.id, starts=datetime(2026, 12, 12, 10),
                                       minutes=30)
    assert saturday == []


async def test_booking_from_the_waitlist_takes_the_entry_off_it(db: None) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    row = await waitlist.add_to_waitlist(actor=desk, entry=entry(clinic.patient.id))
    booked = await waitlist.book_from_waitlist(actor=desk, entry_id=row.id, clinician_id=clinic.doctor.id,
                                               starts=datetime(2026, 12, 7, 11), minutes=30)
    assert (booked.patient_name, booked.time_text) == ('Meera Iyer', '11:00-11:30')
    stored = await WaitlistEntry.get(id=row.id)
    assert (stored.status, stored.appointment_id) == (WaitlistStatus.BOOKED, booked.id)
    assert await waitlist.waiting_list(actor=desk) == []


async def test_a_bad_waitlist_entry_saves_nothing(db: None) -> None:
    clinic = await small_clinic()
    with pytest.raises(ValidationFailed) as refused:
        await waitlist.add_to_waitlist(actor=await clinic.actor(clinic.reception), entry=entry(
            None, weekdays=(), earliest='13:00', latest='09:00', urgency=7, last_day=date(2020, 1, 1)))
    assert set(refused.value.field_errors) == {'patient', 'weekdays', 'latest', 'urgency', 'last_day'}
    assert not await WaitlistEntry.exists()


async def test_the_booking_dialog_offers_the_slot_to_the_waitlist(user: User) -> None:
    clinic = await small_clinic()
    await waitlist.add_to_waitlist(actor=await clinic.actor(clinic.reception), entry=entry(clinic.patient.id,
                                                                                           urgency=1))
    await sign_in(user, clinic.reception)
    await open_day(user)
    await eventually(lambda: next(iter(user.find(EventCalendar).elements)).props['resources'])
    user.find(EventCalendar).trigger('dateClick', {'date': '2026-12-07T10:30:00', 'all_day': False,
                                                    'resource_id': str(clinic.doctor.id)})
    await user.should_see('On the waitlist and free then:')
    user.find(marker=f'book-waiting {clinic.patient.uid}').click()
    await user.should_see('Booked from the waitlist: Meera Iyer, 10:30-11:00.')
    assert (await WaitlistEntry.get()).status is WaitlistStatus.BOOKED
