"""Start the web process: `prospine serve` (or NiceGUI's test fixture runs this file)."""

from __future__ import annotations

from nicegui import app, background_tasks, ui

from app import collector, page_response
from app.config import Settings, get_settings
from app.security.keyring import keyring
from app.security.secrets_store import storage_secret
from app.web import mount


def serve(settings: Settings | None = None) -> None:
    """Serve the clinic on one process with one worker (NiceGUI keeps page state in memory)."""
    settings = settings or get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    keyring(settings.data_dir).ensure_file()  # the keys exist from the first start (0600)
    mount(settings)
    collector.install()
    app.on_startup(_collect_on_a_clock)
    ui.run(
        host=settings.host,
        port=settings.port,
        title='ProSpine Clinic',
        favicon='🩺',
        dark=None,
        reload=False,
        show=False,
        show_welcome_message=False,
        storage_secret=storage_secret(settings.data_dir),
        # No 14-day cookie: the browser cookie lives as long as the browser; sessions expire on the server.
        session_middleware_kwargs={'max_age': None, 'same_site': 'lax', 'https_only': settings.https},
        reconnect_timeout=10,
        uvicorn_logging_level='warning',
        gzip_middleware_factory=page_response.gzip_middleware,
        server_header=False,  # no "server: uvicorn" banner
        # Forwarded headers only from the proxies the admin named (uvicorn would trust 127.0.0.1 by default).
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=list(settings.trusted_proxies) or '',
    )


def _collect_on_a_clock() -> None:
    collector.freeze_what_started()
    background_tasks.create(collector.collect_on_a_clock(), name='garbage collection')


if __name__ in {'__main__', '__mp_main__'}:
    serve()
