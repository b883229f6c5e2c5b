"""A pick table paged on the server: the browser holds one page of rows, however long the list.

Quasar asks for a page (`request`); the handler re-checks the session and permission, reads that
page from the service and shows it with the total, so the pager's "1-10 of 500" and its last page
are the database's. Columns do not sort: a sort would reorder only the page shown.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

from nicegui import events, ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.services.paging import Page
from components.guard import guarded_action
from components.tables import clamp_cells, pick_table, picked, replace_rows

Row = TypeVar('Row')

# Quasar's own "1-25 of 1909", with the thousands grouped as the app writes counts: "1-25 of 1,909".
PAGE_LABEL = ':pagination-label="(first, last, total) => `${first}-${last} of ${total.toLocaleString(\'en-IN\')}`"'


class ServerTable(Generic[Row]):
    """One page of `read(actor, page, per_page)` in a table; `shown(row)` is a row's cells, keyed by `key`."""

    def __init__(self, columns: list[dict[str, Any]], *, read: Callable[[Actor, int, int], Awaitable[Page[Row]]],
                 shown: Callable[[Row], dict[str, Any]], permission: Permission, sizes: Sequence[int],
                 per_page: int, key: str = 'id', selectable: bool = True, empty: str | None = None) -> None:
        """`selectable=False` for a table whose rows open on a tap instead of being picked for the buttons;
        `empty` is what it says with no rows (Quasar's own is "No data available")."""
        self.read, self.shown, self.key = read, shown, key
        self.page, self.per_page = 1, per_page
        self.records: dict[str, Row] = {}
        fixed = [{**spec, 'align': spec.get('align', 'left'), 'sortable': False} for spec in columns]
        if selectable:
            self.table = pick_table(fixed, row_key=key, rows_per_page=per_page)
        else:
            self.table = clamp_cells(ui.table(columns=fixed, rows=[], row_key=key,
                                              pagination={'rowsPerPage': per_page})
                                     .classes('w-full').props('flat bordered wrap-cells'))
        self.table.props(PAGE_LABEL)
        self.table.props['rows-per-page-options'] = list(sizes)
        if empty:
            self.table.props['no-data-label'] = empty

        @guarded_action(permission)
        async def requested(current: Actor, event: events.GenericEventArguments) -> None:
            pagination = event.args.get('pagination', {}) if isinstance(event.args, dict) else {}
            self.page = whole_number(pagination.get('page'), default=1)  # the service keeps it within the pages
            self.per_page = whole_number(pagination.get('rowsPerPage'), default=per_page)
            await self.refresh(current)

        self.table.on('request', requested)

    async def refresh(self, actor: Actor) -> Page[Row]:
        """Read the current page again (after a save, a page request or a change elsewhere)."""
        found = await self.read(actor, self.page, self.per_page)
        self.page, self.per_page = found.page, found.per_page
        cells = [self.shown(row) for row in found.rows]
        self.records = {str(cell[self.key]): row for cell, row in zip(cells, found.rows, strict=True)}
        replace_rows(self.table, cells)
        self.table.pagination = {'page': found.page, 'rowsPerPage': found.per_page, 'rowsNumber': found.total}
        return found

    async def first_page(self, actor: Actor) -> Page[Row]:
        """Start again from the newest rows (a filter changed)."""
        self.page = 1
        return await self.refresh(actor)

    def chosen(self, *, what: str) -> Row | None:
        """The record of the selected row, or a message to pick one first."""
        row = picked(self.table, what=what)
        return self.records.get(str(row[self.key])) if row else None


def whole_number(value: object, *, default: int) -> int:
    """A page number or size the browser sent, or the default for anything that is not one."""
    return value if isinstance(value, int) and not isinstance(value, bool) else default
