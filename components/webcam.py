"""Take a patient's photo with the desk PC's webcam: a live preview in a dialog, plain browser APIs only."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable

from nicegui import events, ui

from app.services.patients import PhotoUpload

START_TIMEOUT_SECONDS = 120.0  # the browser asks the receptionist for permission first
CAPTURE_TIMEOUT_SECONDS = 10.0
MAX_SIDE_PX = 1280  # keeps the JPEG well under the 1 MB a websocket message may carry
JPEG_PREFIX = 'data:image/jpeg;base64,'
NO_PICTURE = 'No picture came from the camera. Try again, or choose a photo file instead.'
PROBLEMS = {
    'insecure': "The camera can't be used here: the browser allows it only over a secure (HTTPS) connection "
                'or on this computer itself. Choose a photo file instead.',
    'denied': 'The browser was not allowed to use the camera. Allow the camera for this site in the browser '
              'settings, or choose a photo file instead.',
    'missing': 'No camera was found on this computer. Connect a webcam, or choose a photo file instead.',
    'busy': 'The camera is in use by another program. Close that program and try again, '
            'or choose a photo file instead.',
    'failed': 'The camera could not be started. Choose a photo file instead.',
    'timeout': 'The camera did not start in time. Close this window and try again, or choose a photo file instead.',
}

# The stream lives in one global, not on the <video>, so it can be stopped after the dialog is gone;
# the token lets a stream granted after the dialog closed stop itself at once.
_START_JS = '''
(async () => {
  const state = window.prospineWebcam = window.prospineWebcam || {};
  if (state.stream) state.stream.getTracks().forEach((track) => track.stop());
  state.stream = null;
  const token = state.token = {};
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return 'insecure';
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({video: true});
  } catch (error) {
    if (error.name === 'NotAllowedError' || error.name === 'SecurityError') return 'denied';
    if (error.name === 'NotFoundError' || error.name === 'OverconstrainedError') return 'missing';
    if (error.name === 'NotReadableError' || error.name === 'AbortError') return 'busy';
    return 'failed';
  }
  if (state.token !== token) {
    stream.getTracks().forEach((track) => track.stop());
    return 'closed';
  }
  state.stream = stream;
  let video = null;
  for (let i = 0; i < 100 && !(video = getHtmlElement(%(id)d)); i++) await new Promise((r) => setTimeout(r, 50));
  if (!video) return 'failed';
  video.muted = true;
  video.srcObject = stream;
  try { await video.play(); } catch (error) { return 'failed'; }
  return 'ok';
})()
'''
_CAPTURE_JS = '''
(() => {
  const video = getHtmlElement(%(id)d);
  if (!video || !video.videoWidth || !video.videoHeight) return null;
  const scale = Math.min(1, %(max_side)d / Math.max(video.videoWidth, video.videoHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
  for (const quality of [0.9, 0.75, 0.6]) {
    const url = canvas.toDataURL('image/jpeg', quality);
    if (url.length < 900000) return url;
  }
  return null;
})()
'''
_STOP_JS = '''
(() => {
  const state = window.prospineWebcam;
  if (!state) return;
  state.token = null;
  if (state.stream) state.stream.getTracks().forEach((track) => track.stop());
  state.stream = null;
})()
'''


def webcam_button(on_photo: Callable[[PhotoUpload], Awaitable[None]]) -> ui.button:
    """A "Use webcam" button: live preview, "Take photo" hands the frame on as `webcam.jpg`."""
    return ui.button('Use webcam', icon='videocam', on_click=lambda: _open(on_photo)).props('outline') \
        .mark('webcam-open')


async def _open(on_photo: Callable[[PhotoUpload], Awaitable[None]]) -> None:
    client = ui.context.client  # the dialog and its buttons may be deleted while a handler still runs

    async def take() -> None:
        shoot.disable()  # a double click takes one photo
        try:
            capture = _CAPTURE_JS % {'id': video.id, 'max_side': MAX_SIDE_PX}
            url = await client.run_javascript(capture, timeout=CAPTURE_TIMEOUT_SECONDS)  # trusted markup: two ints
        except TimeoutError:
            url = None
        content = decode_jpeg(url)
        if content is None:
            _say(message, NO_PICTURE)
            shoot.enable()
            return
        try:
            await on_photo(PhotoUpload(content, 'webcam.jpg'))
        finally:
            client.run_javascript(_STOP_JS)
            if not dialog.is_deleted:  # saving may have closed the photo dialog, and this one with it
                dialog.close()

    def closed(event: events.ValueChangeEventArguments) -> None:
        if not event.value:
            client.run_javascript(_STOP_JS)
            dialog.delete()

    with ui.dialog(value=True) as dialog, ui.card().classes('w-full gap-2').style('max-width: 480px'):
        ui.label('Webcam').classes('text-h6')
        video = ui.element('video').props('autoplay playsinline muted') \
            .classes('w-full rounded-borders bg-black').style('aspect-ratio: 4 / 3').mark('webcam-preview')
        message = ui.label().classes('text-body2 text-negative').mark('webcam-problem')
        message.set_visibility(False)
        with ui.row().classes('w-full justify-end gap-2'):
            ui.button('Cancel', on_click=dialog.close).props('flat').mark('webcam-cancel')
            shoot = ui.button('Take photo', icon='photo_camera', on_click=take).mark('webcam-take')
            shoot.disable()
    dialog.on_value_change(closed)

    try:
        status = await client.run_javascript(_START_JS % {'id': video.id},  # trusted markup: an element id
                                              timeout=START_TIMEOUT_SECONDS)
    except TimeoutError:
        status = 'timeout'
    if dialog.is_deleted:
        return
    if status == 'ok':
        shoot.enable()
        return
    video.set_visibility(False)
    _say(message, PROBLEMS.get(str(status), PROBLEMS['failed']))


def decode_jpeg(url: object) -> bytes | None:
    """The bytes of a `data:image/jpeg;base64,...` URL, or None when it is anything else."""
    if not isinstance(url, str) or not url.startswith(JPEG_PREFIX):
        return None
    try:
        return base64.b64decode(url.removeprefix(JPEG_PREFIX), validate=True) or None
    except (binascii.Error, ValueError):
        return None


def _say(label: ui.label, sentence: str) -> None:
    label.set_text(sentence)
    label.set_visibility(True)
