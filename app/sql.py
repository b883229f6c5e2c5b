"""Raw SQL the ORM cannot express, written once for SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import re

from tortoise.backends.base.client import BaseDBAsyncClient


def placeholders(connection: BaseDBAsyncClient, statement: str) -> str:
    """Write a statement with `?` placeholders; PostgreSQL gets `$1, $2, ...` instead."""
    if connection.capabilities.dialect == 'sqlite':
        return statement
    numbers = itertools.count(1)
    return re.sub(r'\?', lambda _: f'${next(numbers)}', statement)


def quoted(name: str) -> str:
    """A table or column name as an SQL identifier, in double quotes (both dialects)."""
    return '"' + name.replace('"', '""') + '"'
