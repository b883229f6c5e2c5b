"""Vendor EventCalendar's browser build from the npm registry, checked against the registry's sha512.

The clinic runs on a LAN without internet, so the calendar's JS and CSS ship inside the repository,
byte for byte as released. This script is how they get there: it downloads exactly the version named
in `components/vendor/event-calendar/VERSION` (or `--version X`, which then rewrites VERSION),
verifies the tarball's `dist.integrity` from the registry metadata, and writes the release files
unchanged. Running it twice gives the same bytes. Standard library only, so it runs before any
install.

    python scripts/fetch_event_calendar.py              # re-fetch the pinned version
    python scripts/fetch_event_calendar.py --version X  # move to version X
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import sys
import tarfile
import urllib.error
import urllib.request
from pathlib import Path

REGISTRY = 'https://registry.npmjs.org/@event-calendar/build'
VENDOR_DIR = Path(__file__).resolve().parents[1] / 'components' / 'vendor' / 'event-calendar'
VERSION_FILE = VENDOR_DIR / 'VERSION'
# tarball member -> file in VENDOR_DIR; the source map stays out (800 kB the clinic never needs)
RELEASE_FILES = {
    'package/dist/event-calendar.min.js': 'event-calendar.min.js',
    'package/dist/event-calendar.min.css': 'event-calendar.min.css',
}
EXPECTED_LICENSE = 'MIT'  # VENDOR_DIR/LICENSE holds the MIT text; a licence change needs a human
TIMEOUT_SECONDS = 60


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('--version', help='the release to vendor (default: the one in VERSION)')
    arguments = parser.parse_args(argv)
    version = arguments.version or VERSION_FILE.read_text(encoding='ascii').strip()
    try:
        vendor(version=version)
    except (OSError, ValueError) as error:
        print(f'fetch_event_calendar: {error}', file=sys.stderr)
        return 1
    print(f'EventCalendar {version} vendored into {VENDOR_DIR}')
    return 0


def vendor(*, version: str) -> None:
    """Download, verify and write the release files of `version`, then pin it in VERSION."""
    metadata = json.loads(_download(f'{REGISTRY}/{version}'))
    if metadata.get('version') != version:
        raise ValueError(f'the registry answered with version {metadata.get("version")!r}, not {version!r}')
    tarball = _download(f'{REGISTRY}/-/build-{version}.tgz')
    _check_integrity(tarball, integrity=metadata['dist']['integrity'])
    files = _release_files(tarball, version=version)
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (VENDOR_DIR / name).write_bytes(content)
    VERSION_FILE.write_text(version + '\n', encoding='ascii')


def _download(url: str) -> bytes:
    if not url.startswith('https://'):
        raise ValueError(f'refusing a non-https URL: {url}')
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (https checked above)
            return response.read()
    except urllib.error.HTTPError as error:
        raise ValueError(f'{url} answered HTTP {error.code} (is there such a version?)') from None


def _check_integrity(tarball: bytes, *, integrity: str) -> None:
    """Compare with the registry's Subresource-Integrity string (`sha512-<base64>`)."""
    algorithm, _, expected = integrity.partition('-')
    if algorithm != 'sha512':
        raise ValueError(f'unexpected integrity algorithm {algorithm!r}; only sha512 is trusted')
    actual = base64.b64encode(hashlib.sha512(tarball).digest()).decode('ascii')
    if actual != expected:
        raise ValueError(f'tarball sha512 {actual} does not match the registry integrity {expected}')


def _release_files(tarball: bytes, *, version: str) -> dict[str, bytes]:
    """Read the browser build out of the tarball (nothing is extracted to disk)."""
    with tarfile.open(fileobj=io.BytesIO(tarball), mode='r:gz') as archive:
        package = json.loads(_member(archive, 'package/package.json'))
        if package.get('version') != version:
            raise ValueError(f'the tarball holds version {package.get("version")!r}, not {version!r}')
        if package.get('license') != EXPECTED_LICENSE:
            raise ValueError(f'the licence changed to {package.get("license")!r}: update LICENSE by hand first')
        return {target: _member(archive, member) for member, target in RELEASE_FILES.items()}


def _member(archive: tarfile.TarFile, name: str) -> bytes:
    try:
        handle = archive.extractfile(name)
    except KeyError:
        raise ValueError(f'{name} is missing from the tarball: the release layout changed') from None
    if handle is None:
        raise ValueError(f'{name} is not a regular file in the tarball')
    return handle.read()


if __name__ == '__main__':
    sys.exit(main())
