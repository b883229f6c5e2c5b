"""The `prospine` command, run as the admin runs it: a separate process with its own environment."""

from __future__ import annotations

import os
import socket
import sqlite3
import stat
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from tests.processes import free_port, stop

REPO = Path(__file__).resolve().parent.parent
GOOD_PASSWORD = 'correct horse battery staple'
_NOT_INHERITED = ('PROSPINE_', 'NICEGUI_', 'PYTEST_')


def cli_env(data_dir: Path | None, **variables: str) -> dict[str, str]:
    """Return this process's environment without PROSPINE_, NICEGUI_ and PYTEST_ variables, plus the given ones.

    NiceGUI behaves as under test when it sees PYTEST_CURRENT_TEST, so that must not reach the child.
    """
    env = {name: value for name, value in os.environ.items() if not name.startswith(_NOT_INHERITED)}
    if data_dir is not None:
        env['PROSPINE_DATA_DIR'] = str(data_dir)
        env['PROSPINE_ENV_FILE'] = str(data_dir.parent / 'absent.env')  # a developer's .env must not leak in
    env.update(variables)
    return env


def prospine(*args: str, env: dict[str, str], stdin: str = '', cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, '-m', 'app', *args]
    return subprocess.run(command, input=stdin, capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120, check=False)


def query(database: Path, sql: str) -> list[tuple]:
    """Return the rows of a query, or none when the database file was never created."""
    if not database.exists():
        return []
    with closing(sqlite3.connect(database)) as db:
        return db.execute(sql).fetchall()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / 'clinic-data'


# Configuration errors

@pytest.mark.parametrize(('variable', 'value'), [
    ('PROSPINE_PORT', 'abc'),
    ('PROSPINE_TIMEZONE', 'Mars/Base'),
    ('PROSPINE_SESSION_IDLE_MINUTES', '0'),
    ('PROSPINE_DATABASE_URL', 'mysql://x'),
    ('PROSPINE_TRUSTED_PROXIES', '127.0.0.1, proxy.clinic.lan'),
])
def test_an_invalid_setting_exits_2_with_one_line_naming_it(data_dir: Path, variable: str, value: str) -> None:
    result = prospine('migrate', env=cli_env(data_dir, **{variable: value}))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert lines[0].startswith('prospine: configuration error:')
    assert result.stdout == ''
    assert not data_dir.exists()


def test_settings_come_from_the_env_file_in_the_working_directory(tmp_path: Path) -> None:
    (tmp_path / '.env').write_text(f'PROSPINE_DATA_DIR={tmp_path / "from-dotenv"}\n', encoding='utf-8')
    result = prospine('migrate', env=cli_env(None), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / 'from-dotenv' / 'prospine.sqlite3').is_file()


def test_the_environment_wins_over_the_env_file(tmp_path: Path) -> None:
    (tmp_path / '.env').write_text(f'PROSPINE_DATA_DIR={tmp_path / "from-dotenv"}\n', encoding='utf-8')
    result = prospine('migrate', env=cli_env(None, PROSPINE_DATA_DIR=str(tmp_path / 'from-env')), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / 'from-env' / 'prospine.sqlite3').is_file()
    assert not (tmp_path / 'from-dotenv').exists()


def test_prospine_env_file_names_another_env_file(tmp_path: Path) -> None:
    env_file = tmp_path / 'clinic.env'
    env_file.write_text('PROSPINE_PORT=abc\n', encoding='utf-8')
    result = prospine('migrate', env=cli_env(tmp_path / 'data', PROSPINE_ENV_FILE=str(env_file)))
    assert result.returncode == 2
    assert 'PROSPINE_PORT' in result.stderr


# migrate

def test_migrate_creates_the_database_then_finds_it_up_to_date(data_dir: Path) -> None:
    first = prospine('migrate', env=cli_env(data_dir))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith('Applied ') and first.stdout.rstrip().endswith('migration(s).')
    database = data_dir / 'prospine.sqlite3'
    assert query(database, "SELECT name FROM sqlite_master WHERE name = 'user_account'") == [('user_account',)]
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700

    second = prospine('migrate', env=cli_env(data_dir))
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == 'The database is up to date.'


# create-admin

def test_create_admin_makes_a_superadmin_and_a_branch(data_dir: Path) -> None:
    result = prospine('create-admin', '--username', 'boss', env=cli_env(data_dir), stdin=GOOD_PASSWORD + '\n')
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Superadmin 'boss' created. Sign in at the clinic app."
    database = data_dir / 'prospine.sqlite3'
    [(username, role, branch_id, password_hash)] = query(
        database, 'SELECT username, role, branch_id, password_hash FROM user_account')
    assert (username, role) == ('boss', 'superadmin')
    assert password_hash.startswith('$argon2id$')
    assert GOOD_PASSWORD not in password_hash
    assert query(database, 'SELECT id, name FROM branch') == [(branch_id, 'Main branch')]


