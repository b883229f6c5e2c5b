"""The `prospine` command: serve, migrate, create-admin, backup, restore, keys, makemigrations.

Configuration errors print one line and exit with 2; nothing prints a traceback at an admin.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import socket
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.audit import EntityType
from app.config import ConfigError, Settings, load_settings, url_without_password, use_settings

if TYPE_CHECKING:
    from app.audit.verify import ChainReport

EXIT_CONFIG = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as error:
        print(f'prospine: configuration error: {error}', file=sys.stderr)
        return EXIT_CONFIG
    use_settings(settings)
    os.umask(0o077)  # database, keys, logs and backups are readable by the service account only
    os.environ.setdefault('NICEGUI_STORAGE_PATH', str(settings.data_dir / 'nicegui'))
    from tortoise.exceptions import DBConnectionError

    from app.audit.chain import AuditKeyError
    from app.db import DatabaseUnavailable

    try:
        return args.handler(settings, args)
    except (DatabaseUnavailable, AuditKeyError) as error:
        print(f'prospine: {error}', file=sys.stderr)
        return EXIT_CONFIG
    except (DBConnectionError, ConnectionError, socket.gaierror) as error:
        print(f'prospine: cannot reach the database {url_without_password(settings.database_url)} ({error}). '
              'Check PROSPINE_DATABASE_URL and that the database server is running.', file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        print('prospine: interrupted', file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog='prospine', description='ProSpine Clinic Dashboard')
    commands = parser.add_subparsers(dest='command', required=True)

    serve = commands.add_parser('serve', help='run the clinic app (one process)')
    serve.set_defaults(handler=_serve)

    migrate = commands.add_parser('migrate', help='apply database migrations')
    migrate.set_defaults(handler=_migrate)

    admin = commands.add_parser('create-admin', help='create a superadmin (password from prompt or stdin)')
    admin.add_argument('--username', required=True)
    admin.add_argument('--full-name', default='Administrator')
    admin.add_argument('--branch', default='Main branch', help='branch name (created if missing)')
    admin.add_argument('--clinic-name', default='ProSpine Clinic')
    admin.set_defaults(handler=_create_admin)

    audit_command = commands.add_parser('audit', help='check the audit trail')
    audit_actions = audit_command.add_subparsers(dest='audit_command', required=True)
    verify = audit_actions.add_parser('verify', help='exit 0 if the chain is intact, else 1 naming the first bad event')
    verify.add_argument('--anchor', metavar='CODE', help='also check that the trail still holds the event of an '
                                                         'anchor printed by `prospine audit anchor` or a backup')
    verify.set_defaults(handler=_audit_verify)
    anchor = audit_actions.add_parser('anchor', help='print a short code of the newest event, to keep away from '
                                                     'this machine (after checking the chain)')
    anchor.set_defaults(handler=_audit_anchor)

    backup = commands.add_parser('backup', help='write an encrypted backup (SQLite; safe while the app serves)')
    backup.add_argument('path', nargs='?', help='file or folder (default: data/backups/)')
    backup.set_defaults(handler=_backup)

    restore = commands.add_parser('restore', help='restore a backup (stop the app first)')
    restore.add_argument('path', help='the backup file')
    restore.add_argument('--force', action='store_true', help='replace a database that already holds data')
    restore.set_defaults(handler=_restore)

    keys = commands.add_parser('keys', help='the keys that encrypt health data: status, rotate')
    keys_actions = keys.add_subparsers(dest='keys_command', required=True)
    keys_actions.add_parser('status', help='show the keys and what each encrypts').set_defaults(handler=_keys)
    rotate = keys_actions.add_parser('rotate', help='re-encrypt everything under a new key (resumable)')
    rotate.add_argument('--batch-size', type=int, default=200, help='rows per transaction')
    rotate.set_defaults(handler=_keys)

    demo = commands.add_parser('demo-data', help='fill an empty database with a demo clinic, to try the app')
    demo.add_argument('--scale', choices=('small', 'large'), default='small',
                      help='small: six weeks, 240 patients (seconds); large: ten years, 50,000 patients, '
                           '560,000 appointments')
    demo.add_argument('--seed', type=int, default=1, help='the same seed gives the same data (default 1)')
    demo.add_argument('--force', action='store_true', help='add the demo clinic to a database that has patients')
    demo.add_argument('--patients', type=int, help=argparse.SUPPRESS)  # tests: a scale at another size
    demo.add_argument('--days', type=int, help=argparse.SUPPRESS)
    demo.add_argument('--today', type=date.fromisoformat, help=argparse.SUPPRESS)  # the reference day
    demo.set_defaults(handler=_demo_data)

    make = commands.add_parser('makemigrations', help='(developers) write migrations for SQLite and PostgreSQL')
    make.add_argument('--name', default='update')
    make.add_argument('--postgres-url', default=os.environ.get('PROSPINE_TEST_POSTGRES_URL',
                                                               'postgres://postgres@127.0.0.1:5432/test'))
    make.set_defaults(handler=_makemigrations)
    return parser


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    from app.db import check_database_file, check_postgres_reachable
    from app.main import serve
    from app.serve_lock import try_lock

    lock = try_lock(settings.data_dir)  # held until the process ends: no restore under a live app
    if lock is None:
        print(f'prospine: the clinic app is already running with the data directory {settings.data_dir}.',
              file=sys.stderr)
        return 1
    if settings.is_sqlite and not settings.is_memory_database:
        Path(settings.database_url.removeprefix('sqlite://')).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    check_database_file(settings.database_url)  # fail here, in one sentence, rather than hang serving a starting page
    if not settings.is_sqlite:
        asyncio.run(check_postgres_reachable(settings.database_url))
    if (taken := _port_taken(settings.host, settings.port)) is not None:
        print(f'prospine: port {settings.port} on {settings.host} is already in use ({taken}); another program, or '
              'another ProSpine, is serving there. Stop it, or set PROSPINE_PORT to a free port.', file=sys.stderr)
        return EXIT_CONFIG
    if not settings.is_memory_database:
        asyncio.run(_open_once(settings))  # migrations, and the audit key a used installation must have
    print(f'ProSpine is starting on http://{settings.host}:{settings.port} '
          f'(data directory {settings.data_dir})', flush=True)
    try:
        serve(settings)
    finally:
        lock.release()
    return 0


async def _open_once(settings: Settings) -> None:
    from app.db import close_database, open_database

    await open_database(settings)
    await close_database()


def _port_taken(host: str, port: int) -> str | None:
    """Try to bind the address as the web server will (SO_REUSEADDR); the reason when it cannot."""
    family = socket.AF_INET6 if ':' in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            return error.strerror or str(error)
    return None


def _backup(settings: Settings, args: argparse.Namespace) -> int:
    from app.backups.commands import backup_command

    return backup_command(settings, args.path)


def _restore(settings: Settings, args: argparse.Namespace) -> int:
    from app.backups.commands import restore_command

    return restore_command(settings, args.path, force=args.force)


def _migrate(settings: Settings, args: argparse.Namespace) -> int:
    from app.db import apply_migrations, close_database, open_database

    async def migrate() -> list[str]:
        applied = await apply_migrations(settings.database_url)
        await open_database(settings, migrate=False)  # a new installation's audit key; a used one's must be there
        await close_database()
        return applied

    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    applied = asyncio.run(migrate())
    print(f'Applied {len(applied)} migration(s).' if applied else 'The database is up to date.')
    return 0


def _create_admin(settings: Settings, args: argparse.Namespace) -> int:
    from app.db import close_database, open_database
    from app.errors import DomainError, ValidationFailed
    from app.services.setup import create_superadmin

    password = _read_password()
    if password is None:
        print('prospine: the two passwords do not match; nothing was created.', file=sys.stderr)
        return 1

    async def create() -> str:
        await open_database(settings)
        try:
            user = await create_superadmin(username=args.username, full_name=args.full_name, password=password,
                                           branch_name=args.branch, clinic_name=args.clinic_name)
            return user.username
        finally:
            await close_database()

    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        username = asyncio.run(create())
    except ValidationFailed as failed:
        for field, message in failed.field_errors.items():
            print(f'prospine: {field.replace("_", " ")}: {message}', file=sys.stderr)
        return 1
    except DomainError as error:
        print(f'prospine: {error.message}', file=sys.stderr)
        return 1
    print(f'Superadmin {username!r} created. Sign in at the clinic app.')
    return 0


def _read_password() -> str | None:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip('\n')
    first = getpass.getpass('New password: ')
    second = getpass.getpass('Repeat the password: ')
    return first if first == second else None


def _audit_verify(settings: Settings, args: argparse.Namespace) -> int:
    from app.audit.chain import Anchor
    from app.audit.verify import verify_chain

    anchor = None
    if args.anchor:
        try:
            anchor = Anchor.parse(args.anchor)
        except ValueError as error:
            print(f'prospine: {error}', file=sys.stderr)
            return EXIT_CONFIG
    return _with_audit_trail(settings, lambda: verify_chain(anchor=anchor), on_intact=lambda report: report.sentence())


def _audit_anchor(settings: Settings, args: argparse.Namespace) -> int:
    from app.audit import Action, audit, system_actor
    from app.audit.chain import Anchor
    from app.audit.verify import newest_head, verify_chain

    taken: list[str] = []

    async def verify_then_anchor() -> ChainReport:
        report = await verify_chain()
        if report.ok:  # the anchor's own event is in it: the code covers the moment it was taken
            await audit.record(system_actor('cli'), action=Action.EXPORT, entity_type=EntityType.AUDIT_ANCHOR,
                               detail='audit anchor printed')
            head = await newest_head()
            assert head is not None
            taken.append(Anchor.of_event(head.seq, head.mac).code)
        return report

    def sentence(report: ChainReport) -> str:
        return (f'Audit anchor: {taken[0]}\n{report.sentence()} Note the anchor away from this machine (on paper, or '
                'in a message to the clinic owner): `prospine audit verify --anchor CODE` later fails if the trail '
                'no longer holds that event unchanged.')

    return _with_audit_trail(settings, verify_then_anchor, on_intact=sentence)


def _with_audit_trail(settings: Settings, check: Callable[[], Awaitable[ChainReport]], *,
                      on_intact: Callable[[ChainReport], str]) -> int:
    """Open the database without migrating, run a chain check, print its verdict: 0 intact, 1 not."""
    from tortoise.exceptions import OperationalError

    from app.audit import audit
    from app.db import close_database, open_database

    async def run() -> ChainReport:
        await open_database(settings, migrate=False)
        try:
            return await check()
        finally:
            await audit.shutdown()
            await close_database()

    if settings.is_sqlite and not settings.is_memory_database \
            and not Path(settings.database_url.removeprefix('sqlite://')).exists():
        print(f'prospine: there is no database at {settings.database_url.removeprefix("sqlite://")}.',
              file=sys.stderr)
        return 1
    try:
        report = asyncio.run(run())
    except OperationalError:
        print('prospine: this database has no audit trail yet; run `prospine migrate` first.', file=sys.stderr)
        return 1
    if not report.ok:
        print(f'prospine: {report.sentence()}', file=sys.stderr)
        return 1
    print(on_intact(report))
    return 0


def _demo_data(settings: Settings, args: argparse.Namespace) -> int:
    from app.db import close_database, open_database
    from app.demo.command import DemoRequest, Refused, fill, summary

    request = DemoRequest(scale=args.scale, seed=args.seed, force=args.force, patients=args.patients, days=args.days,
                          today=args.today)

    async def run() -> dict[str, int]:
        await open_database(settings)
        try:
            return await fill(request)
        finally:
            await close_database()

    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    started = time.monotonic()
    try:
        counts = asyncio.run(run())
    except Refused as refused:
        print(f'prospine: {refused}', file=sys.stderr)
        return 1
    print(summary(counts, seconds=time.monotonic() - started))
    return 0


def _keys(settings: Settings, args: argparse.Namespace) -> int:
    from app import keys_cli

    if args.keys_command == 'rotate':
        return keys_cli.rotate(settings, batch_size=max(1, args.batch_size))
    return keys_cli.status(settings)


def _makemigrations(settings: Settings, args: argparse.Namespace) -> int:
    from app.migration_tools import MigrationToolError, make_migrations

    try:
        lines = asyncio.run(make_migrations(name=args.name, postgres_url=args.postgres_url))
    except MigrationToolError as error:
        print(f'prospine: {error}', file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
