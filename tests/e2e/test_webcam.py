"""The desk webcam in a real browser: Chromium's fake camera takes the patient's photo; no camera, a clear sentence.

This module has its own server (see conftest.py) and its own Chromium, launched with a fake camera
that needs no permission prompt.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from components.webcam import PROBLEMS
from tests.e2e.conftest import CHROMIUM_ARGS, Server, unavailable
from tests.e2e.test_browser import MIN_TARGET_PX, clinic, expect_home, goto, open_context, seed_patient, sign_in

__all__ = ['clinic']  # the fixture, imported for pytest: it sets up the clinic in this module's server

FAKE_CAMERA_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']
NO_CAMERA_JS = "Object.defineProperty(navigator, 'mediaDevices', {value: undefined})"


@pytest.fixture(scope='module')
def browser(chromium_path: str) -> Iterator[Browser]:
    """Headless system Chromium with a fake camera that is allowed without asking."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("The 'playwright' package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, headless=True,
                                              args=CHROMIUM_ARGS + FAKE_CAMERA_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def open_webcam(page: Page, server: Server) -> None:
    """Sign in, open a new patient's page and choose Photo, then Use webcam."""
    goto(page, '/login')
    sign_in(page)
    expect_home(page)
    goto(page, f'/patients/{seed_patient(server)}?part=details')
    page.get_by_role('button', name='Photo', exact=True).click()
    page.get_by_role('button', name='Use webcam').click()


def assert_touch_sized(page: Page, *names: str) -> None:
    """Each named button is at least 44 px both ways, once the dialog has finished growing in."""
    for name in names:
        button = page.get_by_role('button', name=name, exact=True)
        for _ in range(50):
            box = button.bounding_box()
            if box is not None and box['width'] >= MIN_TARGET_PX and box['height'] >= MIN_TARGET_PX:
                break
            page.wait_for_timeout(100)
        else:
            pytest.fail(f'button {name!r} is smaller than {MIN_TARGET_PX} px: {box}')


def test_reception_takes_the_photo_with_the_webcam(browser: Browser, clinic: Server) -> None:
    context = open_context(browser, clinic)
    try:
        page = context.new_page()
        open_webcam(page, clinic)
        take = page.get_by_role('button', name='Take photo')
        expect(take).to_be_enabled()
        assert page.evaluate('getComputedStyle(document.querySelector("video")).display') != 'none'
        page.evaluate('window.webcamTrack = window.prospineWebcam.stream.getVideoTracks()[0]')
        assert page.evaluate('window.webcamTrack.readyState') == 'live'
        assert_touch_sized(page, 'Use webcam', 'Cancel', 'Take photo')

        take.click()
        expect(page.get_by_text('The photo has been saved.')).to_be_visible()
        expect(page.locator('img[src^="data:image/jpeg;base64,"]')).to_have_count(1)
        expect(page.locator('video')).to_have_count(0)
        assert page.evaluate('window.webcamTrack.readyState') == 'ended'
    finally:
        context.close()


def test_closing_the_preview_turns_the_camera_off(browser: Browser, clinic: Server) -> None:
    context = open_context(browser, clinic)
    try:
        page = context.new_page()
        open_webcam(page, clinic)
        expect(page.get_by_role('button', name='Take photo')).to_be_enabled()
        page.evaluate('window.webcamTrack = window.prospineWebcam.stream.getVideoTracks()[0]')
        page.get_by_role('button', name='Cancel').last.click()
        expect(page.locator('video')).to_have_count(0)
        page.wait_for_function('window.webcamTrack.readyState === "ended"')
        expect(page.get_by_role('button', name='Use webcam')).to_be_visible()  # back in the Photo dialog
    finally:
        context.close()


def test_without_a_usable_camera_the_dialog_says_why(browser: Browser, clinic: Server) -> None:
    context = open_context(browser, clinic)
    context.add_init_script(NO_CAMERA_JS)  # as over plain HTTP from another computer
    try:
        page = context.new_page()
        open_webcam(page, clinic)
        expect(page.get_by_text(PROBLEMS['insecure'])).to_be_visible()
        expect(page.get_by_role('button', name='Take photo')).to_be_disabled()
        expect(page.locator('video')).to_be_hidden()
        assert_touch_sized(page, 'Cancel', 'Take photo')
    finally:
        context.close()
