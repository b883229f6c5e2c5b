"""Staff accounts (`/admin/users`): list, add, edit, reset passwords, unlock, deactivate and reactivate."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import ASSIGNABLE_ROLES, ROLE_LABELS, Permission
from app.errors import DomainError
from app.services import branches, two_factor, users
from app.wording import counted
from components.dialogs import FormDialog, fill_width
from components.frame import frame
from components.guard import guarded_action, guarded_page
from components.tables import column, pick_table, picked, replace_rows
from components.when import clinic_time

# Narrow tables drop the branch and the last sign-in; the Edit dialog shows the branch.
COLUMNS = [
    column('username', 'Username', nowrap=True),
    column('full_name', 'Name', wrap='12rem'),
    column('role', 'Role'),
    column('branch', 'Branch', wrap='10rem', hide_below=760),
    column('status', 'Status', wrap='9rem'),
    column('lock', 'Sign-in lock', wrap='9rem'),
    column('last_login', 'Last sign-in', nowrap=True, hide_below=760),
]
PASSWORD_HINT = 'At least 10 characters; common passwords are refused. They must choose their own at first sign-in.'


def _table_row(row: users.UserRow) -> dict[str, Any]:
    if row.is_locked:
        lock = f'Locked until {clinic_time(row.locked_until)}'
    elif row.failed_login_count:
        lock = counted(row.failed_login_count, 'failed sign-in')
    else:
        lock = ''
    status = 'Active' if row.is_active else 'Inactive'
    if row.is_active and row.must_change_password:
        status += ' (new password due)'
    return {
        'id': row.id, 'username': row.username, 'full_name': row.full_name, 'role': row.role_label,
        'role_value': row.role.value, 'branch': row.branch_name, 'branch_id': row.branch_id, 'status': status,
        'is_active': row.is_active, 'lock': lock, 'locked': row.is_locked,
        'last_login': clinic_time(row.last_login_at) or 'Never',
    }


def role_options(actor: Actor) -> dict[str, str]:
    return {role.value: ROLE_LABELS[role] for role in ASSIGNABLE_ROLES.get(actor.role, ())}


async def branch_options(actor: Actor, *, keep: int | None = None) -> dict[int, str]:
    """The branches the actor may put staff in (open ones, plus the one a person is in now)."""
    if not actor.can(Permission.BRANCHES_VIEW):
        return {actor.branch_id: actor.branch_name}
    rows = await branches.list_branches(actor=actor)
    return {row.id: row.name for row in rows if row.is_active or row.id == keep}


@guarded_page('/admin/users', permission=Permission.USERS_VIEW, title='Staff', nav_label='Staff', nav_icon='group',
              nav_order=80)
async def staff_page(actor: Actor) -> None:
    can_manage = actor.can(Permission.USERS_MANAGE)

    async def refresh(current: Actor) -> None:
        replace_rows(table, [_table_row(row) for row in await users.list_users(actor=current)])

    initial = [_table_row(row) for row in await users.list_users(actor=actor)]  # before the frame starts its timer

    def chosen() -> dict[str, Any] | None:
        return picked(table, what='a staff member')

    async def open_create() -> None:
        @guarded_action(Permission.USERS_MANAGE)
        async def create(current: Actor) -> None:
            await dialog.attempt(
                lambda: users.create_user(actor=current, username=username.value or '',
                                          full_name=full_name.value or '', role=role.value, branch_id=branch.value,
                                          temporary_password=password.value or ''),
                done=lambda row: f'{row.full_name} can now sign in as "{row.username}".',
                then=lambda _: refresh(current))

        options = await branch_options(actor)
        dialog = FormDialog('Add a staff member', submit_label='Create', on_submit=create)
        with dialog.body:
            full_name = dialog.form.add('full_name', ui.input('Full name'))
            username = dialog.form.add('username', ui.input('Username').props('autocomplete=off'))
            role = dialog.form.add('role', ui.select(role_options(actor), label='Role'))
            branch = dialog.form.add('branch', ui.select(
                options, label='Branch', value=actor.branch_id if actor.branch_id in options else None))
            password = dialog.form.add('temporary_password', ui.input(
                'Temporary password', password=True, password_toggle_button=True).props('autocomplete=new-password'))
            ui.label(PASSWORD_HINT).classes('text-caption text-grey-7')
        fill_width(dialog)

    async def open_edit() -> None:
        if (row := chosen()) is None:
            return
        roles = role_options(actor)
        if row['role_value'] not in roles:
            ui.notify(users.SUPERADMIN_ONLY, type='warning')
            return

        @guarded_action(Permission.USERS_MANAGE)
        async def save(current: Actor) -> None:
            await dialog.attempt(
                lambda: users.update_user(actor=current, user_id=row['id'], full_name=full_name.value or '',
                                          role=role.value, branch_id=branch.value),
                done='The changes have been saved.',
                then=lambda _: refresh(current))

        options = await branch_options(actor, keep=row['branch_id'])
        dialog = FormDialog(f'Edit {row["username"]}', submit_label='Save', on_submit=save,
                            text='A new role or branch signs them out on every device.')
        with dialog.body:
            full_name = dialog.form.add('full_name', ui.input('Full name', value=row['full_name']))
            role = dialog.form.add('role', ui.select(roles, label='Role', value=row['role_value']))
            branch = dialog.form.add('branch', ui.select(
                options, label='Branch', value=row['branch_id'] if row['branch_id'] in options else None))
        fill_width(dialog)

    async def open_reset() -> None:
        if (row := chosen()) is None:
            return

        @guarded_action(Permission.USERS_MANAGE)
        async def reset(current: Actor) -> None:
            await dialog.attempt(
                lambda: users.reset_password(actor=current, user_id=row['id'], temporary_password=password.value or ''),
                done=f'{row["full_name"]} must choose a new password at the next sign-in.',
                then=lambda _: refresh(current))

        dialog = FormDialog(f'Reset the password of {row["username"]}', submit_label='Reset password',
                            on_submit=reset, text='They are signed out now and sign in with the temporary password.')
        with dialog.body:
            password = dialog.form.add('temporary_password', ui.input(
                'Temporary password', password=True, password_toggle_button=True).props('autocomplete=new-password'))
            ui.label(PASSWORD_HINT).classes('text-caption text-grey-7')
        fill_width(dialog)

    async def open_deactivate() -> None:
        if (row := chosen()) is None:
            return
        if not row['is_active']:
            ui.notify(f'{row["full_name"]} is already inactive.', type='info')
            return

        @guarded_action(Permission.USERS_MANAGE)
        async def deactivate(current: Actor) -> None:
            await dialog.attempt(lambda: users.set_active(actor=current, user_id=row['id'], active=False),
                                 done=f'{row["full_name"]} has been deactivated and signed out.',
                                 then=lambda _: refresh(current))

        dialog = FormDialog(f'Deactivate {row["full_name"]}?', submit_label='Deactivate', on_submit=deactivate,
                            submit_color='negative',
                            text='They are signed out at once and cannot sign in until reactivated.')

    @guarded_action(Permission.USERS_MANAGE)
    async def reactivate(current: Actor) -> None:
        if (row := chosen()) is None:
            return
        await _simple(current, lambda: users.set_active(actor=current, user_id=row['id'], active=True),
                      f'{row["full_name"]} can sign in again.', refresh)

    @guarded_action(Permission.USERS_MANAGE)
    async def unlock(current: Actor) -> None:
        if (row := chosen()) is None:
            return
        await _simple(current, lambda: users.unlock(actor=current, user_id=row['id']),
                      f'{row["full_name"]} is unlocked and can sign in again.', refresh)

    @guarded_action(Permission.USERS_MANAGE)
    async def reset_two_factor(current: Actor) -> None:
        if (row := chosen()) is None:
            return
        await _simple(current, lambda: two_factor.reset_for_user(actor=current, user_id=row['id']),
                      f'Two-factor sign-in of {row["full_name"]} was reset; they are signed out.', refresh)

    def open_profile() -> None:
        if (row := chosen()) is not None:
            ui.navigate.to(f'/admin/users/{row["id"]}')

    with frame(actor, 'Staff'):
        with ui.row().classes('w-full items-center gap-2'):
            search = ui.input(placeholder='Search staff').props('outlined dense clearable').classes('grow') \
                .mark('filter')
            if can_manage:
                ui.button('Add staff member', icon='person_add', on_click=open_create).mark('add-user')
        changes: list[ui.button] = []
        with ui.row().classes('gap-2 items-center'):
            ui.button('Profile', icon='badge', on_click=open_profile).props('outline').mark('open-profile')
            if can_manage:
                changes += [
                    ui.button('Edit', icon='edit', on_click=open_edit).props('outline').mark('edit-user'),
                    ui.button('Reset password', icon='password', on_click=open_reset).props('outline')
                    .mark('reset-password'),
                    ui.button('Unlock', icon='lock_open', on_click=unlock).props('outline').mark('unlock-user'),
                    ui.button('Reset two-factor', icon='phonelink_erase', on_click=reset_two_factor)
                    .props('outline').mark('reset-two-factor'),
                    ui.button('Reactivate', icon='how_to_reg', on_click=reactivate).props('outline')
                    .mark('reactivate-user'),
                    ui.button('Deactivate', icon='person_off', on_click=open_deactivate)
                    .props('outline color=negative').mark('deactivate-user'),
                ]
            protected_note = ui.label('Only a superadmin can change a superadmin.') \
                .classes('text-caption text-grey-8').mark('superadmin-only')
        table = pick_table(COLUMNS).mark('staff-table')

        def offer_what_may_be_done() -> None:
            """Offer only the actions the actor may take on the chosen person (the service checks again)."""
            row = table.selected[0] if table.selected else None
            protected = row is not None and row['role_value'] == 'superadmin' and not actor.is_superadmin
            for button in changes:
                button.set_visibility(not protected)
            protected_note.set_visibility(protected)

        table.on_select(offer_what_may_be_done)
        table.on('rowClick', offer_what_may_be_done)
        offer_what_may_be_done()
        search.bind_value_to(table, 'filter')
        ui.label('Tap a row to select it, then choose an action.').classes('text-caption text-grey-7')
        replace_rows(table, initial)


async def _simple(current: Actor, action: Callable[[], Awaitable[None]], success: str,
                  refresh: Callable[[Actor], Awaitable[None]]) -> None:
    """Run a one-click change, then say how it went and redraw the table."""
    try:
        await action()
    except DomainError as error:
        ui.notify(error.message, type='negative')
        return
    ui.notify(success, type='positive')
    await refresh(current)
