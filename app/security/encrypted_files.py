"""Uploaded files that hold health information, encrypted at rest with the keyring like database values.

A file is bound to its place: the context is its path relative to the uploads folder, so a file moved
or copied elsewhere is refused. Health uploads (patient attachments, photos) live under
`uploads/health/`, which `prospine keys rotate` re-encrypts.
"""

from __future__ import annotations

from pathlib import Path

from app.config import get_settings
from app.security.keyring import keyring
from app.security.private_files import write_private_file

HEALTH_UPLOADS = 'health'
EXPENSE_BILLS = 'expenses'  # photos of the bills behind expense vouchers: encrypted the same way
ENCRYPTED_UPLOADS = (HEALTH_UPLOADS, EXPENSE_BILLS)  # every folder `prospine keys rotate` re-encrypts


def health_uploads_dir() -> Path:
    """The folder of uploads holding health information."""
    return get_settings().uploads_dir / HEALTH_UPLOADS


def expense_bills_dir() -> Path:
    """The folder of the expense vouchers' bill photos."""
    return get_settings().uploads_dir / EXPENSE_BILLS


def encrypted_upload_dirs() -> tuple[Path, ...]:
    return tuple(get_settings().uploads_dir / name for name in ENCRYPTED_UPLOADS)


def upload_context(path: Path) -> str:
    """Bind a file to its path relative to the uploads folder (`health/12/scan.pdf`)."""
    uploads = get_settings().uploads_dir.resolve()
    try:
        return path.resolve().relative_to(uploads).as_posix()
    except ValueError:
        raise ValueError(f'{path} is not inside the uploads folder {uploads}') from None


def write_encrypted(path: Path, data: bytes, *, context: str | None = None) -> None:
    """Encrypt `data` with the current key into `path` (atomic, 0600); context defaults to `upload_context`."""
    sealed = keyring(get_settings().data_dir).seal_bytes(data, context=context or upload_context(path))
    write_private_file(path, sealed)


def read_encrypted(path: Path, *, context: str | None = None) -> bytes:
    """Decrypt a file written by `write_encrypted` (raises DecryptionFailed when it belongs elsewhere)."""
    return keyring(get_settings().data_dir).open_bytes(path.read_bytes(), context=context or upload_context(path))
