"""Application logs in the data directory, rotated. Log lines name users and actions, never health data."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FORMAT = '%(asctime)s %(levelname)s %(name)s: %(message)s'
_HANDLER_NAME = 'prospine-file'


def configure_logging(log_dir: Path) -> Path:
    """Send application, NiceGUI and server logs to `log_dir/prospine.log` (5 x 5 MB kept)."""
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_dir / 'prospine.log'
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
    handler = RotatingFileHandler(path, maxBytes=5 * 1024 * 1024, backupCount=5, encoding='utf-8')
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    for noisy in ('tortoise', 'aiosqlite', 'asyncpg', 'aerich'):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path
