"""The hours and holidays page as an admin uses it."""

from __future__ import annotations

from datetime import date

from nicegui.testing import User

from app.services import clinic_hours
from models.accounts import Role
from models.scheduling import Closure, OpeningHours, WorkingHours
from tests.factories import make_user, sign_in
from tests.scheduling import small_clinic


async def test_an_admin_saves_opening_hours_and_a_wrong_day_saves_nothing(user: User) -> None:
    clinic = await small_clinic()
    await sign_in(user, await make_user(Role.ADMIN, branch=clinic.branch))
    await user.open('/admin/hours')
    await user.should_see('These are the usual hours')
    user.find(marker='opening-0').clear().type('09:00-13:00, 16:00-20:00')
    user.find(marker='opening-2').clear().type('9 to 5')
    user.find(marker='save-opening').click()
    await user.should_see('Wednesday: Type the hours as from-to')
    assert not await OpeningHours.exists()
    user.find(marker='opening-2').clear().type('closed')
    user.find(marker='save-opening').click()
    await user.should_see('Opening hours saved.')
    timetable = await clinic_hours.branch_timetable(clinic.branch.id)
    assert (timetable.described(0), timetable.described(1), timetable.described(2)) == (
        '09:00-13:00 and 16:00-20:00', '09:00-20:00', 'closed')


async def test_an_admin_gives_a_clinician_hours_and_leave(user: User) -> None:
    clinic = await small_clinic()
    await sign_in(user, await make_user(Role.ADMIN, branch=clinic.branch))
    await user.open('/admin/hours')
    await user.should_see("Clinicians' working hours")
    user.find(marker='clinician').click()
    user.find('Dr Rohan Shah').click()
    await user.should_see(marker='save-working')
    user.find(marker='working-4').type('14:00-20:00')
    user.find(marker='save-working').click()
    await user.should_see('Working hours saved.')
    assert [(row.weekday, row.starts_minute) for row in await WorkingHours.filter(clinician_id=clinic.junior.id)] \
        == [(4, 14 * 60)]
    user.find(marker='add-closure').click()
    await user.should_see('Add a holiday, closure or leave')
    user.find(marker='whom').click()
    user.find('Dr Kavita Mehta is on leave').click()
    user.find(marker='first_day').clear().type('21/12/2026')
    user.find(marker='last_day').clear().type('23/12/2026')
    user.find(marker='reason').type('Annual leave')
    user.find('dialog-submit').click()
    await user.should_see('Added: 21 Dec 2026 to 23 Dec 2026, Annual leave.')
    closure = await Closure.get()
    assert (closure.clinician_id, closure.first_day, closure.last_day) == (clinic.doctor.id, date(2026, 12, 21),
                                                                            date(2026, 12, 23))
    await user.should_see('Dr Kavita Mehta on leave')

