"""A real `prospine serve` on a seeded clinic, and a socket.io client that behaves like a browser tab.

For what only the transport shows: which socket may send a page's events, what the upload route
takes, the origins socket.io answers, the client address a request is recorded with.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import socketio

from tests.processes import free_port, stop
from tests.test_cli import REPO, cli_env

SOCKET_PATH = '/_nicegui_ws/socket.io'
SERVER_PIDS: dict[str, int] = {}  # base URL -> process id of each server `serve` runs, while it runs


@dataclass(frozen=True, kw_only=True)
class LiveClinic:
    base_url: str
    data_dir: Path
    database: Path
    tokens: dict[str, str]
    patient: str
    log: Path

    def get(self, path: str, *, role: str | None = None, **headers: str) -> httpx.Response:
        cookies = {'prospine_session': self.tokens[role]} if role else {}
        return httpx.get(self.base_url + path, cookies=cookies, headers=headers, timeout=20, follow_redirects=False)

    @property
    def memory_mb(self) -> int:
        """The server process's resident memory (VmRSS) in MB."""
        status = Path(f'/proc/{SERVER_PIDS[self.base_url]}/status').read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith('VmRSS'))) // 1024

    def rows(self, sql: str, *parameters: Any) -> list[tuple]:
        with sqlite3.connect(self.database) as connection:
            return connection.execute(sql, parameters).fetchall()


@contextmanager
def live_clinic(root: Path, **variables: str) -> Iterator[LiveClinic]:
    """Seed a clinic in `root`, serve it on a free port, and stop it afterwards."""
    data_dir, database, log = root / 'data', root / 'data' / 'prospine.sqlite3', root / 'server.log'
    port = free_port()
    env = cli_env(data_dir, PROSPINE_DATABASE_URL=f'sqlite://{database}', PROSPINE_HOST='127.0.0.1',
                  PROSPINE_PORT=str(port), PYTHONUNBUFFERED='1', **variables)
    seeded = subprocess.run([sys.executable, '-m', 'tests.live.seed'], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=120, check=False)
    assert seeded.returncode == 0, seeded.stderr
    made = json.loads(seeded.stdout)
    with serve(env, log) as base_url:
        yield LiveClinic(base_url=base_url, data_dir=data_dir, database=database, tokens=made['tokens'],
                         patient=made['patient'], log=log)


@contextmanager
def serve(env: dict[str, str], log: Path) -> Iterator[str]:
    """Run `prospine serve` with an environment naming its host and port; yield its base URL once it answers."""
    with log.open('wb') as output:
        process = subprocess.Popen([sys.executable, '-m', 'app', 'serve'], cwd=REPO, env=env, stdout=output,
                                   stderr=subprocess.STDOUT)
    base_url = f'http://{env["PROSPINE_HOST"]}:{env["PROSPINE_PORT"]}'
    SERVER_PIDS[base_url] = process.pid
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if httpx.get(base_url + '/login', timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        yield base_url
    finally:
        SERVER_PIDS.pop(base_url, None)
        stop(process)


@dataclass
class Page:
    """A page as its HTML arrived: its client id and elements."""

    client_id: str
    elements: dict[str, dict]

    def find(self, tag: str, **props: Any) -> tuple[int, dict]:
        for element_id, element in self.elements.items():
            if element['tag'] == tag and all(element.get('props', {}).get(k) == v for k, v in props.items()):
                return int(element_id), element
        raise AssertionError(f'no <{tag}> with {props} on the page')

    @staticmethod
    def listener(element: dict, event_type: str) -> str:
        return next(event['listener_id'] for event in element.get('events', []) if event['type'] == event_type)


def page_of(response: httpx.Response) -> Page:
    assert response.status_code == 200, response.status_code
    client_id = re.search(r"'client_id': '([^']+)'", response.text)
    raw = re.search(r'parseElements\(String\.raw`(.*?)`\)', response.text, re.S)
    assert client_id and raw, 'not a NiceGUI page'
    text = raw.group(1).replace('&#36;', '$').replace('&#96;', '`')
    return Page(client_id=client_id.group(1), elements=json.loads(html.unescape(text)))


class Tab:
    """A browser tab's socket: connects for a page like nicegui.js does, and sends events."""

    def __init__(self, clinic: LiveClinic, *, role: str | None, origin: str | None = None,
                 tab_id: str | None = None) -> None:
        self.clinic, self.role = clinic, role
        self.origin = origin or clinic.base_url
        self.tab_id = tab_id or str(uuid.uuid4())  # a browser tab keeps its id across its pages (sessionStorage)
        self.socket = socketio.AsyncClient(reconnection=False)

    async def connect(self, client_id: str) -> None:
        headers = {'Origin': self.origin}
        if self.role:
            headers['Cookie'] = f'prospine_session={self.clinic.tokens[self.role]}'
        query = (f'client_id={client_id}&next_message_id=0&implicit_handshake=true&document_id={uuid.uuid4()}'
                 f'&tab_id={self.tab_id}')
        await self.socket.connect(f'{self.clinic.base_url}?{query}', socketio_path=SOCKET_PATH, headers=headers,
                                  transports=['websocket'], wait_timeout=10)

    async def send(self, client_id: str, element_id: int, listener_id: str, *args: Any) -> None:
        await self.socket.emit('event', {'id': element_id, 'client_id': client_id, 'listener_id': listener_id,
                                         'args': [json.dumps(arg) for arg in args]})

    async def close(self) -> None:
        await self.socket.disconnect()
