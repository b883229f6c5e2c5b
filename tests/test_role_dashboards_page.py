"""The home page of reception and of clinicians: what each sees, live, and the desk's quick actions."""

from __future__ import annotations

from datetime import timedelta

from nicegui.testing import User

from app.audit import Action, EntityType
from app.services import appointments
from components.short_list import ShortList, ShortRow
from components.tile_grid import TileGrid
from models.audit import AuditEvent
from models.clinic import Service
from models.plans import PlanType, TreatmentPlan
from models.scheduling import Appointment, AppointmentStatus
from tests.billing import BillingClinic, billing_clinic
from tests.factories import sign_in
from tests.scheduling import NOW_UTC
from tests.waiting import eventually


def tile_value(user: User, key: str) -> str:
    [tiles] = user.find(marker='desk-tiles').elements
    assert isinstance(tiles, TileGrid)
    return tiles.tiles[key].value


def row_of(user: User, marker: str, key: str) -> ShortRow:
    [listing] = user.find(marker=marker).elements
    assert isinstance(listing, ShortList)
    return listing.row(key)


async def todays_visits(bills: BillingClinic) -> None:
    """Meera arrived for 08:30; Arjun is booked at 10:00 and owes ₹500 on an issued invoice."""
    clinic = bills.clinic
    for patient, starts, status in ((clinic.patient, NOW_UTC + timedelta(minutes=30), AppointmentStatus.ARRIVED),
                                    (clinic.other_patient, NOW_UTC + timedelta(hours=2), AppointmentStatus.BOOKED)):
        await Appointment.create(branch=clinic.branch, patient=patient, clinician=clinic.doctor,
                                 service=Service.PHYSIOTHERAPY, starts_at=starts,
                                 ends_at=starts + timedelta(minutes=30), status=status)
    await bills.issued(('Physiotherapy session', '500'), patient_uid=clinic.other_patient.uid)


async def test_reception_sees_the_desks_day_and_a_payment_elsewhere_updates_it(user: User) -> None:
    bills = await billing_clinic()
    await todays_visits(bills)
    await sign_in(user, bills.clinic.reception)
    await user.open('/')
    await user.should_see(marker='desk-day')
    assert (tile_value(user, 'waiting'), tile_value(user, 'to-come'), tile_value(user, 'collected')) == \
        ('1', '1', '₹0.00')
    await user.should_see('Meera Iyer', marker='waiting-items')
    await user.should_see('Arjun Menon', marker='next-up-items')
    owed = row_of(user, 'dues', bills.clinic.other_patient.uid)
    assert (owed.title, owed.side, owed.tap) == ('Arjun Menon', '₹500.00', 'Take payment')
    await user.should_not_see(marker='clinic-figures')
    await bills.pay('500', patient_uid=bills.clinic.other_patient.uid, mode='upi')  # another desk
    await eventually(lambda: tile_value(user, 'collected') == '₹500.00', what='the collected tile following')
    await user.should_see('No patient coming today owes anything.')
    assert row_of(user, 'collected', 'upi').side == '₹500.00'
    views = await AuditEvent.filter(action=Action.VIEW, entity_type=EntityType.REPORT).count()
    assert views == 1  # opening the day is audited; the redraw the payment caused is not another look


async def test_the_desk_takes_a_due_from_the_home_page(user: User) -> None:
    bills = await billing_clinic()
    await todays_visits(bills)
    await sign_in(user, bills.clinic.reception)
    await user.open('/')
    user.find(marker='dues').trigger('tap', ['forged'])  # not a row's key: nothing opens
    user.find(marker='dues').trigger('tap', bills.clinic.other_patient.uid)
    await user.should_see('₹500.00 due towards the oldest dues first.')
    user.find(marker='dialog-submit').click()
    await user.should_see('₹500.00 received.')
    await eventually(lambda: tile_value(user, 'collected') == '₹500.00', what='the day redrawn after the payment')


async def test_the_quick_payment_asks_whose_it_is_first(user: User) -> None:
    bills = await billing_clinic()
    await sign_in(user, bills.clinic.reception)
    await user.open('/')
    user.find(marker='quick-payment').click()
    await user.should_see('Who is paying?')
    user.find(marker='dialog-submit').click()
    await user.should_see('Find the patient who is paying.')


async def test_the_quick_inquiry_opens_the_new_inquiry_form(user: User) -> None:
    bills = await billing_clinic()
    await sign_in(user, bills.clinic.reception)
    await user.open('/')
    user.find(marker='quick-inquiry').click()
    await user.should_see('New quick inquiry')
    await user.should_see(marker='inquiries-table')


async def test_a_doctor_sees_her_day_and_patients_due_for_review_and_a_booking_elsewhere_appears(
        user: User) -> None:
    bills = await billing_clinic()
    clinic = bills.clinic
    today = NOW_UTC.date()
    await TreatmentPlan.create(patient=clinic.patient, branch=clinic.branch, service=Service.PHYSIOTHERAPY,
                               plan_type=PlanType.DAILY, days=21, cost_per_day=500, total=10500,
                               start_date=today - timedelta(days=30), end_date=today + timedelta(days=3),
                               clinician=clinic.doctor)
    await sign_in(user, clinic.doctor)
    await user.open('/')
    await user.should_see(marker='clinician-day')
    await user.should_see('You have no appointments today.')
    assert 'Plan ends on 10 Dec 2026' in row_of(user, 'reviews', clinic.patient.uid).reasons
    await user.should_not_see(marker='desk-day')
    await user.should_not_see(marker='clinic-figures')
    await appointments.book(actor=bills.desk, booking=clinic.booking(hour=11, patient=clinic.other_patient))
    await user.should_see('Arjun Menon', marker='my-appointment-items')


async def test_a_junior_doctor_sees_their_day_and_no_money(user: User) -> None:
    bills = await billing_clinic()
    await todays_visits(bills)
    await sign_in(user, bills.clinic.junior)
    await user.open('/')
    await user.should_see(marker='clinician-day')
    await user.should_see('You have no appointments today.')  # the visits today are the doctor's
    await user.should_not_see('₹')
    await user.should_not_see(marker='desk-day')
