"""Money: one reader, one format and one way of writing amounts in words, the same on every screen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nicegui import ui
from nicegui.testing import User

from app.money import LARGEST_AMOUNT, MoneyRefused, amount_in_words, format_money, money_text, parse_money
from app.services import patients
from app.services import treatment_plans as plans
from app.services.consultations import ConsultationDetails
from app.services.patients import PatientDetails
from app.services.validation import Checker
from models.accounts import Role
from tests.factories import actor_of, make_branch, make_user, sign_in

READ = [
    ('500', '500.00'),
    ('₹1,20,000', '120000.00'),  # Indian grouping
    ('1,200,000.00', '1200000.00'),  # western grouping
    ('Rs. 599.50', '599.50'),
    ('rs 5', '5.00'),
    ('INR 750', '750.00'),
    ('₹ 1 20 000', '120000.00'),  # spaces between the groups
    ('  600  ', '600.00'),
    ('500/-', '500.00'),  # as receipts write it
    ('.5', '0.50'),
    ('12.5', '12.50'),
    ('12.500', '12.50'),  # a zero beyond the paise changes nothing
    ('0', '0.00'),
    ('1,00,00,000', '10000000.00'),  # the largest amount, exactly
]
REFUSED = [
    ('abc', 'Enter the fee in rupees, for example 500 or 750.50.'),
    ('1e3', 'Enter the fee in rupees, for example 500 or 750.50.'),
    ('NaN', 'Enter the fee in rupees, for example 500 or 750.50.'),
    ('1,2,3', 'Enter the fee in rupees, for example 500 or 750.50.'),  # not a grouping anyone writes
    ('12,34', 'Enter the fee in rupees, for example 500 or 750.50.'),
    ('5.5.5', 'Enter the fee in rupees, for example 500 or 750.50.'),
    ('५००', 'Enter the fee in rupees, for example 500 or 750.50.'),  # other digits are not guessed at
    ('', 'Enter the fee in rupees, for example 500 or 750.50.'),
    ('12.345', 'The fee can have at most two decimals (paise).'),
    ('0.001', 'The fee can have at most two decimals (paise).'),
    ('-5', 'The fee cannot be negative.'),
    ('−5', 'The fee cannot be negative.'),  # the minus sign a phone keyboard offers
    ('₹-500', 'The fee cannot be negative.'),
    ('-₹1,000', 'The fee cannot be negative.'),
    ('1,00,00,000.01', 'The fee can be at most ₹1,00,00,000.00.'),
    ('99999999999999999999', 'The fee can be at most ₹1,00,00,000.00.'),
    ('9' * 41, 'The fee can be at most ₹1,00,00,000.00.'),  # past Decimal's 28 digits: no InvalidOperation
]


@pytest.mark.parametrize(('typed', 'amount'), READ)
def test_amounts_are_read_as_receptionists_write_them(typed: str, amount: str) -> None:
    read = parse_money(typed, label='fee')
    assert read == Decimal(amount) and str(read) == amount  # always in paise


@pytest.mark.parametrize(('typed', 'message'), REFUSED)
def test_what_is_not_an_amount_is_refused_with_a_sentence(typed: str, message: str) -> None:
    with pytest.raises(MoneyRefused) as refused:
        parse_money(typed, label='fee')
    assert refused.value.message == message


@given(st.decimals(min_value=0, max_value=LARGEST_AMOUNT, places=2, allow_nan=False, allow_infinity=False))
def test_every_amount_shown_reads_back_as_itself(amount: Decimal) -> None:
    assert parse_money(format_money(amount)) == amount
    assert parse_money(money_text(amount)) == amount  # what a money field holds after it is left


def test_amounts_are_shown_with_the_rupee_sign_indian_grouping_and_paise() -> None:
    assert format_money(Decimal('120000')) == '₹1,20,000.00'
    assert [format_money(Decimal(value)) for value in ('0', '599.5', '30000', '12345678.25')] == \
        ['₹0.00', '₹599.50', '₹30,000.00', '₹1,23,45,678.25']
    assert format_money(Decimal('0.005')) == '₹0.01'  # half a paisa goes up, as on a receipt


@pytest.mark.parametrize(('amount', 'words'), [
    ('0', 'Rupees Zero Only'),
    ('1', 'Rupees One Only'),
    ('101', 'Rupees One Hundred One Only'),  # no inner 'and': the only 'and' joins rupees and paise
    ('120000', 'Rupees One Lakh Twenty Thousand Only'),
    ('10000000', 'Rupees One Crore Only'),
    ('12.50', 'Rupees Twelve and Fifty Paise Only'),
    ('10.50', 'Rupees Ten and Fifty Paise Only'),
    ('0.75', 'Seventy Five Paise Only'),
    ('1234567.89', 'Rupees Twelve Lakh Thirty Four Thousand Five Hundred Sixty Seven and Eighty Nine Paise Only'),
])
def test_amounts_are_written_in_words_as_an_indian_invoice_does(amount: str, words: str) -> None:
    assert amount_in_words(Decimal(amount)) == words


def test_a_negative_amount_has_no_words() -> None:
    with pytest.raises(ValueError):
        amount_in_words(Decimal('-1'))


def test_the_checker_names_the_field_and_knows_blank_and_zero() -> None:
    check = Checker()
    assert check.money('discount', '', label='discount', required=False) == Decimal('0.00')
    assert check.money('fee', '', label='fee') is None
    assert check.money('package_cost', '0', label='package cost', positive=True) is None
    assert check.money('cost_per_day', '12.345', label='cost per day') is None
    assert check.money('price', Decimal('599.5'), label='price') == Decimal('599.50')
    assert check.errors == {'fee': 'Enter the fee in rupees, for example 500 or 750.50.',
                            'package_cost': 'The package cost must be more than ₹0.00.',
                            'cost_per_day': 'The cost per day can have at most two decimals (paise).'}


async def test_a_consultation_fee_and_a_plan_price_look_the_same(user: User) -> None:
    """They used to differ: ₹120,000.00 in the consultations table, ₹1,20,000 on the plan."""
    branch = await make_branch('Andheri')
    desk = await actor_of(await make_user(Role.RECEPTION, branch=branch))
    doctor = await make_user(Role.DOCTOR, branch=branch)
    visit = ConsultationDetails(chief_complaint='neck-pain', consultation_type='in-clinic', fee='1,20,000',
                                payment_method='upi')
    row = await patients.register_patient(actor=desk, first_consultation=visit, details=PatientDetails(
        full_name='Meera Iyer', phone='98765 43210', gender='female', date_of_birth=date(1990, 5, 17)))
    await plans.create_plan(actor=await actor_of(doctor), patient_id=row.id, details=plans.PlanInput(
        service='physiotherapy', plan_type='package', days=21, start_date=date(2026, 12, 1),
        package_cost=Decimal(120000)))
    await sign_in(user, doctor)
    await user.open(f'/patients/{row.uid}?part=consultations')
    await user.should_see(marker='consultations')
    table = user.find(marker='consultations').elements.pop()
    assert isinstance(table, ui.table)
    assert [r['fee'] for r in table.rows] == ['₹1,20,000.00']
    user.find(marker='section-plans').click()
    await user.should_see('₹1,20,000.00 = ₹1,20,000.00')  # the plan card: price = total
