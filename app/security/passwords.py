"""Argon2id password hashing, run off the event loop.

Parameters are above OWASP's minimum for argon2id (19 MiB memory, 2 iterations); a stored hash
made with other parameters is re-hashed at the next successful sign-in.
"""

from __future__ import annotations

import asyncio

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MEMORY_COST_KIB = 19 * 1024 * 2  # 38 MiB, twice OWASP's floor
TIME_COST = 2
PARALLELISM = 1

hasher = PasswordHasher(
    time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM, type=Type.ID,
)

# Verified when the username is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = hasher.hash('prospine-dummy-password-for-timing')


def hash_password_sync(password: str) -> str:
    return hasher.hash(password)


async def hash_password(password: str) -> str:
    """Hash a password without blocking the event loop."""
    return await asyncio.to_thread(hasher.hash, password)


def _verify_sync(stored_hash: str | None, password: str) -> bool:
    try:
        return hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


async def verify_password(stored_hash: str | None, password: str) -> bool:
    """Check a password; with no stored hash, spend the same time and return False."""
    return await asyncio.to_thread(_verify_sync, stored_hash, password)


def needs_rehash(stored_hash: str) -> bool:
    """Tell whether a hash was made with parameters other than today's."""
    try:
        return hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True
