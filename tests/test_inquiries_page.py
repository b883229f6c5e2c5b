"""The inquiries page as reception and a doctor use it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from nicegui import ui
from nicegui.testing import User

from app.audit import audit
from app.clock import clinic_today, utcnow
from app.services import inquiries
from components.event_calendar import EventCalendar
from models.accounts import Role
from models.audit import AuditEvent
from models.inquiries import Inquiry, InquiryKind, InquiryStatus
from models.patients import Patient
from models.registrations import Registration
from tests.factories import actor_of, make_branch, make_user, sign_in
from tests.waiting import eventually


def table_rows(user: User) -> list[dict[str, Any]]:
    return user.find(ui.table).elements.pop().rows


def tap_row(user: User, name: str) -> None:
    row = next(row for row in table_rows(user) if row['full_name'] == name)
    user.find(ui.table).trigger('rowClick', [{}, {'id': row['id']}, 0])


def type_into(user: User, field: str, text: str) -> None:
    user.find(marker=field).clear()
    user.find(marker=field).type(text)


def choose(user: User, field: str, option: str) -> None:
    user.find(marker=field).click()
    user.find(option).click()


async def test_reception_records_a_quick_inquiry_after_fixing_the_phone(user: User) -> None:
    await sign_in(user, await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    await user.open('/inquiries')
    user.find(marker='new-quick').click()
    await user.should_see(marker='dialog-title')
    type_into(user, 'full_name', 'Meera Shah')
    type_into(user, 'phone', '12345')
    type_into(user, 'chief_complaint', 'Neck pain for two weeks')
    choose(user, 'communication_type', 'WhatsApp')
    user.find('dialog-submit').click()
    await user.should_see('Enter a 10-digit phone number, for example 98765 43210.')
    assert not await Inquiry.exists()
    type_into(user, 'phone', '98765 43210')
    user.find('dialog-submit').click()
    await user.should_see('The inquiry of Meera Shah has been saved.')
    [row] = table_rows(user)
    assert (row['full_name'], row['phone'], row['complaint'], row['status'], row['kind']) == (
        'Meera Shah', '+91 98765 43210', 'Neck pain for two weeks', 'Pending', 'Quick inquiry')
    assert 'WhatsApp' in row['details']


async def test_reception_records_a_test_inquiry_edits_and_cancels_it(user: User) -> None:
    await sign_in(user, await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    await user.open('/inquiries')
    user.find(marker='new-test').click()
    await user.should_see(marker='dialog-title')
    type_into(user, 'full_name', 'Arjun Mehta')
    type_into(user, 'phone', '9820012345')
    choose(user, 'test_name', 'NCV')
    type_into(user, 'referred_by', 'Dr. Kulkarni')
    user.find('dialog-submit').click()
    await user.should_see('The inquiry of Arjun Mehta has been saved.')
    assert 'NCV, ref. Dr. Kulkarni' in table_rows(user)[0]['details']
    tap_row(user, 'Arjun Mehta')
    user.find(marker='edit-inquiry').click()
    await user.should_see('Edit the inquiry of Arjun Mehta')
    type_into(user, 'full_name', 'Arjun K. Mehta')
    user.find('dialog-submit').click()
    await user.should_see('The changes have been saved.')
    tap_row(user, 'Arjun K. Mehta')
    user.find(marker='cancel-inquiry').click()
    await user.should_see('Cancel the inquiry of Arjun K. Mehta?')
    user.find('dialog-submit').click()
    await user.should_see('The inquiry of Arjun K. Mehta is cancelled.')
    assert table_rows(user) == []  # the list shows pending inquiries by default
    assert (await Inquiry.get(kind=InquiryKind.TEST)).status is InquiryStatus.CANCELLED
    user.find(marker='filter-status').elements.pop().value = InquiryStatus.CANCELLED.value
    await eventually(lambda: len(table_rows(user)) == 1)
    tap_row(user, 'Arjun K. Mehta')
    user.find(marker='reopen-inquiry').click()
    await user.should_see('Reopen the inquiry of Arjun K. Mehta?')
    user.find('dialog-submit').click()
    await user.should_see('The inquiry of Arjun K. Mehta is pending again.')
    assert (await Inquiry.get(kind=InquiryKind.TEST)).status is InquiryStatus.PENDING


async def test_registering_an_inquiry_carries_its_data_over(user: User) -> None:
    branch = await make_branch('Andheri')
    staff = await make_user(Role.RECEPTION, branch=branch)
    await Inquiry.create(kind=InquiryKind.ONLINE, full_name='Ravi Kumar', phone='+91 98200 12345', branch=branch,
                         chief_complaint='Aches after long drives', created_at=utcnow())
    await sign_in(user, staff)
    await user.open('/inquiries')
    tap_row(user, 'Ravi Kumar')
    user.find(marker='register-inquiry').click()
    await user.should_see('Register Ravi Kumar')
    await user.should_see('Complaint: Aches after long drives')
    choose(user, 'gender', 'Male')
    user.find(marker='book-first').click()
    choose(user, 'chief_complaint', 'Low back pain')
    type_into(user, 'fee', '500')
    choose(user, 'payment_method', 'UPI')
    user.find('dialog-submit').click()
    uid = f'{clinic_today():%y%m%d}-1'
    await user.should_see(f'Ravi Kumar is registered as patient {uid}.')
    patient = await Patient.get(uid=uid, phone='+91 98200 12345')
    [registration] = await Registration.filter(patient=patient)
    assert (registration.complaint_details, str(registration.fee)) == ('Aches after long drives', '500.00')
    stored = await Inquiry.get(full_name='Ravi Kumar')
    assert (stored.status, stored.patient_uid) == (InquiryStatus.VISITED, uid)


async def test_a_doctor_sees_inquiries_but_no_buttons_to_change_them(user: User) -> None:
    branch = await make_branch('Andheri')
    await Inquiry.create(kind=InquiryKind.QUICK, full_name='Meera Shah', phone='+91 98765 43210', branch=branch)
    doctor = await make_user(Role.DOCTOR, branch=branch)
    await sign_in(user, doctor)
    await user.open('/inquiries')
    assert [row['full_name'] for row in table_rows(user)] == ['Meera Shah']
    for marker in ('new-quick', 'new-test', 'edit-inquiry', 'cancel-inquiry', 'register-inquiry'):
        await user.should_not_see(marker=marker)
    await audit.flush()
    assert await AuditEvent.exists(entity_type='inquiry', action='view', username=doctor.username)


async def test_a_junior_doctor_is_refused_the_page(user: User) -> None:
    branch = await make_branch('Andheri')
    await Inquiry.create(kind=InquiryKind.QUICK, full_name='Meera Shah', phone='+91 98765 43210', branch=branch)
    await sign_in(user, await make_user(Role.JRDOCTOR, branch=branch))
    response = await user.http_client.get('/inquiries')
    assert response.status_code == 403 and 'Meera' not in response.text


async def test_an_impossible_age_or_a_past_visit_date_gets_a_message_and_saves_nothing(user: User) -> None:
    await sign_in(user, await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    await user.open('/inquiries')
    user.find(marker='new-quick').click()
    await user.should_see(marker='dialog-title')
    type_into(user, 'full_name', 'Meera Shah')
    type_into(user, 'phone', '98765 43210')
    user.find(marker='age_years').elements.pop().value = 250
    user.find(marker='age_years').trigger('blur')  # where a min/max number field would clamp it to 120 unseen
    type_into(user, 'expected_visit_date', '2019-05-01')
    user.find('dialog-submit').click()
    await user.should_see('Enter the age in whole years, from 0 to 120.')
    [date_field] = user.find(marker='expected_visit_date').elements
    assert date_field.props.get('error-message') == 'The expected visit date cannot be in the past.'
    assert user.find(marker='age_years').elements.pop().value == 250
    assert not await Inquiry.exists()


async def test_a_superadmin_sees_each_inquirys_branch_and_can_filter_by_it(user: User) -> None:
    from app.services import inquiries as inquiry_service
    from tests.factories import actor_of

    andheri, bandra = await make_branch('Andheri'), await make_branch('Bandra')
    boss = await make_user(Role.SUPERADMIN, branch=andheri)
    actor = await actor_of(boss)
    for branch, name in ((andheri, 'Asha Andheri'), (bandra, 'Bina Bandra')):
        await inquiry_service.create_inquiry(actor=actor, kind='quick', branch_id=branch.id, full_name=name,
                                             phone='98765 43210')
    await sign_in(user, boss)
    await user.open('/inquiries')
    [table] = user.find(ui.table).elements
    assert 'branch' in [column['name'] for column in table.columns]
    assert sorted((row['full_name'], row['branch']) for row in table_rows(user)) == [
        ('Asha Andheri', 'Andheri'), ('Bina Bandra', 'Bandra')]
    user.find(marker='filter-branch').elements.pop().value = bandra.id
    await eventually(lambda: [row['full_name'] for row in table_rows(user)] == ['Bina Bandra'],
                     what='the list narrowed to Bandra')


async def test_a_branch_user_gets_no_branch_column_or_filter(user: User) -> None:
    await sign_in(user, await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    await user.open('/inquiries')
    [table] = user.find(ui.table).elements
    assert 'branch' not in [column['name'] for column in table.columns]
    await user.should_not_see(marker='filter-branch')


async def pending_calls(branch: Any, count: int, *, first: int = 0) -> None:
    """`count` pending inquiries a minute apart, numbered from `first` (the higher, the newer)."""
    start = utcnow() - timedelta(days=1)
    for number in range(first, first + count):
        await Inquiry.create(kind=InquiryKind.QUICK, full_name=f'Caller {number:03d}', phone='+91 98765 43210',
                             branch=branch, created_at=start + timedelta(minutes=number))


def turn_to(user: User, page: int) -> None:
    user.find(marker='inquiries-table').trigger('request', {'pagination': {'page': page, 'rowsPerPage': 25}})


async def test_the_table_pages_on_the_server_and_a_filter_or_a_change_keeps_the_right_page(user: User) -> None:
    branch = await make_branch('Andheri')
    await pending_calls(branch, 30)
    await sign_in(user, await make_user(Role.RECEPTION, branch=branch))
    await user.open('/inquiries')
    [table] = user.find(ui.table).elements
    assert len(table.rows) == 25 and table.rows[0]['full_name'] == 'Caller 029'
    assert table.pagination == {'page': 1, 'rowsPerPage': 25, 'rowsNumber': 30}  # Quasar's label: 1-25 of 30
    turn_to(user, 2)
    await eventually(lambda: [row['full_name'] for row in table_rows(user)] == [
        'Caller 004', 'Caller 003', 'Caller 002', 'Caller 001', 'Caller 000'], what='page 2 with the 5 oldest')
    assert table.pagination['page'] == 2
    desk = await actor_of(await make_user(Role.RECEPTION, branch=branch))  # another desk takes one more call
    await inquiries.create_inquiry(actor=desk, kind='quick', branch_id=branch.id, full_name='Newest Caller',
                                   phone='98765 43210')
    await eventually(lambda: table.pagination.get('rowsNumber') == 31, what='the live refresh')
    assert table.pagination['page'] == 2 and len(table.rows) == 6  # page 2 redrawn, still page 2
    assert table.rows[0]['full_name'] == 'Caller 005'
    user.find(marker='filter-kind').elements.pop().value = InquiryKind.QUICK.value
    await eventually(lambda: table.pagination.get('page') == 1, what='back to page 1 on a new filter')
    assert len(table.rows) == 25 and table.rows[0]['full_name'] == 'Newest Caller'


async def test_the_page_sent_to_the_browser_does_not_grow_with_the_number_of_inquiries(user: User) -> None:
    branch = await make_branch('Andheri')
    await pending_calls(branch, 30)
    await sign_in(user, await make_user(Role.RECEPTION, branch=branch))
    few = (await user.http_client.get('/inquiries')).text
    await pending_calls(branch, 270, first=100)
    many = (await user.http_client.get('/inquiries')).text
    assert few.count('"full_name":"Caller ') == many.count('"full_name":"Caller ') == 25
    assert abs(len(many) - len(few)) < 500  # all 300 rows would add some 100 kB
    await user.open('/inquiries')
    [table] = user.find(ui.table).elements
    assert len(table.rows) == 25 and table.pagination['rowsNumber'] == 300


SUNDAY = 6  # date.weekday()


async def test_a_registered_inquiry_goes_straight_on_to_booking_its_first_appointment(user: User) -> None:
    branch = await make_branch('Andheri')
    staff = await make_user(Role.RECEPTION, branch=branch)
    doctor = await make_user(Role.DOCTOR, branch=branch, full_name='Dr Kavita Mehta')
    visit = clinic_today() + timedelta(days=1)
    visit += timedelta(days=visit.weekday() == SUNDAY)  # the branch's default hours close on Sundays
    await Inquiry.create(kind=InquiryKind.QUICK, full_name='Ravi Kumar', phone='+91 98200 12345', branch=branch,
                         chief_complaint='Neck pain', expected_visit_date=visit, created_at=utcnow())
    await sign_in(user, staff)
    await user.open('/inquiries')
    tap_row(user, 'Ravi Kumar')
    user.find(marker='register-inquiry').click()
    await user.should_see('Register Ravi Kumar')
    choose(user, 'gender', 'Male')
    user.find('dialog-submit').click()
    uid = f'{clinic_today():%y%m%d}-1'
    await user.should_see(f'Ravi Kumar is registered as {uid}')
    user.find(marker='book-registered').click()
    await user.should_see(f'Booking for Ravi Kumar ({uid}): tap a free slot.')
    calendar = next(iter(user.find(EventCalendar).elements))
    assert calendar.props['options']['date'] == visit.isoformat()
    user.find(EventCalendar).trigger('dateClick', {'date': f'{visit.isoformat()}T10:00:00', 'all_day': False,
                                                    'resource_id': str(doctor.id)})
    await user.should_see(marker='chosen-patient')
    user.find('dialog-submit').click()
    await user.should_see('Booked: Ravi Kumar, 10:00-10:30 with Dr Kavita Mehta.')
