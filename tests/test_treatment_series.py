"""A treatment plan's sessions as a series: skipping days off, listing clashes with free times, moving later ones."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from nicegui.testing import User

from app.errors import DomainError, ValidationFailed
from app.services import appointments, clinic_hours, treatment_plans
from app.services.treatment_plans import PlanInput
from app.services.treatment_series import SeriesInput, create_series, move_later_sessions
from models.accounts import Role
from models.scheduling import Appointment, AppointmentStatus
from tests.factories import actor_of, make_user, sign_in
from tests.scheduling import SmallClinic, small_clinic


async def plan_of(clinic: SmallClinic, *, days: int = 21) -> treatment_plans.PlanRow:
    return await treatment_plans.create_plan(
        actor=await clinic.actor(clinic.doctor), patient_id=clinic.patient.id,
        details=PlanInput(service='physiotherapy', plan_type='daily', days=days, start_date=date(2026, 12, 7),
                          cost_per_day='600', session_start='10:00', session_minutes=45,
                          clinician_id=clinic.doctor.id))


async def test_a_series_books_its_sessions_skipping_sundays_holidays_and_leave(db: None) -> None:
    clinic = await small_clinic()
    plan = await plan_of(clinic, days=10)
    superadmin = await actor_of(await make_user(Role.SUPERADMIN, branch=clinic.branch))
    await clinic_hours.add_closure(actor=superadmin, branch_id=None, first_day=date(2026, 12, 10), last_day=None,
                                   reason='Clinic holiday')
    await clinic_hours.add_closure(actor=superadmin, branch_id=None, clinician_id=clinic.doctor.id,
                                   first_day=date(2026, 12, 14), last_day=date(2026, 12, 15), reason='Conference')
    result = await create_series(actor=await clinic.actor(clinic.reception),
                                 series=SeriesInput(plan_id=plan.id, first_day=date(2026, 12, 7), start=''))
    days = [row.starts.day for row in result.booked]
    # Mon 7 to Mon 21 December, Mondays to Saturdays: the 10th (a holiday) and the doctor's leave are passed over
    assert days == [7, 8, 9, 11, 12, 16, 17, 18, 19, 21]
    assert {(row.starts.hour, row.minutes, row.clinician) for row in result.booked} == {(10, 45, 'Dr Kavita Mehta')}
    assert [row.session_number for row in result.booked] == list(range(1, 11))
    assert [(day.day, why) for day, why in result.passed_over] == [(10, 'Clinic holiday'), (14, 'Leave'),
                                                                   (15, 'Leave')]
    assert result.unplaced == []
    assert await Appointment.filter(plan_id=plan.id).count() == 10


async def test_a_series_never_books_over_a_clash_and_offers_the_nearest_free_times(db: None) -> None:
    clinic = await small_clinic()
    plan = await plan_of(clinic, days=3)
    desk = await clinic.actor(clinic.reception)
    taken = await appointments.book(actor=desk, booking=clinic.booking(day=8, hour=10, patient=clinic.other_patient))
    result = await create_series(actor=desk, series=SeriesInput(plan_id=plan.id, first_day=date(2026, 12, 7),
                                                                start='10:00', minutes=45))
    assert [row.starts.day for row in result.booked] == [7, 9]
    [unplaced] = result.unplaced
    assert (unplaced.day, unplaced.session_number) == (date(2026, 12, 8), 2)
    assert unplaced.reason == 'Dr Kavita Mehta is already booked 10:00-10:30 on 08 Dec 2026.'
    assert unplaced.free_starts == (datetime(2026, 12, 8, 9), datetime(2026, 12, 8, 10, 30),
                                    datetime(2026, 12, 8, 11))
    assert (await Appointment.get(id=taken.id)).status is AppointmentStatus.BOOKED
    assert 'could not be booked' in result.summary


async def test_one_session_or_this_and_all_later_ones_move(db: None) -> None:
    clinic = await small_clinic()
    plan = await plan_of(clinic, days=4)
    desk = await clinic.actor(clinic.reception)
    result = await create_series(actor=desk, series=SeriesInput(plan_id=plan.id, first_day=date(2026, 12, 7),
                                                                start='10:00'))
    first, second, third, _ = result.booked
    await appointments.move(actor=desk, appointment_id=second.id, starts=datetime(2026, 12, 8, 15))
    moved = await move_later_sessions(actor=desk, appointment_id=third.id, start='17:30')
    assert [(row.starts.day, row.starts.hour, row.starts.minute) for row in moved] == [(9, 17, 30), (10, 17, 30)]
    live = await Appointment.filter(plan_id=plan.id, status=AppointmentStatus.BOOKED).order_by('starts_at')
    assert [row.session_number for row in live] == [1, 2, 3, 4]
    assert (await Appointment.get(id=first.id)).status is AppointmentStatus.BOOKED  # earlier ones stay


async def test_moving_later_sessions_onto_a_clash_moves_none(db: None) -> None:
    clinic = await small_clinic()
    plan = await plan_of(clinic, days=3)
    desk = await clinic.actor(clinic.reception)
    result = await create_series(actor=desk, series=SeriesInput(plan_id=plan.id, first_day=date(2026, 12, 7),
                                                                start='10:00'))
    await appointments.book(actor=desk, booking=clinic.booking(day=9, hour=12, patient=clinic.other_patient))
    with pytest.raises(DomainError, match=r'1 session cannot move, so none moved. 09 Dec 2026: Dr Kavita Mehta is '
                                          r'already booked 12:00-12:30'):
        await move_later_sessions(actor=desk, appointment_id=result.booked[0].id, start='12:00')
    assert await Appointment.filter(plan_id=plan.id, status=AppointmentStatus.RESCHEDULED).count() == 0


async def test_ending_the_plan_cancels_its_future_sessions(db: None) -> None:
    clinic = await small_clinic()
    plan = await plan_of(clinic, days=3)
    desk = await clinic.actor(clinic.reception)
    await create_series(actor=desk, series=SeriesInput(plan_id=plan.id, first_day=date(2026, 12, 7), start='10:00'))
    await treatment_plans.set_status(actor=await clinic.actor(clinic.doctor), plan_id=plan.id, status='inactive')
    sessions = await Appointment.filter(plan_id=plan.id)
    assert {(row.status, row.cancel_reason) for row in sessions} == {(AppointmentStatus.CANCELLED,
                                                                      'The treatment plan ended')}
    with pytest.raises(DomainError, match='Only an active plan'):
        await create_series(actor=desk, series=SeriesInput(plan_id=plan.id, first_day=date(2026, 12, 14),
                                                           start='10:00'))


@pytest.mark.parametrize(('changes', 'field'), [
    ({'start': '25:00'}, 'start'), ({'sessions': 0}, 'sessions'), ({'weekdays': ()}, 'weekdays'),
    ({'first_day': None}, 'first_day'), ({'minutes': 1000}, 'minutes'),
])
async def test_bad_series_input_books_nothing(db: None, changes: dict[str, object], field: str) -> None:
    clinic = await small_clinic()
    plan = await plan_of(clinic, days=3)
    series = SeriesInput(**{'plan_id': plan.id, 'first_day': date(2026, 12, 7), 'start': '10:00', **changes})
    with pytest.raises(ValidationFailed) as refused:
        await create_series(actor=await clinic.actor(clinic.reception), series=series)
    assert field in refused.value.field_errors
    assert not await Appointment.exists()


async def test_a_weekday_the_branch_is_closed_is_passed_over(db: None) -> None:
    clinic = await small_clinic()
    plan = await plan_of(clinic, days=3)
    result = await create_series(actor=await clinic.actor(clinic.reception), series=SeriesInput(
        plan_id=plan.id, first_day=date(2026, 12, 12), start='10:00', weekdays=(5, 6)))  # Saturdays and Sundays
    assert [row.starts.day for row in result.booked] == [12, 19, 26]
    assert [(day.day, why) for day, why in result.passed_over] == [(13, 'Closed'), (20, 'Closed')]


async def test_attendance_advances_day_x_of_n(db: None) -> None:
    clinic = await small_clinic()
    plan = await plan_of(clinic, days=3)
    desk = await clinic.actor(clinic.reception)
    result = await create_series(actor=desk, series=SeriesInput(plan_id=plan.id, first_day=date(2026, 12, 7),
                                                                start='10:00'))
    doctor = await clinic.actor(clinic.doctor)

    async def progress() -> str:
        [row] = (await treatment_plans.list_plans(actor=doctor, patient_id=clinic.patient.id)).rows
        return row.progress(date(2026, 12, 20))  # a calendar day count would say ended long ago

    assert await progress() == 'No session attended yet (3 days)'
    await appointments.set_status(actor=desk, appointment_id=result.booked[0].id, status='arrived')
    assert await progress() == 'Day 1 of 3'
    await appointments.set_status(actor=desk, appointment_id=result.booked[1].id, status='no-show')
    await appointments.set_status(actor=desk, appointment_id=result.booked[2].id, status='arrived')
    await appointments.set_status(actor=desk, appointment_id=result.booked[2].id, status='completed')
    assert await progress() == 'Day 2 of 3'


async def test_reception_books_a_plans_sessions_from_the_patient_page_and_places_a_taken_day(user: User) -> None:
    clinic = await small_clinic()
    plan = await plan_of(clinic, days=3)
    desk = await clinic.actor(clinic.reception)
    await appointments.book(actor=desk, booking=clinic.booking(day=8, hour=10, patient=clinic.other_patient))
    await sign_in(user, clinic.reception)
    await user.open(f'/patients/{clinic.patient.uid}?part=plans')
    user.find(marker='book-sessions').click()
    await user.should_see('Book the sessions')
    user.find('dialog-submit').click()
    await user.should_see('Booked 2 sessions. 1 day could not be booked: choose a time for each below.')
    await user.should_see('Session 2, Tue 08 Dec: Dr Kavita Mehta is already booked 10:00-10:30 on 08 Dec 2026.')
    user.find(marker='place-2', content='09:00').click()
    await user.should_see('Session 2 booked: Tue 08 Dec 09:00-09:45.')
    live = await Appointment.filter(plan_id=plan.id, status=AppointmentStatus.BOOKED).order_by('session_number')
    assert [row.session_number for row in live] == [1, 2, 3]
