"""Helpers for tests that run `prospine` as a separate process."""

from __future__ import annotations

import socket
import subprocess


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(('127.0.0.1', 0))
        return int(probe.getsockname()[1])


def stop(process: subprocess.Popen) -> None:
    """Stop a server process politely, then firmly if it does not end."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
