"""The calendar page as reception and clinicians use it: what it draws, booking, moving, refusals, live updates."""

from __future__ import annotations

from nicegui.testing import User

from app.audit import audit
from app.services import appointments, clinic_hours
from components.event_calendar import EventCalendar
from models.accounts import Role
from models.audit import AuditEvent
from models.scheduling import Appointment, AppointmentStatus
from tests.calendar_ui import calendar_of, open_day, shown_events
from tests.factories import actor_of, make_branch, make_user, sign_in
from tests.scheduling import SmallClinic, small_clinic
from tests.waiting import eventually


async def booked(clinic: SmallClinic, *, hour: int = 10) -> appointments.AppointmentRow:
    return await appointments.book(actor=await clinic.actor(clinic.reception), booking=clinic.booking(hour=hour))


async def test_the_day_has_a_column_per_clinician_and_the_booked_appointments(user: User) -> None:
    clinic = await small_clinic()
    await clinic_hours.set_opening_hours(actor=await actor_of(await make_user(Role.ADMIN, branch=clinic.branch)),
                                         branch_id=clinic.branch.id, week={0: '09:00-13:00, 16:00-20:00'})
    row = await booked(clinic)
    await sign_in(user, clinic.reception)
    await open_day(user)
    await eventually(lambda: shown_events(user))
    calendar = calendar_of(user)
    assert [resource['title'] for resource in calendar.props['resources']] == ['Dr Kavita Mehta', 'Dr Rohan Shah']
    [event] = shown_events(user)
    assert (event['id'], event['title'], event['start'], event['resourceIds'], event['editable']) == (
        str(row.id), 'Meera Iyer', '2026-12-07T10:00:00', [str(clinic.doctor.id)], True)
    grey = [event for event in calendar.props['events'] if event.get('display') == 'background']
    assert [(event['start'], event['end']) for event in grey] == [('2026-12-07T13:00:00', '2026-12-07T16:00:00')]


async def test_reception_books_a_tapped_slot(user: User) -> None:
    clinic = await small_clinic()
    await sign_in(user, clinic.reception)
    await open_day(user)
    await eventually(lambda: calendar_of(user).props['resources'])
    user.find(EventCalendar).trigger('dateClick', {'date': '2026-12-07T11:30:00', 'all_day': False,
                                                    'resource_id': str(clinic.junior.id)})
    await user.should_see('Book an appointment')
    user.find(marker='patient').type('meera')
    await user.should_see(marker='patient-match')
    user.find(marker='patient-match').click()
    await user.should_see(marker='chosen-patient')
    user.find('dialog-submit').click()
    await user.should_see('Booked: Meera Iyer, 11:30-12:00 with Dr Rohan Shah.')
    stored = await Appointment.get()
    assert (stored.clinician_id, stored.status) == (clinic.junior.id, AppointmentStatus.BOOKED)
    await eventually(lambda: [event['title'] for event in shown_events(user)] == ['Meera Iyer'])


async def test_a_booking_onto_a_taken_slot_says_who_is_in_the_way(user: User) -> None:
    clinic = await small_clinic()
    await booked(clinic)
    await sign_in(user, clinic.reception)
    await open_day(user)
    await eventually(lambda: shown_events(user))
    user.find(EventCalendar).trigger('dateClick', {'date': '2026-12-07T10:00:00', 'all_day': False,
                                                    'resource_id': str(clinic.doctor.id)})
    await user.should_see('Book an appointment')
    user.find(marker='patient').type('arjun')
    await user.should_see(marker='patient-match')
    user.find(marker='patient-match').click()
    user.find('dialog-submit').click()
    await user.should_see('Dr Kavita Mehta is already booked 10:00-10:30 on 07 Dec 2026.')
    assert await Appointment.all().count() == 1


async def test_a_drop_onto_a_clash_snaps_back_and_a_free_one_moves(user: User) -> None:
    clinic = await small_clinic()
    first = await booked(clinic, hour=10)
    await appointments.book(actor=await clinic.actor(clinic.reception),
                            booking=clinic.booking(hour=11, patient=clinic.other_patient))
    await sign_in(user, clinic.reception)
    await open_day(user)
    await eventually(lambda: len(shown_events(user)) == 2)
    user.find(EventCalendar).trigger('eventDrop', {
        'event_id': str(first.id), 'start': '2026-12-07T11:00:00', 'end': '2026-12-07T11:30:00',
        'old_start': '2026-12-07T10:00:00', 'old_end': '2026-12-07T10:30:00',
        'resource_id': str(clinic.doctor.id), 'old_resource_id': str(clinic.doctor.id)})
    await user.should_see('Dr Kavita Mehta is already booked 11:00-11:30 on 07 Dec 2026.')
    assert (await Appointment.get(id=first.id)).status is AppointmentStatus.BOOKED
    user.find(EventCalendar).trigger('eventDrop', {
        'event_id': str(first.id), 'start': '2026-12-07T15:00:00', 'end': '2026-12-07T15:30:00',
        'old_start': '2026-12-07T10:00:00', 'old_end': '2026-12-07T10:30:00',
        'resource_id': str(clinic.junior.id), 'old_resource_id': str(clinic.doctor.id)})
    await user.should_see('Moved: Meera Iyer, Mon 07 Dec 15:00-15:30 with Dr Rohan Shah.')
    moved = await Appointment.get(status=AppointmentStatus.BOOKED, patient_id=clinic.patient.id)
    assert (moved.clinician_id, moved.starts_at.hour) == (clinic.junior.id, 9)  # 15:00 in Mumbai is 09:30 UTC


