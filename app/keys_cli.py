"""`prospine keys status` and `prospine keys rotate`: the encryption keys as the admin sees them."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from typing import TextIO, TypeVar

from app.config import Settings
from app.security.keyring import KeyringError, keyring

EXIT_INTERRUPTED = 130
RESUME_HINT = ('prospine: key rotation interrupted; what was re-encrypted so far is kept. '
               'Run `prospine keys rotate` again to resume with the same new key.')
T = TypeVar('T')


class ProgressBar:
    """A text bar on stderr: `Re-encrypting  [#####.....]  1200/2400`."""

    def __init__(self, stream: TextIO, *, label: str = 'Re-encrypting', width: int = 30) -> None:
        self.stream, self.label, self.width = stream, label, width
        self._drawn: tuple[int, int] | None = None
        self._live = stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        filled = self.width * done // total if total else self.width
        if self._drawn == (filled, total) and done != total:
            return
        self._drawn = (filled, total)
        line = f'{self.label}  [{"#" * filled}{"." * (self.width - filled)}]  {done}/{total}'
        self.stream.write(f'\r{line}' if self._live else f'{line}\n')
        self.stream.flush()

    def end(self) -> None:
        if self._live and self._drawn is not None:
            self.stream.write('\n')
            self.stream.flush()
        self._drawn = None


def rotate(settings: Settings, *, batch_size: int) -> int:
    """Re-encrypt everything under a new key; 130 (resumable) when interrupted."""
    from app.security.key_rotation import rotate_keys

    bar = ProgressBar(sys.stderr)
    try:
        report = _with_database(settings, lambda: rotate_keys(progress=bar, batch_size=batch_size))
    except KeyboardInterrupt:
        bar.end()
        print(RESUME_HINT, file=sys.stderr)
        return EXIT_INTERRUPTED
    except KeyringError as error:
        bar.end()
        print(f'prospine: {error.message}', file=sys.stderr)
        return 1
    bar.end()
    old = ', '.join(report.old_key_ids) or 'none'
    print(f'Key rotation finished: {report.values} value(s) and {report.files} file(s) re-encrypted '
          f'from key(s) {old} to key {report.new_key_id}.')
    return 0


def status(settings: Settings) -> int:
    """Print the current key, the number of keys, an unfinished rotation, and what each key encrypts."""
    from app.security.key_rotation import key_status

    try:
        report = _with_database(settings, key_status)
    except KeyringError as error:
        print(f'prospine: {error.message}', file=sys.stderr)
        return 1
    ring = keyring(settings.data_dir)
    print(f'Current key: {report.current_key_id} ({len(report.key_ids)} key(s) in {ring.path})')
    if report.rotation_target:
        print(f'Rotation to key {report.rotation_target} is unfinished: run `prospine keys rotate` to finish it.')
    else:
        print('No rotation is unfinished.')
    for title, counts in (('Encrypted values', report.values_by_key), ('Encrypted files', report.files_by_key)):
        print(f'{title} by key:' if counts else f'{title}: none')
        for key_id, count in sorted(counts.items()):
            print(f'  {key_id}  {count}')
    return 0


def _with_database(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    from app.db import close_database, open_database

    async def run() -> T:
        await open_database(settings)
        try:
            return await work()
        finally:
            await close_database()

    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    return asyncio.run(run())
