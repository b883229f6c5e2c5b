"""The user's own account (`/account`, `/account/password`)."""

from __future__ import annotations

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import ROLE_LABELS, Permission
from app.errors import DomainError
from app.services import account
from components.forms import FormErrors
from components.frame import frame
from components.guard import guarded_action, guarded_page


@guarded_page('/account', permission=Permission.SIGNED_IN, title='My account', nav_label='My account',
              nav_icon='person', nav_order=90)
async def account_page(actor: Actor) -> None:
    with frame(actor, 'My account'):
        ui.label(f'{actor.full_name} ({actor.username})').classes('text-h6')
        ui.label(f'{ROLE_LABELS[actor.role]} at {actor.branch_name}')
        with ui.row().classes('gap-3'):
            ui.button('Change password', icon='password', on_click=lambda: ui.navigate.to('/account/password'))
            ui.button('Two-factor sign-in', icon='phonelink_lock',
                      on_click=lambda: ui.navigate.to('/account/two-factor'))


@guarded_page('/account/password', permission=Permission.SIGNED_IN, title='Change password')
async def password_page(actor: Actor) -> None:
    form = FormErrors()

    @guarded_action(Permission.SIGNED_IN)
    async def save(current_actor: Actor) -> None:
        form.clear()
        try:
            await account.change_own_password(actor=current_actor, current_password=current.value or '',
                                              new_password=new.value or '', repeat_password=repeat.value or '')
        except DomainError as error:
            form.show(error)
            return
        ui.notify('Your password has been changed. Your other devices were signed out.', type='positive')
        ui.navigate.to('/')

    with frame(actor, 'Change password'):
        if actor.must_change_password:
            ui.label('Please choose a new password before you continue.').classes('text-warning') \
                .mark('must-change')
        with ui.column().classes('prospine-narrow gap-2 q-ml-none'):
            current = form.add('current_password', ui.input('Current password', password=True)
                               .props('outlined autocomplete=current-password'))
            new = form.add('new_password', ui.input('New password', password=True, password_toggle_button=True)
                           .props('outlined autocomplete=new-password'))
            repeat = form.add('repeat_password', ui.input('Repeat the new password', password=True)
                              .props('outlined autocomplete=new-password'))
            ui.label('At least 10 characters; common passwords are refused.').classes('text-caption')
            for element in form.fields.values():
                element.classes('w-full')
            ui.button('Change password', on_click=save).mark('save-password')
