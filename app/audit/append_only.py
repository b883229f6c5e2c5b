"""The database itself refuses to change or delete audit events.

This is defence in depth, not the proof: someone with the database file can drop these
triggers, and then the hash chain (`app.audit.chain`) still shows what they did. It stops any
code path, ours or a careless script's, from rewriting history by accident. The migrations
install the triggers; an in-memory database gets them with its schema.
"""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient

SQLITE_TRIGGERS = """
CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit events cannot be deleted'); END;
"""

POSTGRES_TRIGGERS = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit events cannot be changed or deleted'; END $$;
DROP TRIGGER IF EXISTS audit_event_no_change ON audit_event;
CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event;
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
"""


def triggers_for(dialect: str) -> str:
    return SQLITE_TRIGGERS if dialect == 'sqlite' else POSTGRES_TRIGGERS


async def install(connection: BaseDBAsyncClient) -> None:
    """Add the triggers to a database whose schema was generated rather than migrated."""
    await connection.execute_script(triggers_for(connection.capabilities.dialect))
