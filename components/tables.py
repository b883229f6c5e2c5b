"""Tables whose rows are picked (by the tick box or a tap on the row) and then acted on by buttons."""

from __future__ import annotations

from typing import Any, Literal

from nicegui import events, ui

from components.dialogs import FormDialog

HIDE_BELOW = (600, 760, 1040)  # table widths in px with a collapse rule in app/static/prospine.css
Align = Literal['left', 'right', 'center']


# A cell cut to two or three lines, its whole text in the tooltip (Vue escapes `props.value`: text, not markup).
CLAMPED_CELL = ('<q-td :props="props" :title="props.value">'
                '<div class="ellipsis-{lines}-lines">{{{{ props.value }}}}</div></q-td>')


def column(name: str, label: str, *, field: str | None = None, align: Align = 'left', sortable: bool | None = None,
           nowrap: bool = False, wrap: str | None = None, lines: Literal[2, 3] | None = None,
           hide_below: int | None = None) -> dict[str, Any]:
    """Describe a table column: `nowrap` keeps times, UIDs and phones on one line, `wrap='14rem'` lets free
    text wrap within that width (`lines=2` cuts it to two lines, see `clamp_cells`), `hide_below=760` hides
    the column while its table is narrower than 760 px."""
    classes = []
    style = ''
    if nowrap:
        classes.append('prospine-nowrap')
    if wrap:
        classes.append('prospine-wrap')
        style = f'max-width: {wrap}; min-width: 6rem'
    if hide_below is not None:
        if hide_below not in HIDE_BELOW:
            raise ValueError(f'hide_below must be one of {HIDE_BELOW}, the widths prospine.css knows')
        classes.append(f'prospine-from-{hide_below}')
    spec: dict[str, Any] = {'name': name, 'label': label, 'field': field or name, 'align': align}
    if sortable is not None:  # else the table's default (pick tables sort by every column)
        spec['sortable'] = sortable
    if classes:
        spec['classes'] = spec['headerClasses'] = ' '.join(classes)
    if style:
        spec['style'] = spec['headerStyle'] = style
    if lines:
        spec['lines'] = lines
    return spec


def clamp_cells(table: ui.table) -> ui.table:
    """Cut the cells of the table's `lines=` columns to that many lines, with the whole text on hover."""
    for spec in table.columns:
        if spec.get('lines'):
            table.add_slot(f'body-cell-{spec["name"]}', CLAMPED_CELL.format(lines=spec['lines']))
    return table


def show_row_on_tap(table: ui.table, title: str) -> None:
    """Open every field of a tapped row in a dialog: what narrow screens hide or cut short stays readable."""
    def tapped(event: events.GenericEventArguments) -> None:
        row = event.args[1] if len(event.args) > 1 and isinstance(event.args[1], dict) else None
        if row is None:
            return
        dialog = FormDialog(title)
        with dialog.body:
            for spec in table.columns:
                value = row.get(spec['field'])
                if value in (None, ''):
                    continue
                with ui.column().classes('gap-0'):
                    ui.label(spec['label']).classes('text-caption text-grey-8')
                    ui.label(str(value)).classes('text-body2').style('overflow-wrap: anywhere')

    table.on('rowClick', tapped, [[], None, None])


def pick_table(columns: list[dict[str, Any]], *, row_key: str = 'id', rows_per_page: int = 25) -> ui.table:
    """Draw a single-selection table; a tap anywhere on a row selects it."""
    for spec in columns:
        spec.setdefault('align', 'left')
        spec.setdefault('sortable', True)
    table = ui.table(columns=columns, rows=[], row_key=row_key, selection='single',
                     pagination={'rowsPerPage': rows_per_page}).classes('w-full').props('flat bordered wrap-cells')
    clamp_cells(table)

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
