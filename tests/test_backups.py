"""`prospine backup` and `prospine restore` on a file-based SQLite clinic, and the daily backups."""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import sqlite3
import stat
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from app.audit import Action, Outcome, audit, system_actor
from app.audit.chain import Anchor, read_head
from app.audit.verify import verify_chain
from app.backups.archive import MAGIC, BackupError, header_of
from app.backups.make import make_backup
from app.backups.pack import upload_entries
from app.backups.schedule import backup_if_due
from app.backups.store import list_backups
from app.cli import main
from app.clock import clock, utcnow
from app.config import ConfigError, get_settings, load_settings, use_settings
from app.db import close_database, open_database
from app.security.encrypted_fields import encrypted_columns
from app.security.encrypted_files import health_uploads_dir, read_encrypted, write_encrypted
from app.security.private_files import TEMP_MARK
from app.serve_lock import try_lock
from models.accounts import Role, User
from models.audit import AuditEvent
from models.clinic import Branch

REPO = Path(__file__).resolve().parent.parent
DISTINCT_NAME = 'Zebulon Quixotic-Marsh'
DISTINCT_SECRET = 'TOTPSECRETQUIXOTIC7'
LOGO = b'\x89PNG logo bytes'


def point_at(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Path:
    """Make the app (and `main`) use a SQLite file in `data_dir`; return the database path."""
    monkeypatch.setenv('PROSPINE_DATA_DIR', str(data_dir))
    monkeypatch.setenv('PROSPINE_DATABASE_URL', f'sqlite://{data_dir / "prospine.sqlite3"}')
    use_settings(load_settings())
    return data_dir / 'prospine.sqlite3'


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `prospine ARGS` in this process; return exit status, stdout and stderr."""
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    use_settings(load_settings())  # `main` installed settings of its own
    return code, out, err


def query(database: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(database)) as db:
        return db.execute(sql).fetchall()


async def seed() -> None:
    """A branch with a large incompressible address (several chunks), a user with an encrypted secret, uploads."""
    await open_database(get_settings())
    try:
        branch = await Branch.create(name='Andheri', clinic_name='ProSpine', address=secrets.token_hex(1_500_000))
        user = await User.create(username='asha', full_name=DISTINCT_NAME, role=Role.ADMIN, branch=branch,
                                 password_hash='-', password_changed_at=utcnow())
        user.totp_secret = DISTINCT_SECRET
        await user.save(update_fields=['totp_secret'])
        await audit.record(system_actor('cli'), action=Action.CREATE, entity_type='user', entity_id=user.id)
        write_encrypted(health_uploads_dir() / 'seed-scan.bin', b'seed scan')
        (get_settings().uploads_dir / 'logos').mkdir(parents=True, exist_ok=True)
        (get_settings().uploads_dir / 'logos' / 'andheri.png').write_bytes(LOGO)
    finally:
        await close_database()


async def add_branch(name: str) -> None:
    await open_database(get_settings())
    try:
        await Branch.create(name=name, clinic_name='ProSpine')
    finally:
        await close_database()


async def check_restored() -> tuple[int, list[str]]:
    """Verify the chain and decrypt every encrypted value and upload; return (events checked, user names)."""
    await open_database(get_settings())
    try:
        report = await verify_chain()
        assert report.ok, report.problem
        from tortoise import connections

        connection = connections.get('default')
        for column in encrypted_columns():
            rows = await connection.execute_query_dict(
                f'SELECT "{column.pk_column}" AS pk, "{column.column}" AS token FROM "{column.table}" '
                f'WHERE "{column.column}" IS NOT NULL')
            for row in rows:
                column.field.decrypt(column.model, row['token'], pk=row['pk'])  # raises when it does not decrypt
        for path in health_uploads_dir().rglob('*.bin'):
            assert read_encrypted(path).startswith((b'scan ', b'seed scan'))
        users = await User.all()  # loading decrypts totp_secret too
        assert all(u.totp_secret in (DISTINCT_SECRET, f'WRITER-SECRET-{u.username.removeprefix("writer")}')
                   for u in users)
        return report.checked, [u.username for u in users]
    finally:
        await close_database()


@pytest.fixture
def clinic(environment: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A migrated, file-based SQLite clinic in the test's data directory, with some data."""
    monkeypatch.setenv('NICEGUI_STORAGE_PATH', str(tmp_path / 'nicegui'))  # `main` would set it for good
    umask = os.umask(0o077)
    point_at(monkeypatch, environment)
    assert main(['migrate']) == 0
    asyncio.run(seed())
    yield environment
    os.umask(umask)


def only_backup(data_dir: Path) -> Path:
    [backup] = sorted((data_dir / 'backups').glob('prospine-*.backup'))
    return backup


def fresh_data_dir(tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch, name: str = 'fresh') -> Path:
    """An empty data directory holding only a copy of `source`'s keys, made the current one."""
    fresh = tmp_path / name
    fresh.mkdir(mode=0o700)
    shutil.copytree(source / 'keys', fresh / 'keys')
    point_at(monkeypatch, fresh)
    return fresh


# Backup while writing, then restore

def test_a_backup_taken_under_a_stream_of_writes_restores_whole(clinic: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    ready, stop = tmp_path / 'ready', tmp_path / 'stop'
    writer = subprocess.Popen([sys.executable, '-m', 'tests.backup_writer', str(ready), str(stop)],
                              cwd=REPO, env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert writer.poll() is None, writer.communicate()[1]
            assert time.monotonic() < deadline, 'the writer did not start writing'
            time.sleep(0.05)
        code, out, err = run(capsys, 'backup')
        time.sleep(0.3)  # the writer keeps going after the backup, too
    finally:
        stop.touch()
        written, writer_errors = writer.communicate(timeout=60)
    assert writer.returncode == 0, writer_errors
    assert code == 0, err
    backup = only_backup(clinic)
    assert out.startswith(f'Backup written to {backup} (')
    rounds = int(written)

    fresh = fresh_data_dir(tmp_path, clinic, monkeypatch)
    code, out, err = run(capsys, 'restore', str(backup))
    assert code == 0, err
    assert out.startswith('Restored the manual backup made ')
    assert 'the audit trail verifies' in out

    database = fresh / 'prospine.sqlite3'
    assert query(database, 'PRAGMA integrity_check') == [('ok',)]
    writers = [name for (name,) in query(database, "SELECT username FROM user_account WHERE username LIKE 'writer%'")]
    created = query(database, "SELECT COUNT(*) FROM audit_event WHERE action = 'create' AND username = 'system:writer'")
    assert 20 <= len(writers) < rounds  # taken mid-stream: some rounds, not all
    assert created == [(len(writers),)]  # every user with its event, no event without its user
    checked, usernames = asyncio.run(check_restored())
    assert 'asha' in usernames and len(usernames) == len(writers) + 1
    [(last_action, last_user)] = query(database, 'SELECT action, username FROM audit_event ORDER BY seq DESC LIMIT 1')
    assert (last_action, last_user) == ('restore', 'system:cli')
    assert checked >= len(writers) + 2  # seed event, writer events, the restore
    assert (fresh / 'uploads' / 'logos' / 'andheri.png').read_bytes() == LOGO
    assert len(list((fresh / 'uploads' / 'health').glob('scan-*.bin'))) >= len(writers)
    assert not list(fresh.glob('.restore-*'))


def test_the_backup_file_is_encrypted_private_and_leaves_no_temporary_files(
        clinic: Path, capsys: pytest.CaptureFixture[str]) -> None:
    live = b''.join(p.read_bytes() for p in clinic.glob('prospine.sqlite3*'))
    assert DISTINCT_NAME.encode() in live  # the name is plain text in the database itself

    code, out, err = run(capsys, 'backup')
    assert code == 0, err
    newest = query(clinic / 'prospine.sqlite3', "SELECT seq, mac FROM audit_event WHERE action != 'backup' "
                                                'ORDER BY seq DESC LIMIT 1')[0]  # the backup's own event is after it
    anchor = Anchor.of_event(*newest).code  # the trail as backed up, named outside the machine
    assert f'Audit anchor: {anchor} ' in out
    assert run(capsys, 'audit', 'verify', '--anchor', anchor)[0] == 0
    backup = only_backup(clinic)
    content = backup.read_bytes()
    assert content.startswith(MAGIC)
    assert b'SQLite format 3' not in content
    assert DISTINCT_NAME.encode() not in content and DISTINCT_SECRET.encode() not in content
    assert b'andheri.png' not in content and LOGO not in content
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert len(records(backup)) >= 3  # several sealed chunks (the database is over 3 MB)
    header = header_of(backup)
    assert (header.kind, header.key_id) == ('manual', load_key_id(clinic))
    assert not list(clinic.glob('.backup-*')) and not list((clinic / 'backups').glob('.*'))
    events = query(clinic / 'prospine.sqlite3',
                   "SELECT username, outcome, entity_id FROM audit_event WHERE action = 'backup'")
    assert events == [('system:cli', 'success', backup.name)]


def load_key_id(data_dir: Path) -> str:
    import json

    return json.loads((data_dir / 'keys' / 'keyring.json').read_text())['current']


def test_backup_writes_to_a_named_file_or_folder_and_never_overwrites(clinic: Path, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / 'usb' / 'clinic.backup'
    target.parent.mkdir()
    assert run(capsys, 'backup', str(target))[0] == 0
    assert target.read_bytes().startswith(MAGIC)
    code, _, err = run(capsys, 'backup', str(target.parent))
    assert code == 0, err
    assert len(list(target.parent.glob('prospine-*.backup'))) == 1
    code, _, err = run(capsys, 'backup', str(target))
    assert code == 1
    assert err.strip() == f'prospine: {target} already exists; name a new file or a folder.'
    assert not (clinic / 'backups').exists()  # nothing went to the default folder


def test_backup_on_postgres_points_to_pg_dump(environment: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv('PROSPINE_DATABASE_URL', 'postgres://clinic@127.0.0.1:5432/prospine')
    monkeypatch.setenv('NICEGUI_STORAGE_PATH', str(environment / 'nicegui'))
    code, out, err = run(capsys, 'backup')
    assert code == 2 and out == ''
    [line] = err.splitlines()
    assert 'pg_dump' in line and '"Backups"' in line


def test_backup_without_a_database_says_so(environment: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv('NICEGUI_STORAGE_PATH', str(environment / 'nicegui'))
    database = point_at(monkeypatch, environment)
    code, _, err = run(capsys, 'backup')
    assert code == 1
    assert err.strip() == f'prospine: There is no database to back up at {database}.'
    assert not database.exists()


# Restore refusals

def test_restore_refuses_to_overwrite_data_without_force(clinic: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, 'backup')[0] == 0
    asyncio.run(add_branch('After the backup'))
    database = clinic / 'prospine.sqlite3'

    code, out, err = run(capsys, 'restore', str(only_backup(clinic)))
    assert code == 1 and out == ''
    assert err.strip() == f'prospine: {database} already holds data; add --force to replace it with the backup.'
    assert query(database, "SELECT name FROM branch WHERE name = 'After the backup'") == [('After the backup',)]

    code, out, err = run(capsys, 'restore', '--force', str(only_backup(clinic)))
    assert code == 0, err
    assert query(database, "SELECT name FROM branch WHERE name = 'After the backup'") == []
    assert query(database, "SELECT username FROM user_account") == [('asha',)]
    assert asyncio.run(check_restored())[1] == ['asha']


def test_restore_refuses_while_the_app_holds_the_serving_lock(clinic: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, 'backup')[0] == 0
    asyncio.run(add_branch('After the backup'))
    lock = try_lock(clinic)
    assert lock is not None
    try:
        code, _, err = run(capsys, 'restore', '--force', str(only_backup(clinic)))
        assert code == 1
        assert err.strip() == 'prospine: The clinic app is running on this data directory; stop it first, then restore.'
        assert run(capsys, 'serve')[0] == 1  # nor does a second server start on the same data
    finally:
        lock.release()
    assert query(clinic / 'prospine.sqlite3', "SELECT COUNT(*) FROM branch WHERE name = 'After the backup'") == [(1,)]


def test_restore_refuses_while_prospine_serve_runs(clinic: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from tests.processes import free_port, stop
    from tests.test_cli import cli_env, prospine, wait_until_answering

    assert run(capsys, 'backup')[0] == 0
    url = f'sqlite://{clinic / "prospine.sqlite3"}'
    port = free_port()
    env = cli_env(clinic, PROSPINE_DATABASE_URL=url, PROSPINE_HOST='127.0.0.1', PROSPINE_PORT=str(port))
    with (tmp_path / 'serve.out').open('w') as output:
        server = subprocess.Popen([sys.executable, '-m', 'app', 'serve'], env=env, cwd=REPO,
                                  stdout=output, stderr=subprocess.STDOUT)
        try:
            wait_until_answering(f'http://127.0.0.1:{port}/', server, tmp_path / 'serve.out')
            result = prospine('restore', '--force', str(only_backup(clinic)), env=env)
        finally:
            stop(server)
    assert result.returncode == 1
    assert 'The clinic app is running on this data directory' in result.stderr
    assert query(clinic / 'prospine.sqlite3', 'SELECT username FROM user_account') == [('asha',)]


def records(path: Path) -> list[tuple[int, int]]:
    """The (offset, length) of every sealed chunk record in a backup file."""
    data = path.read_bytes()
    offset = len(MAGIC) + 4 + struct.unpack('>I', data[len(MAGIC):len(MAGIC) + 4])[0]
    found = []
    while offset < len(data):
        _, length = struct.unpack('>BI', data[offset:offset + 5])
        found.append((offset, 5 + 12 + length))
        offset += 5 + 12 + length
    return found


def truncated(data: bytes, chunks: list[tuple[int, int]]) -> bytes:
    return data[:-100]


def without_final_chunk(data: bytes, chunks: list[tuple[int, int]]) -> bytes:
    return data[:chunks[-1][0]]


def with_a_flipped_byte(data: bytes, chunks: list[tuple[int, int]]) -> bytes:
    spot = chunks[1][0] + 500
    return data[:spot] + bytes([data[spot] ^ 1]) + data[spot + 1:]


def with_chunks_swapped(data: bytes, chunks: list[tuple[int, int]]) -> bytes:
    (a, la), (b, lb) = chunks[0], chunks[1]
    return data[:a] + data[b:b + lb] + data[a:a + la] + data[b + lb:]


def with_an_edited_header(data: bytes, chunks: list[tuple[int, int]]) -> bytes:
    return data.replace(b'"kind": "manual"', b'"kind": "daily!"', 1)


@pytest.mark.parametrize('damage', [truncated, without_final_chunk, with_a_flipped_byte, with_chunks_swapped,
                                    with_an_edited_header])
def test_a_damaged_backup_is_refused_and_the_database_kept(clinic: Path, damage, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, 'backup')[0] == 0
    backup = only_backup(clinic)
    chunks = records(backup)
    assert len(chunks) >= 3
    damaged = tmp_path / 'damaged.backup'
    damaged.write_bytes(damage(backup.read_bytes(), chunks))
    asyncio.run(add_branch('After the backup'))
    head_before = read_head(clinic)

    code, out, err = run(capsys, 'restore', '--force', str(damaged))
    assert code == 1 and out == ''
    assert err.startswith('prospine: The backup file is damaged or incomplete, or it was made with another key')
    assert err.rstrip().endswith('nothing was restored.') and len(err.splitlines()) == 1
    assert_untouched(clinic, head_before)


def assert_untouched(data_dir: Path, head_before: object) -> None:
    database = data_dir / 'prospine.sqlite3'
    assert query(database, "SELECT COUNT(*) FROM branch WHERE name = 'After the backup'") == [(1,)]
    assert query(database, 'PRAGMA integrity_check') == [('ok',)]
    assert read_head(data_dir) == head_before
    assert (data_dir / 'uploads' / 'logos' / 'andheri.png').read_bytes() == LOGO
    assert not list(data_dir.glob('.restore-*'))


def test_a_backup_under_another_key_is_refused(clinic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, 'backup')[0] == 0
    backup = only_backup(clinic)
    other = tmp_path / 'other'
    point_at(monkeypatch, other)
    assert main(['migrate']) == 0
    asyncio.run(seed())
    asyncio.run(add_branch('After the backup'))
    head_before = read_head(other)

    code, _, err = run(capsys, 'restore', '--force', str(backup))  # other's keyring has none of its keys
    assert code == 1
    assert err.strip() == (f'prospine: This backup was made with key {load_key_id(clinic)}, which is not in '
                           f'{other / "keys" / "keyring.json"}; put back the keys folder kept with it, '
                           'then restore again.')
    assert_untouched(other, head_before)

    record = (other / 'keys' / 'keyring.json').read_text().replace(load_key_id(other), load_key_id(clinic))
    (other / 'keys' / 'keyring.json').write_text(record)  # same key id, different key
    code, _, err = run(capsys, 'restore', '--force', str(backup))
    assert code == 1
    assert err.startswith('prospine: The backup file is damaged or incomplete, or it was made with another key')
    assert_untouched(other, head_before)


def test_a_restore_without_the_keys_folder_says_what_to_put_back(clinic: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, 'backup')[0] == 0
    empty = tmp_path / 'empty'
    point_at(monkeypatch, empty)
    code, _, err = run(capsys, 'restore', str(only_backup(clinic)))
    assert code == 1
    assert 'put back the keys folder you keep apart from the backups' in err
    assert not (empty / 'prospine.sqlite3').exists() and not (empty / 'keys').exists()


def test_a_tampered_audit_trail_in_the_backup_is_refused(clinic: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    database = clinic / 'prospine.sqlite3'
    with closing(sqlite3.connect(database)) as db:  # someone edits an event behind the app's back
        db.execute('DROP TRIGGER audit_event_no_update')  # the append-only guard goes first
        db.execute("UPDATE audit_event SET detail = 'nothing happened' WHERE seq = 1")
        db.commit()
    assert run(capsys, 'backup')[0] == 0
    fresh = fresh_data_dir(tmp_path, clinic, monkeypatch)
    code, _, err = run(capsys, 'restore', str(only_backup(clinic)))
    assert code == 1
    assert err.startswith('prospine: The audit trail in the backup does not verify:')
    assert not (fresh / 'prospine.sqlite3').exists() and read_head(fresh) is None
    assert not (fresh / 'uploads').exists()


# Retention and the daily backup

def test_backups_in_the_folder_keep_the_newest_n(clinic: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv('PROSPINE_BACKUP_KEEP', '3')
    clock.freeze()
    names = []
    for _ in range(5):
        code, out, err = run(capsys, 'backup')
        assert code == 0, err
        names.append(out.split()[3])
        clock.advance(timedelta(days=1))
    kept = sorted(str(path) for path in (clinic / 'backups').glob('*.backup'))
    assert kept == sorted(names[-3:])


def test_the_backup_keep_setting_is_checked() -> None:
    with pytest.raises(ConfigError, match='PROSPINE_BACKUP_KEEP must be between 1 and 1000, got 0'):
        load_settings({'PROSPINE_BACKUP_KEEP': '0'}, env_file=Path('/nonexistent'))
    assert load_settings({}, env_file=Path('/nonexistent')).backup_keep == 14


async def test_the_daily_backup_is_made_when_the_newest_is_a_day_old(clinic: Path) -> None:
    settings = get_settings()
    clock.freeze()
    await open_database(settings)
    try:
        first = await backup_if_due(settings=settings)
        assert first is not None and first.kind == 'daily'
        clock.advance(timedelta(hours=23))
        assert await backup_if_due(settings=settings) is None
        clock.advance(timedelta(hours=2))
        second = await backup_if_due(settings=settings)
        assert second is not None and second.path != first.path
        assert [item.kind for item in list_backups(settings.backups_dir)] == ['daily', 'daily']
        events = await AuditEvent.filter(action='backup').order_by('seq').values_list('username', 'outcome')
        assert events == [('system:scheduler', 'success')] * 2
    finally:
        await close_database()


async def test_a_failed_backup_is_audited(clinic: Path) -> None:
    settings = get_settings()
    (clinic / 'keys' / 'keyring.json').write_text('not a key file')
    await open_database(settings)
    try:
        with pytest.raises(BackupError, match='cannot be read'):
            await make_backup(settings=settings, actor=system_actor('scheduler'), kind='daily')
        [event] = await AuditEvent.filter(action='backup')
        assert (event.outcome, event.username) == (Outcome.FAILED, 'system:scheduler')
        assert 'daily backup failed' in event.detail
    finally:
        await close_database()
    assert list_backups(settings.backups_dir) == []
    assert not any(path.name.startswith('.backup-') for path in os.scandir(clinic))


async def test_progress_goes_from_the_snapshot_to_done(clinic: Path) -> None:
    settings = get_settings()
    seen: list[tuple[str, float]] = []
    await open_database(settings)
    try:
        result = await make_backup(settings=settings, actor=system_actor('cli'),
                                   progress=lambda stage, fraction: seen.append((stage, fraction)))
    finally:
        await close_database()
    fractions = [fraction for _, fraction in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    stages = [stage for stage, _ in seen]
    assert stages[0] == 'Copying the database' and stages[-1] == 'Done'
    assert 'Encrypting the database' in stages and 'Encrypting uploaded files' in stages
    assert (result.kind, result.uploads) == ('manual', 2)


def test_uploads_are_frozen_for_the_backup_while_the_app_keeps_writing(tmp_path: Path) -> None:
    """Half-written files are left out, and a file replaced after listing is packed as it was listed."""
    uploads = tmp_path / 'uploads'
    (uploads / 'health').mkdir(parents=True)
    scan = uploads / 'health' / 'scan.bin'
    scan.write_bytes(b'first version')
    (uploads / 'health' / f'.next.bin{TEMP_MARK}1a2b').write_bytes(b'half written')
    entries = upload_entries(uploads, freeze_into=tmp_path / 'frozen')
    assert [(entry.name, entry.size) for entry in entries] == [('uploads/health/scan.bin', 13)]
    replacement = uploads / 'health' / 'replacement'
    replacement.write_bytes(b'a much longer second version')
    os.replace(replacement, scan)  # the app saves a new version while the backup is being written
    assert entries[0].source.read_bytes() == b'first version'