@pytest.mark.parametrize(('password', 'message'), [
    ('short', 'prospine: password: Use at least 10 characters.'),
    ('password123', 'prospine: password: This password is too common.'),
])
def test_create_admin_refuses_a_weak_password(data_dir: Path, password: str, message: str) -> None:
    result = prospine('create-admin', '--username', 'boss', env=cli_env(data_dir), stdin=password + '\n')
    assert result.returncode == 1
    assert result.stderr.startswith(message)
    assert 'Traceback' not in result.stderr
    database = data_dir / 'prospine.sqlite3'
    assert query(database, 'SELECT * FROM user_account') == []
    assert query(database, 'SELECT * FROM branch') == []


def test_create_admin_refuses_a_taken_username(data_dir: Path) -> None:
    first = prospine('create-admin', '--username', 'boss', env=cli_env(data_dir), stdin=GOOD_PASSWORD + '\n')
    assert first.returncode == 0, first.stderr
    again = prospine('create-admin', '--username', 'boss', '--full-name', 'Someone Else', env=cli_env(data_dir),
                     stdin='another long passphrase\n')
    assert again.returncode == 1
    assert again.stderr.strip() == "prospine: A user named 'boss' already exists."
    assert query(data_dir / 'prospine.sqlite3', 'SELECT full_name FROM user_account') == [('Administrator',)]


# serve

def wait_until_answering(url: str, server: subprocess.Popen, output: Path, *, timeout: float = 60) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f'prospine serve exited with {server.returncode} before answering:\n{output.read_text()}')
        try:
            response = httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.3)
            continue
        if response.status_code != 503:
            return response
        assert 'ProSpine is starting' in response.text  # the database is still opening
        time.sleep(0.3)
    pytest.fail(f'prospine serve did not answer at {url} within {timeout} seconds')


def test_serve_starts_and_sends_a_new_clinic_to_setup(tmp_path: Path, data_dir: Path) -> None:
    port = free_port()
    env = cli_env(data_dir, PROSPINE_HOST='127.0.0.1', PROSPINE_PORT=str(port))
    with (tmp_path / 'serve.out').open('w') as output:
        server = subprocess.Popen([sys.executable, '-m', 'app', 'serve'], env=env, cwd=REPO,
                                  stdout=output, stderr=subprocess.STDOUT)
        try:
            home = wait_until_answering(f'http://127.0.0.1:{port}/', server, tmp_path / 'serve.out')
            assert home.status_code == 303
            assert home.headers['location'] == '/setup'

            setup = httpx.get(f'http://127.0.0.1:{port}/setup', timeout=10)
            assert setup.status_code == 200
            assert setup.headers['x-content-type-options'] == 'nosniff'
            assert 'frame-ancestors' in setup.headers['content-security-policy']
            assert setup.headers['referrer-policy']
            assert 'First-run setup' in setup.text

            assert stat.S_IMODE((data_dir / 'storage_secret').stat().st_mode) == 0o600
            assert (data_dir / 'prospine.sqlite3').is_file()
        finally:
            stop(server)
    assert f'ProSpine is starting on http://127.0.0.1:{port}' in (tmp_path / 'serve.out').read_text()


@pytest.mark.parametrize('command', [('serve',), ('migrate',), ('audit', 'verify')])
@pytest.mark.parametrize('damage', ['folder', 'not-a-database'])
def test_a_database_that_cannot_be_opened_is_one_sentence_not_a_hang(data_dir: Path, command: tuple[str, ...],
                                                                     damage: str) -> None:
    database = data_dir / 'prospine.sqlite3'
    data_dir.mkdir(parents=True, exist_ok=True)
    if damage == 'folder':
        database.mkdir()
    else:
        database.write_bytes(b'these are the clinic notes of a text editor, not a database' * 100)
    result = prospine(*command, env=cli_env(data_dir, PROSPINE_PORT=str(free_port())))
    assert result.returncode == 2, result.stderr
    expected = 'is not a file' if damage == 'folder' else 'cannot be opened (file is not a database)'
    assert result.stderr.startswith(f'prospine: The database {database} {expected}'), result.stderr
    assert 'prospine restore' in result.stderr and 'Traceback' not in result.stderr


@pytest.mark.parametrize('command', [('serve',), ('migrate',), ('audit', 'verify')])
def test_an_unreachable_postgresql_is_one_sentence_without_its_password(data_dir: Path,
                                                                         command: tuple[str, ...]) -> None:
    url = f'postgres://clinic:s3cret-pass@127.0.0.1:{free_port()}/prospine'  # nothing listens there
    result = prospine(*command, env=cli_env(data_dir, PROSPINE_DATABASE_URL=url, PROSPINE_PORT=str(free_port())))
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith('prospine: ') and result.stderr.count('\n') == 1, result.stderr
    assert 'postgres://clinic:***@127.0.0.1' in result.stderr and 's3cret' not in result.stderr
    assert 'Check PROSPINE_DATABASE_URL' in result.stderr


def test_serve_on_a_port_in_use_is_one_sentence(data_dir: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as other_program:
        other_program.bind(('127.0.0.1', 0))
        other_program.listen()
        port = other_program.getsockname()[1]
        result = prospine('serve', env=cli_env(data_dir, PROSPINE_HOST='127.0.0.1', PROSPINE_PORT=str(port)))
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f'prospine: port {port} on 127.0.0.1 is already in use')
    assert 'PROSPINE_PORT' in result.stderr and result.stderr.count('\n') == 1
