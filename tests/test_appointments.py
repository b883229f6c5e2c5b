"""Booking, moving, cancelling and marking appointments: the rules, the roles, time zones and the trail."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from app.audit import audit
from app.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from app.services import appointments, clinic_hours
from models.accounts import Role
from models.audit import AuditEvent
from models.scheduling import Appointment, AppointmentStatus
from tests.factories import actor_of, make_branch, make_user
from tests.scheduling import small_clinic


async def test_a_booking_is_stored_in_utc_and_shown_on_the_branch_clock(db: None) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    row = await appointments.book(actor=desk, booking=clinic.booking(hour=10, notes='Bring the MRI'))
    stored = await Appointment.get(id=row.id)
    assert stored.starts_at == datetime(2026, 12, 7, 4, 30, tzinfo=UTC)  # 10:00 in Mumbai
    assert (row.starts, row.ends, row.status) == (datetime(2026, 12, 7, 10), datetime(2026, 12, 7, 10, 30),
                                                  AppointmentStatus.BOOKED)
    assert stored.notes == 'Bring the MRI'
    raw = await Appointment.filter(id=row.id).values_list('notes', flat=True)
    assert 'MRI' not in raw[0]  # encrypted at rest


async def test_the_branch_slot_length_is_the_default(db: None) -> None:
    clinic = await small_clinic()
    clinic.branch.slot_minutes = 45
    await clinic.branch.save()
    row = await appointments.book(actor=await clinic.actor(clinic.reception), booking=clinic.booking(minutes=None))
    assert row.minutes == 45


async def test_a_clinician_is_never_booked_twice_at_once(db: None) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    await appointments.book(actor=desk, booking=clinic.booking(hour=10))
    with pytest.raises(DomainError, match='Dr Kavita Mehta is already booked 10:00-10:30 on 07 Dec 2026'):
        await appointments.book(actor=desk, booking=clinic.booking(hour=10, minute=15, patient=clinic.other_patient))
    # back to back is fine, and so is another clinician at the same time
    await appointments.book(actor=desk, booking=clinic.booking(hour=10, minute=30, patient=clinic.other_patient))
    await appointments.book(actor=desk, booking=clinic.booking(hour=11, clinician=clinic.junior))
    assert await Appointment.filter(status=AppointmentStatus.BOOKED).count() == 3


async def test_a_patient_never_has_two_overlapping_appointments(db: None) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    await appointments.book(actor=desk, booking=clinic.booking(hour=10, minutes=60))
    with pytest.raises(DomainError, match=r'Meera Iyer already has an appointment 10:00-11:00 .* with Dr Kavita Mehta'):
        await appointments.book(actor=desk, booking=clinic.booking(hour=10, minute=30, clinician=clinic.junior))


async def test_cancelled_and_no_show_appointments_free_their_time(db: None) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    first = await appointments.book(actor=desk, booking=clinic.booking(hour=10))
    await appointments.cancel(actor=desk, appointment_id=first.id, reason='Patient called: unwell')
    second = await appointments.book(actor=desk, booking=clinic.booking(hour=10, patient=clinic.other_patient))
    await appointments.set_status(actor=desk, appointment_id=second.id, status='no-show')
    await appointments.book(actor=desk, booking=clinic.booking(hour=10))
    # the no-show cannot come back on while someone else holds the time
    with pytest.raises(DomainError, match='already booked'):
        await appointments.set_status(actor=desk, appointment_id=second.id, status='arrived')
    cancelled = await Appointment.get(id=first.id)
    assert (cancelled.status, cancelled.cancel_reason) == (AppointmentStatus.CANCELLED, 'Patient called: unwell')


async def test_opening_hours_are_kept(db: None) -> None:
    clinic = await small_clinic()
    admin = await actor_of(await make_user(Role.ADMIN, branch=clinic.branch))
    desk = await clinic.actor(clinic.reception)
    await clinic_hours.set_opening_hours(actor=admin, branch_id=clinic.branch.id,
                                         week={0: '09:00-13:00, 16:00-20:00', 1: '9-13', 5: '10:00-14:00'})
    with pytest.raises(DomainError, match='Andheri is open 09:00-13:00 and 16:00-20:00 on Mondays: '
                                          '13:30-14:00 is outside those hours'):
        await appointments.book(actor=desk, booking=clinic.booking(hour=13, minute=30))
    with pytest.raises(DomainError, match=r'open 09:00-13:00 .*12:45-13:15 is outside'):
        await appointments.book(actor=desk, booking=clinic.booking(hour=12, minute=45))  # runs into the break
    with pytest.raises(DomainError, match='Andheri is closed on Wednesdays'):
        await appointments.book(actor=desk, booking=clinic.booking(day=9))
    await appointments.book(actor=desk, booking=clinic.booking(hour=16))
    assert await Appointment.all().count() == 1


async def test_usual_hours_until_an_admin_saves_some(db: None) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    with pytest.raises(DomainError, match='Andheri is closed on Sundays'):
        await appointments.book(actor=desk, booking=clinic.booking(day=13))
    with pytest.raises(DomainError, match='open 09:00-20:00 on Mondays'):
        await appointments.book(actor=desk, booking=clinic.booking(hour=8))
    await appointments.book(actor=desk, booking=clinic.booking(hour=19, minute=30))


async def test_a_clinicians_working_hours_and_leave_are_kept(db: None) -> None:
    clinic = await small_clinic()
    admin = await actor_of(await make_user(Role.ADMIN, branch=clinic.branch))
    desk = await clinic.actor(clinic.reception)
    await clinic_hours.set_working_hours(actor=admin, clinician_id=clinic.junior.id,
                                         week={0: '14:00-20:00', 1: '09:00-13:00'})
    with pytest.raises(DomainError, match='Dr Rohan Shah works 14:00-20:00 on Mondays'):
        await appointments.book(actor=desk, booking=clinic.booking(hour=10, clinician=clinic.junior))
    with pytest.raises(DomainError, match='Dr Rohan Shah does not work on Wednesdays'):
        await appointments.book(actor=desk, booking=clinic.booking(day=9, clinician=clinic.junior))
    await clinic_hours.add_closure(actor=admin, branch_id=None, clinician_id=clinic.doctor.id,
                                   first_day=date(2026, 12, 8), last_day=date(2026, 12, 10), reason='Conference')
    with pytest.raises(DomainError, match='Dr Kavita Mehta is on leave on 09 Dec 2026'):
        await appointments.book(actor=desk, booking=clinic.booking(day=9))
    await appointments.book(actor=desk, booking=clinic.booking(day=11))  # back on Friday


async def test_holidays_close_every_branch_and_a_closure_one(db: None) -> None:
    clinic = await small_clinic()
    other = await make_branch('Bandra')
    superadmin = await actor_of(await make_user(Role.SUPERADMIN, branch=clinic.branch))
    admin = await actor_of(await make_user(Role.ADMIN, branch=clinic.branch))
    desk = await clinic.actor(clinic.reception)
    with pytest.raises(PermissionDenied, match='Only the superadmin'):
        await clinic_hours.add_closure(actor=admin, branch_id=None, first_day=date(2026, 12, 25), last_day=None,
                                       reason='Christmas')
    await clinic_hours.add_closure(actor=superadmin, branch_id=None, first_day=date(2026, 12, 25), last_day=None,
                                   reason='Christmas')
    await clinic_hours.add_closure(actor=admin, branch_id=clinic.branch.id, first_day=date(2026, 12, 8),
                                   last_day=None, reason='Painting')
    with pytest.raises(DomainError, match=r'The clinic is closed on 25 Dec 2026 \(Christmas\)'):
        await appointments.book(actor=desk, booking=clinic.booking(day=25))
    with pytest.raises(DomainError, match=r'closed on 08 Dec 2026 \(Painting\)'):
        await appointments.book(actor=desk, booking=clinic.booking(day=8))
    listed = await clinic_hours.list_closures(actor=admin, branch_id=clinic.branch.id, from_day=date(2026, 12, 1))
    assert [(row.reason, row.branch) for row in listed] == [('Painting', 'Andheri'), ('Christmas', 'Every branch')]
    with pytest.raises(NotFound):  # an admin of another branch sees none of it
        await clinic_hours.list_closures(actor=await actor_of(await make_user(Role.ADMIN, branch=other)),
                                         branch_id=clinic.branch.id, from_day=date(2026, 12, 1))


@pytest.mark.parametrize(('week', 'message'), [
    ({0: '9-25'}, 'Monday: A time of day runs from 00:00 to 23:59'),
    ({0: '13:00-09:00'}, 'Monday: 13:00-09:00: the end must come after the start'),
    ({2: '09:00-13:00, 12:00-14:00'}, 'Wednesday: 09:00-13:00 and 12:00-14:00 overlap'),
    ({4: 'mornings'}, 'Friday: Type the hours as from-to'),
    ({1: 'closed'}, 'A branch open on no day cannot take bookings'),
    ({0: 1}, 'Monday: Type the hours as from-to'),  # not text: found by the service fuzz
])
async def test_bad_hours_save_nothing(db: None, week: dict[int, str], message: str) -> None:
    clinic = await small_clinic()
    admin = await actor_of(await make_user(Role.ADMIN, branch=clinic.branch))
    before = await clinic_hours.opening_hours(actor=admin, branch_id=clinic.branch.id)
    with pytest.raises(ValidationFailed) as refused:
        await clinic_hours.set_opening_hours(actor=admin, branch_id=clinic.branch.id, week={1: '09:00-17:00', **week})
    assert any(text.startswith(message) for text in refused.value.field_errors.values()), refused.value.field_errors
    assert await clinic_hours.opening_hours(actor=admin, branch_id=clinic.branch.id) == before


async def test_a_move_keeps_where_the_appointment_was(db: None) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    first = await appointments.book(actor=desk, booking=clinic.booking(hour=10))
    moved = await appointments.move(actor=desk, appointment_id=first.id, starts=datetime(2026, 12, 8, 11, 30),
                                    clinician_id=clinic.junior.id)
    assert (moved.starts, moved.clinician, moved.minutes) == (datetime(2026, 12, 8, 11, 30), 'Dr Rohan Shah', 30)
    old = await Appointment.get(id=first.id)
    assert (old.status, old.rescheduled_to_id) == (AppointmentStatus.RESCHEDULED, moved.id)
    # the old time is free again
    await appointments.book(actor=desk, booking=clinic.booking(hour=10, patient=clinic.other_patient))


async def test_a_move_onto_a_clash_changes_nothing(db: None) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    first = await appointments.book(actor=desk, booking=clinic.booking(hour=10))
    await appointments.book(actor=desk, booking=clinic.booking(hour=11, patient=clinic.other_patient))
    with pytest.raises(DomainError, match='already booked 11:00-11:30'):
        await appointments.move(actor=desk, appointment_id=first.id, starts=datetime(2026, 12, 7, 11, 15))
    assert (await Appointment.get(id=first.id)).status is AppointmentStatus.BOOKED
    assert await Appointment.all().count() == 2


async def test_arrived_and_completed_appointments_do_not_move(db: None) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    row = await appointments.book(actor=desk, booking=clinic.booking(hour=10))
    await appointments.set_status(actor=desk, appointment_id=row.id, status='arrived')
    with pytest.raises(DomainError, match='An arrived appointment cannot be moved'):
        await appointments.move(actor=desk, appointment_id=row.id, starts=datetime(2026, 12, 7, 12))
    with pytest.raises(DomainError, match='An arrived appointment cannot be cancelled'):
        await appointments.cancel(actor=desk, appointment_id=row.id, reason='x')
    for status in ('in-session', 'completed'):
        row = await appointments.set_status(actor=desk, appointment_id=row.id, status=status)
    with pytest.raises(DomainError, match='A completed appointment cannot be marked no-show'):
        await appointments.set_status(actor=desk, appointment_id=row.id, status='no-show')


async def test_bad_bookings_get_a_message_per_field(db: None) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    booking = replace(clinic.booking(), patient_id=None, clinician_id=clinic.reception.id, service='yoga',
                      minutes='600', starts=None)
    with pytest.raises(ValidationFailed) as refused:
        await appointments.book(actor=desk, booking=booking)
    assert refused.value.field_errors == {
        'service': 'Choose the service from the list.', 'patient': 'Find and choose the patient.',
        'clinician': 'Priya Nair does not see patients: choose a clinician.',
        'minutes': 'An appointment lasts 5 to 480 minutes.', 'starts': 'Choose the day and time.'}
    with pytest.raises(DomainError, match='That day has passed'):
        await appointments.book(actor=desk, booking=clinic.booking(day=6))
    with pytest.raises(ValidationFailed):
        await appointments.cancel(actor=desk, appointment_id=(await appointments.book(
            actor=desk, booking=clinic.booking())).id, reason='  ')
    assert await Appointment.filter(status=AppointmentStatus.BOOKED).count() == 1


async def test_doctors_change_only_their_own_appointments(db: None) -> None:
    clinic = await small_clinic()
    doctor, junior = await clinic.actor(clinic.doctor), await clinic.actor(clinic.junior)
    own = await appointments.book(actor=junior, booking=clinic.booking(clinician=clinic.junior))
    with pytest.raises(PermissionDenied, match='only your own appointments'):
        await appointments.book(actor=junior, booking=clinic.booking(hour=12, patient=clinic.other_patient))
    with pytest.raises(PermissionDenied):
        await appointments.move(actor=doctor, appointment_id=own.id, starts=datetime(2026, 12, 7, 15))
    with pytest.raises(PermissionDenied):  # nor hand their own to a colleague
        await appointments.move(actor=junior, appointment_id=own.id, starts=datetime(2026, 12, 7, 15),
                                clinician_id=clinic.doctor.id)
    await appointments.move(actor=junior, appointment_id=own.id, starts=datetime(2026, 12, 7, 15))
    details = await appointments.appointment_details(actor=doctor, appointment_id=(await Appointment.get(
        status=AppointmentStatus.BOOKED)).id)
    assert (details.may_change, details.next_statuses) == (False, ())


async def test_another_branch_sees_nothing(db: None) -> None:
    clinic = await small_clinic()
    row = await appointments.book(actor=await clinic.actor(clinic.reception), booking=clinic.booking())
    stranger = await actor_of(await make_user(Role.RECEPTION, branch=await make_branch('Bandra')))
    with pytest.raises(NotFound):
        await appointments.appointment_details(actor=stranger, appointment_id=row.id)
    with pytest.raises(NotFound):
        await appointments.cancel(actor=stranger, appointment_id=row.id, reason='mine now')
    with pytest.raises(NotFound):
        await appointments.calendar_range(actor=stranger, branch_id=clinic.branch.id, first_day=date(2026, 12, 7),
                                          last_day=date(2026, 12, 7))


async def test_every_change_and_every_refusal_is_in_the_trail(db: None) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    row = await appointments.book(actor=desk, booking=clinic.booking(notes='Neck pain since Monday'))
    with pytest.raises(DomainError):
        await appointments.book(actor=desk, booking=clinic.booking(patient=clinic.other_patient))
    moved = await appointments.move(actor=desk, appointment_id=row.id, starts=datetime(2026, 12, 7, 12))
    await appointments.set_status(actor=desk, appointment_id=moved.id, status='confirmed')
    await appointments.cancel(actor=desk, appointment_id=moved.id, reason='Travelling')
    with pytest.raises(PermissionDenied):
        await appointments.cancel(actor=await clinic.actor(clinic.junior), appointment_id=moved.id, reason='x')
    await audit.flush()
    events = await AuditEvent.filter(entity_type='appointment').order_by('seq')
    assert [(event.action, event.outcome) for event in events] == [
        ('create', 'success'), ('create', 'failed'), ('update', 'success'), ('update', 'success'),
        ('update', 'success'), ('permission-denied', 'denied')]
    assert 'Dr Kavita Mehta is already booked 10:00-10:30' in events[1].detail
    assert all('Neck pain' not in f'{event.detail}{event.changes}' for event in events)
    assert events[0].patient_id == clinic.patient.uid


async def test_a_branch_with_daylight_saving(db: None) -> None:
    """A branch in London: 10:00 is 10:00 UTC in winter and 09:00 UTC in summer; the skipped hour is refused."""
    clinic = await small_clinic(time_zone='Europe/London', freeze=False)
    from app.clock import clock
    clock.freeze(datetime(2027, 3, 1, 8, tzinfo=UTC))
    desk = await clinic.actor(clinic.reception)
    winter = await appointments.book(actor=desk, booking=replace(clinic.booking(), starts=datetime(2027, 3, 22, 10)))
    summer = await appointments.book(actor=desk, booking=replace(clinic.booking(), starts=datetime(2027, 3, 29, 10)))
    stored = {row.id: row.starts_at for row in await Appointment.all()}
    assert stored[winter.id] == datetime(2027, 3, 22, 10, tzinfo=UTC)
    assert stored[summer.id] == datetime(2027, 3, 29, 9, tzinfo=UTC)
    assert (winter.starts.hour, summer.starts.hour) == (10, 10)
    await clinic_hours.set_opening_hours(actor=await actor_of(await make_user(Role.ADMIN, branch=clinic.branch)),
                                         branch_id=clinic.branch.id, week={6: '00:30-03:00'})
    with pytest.raises(DomainError, match='01:30 does not exist on 28 Mar 2027: the clocks go forward'):
        await appointments.book(actor=desk, booking=replace(clinic.booking(), starts=datetime(2027, 3, 28, 1, 30)))


async def test_the_calendar_range_holds_the_days_asked_for(db: None) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    await appointments.book(actor=desk, booking=clinic.booking(day=7))
    await appointments.book(actor=desk, booking=clinic.booking(day=8, clinician=clinic.junior))
    cancelled = await appointments.book(actor=desk, booking=clinic.booking(day=9, patient=clinic.other_patient))
    await appointments.cancel(actor=desk, appointment_id=cancelled.id, reason='Called off')
    await appointments.book(actor=desk, booking=clinic.booking(day=14))
    week = await appointments.calendar_range(actor=desk, first_day=date(2026, 12, 7), last_day=date(2026, 12, 13))
    assert [(row.starts.day, row.clinician) for row in week.appointments] == [(7, 'Dr Kavita Mehta'),
                                                                             (8, 'Dr Rohan Shah')]
    assert [clinician.name for clinician in week.clinicians] == ['Dr Kavita Mehta', 'Dr Rohan Shah']
    only_junior = await appointments.calendar_range(actor=desk, first_day=date(2026, 12, 7),
                                                    last_day=date(2026, 12, 13), clinician_id=clinic.junior.id)
    assert len(only_junior.appointments) == 1


async def test_a_live_redraws_read_is_shared_until_the_next_change(db: None) -> None:
    clinic = await small_clinic()
    desk, doctor = await clinic.actor(clinic.reception), await clinic.actor(clinic.doctor)
    await appointments.book(actor=desk, booking=clinic.booking(hour=9))
    day = {'first_day': date(2026, 12, 7), 'last_day': date(2026, 12, 7)}
    opened = await appointments.calendar_range(actor=desk, **day)
    assert await appointments.calendar_range(actor=desk, **day) is not opened  # an opening read is never shared
    followed = await appointments.calendar_range(actor=desk, audited=False, **day)
    assert await appointments.calendar_range(actor=doctor, audited=False, **day) is followed  # the next desk
    mine = await appointments.calendar_range(actor=doctor, audited=False, clinician_id=clinic.doctor.id, **day)
    assert mine is not followed  # another filter: its own read
    await appointments.book(actor=desk, booking=clinic.booking(hour=11, patient=clinic.other_patient))
    after = await appointments.calendar_range(actor=doctor, audited=False, **day)
    assert after is not followed and len(after.appointments) == 2  # a change was heard: read again
    appointments._shared_reads[next(iter(appointments._shared_reads))] = (
        appointments.hub.heard, 0.0, after)  # read long ago: too old to share
    assert await appointments.calendar_range(actor=doctor, audited=False, **day) is not after


async def test_fifty_desks_at_once_get_one_booking(db: None) -> None:
    """In one process: 50 simultaneous attempts at one slot, 20 rounds: one booking each, a message for the rest."""
    clinic = await small_clinic()
    desks = [await clinic.actor(clinic.reception), await clinic.actor(clinic.doctor)]
    patients = [clinic.patient, clinic.other_patient]
    for round_number in range(20):
        hour, minute = divmod(9 * 60 + 30 * round_number, 60)
        attempts = [appointments.book(actor=desks[attempt % 2], booking=clinic.booking(
            hour=hour, minute=minute, patient=patients[attempt % 2])) for attempt in range(50)]
        results = await asyncio.gather(*attempts, return_exceptions=True)
        booked = [result for result in results if isinstance(result, appointments.AppointmentRow)]
        refused = [result for result in results if isinstance(result, DomainError)]
        assert (len(booked), len(refused)) == (1, 49), [r for r in results if not isinstance(r, DomainError)]
        assert all('already' in refusal.message for refusal in refused)
    assert await Appointment.all().count() == 20


async def test_arrival_hands_out_the_days_tokens_in_order(db: None) -> None:
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    first = await appointments.book(actor=desk, booking=clinic.booking(hour=10))
    second = await appointments.book(actor=desk, booking=clinic.booking(hour=9, patient=clinic.other_patient))
    tomorrow = await appointments.book(actor=desk, booking=clinic.booking(day=8, hour=9))
    later = await appointments.set_status(actor=desk, appointment_id=second.id, status='arrived')
    sooner = await appointments.set_status(actor=desk, appointment_id=first.id, status='arrived',
                                           remarks='Walked in with a stick')
    next_day = await appointments.set_status(actor=desk, appointment_id=tomorrow.id, status='arrived')
    assert (later.token, sooner.token, next_day.token) == ('T261207-001', 'T261207-002', 'T261208-001')
    # back to booked and arrived again keeps the number it was given
    await appointments.set_status(actor=desk, appointment_id=first.id, status='booked')
    again = await appointments.set_status(actor=desk, appointment_id=first.id, status='arrived')
    assert again.token == 'T261207-002'
    details = await appointments.appointment_details(actor=desk, appointment_id=first.id)
    assert details.remarks == 'Walked in with a stick'
    raw = await Appointment.filter(id=first.id).values_list('remarks', flat=True)
    assert 'stick' not in raw[0]
