"""The password policy: length 10..128, no composition rules, a shipped list of common passwords."""

import pytest

from app.security.password_policy import MAX_LENGTH, common_passwords, password_problem


def test_the_shipped_list_is_large() -> None:
    assert len(common_passwords()) >= 1000


@pytest.mark.parametrize('password', ['123456789', 'short one', ''])
def test_fewer_than_ten_characters_are_refused(password: str) -> None:
    assert password_problem(password) == 'Use at least 10 characters.'


@pytest.mark.parametrize('password', ['1234567890', 'Password123', 'qwertyuiop', 'PASSWORD1234'])
def test_common_passwords_are_refused_whatever_the_case(password: str) -> None:
    assert password_problem(password) is not None
    assert 'too common' in (password_problem(password) or '')


@pytest.mark.parametrize('password', ['lemon tree by the well', 'x' * 9 + 'y', 'a' * 64, 'ß' * 70 + '  spaces ok  '])
def test_long_or_unusual_passwords_without_composition_rules_are_accepted(password: str) -> None:
    assert password_problem(password) is None


def test_at_least_sixty_four_characters_are_allowed_and_there_is_a_ceiling() -> None:
    assert password_problem('b' * MAX_LENGTH) is None
    assert MAX_LENGTH >= 64
    assert password_problem('b' * (MAX_LENGTH + 1)) == f'Use at most {MAX_LENGTH} characters.'


def test_the_username_is_not_a_password() -> None:
    assert password_problem('kavyashah01', username='kavyashah01') is not None


@pytest.mark.parametrize('password', ['meera iyer', 'Meera Iyer', 'MEERA.IYER', 'iyer meera', 'dr meera iyer',
                                      'Meera-Iyer!', 'meera_iyer'])
def test_the_full_name_in_any_spelling_is_refused(password: str) -> None:
    assert password_problem(password, username='meera', full_name='Dr Meera Iyer') == \
        'The password must not be your name or username.'


def test_a_sentence_with_the_name_in_it_is_allowed() -> None:
    assert password_problem('meera walks to the clinic', username='meera', full_name='Dr Meera Iyer') is None
