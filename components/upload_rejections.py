"""Say why the browser refused a chosen file: the wrong kind, or too large (Quasar checks both before uploading).

NiceGUI's `on_rejected` does not say which check failed, so every refusal used to read as "too
large", even for a .txt chosen as a photo. Quasar's `rejected` event names the failed check per
file (`failedPropValidation`: `accept`, `max-file-size`, ...); this reads it.
"""

from __future__ import annotations

from nicegui import events, ui


def explain_rejections(upload: ui.upload, *, kinds: str, max_mb: int, noun: str) -> ui.upload:
    """Notify, in one sentence, why each refused choice was refused (the server checks the file again)."""

    def rejected(event: events.GenericEventArguments) -> None:
        entries = event.args if isinstance(event.args, list) else [event.args]
        reasons = {entry.get('failedPropValidation') for entry in entries if isinstance(entry, dict)}
        if 'accept' in reasons:
            ui.notify(f'That is not a {kinds} file. Choose a {kinds} file of at most {max_mb} MB.', type='negative')
        else:
            ui.notify(f'A {noun} can be at most {max_mb} MB.', type='negative')

    upload.on('rejected', rejected)
    return upload
