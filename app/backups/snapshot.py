"""Consistent copies of the live SQLite database, and the checks run on a copy.

SQLite's online backup API copies every page in one step under one read transaction: in WAL
mode the app keeps writing meanwhile, and the copy is the database as of one moment. Copying
the file instead could catch it half-written, or miss what still sits in the `-wal` file.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from app.db import SQLITE_PRAGMAS


@dataclass(frozen=True)
class AuditHead:
    """The newest event of the audit chain in a database copy."""

    seq: int
    mac: str


def take_snapshot(source: Path, target: Path) -> None:
    """Copy the live database at `source` into a new self-contained file at `target`."""
    with closing(_connect(source)) as live, closing(sqlite3.connect(target)) as copy:
        live.backup(copy)  # all pages in one step: one consistent moment
        copy.execute('PRAGMA journal_mode=DELETE')  # one file, no -wal beside it


def integrity(path: Path) -> str:
    """Run `PRAGMA integrity_check` on a database file; 'ok' when it is sound."""
    try:
        with closing(sqlite3.connect(f'file:{path}?mode=ro', uri=True)) as db:
            rows = db.execute('PRAGMA integrity_check').fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    return '; '.join(str(row[0]) for row in rows[:5])


def audit_head_of(path: Path) -> AuditHead | None:
    """The last audit event (sequence number and MAC) in a database file, or None when it has none."""
    row = _first(path, 'SELECT seq, mac FROM audit_event ORDER BY seq DESC LIMIT 1')
    return AuditHead(int(row[0]), str(row[1])) if row else None


def migration_of(path: Path) -> str:
    """The name of the newest migration applied to a database file ('' when unknown)."""
    row = _first(path, 'SELECT version FROM aerich ORDER BY id DESC LIMIT 1')
    return str(row[0]) if row else ''


def holds_data(path: Path) -> bool:
    """Tell whether a database file exists with at least one row in a table of the app."""
    if not path.exists():
        return False
    try:
        with closing(sqlite3.connect(f'file:{path}?mode=ro', uri=True)) as db:
            tables = [name for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name != 'aerich'")]
            return any(db.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone() for name in tables)  # noqa: S608
    except sqlite3.DatabaseError:
        return path.stat().st_size > 0  # unreadable but not empty: treat it as data worth keeping


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(f'file:{path}?mode=ro', uri=True, timeout=SQLITE_PRAGMAS['busy_timeout'] / 1000)
    db.execute(f'PRAGMA busy_timeout = {SQLITE_PRAGMAS["busy_timeout"]}')
    return db


def _first(path: Path, sql: str) -> tuple | None:
    try:
        with closing(sqlite3.connect(f'file:{path}?mode=ro', uri=True)) as db:
            return db.execute(sql).fetchone()
    except sqlite3.OperationalError:  # the table does not exist in this database
        return None
