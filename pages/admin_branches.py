"""Branches (`/admin/branches`): list, open a new one, edit details, close or reopen, and the logo."""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import events, ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import DomainError, ValidationFailed
from app.services import branches
from app.services.uploads import MEGABYTE
from components.dialogs import FormDialog, fill_width
from components.frame import frame
from components.guard import guarded_action, guarded_page
from components.tables import column, pick_table, picked, replace_rows
from components.upload_rejections import explain_rejections

# Narrow tables drop the GSTIN and the logo; the Edit dialog and the Logo button show them.
COLUMNS = [
    column('name', 'Branch', wrap='12rem'),
    column('clinic_name', 'Clinic name', wrap='14rem'),
    column('phone', 'Phone', nowrap=True),
    column('email', 'Email', wrap='14rem'),
    column('gstin', 'GSTIN', nowrap=True, hide_below=760),
    column('status', 'Status', nowrap=True),
    column('logo', 'Logo', hide_below=760),
]
FIELDS = [('name', 'Branch name'), ('clinic_name', 'Clinic name (printed on bills)'), ('address', 'Address'),
          ('phone', 'Phone'), ('phone_alt', 'Second phone'), ('email', 'Email'), ('gstin', 'GSTIN')]


def _table_row(row: branches.BranchRow) -> dict[str, Any]:
    return {'id': row.id, 'name': row.name, 'clinic_name': row.clinic_name, 'address': row.address,
            'phone': row.phone, 'phone_alt': row.phone_alt, 'email': row.email, 'gstin': row.gstin,
            'status': 'Open' if row.is_active else 'Closed', 'is_active': row.is_active,
            'logo': 'Yes' if row.logo_file else 'No', 'document_code': row.document_code, 'upi_id': row.upi_id}


def _details_dialog(title: str, *, submit_label: str, row: dict[str, Any] | None,
                    on_submit: Callable[[dict[str, str]], Awaitable[None]]) -> FormDialog:
    """A dialog with every detail of a branch, filled from `row` when editing."""
    inputs: dict[str, ui.input | ui.textarea] = {}
    dialog = FormDialog(title, submit_label=submit_label,
                        on_submit=lambda: on_submit({name: element.value or '' for name, element in inputs.items()}))
    with dialog.body:
        for name, label in FIELDS:
            value = str(row.get(name, '')) if row else ''
            element = ui.textarea(label, value=value).props('autogrow') if name == 'address' \
                else ui.input(label, value=value)
            inputs[name] = dialog.form.add(name, element)
    fill_width(dialog)
    return dialog


@guarded_page('/admin/branches', permission=Permission.BRANCHES_VIEW, title='Branches', nav_label='Branches',
              nav_icon='store', nav_order=85)
