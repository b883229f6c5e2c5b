"""The audit chain: `prospine audit verify` finds every kind of tampering, and names where it starts."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from asyncpg.exceptions import RaiseError
from tortoise import connections
from tortoise.backends.base.executor import EXECUTOR_CACHE

from app.audit import Action, Outcome, audit, system_actor
from app.audit.chain import read_head
from app.audit.verify import verify_chain
from app.cli import main
from app.config import load_settings, use_settings
from app.db import close_database, open_database
from tests.postgres import postgres_database

EVENTS = 10
COLUMNS = ('occurred_at', 'user_id', 'username', 'role', 'branch_id', 'session_id', 'client_ip', 'user_agent',
           'action', 'entity_type', 'entity_id', 'patient_id', 'outcome', 'changes', 'detail', 'prev_mac', 'mac')


@pytest.fixture
def database(environment: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file database holding ten chained events written by the real logger."""
    path = environment / 'prospine.sqlite3'
    monkeypatch.setenv('PROSPINE_DATABASE_URL', f'sqlite://{path}')
    settings = load_settings()
    use_settings(settings)

    async def write() -> None:
        await open_database(settings)
        try:
            for number in range(1, EVENTS + 1):
                await audit.record(system_actor('test'), action=Action.UPDATE, entity_type='branch',
                                   entity_id=number, changes={'name': {'before': f'old {number}',
                                                                       'after': f'new {number}'}})
        finally:
            await close_database()

    asyncio.run(write())
    return path


