"""One staff member's employee profile (`/admin/users/{user_id}`): job title, phone, address and dates."""

from __future__ import annotations

from datetime import date

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import clinic_today
from app.errors import DomainError, NotFound, ValidationFailed
from app.services import employees
from app.services.users import NOT_FOUND
from components.date_input import DateInput
from components.forms import FormErrors
from components.frame import frame
from components.guard import guarded_action, guarded_page
from components.when import clinic_time
from models.accounts import Role


@guarded_page('/admin/users/{user_id}', permission=Permission.USERS_VIEW, title='Staff profile',
              example_path='/admin/users/1')
async def staff_profile_page(actor: Actor, user_id: str) -> None:
    try:  # fetched before the frame, whose timer would let the page be sent half-built
        staff = await employees.get_profile(actor=actor, user_id=int(user_id)) if user_id.isdigit() else None
    except NotFound:
        staff = None
    with frame(actor, 'Staff profile'):
        if staff is None:
            ui.context.client.status_code = 404
            ui.label(NOT_FOUND).classes('text-h6').mark('not-found')
            ui.button('Back to staff', icon='arrow_back', on_click=lambda: ui.navigate.to('/admin/users'))
            return
        account = staff.user
        editable = actor.can(Permission.USERS_MANAGE) and (account.role is not Role.SUPERADMIN or actor.is_superadmin)
        form = FormErrors()

        @guarded_action(Permission.USERS_MANAGE)
        async def save(current: Actor) -> None:
            form.clear()
            dates: dict[str, date | None] = {}
            problems: dict[str, str] = {}
            for name, element in (('date_of_birth', birth), ('joining_date', joining)):
                try:
                    dates[name] = element.date
                except ValidationFailed as refused:
                    problems.update(refused.field_errors)
            if problems:
                form.show(ValidationFailed(problems))
                return
            try:
                saved = await employees.update_profile(
                    actor=current, user_id=account.id, job_title=job_title.value or '', phone=phone.value or '',
                    address=address.value or '', date_of_birth=dates['date_of_birth'],
                    joining_date=dates['joining_date'])
            except DomainError as error:
                form.show(error)
                return
            phone.set_value(saved.phone)
            ui.notify('The profile has been saved.', type='positive')

        ui.label(f'{account.full_name} ({account.username})').classes('text-h6').mark('staff-name')
        facts = [account.role_label, account.branch_name, 'Active' if account.is_active else 'Inactive',
                 f'Last sign-in {clinic_time(account.last_login_at) or "never"}']
        ui.label(' · '.join(facts)).classes('text-body2 text-grey-8')
        with ui.column().classes('prospine-narrow gap-2 q-ml-none'):
            job_title = form.add('job_title', ui.input('Job title', value=staff.job_title))
            phone = form.add('phone', ui.input('Phone', value=staff.phone).props('inputmode=tel'))
            address = form.add('address', ui.textarea('Address', value=staff.address).props('autogrow'))
            today = clinic_today()
            birth = form.add('date_of_birth', DateInput(
                'Date of birth', value=staff.date_of_birth, min=employees.EARLIEST_BIRTH, max=today,
                min_message='Check the date of birth: the year looks wrong.',
                max_message='The date of birth cannot be in the future.', years_first=True))
            joining = form.add('joining_date', DateInput(
                'Joining date', value=staff.joining_date, max=today + employees.JOINING_AHEAD,
                max_message='The joining date can be at most a year from today.'))
            for element in form.fields.values():
                element.classes('w-full').props('outlined' if editable else 'outlined readonly')
            with ui.row().classes('gap-2'):
                ui.button('Back to staff', icon='arrow_back', on_click=lambda: ui.navigate.to('/admin/users')) \
                    .props('flat')
                if editable:
                    ui.button('Save', icon='save', on_click=save).mark('save-profile')

