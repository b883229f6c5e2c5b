"""The day at the desk (/today) and the printed token."""

from __future__ import annotations

from datetime import datetime

from nicegui.testing import User

from app.audit import audit
from app.services import appointments
from components.visit_card import VisitCard
from models.audit import AuditEvent
from models.scheduling import Appointment, AppointmentStatus
from tests.factories import sign_in
from tests.scheduling import small_clinic
from tests.waiting import eventually


def cards_of(user: User) -> list[VisitCard]:
    return [element for element in user.find(marker='visit').elements if isinstance(element, VisitCard)]


def card_of(user: User, uid: str) -> VisitCard:
    [card] = user.find(marker=f'visit {uid}').elements
    assert isinstance(card, VisitCard)
    return card


def tap(user: User, uid: str, key: str) -> None:
    """A tap on a visit's card as the browser sends it: the `act` event with the tap's key."""
    user.find(marker=f'visit {uid}').trigger('act', key)


def tokens_of(user: User) -> list[str]:
    return [card.face.token for card in cards_of(user) if card.face.token]


async def test_reception_works_through_the_day_in_one_tap_each(user: User) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    await appointments.book(actor=desk, booking=clinic.booking(hour=11, patient=clinic.other_patient))
    first = await appointments.book(actor=desk, booking=clinic.booking(hour=9))
    await appointments.book(actor=desk, booking=clinic.booking(day=8, hour=9))  # tomorrow: not on today's list
    await sign_in(user, clinic.reception)
    await user.open('/today')
    await user.should_see('2 appointments · 0 waiting · 0 done')
    meera, arjun = clinic.patient.uid, clinic.other_patient.uid
    tap(user, meera, 'arrived')
    await user.should_see('Meera Iyer: arrived, token T261207-001.')
    await user.should_see('2 appointments · 1 waiting · 0 done')
    assert tokens_of(user) == ['T261207-001']
    tap(user, meera, 'in-session')
    await user.should_see('Meera Iyer: in session.')
    tap(user, meera, 'completed')
    await user.should_see('2 appointments · 0 waiting · 1 done')
    # a finished visit offers to put a mistaken "Done" right, in words that say so, not "In session" again
    assert [(step.key, step.label, step.outlined) for step in card_of(user, meera).face.taps] == [
        ('in-session', 'Not done yet', True)]
    await user.should_see('Not done yet')
    tap(user, arjun, 'no-show')
    await user.should_see('Arjun Menon: no-show.')
    statuses = {row.patient_id: row.status for row in await Appointment.filter(starts_at__lt=first.ends.replace(
        hour=23)).all()}
    assert statuses[clinic.patient.id] is AppointmentStatus.COMPLETED
    assert statuses[clinic.other_patient.id] is AppointmentStatus.NO_SHOW


async def test_remarks_are_saved_from_the_desk(user: User) -> None:
    clinic = await small_clinic()
    row = await appointments.book(actor=await clinic.actor(clinic.reception), booking=clinic.booking(hour=9))
    await sign_in(user, clinic.reception)
    await user.open('/today')
    tap(user, clinic.patient.uid, 'remarks')
    await user.should_see('Remarks: Meera Iyer')
    user.find(marker='remarks').type('Came in a wheelchair')
    user.find('dialog-submit').click()
    await user.should_see('Remarks saved.')
    details = await appointments.appointment_details(actor=await clinic.actor(clinic.reception), appointment_id=row.id)
    assert details.remarks == 'Came in a wheelchair'


async def test_the_token_names_the_clinician_and_its_print_is_audited(user: User) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    row = await appointments.book(actor=desk, booking=clinic.booking(hour=9))
    await sign_in(user, clinic.reception)
    await user.open(f'/token/{row.id}')
    await user.should_see('A token is given when the patient arrives')
    await appointments.set_status(actor=desk, appointment_id=row.id, status='arrived')
    await user.open(f'/token/{row.id}')
    await user.should_see('T261207-001')
    await user.should_see('Dr Kavita Mehta · Physiotherapy')
    await user.should_see('Meera Iyer')
    await audit.flush()
    assert await AuditEvent.filter(action='print', entity_id=str(row.id), detail='Token T261207-001').exists()


async def test_a_doctor_sees_only_their_patients_until_they_switch(user: User) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    await appointments.book(actor=desk, booking=clinic.booking(hour=9))
    await appointments.book(actor=desk, booking=clinic.booking(hour=10, clinician=clinic.junior,
                                                               patient=clinic.other_patient))
    await sign_in(user, clinic.junior)
    await user.open('/today')
    await user.should_see('1 appointment · 0 waiting · 0 done')
    await user.should_see('Arjun Menon')
    user.find(marker='only-mine').click()
    await user.should_see('2 appointments · 0 waiting · 0 done')
    # a colleague's patient has no buttons for the junior doctor
    offered = {card._markers[1]: card.offered for card in cards_of(user)}
    assert offered == {clinic.patient.uid: frozenset(), clinic.other_patient.uid: {'arrived', 'no-show', 'remarks'}}