def verify(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(['audit', 'verify'])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def tamper(path: Path, *statements: str) -> None:
    """Change the file the way someone with access to it could: first drop the append-only triggers."""
    with sqlite3.connect(path) as connection:
        connection.execute('DROP TRIGGER audit_event_no_update')
        connection.execute('DROP TRIGGER audit_event_no_delete')
        for statement in statements:
            connection.execute(statement)


def test_an_intact_chain_verifies(database: Path, environment: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = verify(capsys)
    assert (code, output.strip()) == (0, f'The audit trail is intact: {EVENTS} events checked.')
    assert read_head(environment).seq == EVENTS


def test_an_edited_event_is_found(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(database, """UPDATE audit_event SET changes = replace(changes, 'new 6', 'forged') WHERE seq = 6""")
    code, output = verify(capsys)
    assert code == 1
    assert 'at event #6: it was changed after it was written' in output


def test_a_changed_outcome_is_found(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(database, f"UPDATE audit_event SET outcome = '{Outcome.DENIED}' WHERE seq = 2")
    code, output = verify(capsys)
    assert (code, '#2' in output) == (1, True)


def test_a_deleted_event_is_found(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(database, 'DELETE FROM audit_event WHERE seq = 4')
    code, output = verify(capsys)
    assert code == 1
    assert 'at event #4: event #4 is missing' in output


def test_a_deleted_and_renumbered_event_is_found(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(database, 'DELETE FROM audit_event WHERE seq = 4',
           'UPDATE audit_event SET seq = -seq WHERE seq > 4', 'UPDATE audit_event SET seq = -seq - 1 WHERE seq < 0')
    code, output = verify(capsys)
    assert code == 1
    assert 'at event #4: it does not follow the event before it' in output


def test_an_inserted_event_is_found(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Make room after event 6 and slip in a copy of event 2 that claims to follow event 6.
    tamper(database,
           'UPDATE audit_event SET seq = -seq - 1 WHERE seq > 6', 'UPDATE audit_event SET seq = -seq WHERE seq < 0',
           f'INSERT INTO audit_event (seq, {", ".join(COLUMNS)}) SELECT 7, {", ".join(COLUMNS)} '
           'FROM audit_event WHERE seq = 2',
           'UPDATE audit_event SET prev_mac = (SELECT mac FROM audit_event WHERE seq = 6) WHERE seq = 7')
    code, output = verify(capsys)
    assert code == 1
    assert 'at event #7: it was changed after it was written' in output


def test_an_event_added_at_the_end_is_found(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(database,
           f'INSERT INTO audit_event (seq, {", ".join(COLUMNS)}) SELECT {EVENTS + 1}, {", ".join(COLUMNS)} '
           f'FROM audit_event WHERE seq = 3',
           f'UPDATE audit_event SET prev_mac = (SELECT mac FROM audit_event WHERE seq = {EVENTS}) '
           f'WHERE seq = {EVENTS + 1}')
    code, output = verify(capsys)
    assert code == 1
    assert f'at event #{EVENTS + 1}' in output


def test_reordered_events_are_found(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(database, 'UPDATE audit_event SET seq = 100 WHERE seq = 3', 'UPDATE audit_event SET seq = 3 WHERE seq = 4',
           'UPDATE audit_event SET seq = 4 WHERE seq = 100')
    code, output = verify(capsys)
    assert code == 1
    assert 'at event #3: it does not follow the event before it' in output


def test_swapped_contents_are_found(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assignments = ', '.join(f'{column} = (SELECT {column} FROM audit_event WHERE seq = 100)' for column in COLUMNS)
    tamper(database, 'UPDATE audit_event SET seq = 100 WHERE seq = 5',
           f'INSERT INTO audit_event (seq, {", ".join(COLUMNS)}) SELECT 5, {", ".join(COLUMNS)} '
           'FROM audit_event WHERE seq = 8',
           f'UPDATE audit_event SET {assignments} WHERE seq = 8', 'DELETE FROM audit_event WHERE seq = 100')
    code, output = verify(capsys)
    assert code == 1
    assert 'at event #5' in output


def test_a_cut_off_tail_is_found(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(database, 'DELETE FROM audit_event WHERE seq > 7')
    code, output = verify(capsys)
    assert code == 1
    assert 'at event #8: events #8 to #10 have been cut off the end' in output


def test_a_missing_head_record_is_reported(database: Path, environment: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    (environment / 'audit' / 'head.json').unlink()
    code, output = verify(capsys)
    assert code == 1
    assert 'audit/head.json' in output


def test_events_cannot_be_forged_without_the_key(database: Path, environment: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    key_file = environment / 'keys' / 'audit.key'
    assert key_file.stat().st_mode & 0o777 == 0o600
    key_file.write_text('00' * 32)  # someone who replaces the key cannot make the old events verify
    code, output = verify(capsys)
    assert code == 1
    assert 'at event #1' in output


@pytest.mark.parametrize('statement', ["UPDATE audit_event SET detail = 'edited' WHERE seq = 3",
                                       'DELETE FROM audit_event WHERE seq = 10'])
def test_the_database_refuses_to_change_or_delete_events(database: Path, statement: str) -> None:
    with sqlite3.connect(database) as connection, pytest.raises(sqlite3.IntegrityError, match='audit events'):
        connection.execute(statement)
    with sqlite3.connect(database) as connection:
        assert connection.execute('SELECT count(*) FROM audit_event').fetchone() == (EVENTS,)


@pytest.mark.postgres
async def test_the_chain_on_postgresql(environment: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Written and verified on PostgreSQL (timestamps come back as datetimes there), and append-only too."""
    async with postgres_database() as url:
        monkeypatch.setenv('PROSPINE_DATABASE_URL', url)
        settings = load_settings()
        use_settings(settings)
        EXECUTOR_CACHE.clear()  # Tortoise caches insert SQL per connection name, not per dialect
        await asyncio.create_task(open_database(settings))  # migrations in a task of their own, as the app does
        try:
            for number in range(5):
                await audit.record(system_actor('test'), action=Action.CREATE, entity_type='branch', entity_id=number,
                                   detail='ünïcode détail')
            async with audit.change(system_actor('test'), action=Action.UPDATE, entity_type='branch') as event:
                event.set_changes({'name': {'before': 'a', 'after': 'b'}})
            report = await verify_chain()
            assert (report.ok, report.checked) == (True, 6)
            connection = connections.get('default')
            with pytest.raises(RaiseError, match='cannot be changed or deleted'):
                await connection.execute_query("UPDATE audit_event SET detail = 'edited' WHERE seq = 2")
            with pytest.raises(RaiseError, match='cannot be changed or deleted'):
                await connection.execute_query('TRUNCATE audit_event')
            await connection.execute_script('ALTER TABLE audit_event DISABLE TRIGGER USER; '
                                            "UPDATE audit_event SET detail = 'edited' WHERE seq = 2")
            report = await verify_chain()
            assert (report.ok, report.first_bad_seq) == (False, 2)
        finally:
            await close_database()
            EXECUTOR_CACHE.clear()