async def test_a_tapped_appointment_opens_with_its_actions(user: User) -> None:
    clinic = await small_clinic()
    row = await booked(clinic)
    await sign_in(user, clinic.reception)
    await open_day(user)
    await eventually(lambda: shown_events(user))
    user.find(EventCalendar).trigger('eventClick', {'event_id': str(row.id), 'start': '2026-12-07T10:00:00',
                                                     'end': '2026-12-07T10:30:00', 'resource_ids': [],
                                                     'all_day': False})
    await user.should_see('Mon 07 Dec 2026, 10:00-10:30 (30 min)')
    user.find(marker='mark-arrived').click()
    await user.should_see('Meera Iyer: arrived.')
    assert (await Appointment.get(id=row.id)).status is AppointmentStatus.ARRIVED


async def test_a_junior_doctor_opens_on_their_own_column_and_cannot_move_a_colleagues(user: User) -> None:
    clinic = await small_clinic()
    await booked(clinic)
    await appointments.book(actor=await clinic.actor(clinic.reception),
                            booking=clinic.booking(hour=12, clinician=clinic.junior, patient=clinic.other_patient))
    await sign_in(user, clinic.junior)
    await open_day(user)
    await eventually(lambda: shown_events(user))
    assert [resource['title'] for resource in calendar_of(user).props['resources']] == ['Dr Rohan Shah']
    assert [(event['title'], event['editable']) for event in shown_events(user)] == [('Arjun Menon', True)]
    user.find(marker='clinician-filter').click()
    user.find('All clinicians').click()
    await eventually(lambda: len(shown_events(user)) == 2)
    assert {event['title']: event['editable'] for event in shown_events(user)} == {'Meera Iyer': False,
                                                                                  'Arjun Menon': True}


async def test_a_booking_at_another_desk_appears_without_a_reload(user: User) -> None:
    clinic = await small_clinic()
    await sign_in(user, clinic.reception)
    await open_day(user)
    await eventually(lambda: calendar_of(user).props['resources'])
    assert shown_events(user) == []
    await audit.flush()
    views = await AuditEvent.filter(entity_type='appointment', action='view',
                                    username=clinic.reception.username).count()
    filters = {element.id for element in user.find(marker='clinician-filter').elements}
    await appointments.book(actor=await clinic.actor(clinic.doctor), booking=clinic.booking(hour=16))
    await eventually(lambda: [event['start'] for event in shown_events(user)] == ['2026-12-07T16:00:00'])
    # the choices did not change, so the filters are the ones already drawn (not built again for every change)
    assert {element.id for element in user.find(marker='clinician-filter').elements} == filters
    await audit.flush()  # drawn again for a change elsewhere: not a new look at the calendar, so no new read event
    assert await AuditEvent.filter(entity_type='appointment', action='view',
                                   username=clinic.reception.username).count() == views


async def test_the_view_is_audited_and_a_day_in_the_address_opens(user: User) -> None:
    clinic = await small_clinic()
    await booked(clinic)
    await sign_in(user, clinic.reception)
    await open_day(user)
    await eventually(lambda: shown_events(user))
    assert calendar_of(user).props['options']['date'] == '2026-12-07'
    await audit.flush()
    event = await AuditEvent.filter(entity_type='appointment', action='view').first()
    assert event is not None and 'Calendar of Andheri, 07 Dec 2026 to 07 Dec 2026: 1 appointment' in event.detail


async def test_the_superadmin_chooses_the_branch(user: User) -> None:
    clinic = await small_clinic()
    await booked(clinic)
    other = await make_branch('Bandra')
    bandra_doctor = await make_user(Role.DOCTOR, branch=other, full_name='Dr Sameer Joshi')
    superadmin = await make_user(Role.SUPERADMIN, branch=clinic.branch)
    await sign_in(user, superadmin)
    await open_day(user)
    await eventually(lambda: shown_events(user))
    user.find(marker='branch-filter').click()
    user.find('Bandra').click()
    await eventually(lambda: [resource['title'] for resource in calendar_of(user).props['resources']]
                     == ['Dr Sameer Joshi'])
    assert shown_events(user) == []
    assert bandra_doctor.branch_id == other.id
