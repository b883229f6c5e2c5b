"""First-run setup (`/setup`): the first branch and the first superadmin, then signed in."""

from __future__ import annotations

from fastapi import Request
from nicegui import ui

from app.auth.permissions import Permission
from app.errors import DomainError, ValidationFailed
from app.services.setup import FirstRun, complete_first_run
from components.design import apply_theme
from components.entry import enter_app
from components.forms import FormErrors
from components.guard import client_action, guarded_page, setup_state


@guarded_page('/setup', permission=Permission.PUBLIC, title='First-run setup')
async def setup_page(request: Request) -> None:
    apply_theme()
    form = FormErrors()

    @client_action

    async def create() -> None:
        form.clear()
        if (password.value or '') != (repeat.value or ''):
            form.show(ValidationFailed({'repeat_password': 'The two passwords do not match.'}))
            return
        details = FirstRun(
            clinic_name=clinic_name.value or '', branch_name=branch_name.value or '', address=address.value or '',
            phone=phone.value or '', email=email.value or '', username=username.value or '',
            full_name=full_name.value or '', password=password.value or '',
        )
        try:
            user = await complete_first_run(details=details)
        except DomainError as error:
            form.show(error)
            return
        setup_state.done = True
        await enter_app(user_id=user.id, request=request)

    with ui.card().classes('prospine-narrow q-mt-lg q-pa-lg gap-2'):
        ui.label('Welcome to ProSpine').classes('text-h5')
        ui.label('Set up your clinic: its first branch and the superadmin who will manage it.') \
            .classes('text-body2 text-grey-8')
        ui.label('Clinic').classes('text-subtitle1 q-mt-sm')
        clinic_name = form.add('clinic_name', ui.input('Clinic name', value='ProSpine Clinic').props('outlined'))
        branch_name = form.add('branch_name', ui.input('Branch name').props('outlined'))
        address = form.add('address', ui.textarea('Address').props('outlined autogrow'))
        phone = form.add('phone', ui.input('Phone').props('outlined inputmode=tel'))
        email = form.add('email', ui.input('Email').props('outlined inputmode=email'))
        ui.label('Superadmin').classes('text-subtitle1 q-mt-sm')
        full_name = form.add('full_name', ui.input('Full name').props('outlined'))
        username = form.add('username', ui.input('Username').props('outlined autocomplete=username'))
        password = form.add('password', ui.input('Password', password=True, password_toggle_button=True)
                            .props('outlined autocomplete=new-password'))
        repeat = form.add('repeat_password', ui.input('Repeat the password', password=True)
                          .props('outlined autocomplete=new-password'))
        ui.label('At least 10 characters. A short sentence is easy to remember and hard to guess.') \
            .classes('text-caption text-grey-7')
        for element in form.fields.values():
            element.classes('w-full')
        ui.button('Create clinic and sign in', on_click=create).classes('w-full q-mt-md').mark('create')
