"""Helpers the clinical-record services share: finding the patient a record belongs to."""

from __future__ import annotations

from app.errors import NotFound
from app.services.patient_lookup import NOT_FOUND
from app.services.validation import UID_MAX, Checker, fits_column
from models.patients import Patient


async def patient_by_uid(uid: str) -> Patient:
    """The patient with this clinic UID, or NotFound."""
    uid = (uid or '').strip()
    patient = await Patient.get_or_none(uid=uid) if fits_column(uid, UID_MAX) else None
    if patient is None:
        raise NotFound(NOT_FOUND)
    return patient


MAX_TEXT = 20_000


def long_text(check: Checker, field: str, value: str | None, *, label: str) -> str:
    """Keep a clinician's text as typed (line breaks and all), trimmed at the ends; refuse an endless one."""
    cleaned = (value or '').strip()
    if len(cleaned) > MAX_TEXT:
        check.fail(field, f'The {label} can be at most {MAX_TEXT:,} characters.')
    return cleaned
