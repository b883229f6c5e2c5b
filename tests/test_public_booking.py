"""The public booking page: no sign-in, checked input, a per-address limit, nothing about anyone else."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from nicegui.testing import User

from app.audit import audit
from app.clock import clinic_today, clock
from app.services import public_booking
from models.accounts import Role
from models.audit import AuditEvent
from models.inquiries import CommunicationType, Inquiry, InquiryKind, InquiryStatus
from models.registrations import ConsultationType
from tests.factories import make_branch, make_user

CONDITION = 'Stammering since childhood'


@pytest.fixture(autouse=True)
def fresh_throttle() -> Iterator[None]:
    public_booking.throttle.clear()
    yield
    public_booking.throttle.clear()


async def clinic() -> None:
    """Two open branches and a closed one, staff and an earlier inquiry the public must never see."""
    andheri = await make_branch('Andheri')
    await make_branch('Bandra')
    await make_branch('Old Kurla', is_active=False)
    await make_user(Role.DOCTOR, branch=andheri, full_name='Dr. Vikram Joshi')
    await Inquiry.create(kind=InquiryKind.QUICK, full_name='Sunita Patil', phone='+91 99887 76655',
                         branch=andheri, chief_complaint='Frozen shoulder')


def fill(user: User, *, name: str = 'Ravi Kumar', phone: str = '98200 12345', days_ahead: int = 2,
         branch: str = 'Andheri') -> None:
    user.find(marker='full_name').clear().type(name)
    user.find(marker='phone').clear().type(phone)
    user.find(marker='preferred_date').clear().type((clinic_today() + timedelta(days=days_ahead)).isoformat())
    user.find(marker='condition').clear().type(CONDITION)
    user.find(marker='consultation_type').click()
    user.find('Home visit').click()
    user.find(marker='branch').click()
    user.find(branch).click()


async def test_a_patient_requests_an_appointment_without_signing_in(user: User) -> None:
    await clinic()
    await user.open('/book')
    await user.should_see('Book an appointment')
    branch_select = user.find(marker='branch').elements.pop()
    assert sorted(branch_select.options.values()) == ['Andheri', 'Bandra']  # names only, open branches only
    for private in ('Old Kurla', 'Sunita', 'Frozen shoulder', 'Vikram', 'Sign out'):
        await user.should_not_see(private)
    html = (await user.http_client.get('/book')).text
    assert 'Bandra' in html and not any(private in html for private in ('Old Kurla', 'Sunita', 'Vikram', '99887'))
    fill(user)
    user.find(marker='book-submit').click()
    await user.should_see('Thank you! We have received your request.')
    request = await Inquiry.get(kind=InquiryKind.ONLINE).select_related('branch')
    assert (request.full_name, request.phone, request.branch.name, request.status, request.created_by_id,
            request.consultation_type, request.communication_type, request.chief_complaint,
            request.expected_visit_date) == (
        'Ravi Kumar', '+91 98200 12345', 'Andheri', InquiryStatus.PENDING, None, ConsultationType.HOME_VISIT,
        CommunicationType.WEB, CONDITION, clinic_today() + timedelta(days=2))
    await audit.flush()
    event = await AuditEvent.get(entity_type='inquiry', action='create')
    assert (event.username, event.role, event.entity_id, event.user_id) == (
        'system:public-booking', 'system', str(request.id), None)
    assert event.client_ip
    assert json.loads(event.changes)['chief_complaint'] == '(not recorded)'
    assert CONDITION not in event.changes


@pytest.mark.parametrize(('field', 'value', 'message'), [
    ('phone', '12345', 'Enter a 10-digit phone number, for example 98765 43210.'),
    ('days_ahead', -1, 'The preferred date cannot be in the past.'),
    ('name', ' ', "Enter the person's name."),
])
async def test_bad_input_gives_a_message_and_saves_nothing(user: User, field: str, value: object,
                                                           message: str) -> None:
    await clinic()
    await user.open('/book')
    fill(user, **{field: value})  # type: ignore[arg-type]
    user.find(marker='book-submit').click()
    await user.should_see(message)
    await user.should_not_see('Thank you!')
    assert not await Inquiry.exists(kind=InquiryKind.ONLINE)
    assert not await AuditEvent.exists(entity_type='inquiry', action='create')


async def test_the_sixth_request_within_an_hour_is_refused_until_the_hour_passes(user: User) -> None:
    await clinic()
    clock.freeze()
    for serial in range(public_booking.REQUESTS_PER_WINDOW):
        await user.open('/book')
        fill(user, name=f'Caller {serial}')
        user.find(marker='book-submit').click()
        await user.should_see('Thank you!')
    await user.open('/book')
    fill(user, name='One Too Many')
    user.find(marker='book-submit').click()
    await user.should_see('Please call the clinic')
    assert await Inquiry.filter(kind=InquiryKind.ONLINE).count() == public_booking.REQUESTS_PER_WINDOW
    assert not await Inquiry.exists(full_name='One Too Many')
    clock.advance(public_booking.WINDOW)
    user.find(marker='book-submit').click()
    await user.should_see('Thank you!')
    assert await Inquiry.exists(full_name='One Too Many')


async def test_the_limit_is_per_address(db: None) -> None:
    await make_branch('Andheri', phone='022 2620 1234')
    await make_branch('Bandra', phone='')
    branch_id = (await public_booking.open_branches())[0].id
    details = {'full_name': 'Ravi Kumar', 'phone': '9820012345', 'consultation_type': 'online', 'condition': '',
               'branch_id': branch_id, 'preferred_date': clinic_today()}
    for _ in range(public_booking.REQUESTS_PER_WINDOW):
        await public_booking.request_appointment(client_ip='10.0.0.1', **details)
    with pytest.raises(public_booking.TooManyRequests) as refused:
        await public_booking.request_appointment(client_ip='10.0.0.1', **details)
    assert 'Please call the clinic (Andheri 022 2620 1234) and we will book' in refused.value.message
    await public_booking.request_appointment(client_ip='10.0.0.2', **details)
    assert await Inquiry.all().count() == public_booking.REQUESTS_PER_WINDOW + 1
    await audit.shutdown()


async def test_a_closed_branch_cannot_be_chosen(db: None) -> None:
    closed = await make_branch('Old Kurla', is_active=False)
    from app.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as refused:
        await public_booking.request_appointment(
            client_ip='10.0.0.1', full_name='Ravi Kumar', phone='9820012345', consultation_type='in-clinic',
            condition='', branch_id=closed.id, preferred_date=clinic_today())
    assert refused.value.field_errors == {'branch': 'Choose the branch you would like to visit.'}
    await audit.shutdown()
