"""What every upload is checked for before it is kept: a size within limits and a known kind.

Kinds are told by the file's first bytes, never by the name or type the browser sends.
"""

from __future__ import annotations

from pathlib import Path

MEGABYTE = 1024 * 1024
MEDIA_TYPES = {'pdf': 'application/pdf', 'jpg': 'image/jpeg', 'png': 'image/png', 'webp': 'image/webp'}
IMAGE_KINDS = frozenset({'jpg', 'png', 'webp'})


def file_kind(content: bytes) -> str | None:
    """Tell a PDF, JPEG, PNG or WebP file by its magic bytes: 'pdf', 'jpg', 'png', 'webp', or None."""
    if content.startswith(b'%PDF-'):
        return 'pdf'
    if content.startswith(b'\xff\xd8\xff'):
        return 'jpg'
    if content.startswith(b'\x89PNG\r\n\x1a\n'):
        return 'png'
    if len(content) >= 12 and content[:4] == b'RIFF' and content[8:12] == b'WEBP':
        return 'webp'
    return None


def image_kind(content: bytes) -> str | None:
    """Like `file_kind`, for the images only (photos, logos)."""
    kind = file_kind(content)
    return kind if kind in IMAGE_KINDS else None


def shown_name(filename: str) -> str:
    """The file's own name as a message may quote it (no folders, at most 200 characters)."""
    return Path(filename or 'The file').name[:200]


def size_problem(size: int, filename: str, *, max_bytes: int, noun: str, choose: str) -> str | None:
    """Say why a file of this size cannot be a `noun`, or None (checked before it is read whole)."""
    if size <= 0:
        return f'"{shown_name(filename)}" is empty. Choose {choose}.'
    if size > max_bytes:
        return (f'"{shown_name(filename)}" is {size / MEGABYTE:.1f} MB; '
                f'a {noun} can be at most {max_bytes // MEGABYTE} MB.')
    return None
