"""The clinic's password policy, after NIST SP 800-63B: length and a common-password list.

No composition rules. The shipped list is the 20,000 common passwords Django ships
(compiled by Royce Williams), compared case-insensitively.
"""

from __future__ import annotations

import gzip
import re
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
    if _letters(password) in _personal_words(username=username, full_name=full_name):
        return 'The password must not be your name or username.'
    return None


TITLES = frozenset({'dr', 'mr', 'mrs', 'ms', 'miss', 'prof', 'shri', 'smt', 'sri', 'kumari'})


def _letters(text: str) -> str:
    """Letters and digits only, lower-case: "Meera Iyer" and "meera.iyer" compare equal."""
    return re.sub(r'[\W_]+', '', text.lower())


def _personal_words(*, username: str, full_name: str) -> set[str]:
    """What a password must not be: the username (once or twice), the name with or without a title, in either
    order, or any one of its longer words."""
    words = [word for word in re.split(r'[\s.,]+', full_name) if _letters(word) and _letters(word) not in TITLES]
    found = {_letters(username), _letters(username) * 2, _letters(full_name), _letters(''.join(words)),
             _letters(''.join(reversed(words))), *(_letters(word) for word in words if len(_letters(word)) >= 4)}
    found.discard('')
    return found