async def test_a_change_at_another_desk_rebuilds_only_that_visit(user: User) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    meera = await appointments.book(actor=desk, booking=clinic.booking(hour=9))
    arjun = await appointments.book(actor=desk, booking=clinic.booking(hour=11, patient=clinic.other_patient))
    await sign_in(user, clinic.reception)
    await user.open('/today')
    await user.should_see('2 appointments · 0 waiting · 0 done')

    listing = user.find(marker=f'visit {clinic.patient.uid}').elements.pop().parent_slot.parent

    def cards() -> list[tuple[str, int]]:
        """Each visit's card as the list holds them, in order: (patient UID, the card's element id)."""
        return [(next(marker for marker in card._markers if marker != 'visit'), card.id)
                for card in listing.default_slot.children if 'visit' in card._markers]

    before = dict(cards())
    await appointments.set_status(actor=desk, appointment_id=arjun.id, status='arrived')  # at another desk
    await user.should_see('2 appointments · 1 waiting · 0 done')
    after = dict(cards())
    assert after[clinic.patient.uid] == before[clinic.patient.uid]  # Meera's visit did not change: kept
    assert after[clinic.other_patient.uid] != before[clinic.other_patient.uid]  # Arjun's shows his arrival
    assert tokens_of(user) == ['T261207-001']
    kept = after[clinic.other_patient.uid]
    moved = await appointments.move(actor=desk, appointment_id=meera.id, starts=datetime(2026, 12, 7, 12))
    await eventually(lambda: [uid for uid, _ in cards()] == [clinic.other_patient.uid, clinic.patient.uid],
                     what='Meera moved after Arjun')
    assert dict(cards())[clinic.other_patient.uid] == kept  # Arjun's card only moved up
    await appointments.cancel(actor=desk, appointment_id=moved.id, reason='Unwell')
    await user.should_see('1 appointment · 1 waiting · 0 done')
    assert [card for card in cards() if card[0] == clinic.other_patient.uid] == [(clinic.other_patient.uid, kept)]


async def test_a_busy_day_is_shown_a_page_at_a_time_from_the_first_visit_still_to_be_seen(user: User) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    booked = []
    for slot in range(18):  # 09:00 to 17:30, the doctor's whole day, the two patients in turn
        patient = clinic.patient if slot % 2 == 0 else clinic.other_patient
        booked.append(await appointments.book(actor=desk, booking=clinic.booking(
            hour=9 + slot // 2, minute=30 * (slot % 2), patient=patient)))
    await Appointment.filter(id__in=[visit.id for visit in booked[:11]]).update(status=AppointmentStatus.COMPLETED)
    await sign_in(user, clinic.reception)
    await user.open('/today')
    await user.should_see('18 appointments · 0 waiting · 11 done · showing 11-18')  # the page of 14:30, the first left

    def times() -> list[str]:
        return [card.face.time for card in cards_of(user)]

    assert sorted(times()) == ['14:00', '14:30', '15:00', '15:30', '16:00', '16:30', '17:00', '17:30']
    [pager] = user.find(marker='today-pages').elements
    assert (pager.max, pager.value) == (2, 2)
    pager.set_value(1)
    await user.should_see('showing 1-10')
    await eventually(lambda: sorted(times())[:2] == ['09:00', '09:30'] and len(times()) == 10, what='the morning')
    await appointments.set_status(actor=desk, appointment_id=booked[15].id, status='arrived')  # at another desk
    await user.should_see('18 appointments · 1 waiting · 11 done · showing 1-10')  # the page turned to stays


async def test_a_tap_the_card_did_not_offer_changes_nothing(user: User) -> None:
    """A forged `act` event: a step the visit cannot take, or any tap on a colleague's visit (no taps offered)."""
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    mine = await appointments.book(actor=desk, booking=clinic.booking(hour=10, clinician=clinic.junior,
                                                                      patient=clinic.other_patient))
    colleagues = await appointments.book(actor=desk, booking=clinic.booking(hour=9))
    await sign_in(user, clinic.junior)
    await user.open('/today')
    user.find(marker='only-mine').click()
    await user.should_see('2 appointments · 0 waiting · 0 done')
    for uid, key in ((clinic.patient.uid, 'arrived'), (clinic.other_patient.uid, 'completed'),
                     (clinic.other_patient.uid, 'cancelled'), (clinic.other_patient.uid, ['arrived'])):
        tap(user, uid, key)  # type: ignore[arg-type]
    tap(user, clinic.other_patient.uid, 'arrived')  # offered: the one that counts
    await user.should_see('Arjun Menon: arrived, token T261207-001.')
    statuses = {row.id: row.status for row in await Appointment.filter(id__in=[mine.id, colleagues.id])}
    assert statuses == {mine.id: AppointmentStatus.ARRIVED, colleagues.id: AppointmentStatus.BOOKED}
