"""The clinic's password policy, after NIST SP 800-63B: length and a common-password list.

No composition rules. The shipped list is the 20,000 common passwords Django ships
(compiled by Royce Williams), compared case-insensitively.
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

MIN_LENGTH = 10
MAX_LENGTH = 128
_COMMON_FILE = Path(__file__).with_name('common_passwords.txt.gz')


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(_COMMON_FILE, 'rt', encoding='utf-8') as lines:
        return frozenset(line.strip().lower() for line in lines if line.strip())


def password_problem(password: str, *, username: str = '', full_name: str = '') -> str | None:
    """Return why a new password is refused, as a sentence, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f'Use at least {MIN_LENGTH} characters.'
    if len(password) > MAX_LENGTH:
        return f'Use at most {MAX_LENGTH} characters.'
    lowered = password.lower()
    if lowered in common_passwords():
        return 'This password is too common. Choose another one, for example a short sentence.'
    personal = {part.lower() for part in [username, *full_name.split()] if len(part) >= 4}
    if lowered.strip() in personal or (username and lowered == username.lower() * 2):
        return 'The password must not be your name or username.'
    return None