async def branches_page(actor: Actor) -> None:
    can_open = actor.can(Permission.BRANCHES_CREATE)
    can_manage = actor.can(Permission.BRANCHES_MANAGE)

    async def refresh(current: Actor) -> None:
        show([_table_row(row) for row in await branches.list_branches(actor=current)])

    def show(rows: list[dict[str, Any]]) -> None:
        replace_rows(table, rows)
        if not table.selected and len(rows) == 1:
            table.selected = [rows[0]]

    initial = [_table_row(row) for row in await branches.list_branches(actor=actor)]  # before the frame's timer

    def chosen() -> dict[str, Any] | None:
        return picked(table, what='a branch')

    def open_create() -> None:
        @guarded_action(Permission.BRANCHES_CREATE)
        async def create(current: Actor, details: dict[str, str]) -> None:
            await dialog.attempt(
                lambda: branches.create_branch(actor=current, **details),
                done=lambda row: f'The branch {row.name} has been opened.',
                then=lambda _: refresh(current))

        dialog = _details_dialog('Open a new branch', submit_label='Create', row=None, on_submit=create)

    def open_edit() -> None:
        if (row := chosen()) is None:
            return

        @guarded_action(Permission.BRANCHES_MANAGE)
        async def save(current: Actor, details: dict[str, str]) -> None:
            await dialog.attempt(
                lambda: branches.update_branch(actor=current, branch_id=row['id'], **details),
                done='The branch details have been saved.',
                then=lambda _: refresh(current))

        dialog = _details_dialog(f'Edit {row["name"]}', submit_label='Save', row=row, on_submit=save)

    async def open_logo() -> None:
        if (row := chosen()) is None:
            return

        async def show_logo(current: Actor) -> None:
            logo = await branches.load_logo(actor=current, branch_id=row['id'])
            preview.clear()
            with preview:
                if logo is None:
                    ui.label('This branch has no logo yet.').classes('text-grey-7').mark('no-logo')
                else:
                    encoded = base64.b64encode(logo.content).decode()
                    ui.image(f'data:{logo.media_type};base64,{encoded}').classes('w-48').mark('logo-preview')

        @guarded_action(Permission.BRANCHES_MANAGE)
        async def uploaded(current: Actor, event: events.UploadEventArguments) -> None:
            dialog.form.clear()
            try:
                if problem := branches.logo_size_problem(event.file.size(), event.file.name):
                    raise ValidationFailed({'logo': problem})
                await branches.save_logo(actor=current, branch_id=row['id'], content=await event.file.read(),
                                         filename=event.file.name)
            except DomainError as error:
                dialog.form.show(error)
                return
            finally:
                upload.reset()
            ui.notify('The logo has been saved.', type='positive')
            await show_logo(current)
            await refresh(current)

        dialog = FormDialog(f'Logo of {row["name"]}', text='Printed on letterheads and bills.')
        with dialog.body:
            preview = ui.column().classes('w-full items-center')
            if can_manage:
                upload = ui.upload(label='Choose a PNG, JPEG or WebP image (at most 1 MB)', auto_upload=True,
                                   max_file_size=branches.LOGO_MAX_BYTES, on_upload=uploaded) \
                    .props('accept="image/png,image/jpeg,image/webp" flat bordered').classes('w-full') \
                    .mark('logo-upload')
                explain_rejections(upload, kinds='PNG, JPEG or WebP', max_mb=branches.LOGO_MAX_BYTES // MEGABYTE,
                                   noun='logo')
        await show_logo(actor)

    def open_billing() -> None:
        if (row := chosen()) is None:
            return

        @guarded_action(Permission.BRANCHES_MANAGE)
        async def save(current: Actor) -> None:
            fields = dialog.form.fields
            await dialog.attempt(
                lambda: branches.set_billing_details(actor=current, branch_id=row['id'],
                                                     document_code=fields['document_code'].value or '',
                                                     upi_id=fields['upi_id'].value or ''),
                done='The billing details have been saved.', then=lambda _: refresh(current))

        dialog = FormDialog(f'Billing at {row["name"]}', submit_label='Save', on_submit=save,
                            text='The code starts every invoice number (AND/26-27/00123); the UPI id is what the QR '
                                 'code on each bill pays.')
        with dialog.body:
            dialog.form.add('document_code', ui.input('Branch code (1 to 3 letters or digits)',
                                                      value=row.get('document_code', '')))
            dialog.form.add('upi_id', ui.input('UPI id', value=row.get('upi_id', ''), placeholder='clinic@okaxis'))
        fill_width(dialog)

    @guarded_action(Permission.BRANCHES_CREATE)
    async def set_open(current: Actor, active: bool) -> None:
        if (row := chosen()) is None:
            return
        try:
            await branches.set_branch_active(actor=current, branch_id=row['id'], active=active)
        except DomainError as error:
            ui.notify(error.message, type='negative')
            return
        ui.notify(f'{row["name"]} is now {"open" if active else "closed"}.', type='positive')
        await refresh(current)

    with frame(actor, 'Branches'):
        with ui.row().classes('w-full items-center gap-2'):
            search = ui.input(placeholder='Search').props('outlined dense clearable').classes('grow').mark('filter')
            if can_open:
                ui.button('New branch', icon='add_business', on_click=open_create).mark('add-branch')
        with ui.row().classes('gap-2'):
            if can_manage:
                ui.button('Edit', icon='edit', on_click=open_edit).props('outline').mark('edit-branch')
            ui.button('Logo', icon='image', on_click=open_logo).props('outline').mark('branch-logo')
            if can_manage:
                ui.button('Billing', icon='qr_code_2', on_click=open_billing).props('outline').mark('branch-billing')
            if can_open:
                ui.button('Reopen', icon='storefront', on_click=lambda: set_open(True)).props('outline') \
                    .mark('reopen-branch')
                ui.button('Close', icon='block', on_click=lambda: set_open(False)) \
                    .props('outline color=negative').mark('close-branch')
        table = pick_table(COLUMNS).mark('branch-table')
        search.bind_value_to(table, 'filter')
        show(initial)
