"""What the browser tests' seed scripts share: the served clinic's database, as its superadmin."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from app.auth.actor import Actor
from app.auth.sessions import actor_for
from app.config import load_settings, use_settings
from app.db import close_database, open_database
from models.accounts import Role, User


@asynccontextmanager
async def superadmin_of_served_clinic() -> AsyncIterator[Actor]:
    """Open the database the test server has migrated and act as its superadmin (no session behind it)."""
    settings = load_settings()
    use_settings(settings)
    await open_database(settings, migrate=False)
    try:
        yield await actor_for(await User.get(role=Role.SUPERADMIN), session_id=None)
    finally:
        await close_database()
