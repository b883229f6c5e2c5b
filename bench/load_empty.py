"""The baseline for the load bench: an empty NiceGUI page (one label), served on 127.0.0.1 at the port given.

Run as `python -m bench.load_empty PORT`; `bench.load` starts and stops it.
"""

from __future__ import annotations

import sys

from nicegui import ui


@ui.page('/')
def empty() -> None:
    ui.label('An empty page')


if __name__ in {'__main__', '__mp_main__'}:
    ui.run(host='127.0.0.1', port=int(sys.argv[1]), reload=False, show=False, title='Empty', reconnect_timeout=10,
           show_welcome_message=False, uvicorn_logging_level='warning')  # as `prospine serve` runs
