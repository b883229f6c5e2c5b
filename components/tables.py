"""Tables whose rows are picked (by the tick box or a tap on the row) and then acted on by buttons."""

from __future__ import annotations

from typing import Any

from nicegui import events, ui


def pick_table(columns: list[dict[str, Any]], *, row_key: str = 'id', rows_per_page: int = 25) -> ui.table:
    """Draw a single-selection table; a tap anywhere on a row selects it."""
    for column in columns:
        column.setdefault('align', 'left')
        column.setdefault('sortable', True)
    table = ui.table(columns=columns, rows=[], row_key=row_key, selection='single',
                     pagination={'rowsPerPage': rows_per_page}).classes('w-full').props('flat bordered')

    def tapped(event: events.GenericEventArguments) -> None:
        key = event.args[1].get(row_key) if len(event.args) > 1 and isinstance(event.args[1], dict) else None
        table.selected = [row for row in table.rows if row[row_key] == key][:1]

    table.on('rowClick', tapped, [[], [row_key], None])
    return table


def replace_rows(table: ui.table, rows: list[dict[str, Any]]) -> None:
    """Show new rows, keeping the selection on the same record when it is still there."""
    key = table.row_key
    chosen = {row[key] for row in table.selected}
    table.rows = rows
    table.selected = [row for row in rows if row[key] in chosen]


def picked(table: ui.table, *, what: str) -> dict[str, Any] | None:
    """Return the selected row, or tell the user to pick one first."""
    if table.selected:
        return table.selected[0]
    ui.notify(f'Select {what} in the table first.', type='warning')
    return None
