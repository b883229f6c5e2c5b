"""Time-based one-time passwords (RFC 6238) for authenticator apps, and recovery codes."""

from __future__ import annotations

import hashlib
import secrets

import pyotp
import segno

from app.clock import utcnow

ISSUER = 'ProSpine Clinic'
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'  # no look-alikes (0/o, 1/l/i)


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, *, username: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """Draw the enrolment QR code as inline SVG (no network, no image files)."""
    return segno.make(uri, error='m').svg_inline(scale=5, dark='#000', light='#fff')


def matching_step(secret: str, code: str, *, after_step: int | None) -> int | None:
    """Return the time step a code belongs to (one step of clock drift allowed), or None.

    A code whose step is not later than `after_step` (the last one accepted) is refused, so a
    code seen over someone's shoulder cannot be used again.
    """
    code = ''.join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = utcnow()
    current = totp.timecode(now)
    for step in (current - 1, current, current + 1):
        if secrets.compare_digest(totp.generate_otp(step), code) and (after_step is None or step > after_step):
            return step
    return None


def current_code(secret: str) -> str:
    """The code an authenticator app shows right now (used by tests and the enrolment check)."""
    return pyotp.TOTP(secret).at(utcnow())


def new_recovery_codes() -> list[str]:
    return ['-'.join(''.join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(5)) for _ in range(2))
            for _ in range(RECOVERY_CODE_COUNT)]


def normalise_recovery_code(code: str) -> str:
    cleaned = ''.join(ch for ch in code.lower() if ch.isalnum())
    return f'{cleaned[:5]}-{cleaned[5:]}' if len(cleaned) == 10 else cleaned


def hash_recovery_code(code: str) -> str:
    return hashlib.sha256(normalise_recovery_code(code).encode()).hexdigest()
