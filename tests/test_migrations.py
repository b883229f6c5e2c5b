"""The committed migration trees agree with the models, on SQLite and on PostgreSQL.

Two checks, because each catches what the other cannot: `drift` compares the models with the state
the migrations record (a model changed without `prospine makemigrations`), and the schema check
compares what the migrations' SQL builds with what Tortoise would build (a hand-edited SQL mistake).
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3
from collections.abc import AsyncIterator
from contextlib import closing
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from aerich.migrate import Migrate
from aerich.utils import decompress_dict, import_py_file
from tortoise import Tortoise
from tortoise.backends.base import executor

from app.db import MIGRATIONS_ROOT, apply_migrations, tortoise_config
from app.migration_tools import MigrationToolError, drift, make_migrations, upgrade
from tests.postgres import postgres_database, reachable_server

Schema = dict[str, dict[str, list[Any]]]


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    async with postgres_database() as url:
        yield url


@pytest.fixture
async def pg_reference_url() -> AsyncIterator[str]:
    async with postgres_database() as url:
        yield url


def sqlite_url(path: Path) -> str:
    return f'sqlite://{path}'


def committed_versions(dialect: str) -> list[str]:
    """Return the file names of a committed tree's migrations, in the order aerich applies them."""
    files = (MIGRATIONS_ROOT / dialect / 'models').glob('[0-9]*_*.py')
    return sorted((file.name for file in files), key=lambda name: int(name.split('_')[0]))


async def apply_committed(database_url: str) -> list[str]:
    """Apply the committed migrations the way the app does, in a task of their own.

    `app.db.apply_migrations` relies on aerich to initialise Tortoise, which aerich skips while a closed
    context from an earlier call lingers in the same task; the app calls it once per process. Tortoise
    caches insert SQL per connection name, not per dialect, so the cache is cleared around the call.
    """
    executor.EXECUTOR_CACHE.clear()
    try:
        return await asyncio.create_task(apply_migrations(database_url))
    finally:
        executor.EXECUTOR_CACHE.clear()


async def generate_schema(database_url: str) -> None:
    """Let Tortoise build the models' schema directly, as `generate_schemas` does in tests."""
    executor.EXECUTOR_CACHE.clear()
    await Tortoise.init(config=tortoise_config(database_url))
    try:
        await Tortoise.generate_schemas(safe=False)
    finally:
        await Tortoise.close_connections()


