"""The webcam's data URL is decoded only when it is a JPEG; the browser flow is in tests/e2e/test_webcam.py."""

from __future__ import annotations

import base64

import pytest

from components.webcam import decode_jpeg

JPEG = b'\xff\xd8\xff\xe0' + b'\x00' * 16


def test_a_jpeg_data_url_becomes_its_bytes() -> None:
    assert decode_jpeg('data:image/jpeg;base64,' + base64.b64encode(JPEG).decode()) == JPEG


@pytest.mark.parametrize('url', [None, '', 'data:,', 'data:image/jpeg;base64,', 'data:image/png;base64,AAAA',
                                 'data:image/jpeg;base64,not base64!', 42])
def test_anything_else_is_no_picture(url: object) -> None:
    assert decode_jpeg(url) is None
