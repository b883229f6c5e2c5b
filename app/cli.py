"""The `prospine` command: serve, migrate, create-admin, makemigrations.

Configuration errors print one line and exit with 2; nothing prints a traceback at an admin.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
from collections.abc import Sequence

from app.config import ConfigError, Settings, load_settings, use_settings

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
    try:
        return args.handler(settings, args)
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

    make = commands.add_parser('makemigrations', help='(developers) write migrations for SQLite and PostgreSQL')
    make.add_argument('--name', default='update')
    make.add_argument('--postgres-url', default=os.environ.get('PROSPINE_TEST_POSTGRES_URL',
                                                               'postgres://postgres@127.0.0.1:5432/test'))
    make.set_defaults(handler=_makemigrations)
    return parser


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    from app.main import serve

    print(f'ProSpine is starting on http://{settings.host}:{settings.port} '
          f'(data directory {settings.data_dir})', flush=True)
    serve(settings)
    return 0


def _migrate(settings: Settings, args: argparse.Namespace) -> int:
    from app.db import apply_migrations

    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    applied = asyncio.run(apply_migrations(settings.database_url))
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