def sqlite_schema(path: Path) -> Schema:
    """Read tables, columns, indexes and foreign keys of a SQLite file (defaults and names left out)."""
    schema: Schema = {}
    with closing(sqlite3.connect(path)) as db:
        tables = [row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            columns = [(name, kind.upper(), bool(not_null), pk)
                       for _cid, name, kind, not_null, _default, pk in db.execute(f'PRAGMA table_info("{table}")')]
            indexes = []
            for _seq, index, unique, _origin, _partial in db.execute(f'PRAGMA index_list("{table}")'):
                names = tuple(row[2] for row in db.execute(f'PRAGMA index_info("{index}")'))
                indexes.append((bool(unique), names))
            foreign_keys = [(row[3], row[2], row[4], row[6])
                            for row in db.execute(f'PRAGMA foreign_key_list("{table}")')]
            schema[table] = {'columns': sorted(columns), 'indexes': sorted(indexes),
                             'foreign_keys': sorted(foreign_keys)}
    return schema


async def postgres_schema(database_url: str) -> Schema:
    """Read tables, columns, indexes and constraints of a PostgreSQL database (names and defaults left out)."""
    connection = await asyncpg.connect(database_url)
    try:
        columns = await connection.fetch(
            "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable "
            "FROM information_schema.columns WHERE table_schema = 'public'")
        indexes = await connection.fetch("SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'")
        constraints = await connection.fetch(
            "SELECT conrelid::regclass::text AS table_name, contype, pg_get_constraintdef(oid) AS definition "
            "FROM pg_constraint WHERE connamespace = 'public'::regnamespace")
    finally:
        await connection.close()
    schema: Schema = {}
    for row in columns:
        table = schema.setdefault(row['table_name'], {'columns': [], 'indexes': [], 'constraints': []})
        table['columns'].append((row['column_name'], row['data_type'], row['character_maximum_length'],
                                 row['is_nullable']))
    for row in indexes:
        schema[row['tablename']]['indexes'].append(re.sub(r'INDEX \S+ ON', 'INDEX ON', row['indexdef']))
    for row in constraints:
        schema[row['table_name'].strip('"')]['constraints'].append((row['contype'], row['definition']))
    return {name: {key: sorted(values) for key, values in table.items()} for name, table in schema.items()}


def tree_without_gstin(dialect: str, root: Path) -> Path:
    """Copy a committed tree under `root` and add a migration that drops branch.gstin and forgets the field.

    The copy then describes a schema the models disagree with, as if the field had been added to the
    models without running `prospine makemigrations`.
    """
    tree = root / dialect
    shutil.copytree(MIGRATIONS_ROOT / dialect, tree, ignore=shutil.ignore_patterns('__pycache__'))
    last = committed_versions(dialect)[-1]
    state = decompress_dict(import_py_file(tree / 'models' / last).MODELS_STATE)
    branch = state['models.Branch']
    branch['data_fields'] = [field for field in branch['data_fields'] if field['name'] != 'gstin']
    text = Migrate.build_migration_file_text(upgrade_sql='ALTER TABLE "branch" DROP COLUMN "gstin";',
                                             models_state=state)
    number = int(last.split('_')[0]) + 1
    (tree / 'models' / f'{number}_20000101000000_forget_gstin.py').write_text(text, encoding='utf-8')
    return tree


def column_names(schema: Schema, table: str) -> set[str]:
    return {column[0] for column in schema[table]['columns']}


# SQLite

async def test_sqlite_migrations_agree_with_the_models(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / 'migrated.sqlite3')
    assert await apply_committed(url) == committed_versions('sqlite')
    assert await drift(url) == []


async def test_sqlite_migrations_build_the_schema_the_models_describe(tmp_path: Path) -> None:
    await apply_committed(sqlite_url(tmp_path / 'migrated.sqlite3'))
    await generate_schema(sqlite_url(tmp_path / 'generated.sqlite3'))
    migrated, generated = sqlite_schema(tmp_path / 'migrated.sqlite3'), sqlite_schema(tmp_path / 'generated.sqlite3')
    assert {'aerich', 'branch', 'user_account', 'user_session'} <= set(generated)
    assert migrated == generated


async def test_sqlite_applying_the_migrations_again_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / 'twice.sqlite3'
    assert await apply_committed(sqlite_url(path)) == committed_versions('sqlite')
    before = sqlite_schema(path)
    assert await apply_committed(sqlite_url(path)) == []
    assert sqlite_schema(path) == before
    with closing(sqlite3.connect(path)) as db:
        recorded = [row[0] for row in db.execute('SELECT version FROM aerich ORDER BY id')]
    assert recorded == committed_versions('sqlite')


async def test_drift_names_a_field_the_migrations_lack(tmp_path: Path) -> None:
    tree = tree_without_gstin('sqlite', tmp_path / 'migrations')
    statements = await drift(sqlite_url(tmp_path / 'scratch.sqlite3'), migrations_dir=tree)
    assert len(statements) == 1
    assert statements[0].startswith('ALTER TABLE "branch" ADD "gstin" VARCHAR(15) NOT NULL')
    assert [path.name for path in tree.glob('models/*drift*')] == []  # aerich wrote into a copy


async def test_schema_check_catches_a_column_the_migrations_drop(tmp_path: Path) -> None:
    tree = tree_without_gstin('sqlite', tmp_path / 'migrations')
    await upgrade(sqlite_url(tmp_path / 'migrated.sqlite3'), location=tree)
    await generate_schema(sqlite_url(tmp_path / 'generated.sqlite3'))
    migrated, generated = sqlite_schema(tmp_path / 'migrated.sqlite3'), sqlite_schema(tmp_path / 'generated.sqlite3')
    assert migrated != generated
    assert column_names(generated, 'branch') - column_names(migrated, 'branch') == {'gstin'}


async def test_makemigrations_refuses_a_bad_name_before_writing(tmp_path: Path) -> None:
    root = tmp_path / 'migrations'
    tree_without_gstin('sqlite', root)
    with pytest.raises(MigrationToolError, match='lower-case letters'):
        await make_migrations(name='Add GSTIN', postgres_url='postgres://postgres@127.0.0.1:1/test', root=root)


async def test_makemigrations_writes_nothing_without_postgres(tmp_path: Path) -> None:
    root = tmp_path / 'migrations'
    tree = tree_without_gstin('sqlite', root)
    before = sorted(path.name for path in tree.glob('models/*.py'))
    with pytest.raises(MigrationToolError, match=r'cannot reach PostgreSQL at postgres://postgres:\*\*\*@'):
        await make_migrations(name='add_gstin', postgres_url='postgres://postgres:secret@127.0.0.1:1/test', root=root)
    assert sorted(path.name for path in tree.glob('models/*.py')) == before


# PostgreSQL

@pytest.mark.postgres
async def test_postgres_migrations_agree_with_the_models(pg_url: str) -> None:
    assert await apply_committed(pg_url) == committed_versions('postgres')
    assert await drift(pg_url) == []


@pytest.mark.postgres
async def test_postgres_migrations_build_the_schema_the_models_describe(pg_url: str, pg_reference_url: str) -> None:
    await apply_committed(pg_url)
    await generate_schema(pg_reference_url)
    migrated, generated = await postgres_schema(pg_url), await postgres_schema(pg_reference_url)
    assert {'aerich', 'branch', 'user_account', 'user_session'} <= set(generated)
    # migration 8 adds by hand what Tortoise cannot describe: the calendar's no-overlap rules
    hand_written = [(kind, definition) for kind, definition in migrated['appointment']['constraints']
                    if kind in (b'c', b'x')]
    assert sorted(definition.split(' WITH =')[0] for _, definition in hand_written) == [
        'CHECK ((ends_at > starts_at))', 'EXCLUDE USING gist (clinician_id', 'EXCLUDE USING gist (patient_id']
    migrated['appointment']['constraints'] = [item for item in migrated['appointment']['constraints']
                                              if item not in hand_written]
    gist = [index for index in migrated['appointment']['indexes'] if 'USING gist' in index]
    assert len(gist) == 2  # the exclusion constraints' own indexes
    migrated['appointment']['indexes'] = [index for index in migrated['appointment']['indexes'] if index not in gist]
    assert migrated == generated


@pytest.mark.postgres
async def test_postgres_applying_the_migrations_again_changes_nothing(pg_url: str) -> None:
    assert await apply_committed(pg_url) == committed_versions('postgres')
    before = await postgres_schema(pg_url)
    assert await apply_committed(pg_url) == []
    assert await postgres_schema(pg_url) == before


@pytest.mark.postgres
async def test_postgres_schema_check_catches_a_column_the_migrations_drop(
        tmp_path: Path, pg_url: str, pg_reference_url: str) -> None:
    await upgrade(pg_url, location=tree_without_gstin('postgres', tmp_path / 'migrations'))
    await generate_schema(pg_reference_url)
    migrated, generated = await postgres_schema(pg_url), await postgres_schema(pg_reference_url)
    assert column_names(generated, 'branch') - column_names(migrated, 'branch') == {'gstin'}


@pytest.mark.postgres
async def test_makemigrations_writes_the_missing_change_to_both_trees_once(tmp_path: Path) -> None:
    server = await reachable_server()
    root = tmp_path / 'migrations'
    trees = {dialect: tree_without_gstin(dialect, root) for dialect in ('sqlite', 'postgres')}

    lines = await make_migrations(name='restore_gstin', postgres_url=server, root=root)

    for line, (dialect, tree) in zip(lines, trees.items(), strict=True):
        [written] = tree.glob('models/*_restore_gstin.py')
        assert line == f'{dialect}: wrote migrations/{dialect}/models/{written.name}'
        assert 'ALTER TABLE "branch" ADD "gstin" VARCHAR(15) NOT NULL' in written.read_text(encoding='utf-8')
    assert await drift(sqlite_url(tmp_path / 'after.sqlite3'), migrations_dir=trees['sqlite']) == []
    assert await make_migrations(name='again', postgres_url=server, root=root) == [
        'sqlite: no changes', 'postgres: no changes']
