"""Plurals are right everywhere: one helper says how many of something (the desk saw "Please wait 1 seconds")."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from app.auth.throttle import FailureState, refusal
from app.config import get_settings
from app.wording import counted


def test_counted_says_one_and_many() -> None:
    assert [counted(n, 'second') for n in (0, 1, 2, 1000)] == ['0 seconds', '1 second', '2 seconds', '1,000 seconds']
    assert counted(1, 'active staff member') == '1 active staff member'
    assert counted(3, 'person', 'people') == '3 people'


def test_the_sign_in_wait_and_the_lock_say_one_second_and_one_minute() -> None:
    settings = replace(get_settings(), login_delay_after=1, login_lock_minutes=1)
    now = datetime(2026, 12, 1, 10, tzinfo=UTC)
    waiting = FailureState(count=1, first_at=now, last_at=now)
    message = refusal(waiting, now=now, settings=settings)
    assert message == 'Too many failed sign-ins. Please wait 1 second and try again.'
    locked = FailureState(locked_until=now + timedelta(minutes=1))
    assert refusal(locked, now=now, settings=settings).startswith(
        'Too many failed sign-ins: this account is locked for 1 minute.')
