"""Cards paged on the server: one page of a part of the record, newest first, with a pager when there are more.

For parts whose items are cards with their own buttons (tests with their reports, treatment plans
with their history), where a table row would not hold them. Like `ServerTable`, only one page is
ever built, so the element count stays the same however long the record is.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.services.paging import Page
from components.guard import guarded_action

Row = TypeVar('Row')


class CardPager(Generic[Row]):
    """`read(actor, page, per_page)` one page; `draw(actor, row)` each card; `empty` when there is none."""

    def __init__(self, *, read: Callable[[Actor, int, int], Awaitable[Page[Row]]],
                 draw: Callable[[Actor, Row], Awaitable[None] | None], permission: Permission, per_page: int,
                 empty: str) -> None:
        self.read, self.draw, self.per_page, self.empty = read, draw, per_page, empty
        self.page = 1
        self.box = ui.column().classes('w-full gap-2')

        @guarded_action(permission)
        async def turned(current: Actor) -> None:
            self.page = int(self.pager.value or 1)
            await self.refresh(current)

        self.pager = ui.pagination(1, 1, direction_links=True, on_change=turned).props('boundary-numbers') \
            .mark('card-pager')
        self.count = ui.label().classes('text-caption text-grey-7')

    async def refresh(self, actor: Actor) -> Page[Row]:
        """Read the current page again (after a save, a page turn or a change elsewhere)."""
        found = await self.read(actor, self.page, self.per_page)
        self.page = found.page
        self.box.clear()
        with self.box:
            if not found.rows:
                ui.label(self.empty).classes('text-grey-7')
            for row in found.rows:
                drawn = self.draw(actor, row)
                if drawn is not None:
                    await drawn
        self.pager.max = found.pages
        self.pager.set_value(found.page)
        self.pager.set_visibility(found.pages > 1)
        first = (found.page - 1) * found.per_page + 1
        self.count.set_text(f'{first}-{first + len(found.rows) - 1} of {found.total:,}')
        self.count.set_visibility(found.pages > 1)
        return found
