"""The price list (`/admin/prices`): what each item costs at the branch, its SAC/HSN code and GST rate."""

from __future__ import annotations

from typing import Any

from nicegui import events, ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.money import format_money
from app.services import price_list
from app.services.price_list import KIND_LABELS, PriceInput, PriceRow
from components.billing_dialogs import RATE_OPTIONS
from components.dialogs import FormDialog, fill_width
from components.frame import frame
from components.guard import guarded_action, guarded_page
from components.money_input import MoneyInput
from components.tables import column

COLUMNS = [column('name', 'Item', wrap='18rem'), column('kind', 'Kind'), column('price', 'Price', align='right'),
           column('sac', 'SAC/HSN', hide_below=600), column('tax', 'GST', hide_below=600),
           column('status', 'Offered', hide_below=760)]


def _cells(row: PriceRow) -> dict[str, Any]:
    return {'id': row.id, 'name': row.name, 'kind': KIND_LABELS[row.kind], 'price': format_money(row.price),
            'sac': row.sac, 'tax': RATE_OPTIONS.get(str(row.tax_rate.normalize()), f'{row.tax_rate} %'),
            'status': 'Yes' if row.is_active else 'No'}


@guarded_page('/admin/prices', permission=Permission.BILLING_APPROVE, title='Price list', nav_label='Price list',
              nav_icon='sell', nav_order=88)
async def prices_page(actor: Actor) -> None:
    rows = {row.id: row for row in await price_list.price_list(actor=actor, active_only=False)}

    async def refresh(current: Actor) -> None:
        rows.clear()
        rows.update({row.id: row for row in await price_list.price_list(actor=current, active_only=False)})
        table.rows = [_cells(row) for row in rows.values()]

    def edit(event: events.GenericEventArguments) -> None:
        tapped = event.args[1] if len(event.args) > 1 and isinstance(event.args[1], dict) else {}
        row = rows.get(tapped.get('id'))
        if row is None:
            return

        @guarded_action(Permission.BILLING_APPROVE)
        async def save(current: Actor) -> None:
            fields = dialog.form.fields
            details = PriceInput(name=fields['name'].value or '', price=fields['price'].value,
                                 sac=fields['sac'].value or '', tax_rate=fields['tax_rate'].value,
                                 is_active=bool(fields['is_active'].value))
            await dialog.attempt(lambda: price_list.update_price(actor=current, price_id=row.id, details=details),
                                 done=lambda saved: f'{saved.name} now costs {format_money(saved.price)}.',
                                 then=lambda _: refresh(current))

        dialog = FormDialog(f'{KIND_LABELS[row.kind]}: {row.name}', submit_label='Save', on_submit=save)
        with dialog.body:
            dialog.form.add('name', ui.input('Name on the bill', value=row.name))
            dialog.form.add('price', MoneyInput('Price', value=row.price))
            with ui.row().classes('w-full no-wrap gap-2'):
                dialog.form.add('sac', ui.input('SAC / HSN code', value=row.sac)).classes('col')
                dialog.form.add('tax_rate', ui.select(RATE_OPTIONS, label='GST',
                                                      value=str(row.tax_rate.normalize()))).classes('col')
            dialog.form.add('is_active', ui.checkbox('Offered at the desk', value=row.is_active))
        fill_width(dialog)

    with frame(actor, 'Price list'):
        ui.label('Healthcare by a clinical establishment is exempt from GST (0 %): the bill is then a bill of supply. '
                 'Goods such as a brace carry their HSN code and rate. Tap an item to change it.') \
            .classes('text-body2')
        table = ui.table(columns=COLUMNS, rows=[_cells(row) for row in rows.values()], row_key='id',
                         pagination={'rowsPerPage': 0}).classes('w-full cursor-pointer') \
            .props('flat bordered wrap-cells hide-bottom').mark('prices')
        table.on('rowClick', edit, [[], ['id'], None])
