"""One staff member's employee profile (`/admin/users/{user_id}`): job title, phone, address and dates."""

from __future__ import annotations

from datetime import date, datetime

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import USERS_MANAGE, USERS_VIEW
from app.errors import DomainError, NotFound, ValidationFailed
from app.services import employees
from app.services.users import NOT_FOUND
from components.forms import FormErrors
from components.frame import frame
from components.guard import guarded_action, guarded_page
from components.when import clinic_time
from models.accounts import Role

DATE_FORMATS = ('%Y-%m-%d', '%d/%m/%Y', '%d-%m-%Y')


def parse_date(text: str | None) -> date | None:
    """Read a date typed as 2024-03-15 or 15/03/2024; raise ValueError otherwise."""
    cleaned = (text or '').strip()
    if not cleaned:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise ValueError(cleaned)


@guarded_page('/admin/users/{user_id}', permission=USERS_VIEW, title='Staff profile',
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
        editable = actor.can(USERS_MANAGE) and (account.role is not Role.SUPERADMIN or actor.is_superadmin)
        form = FormErrors()

        @guarded_action(USERS_MANAGE)
        async def save(current: Actor) -> None:
            form.clear()
            dates: dict[str, date | None] = {}
            problems: dict[str, str] = {}
            for name, element in (('date_of_birth', birth), ('joining_date', joining)):
                try:
                    dates[name] = parse_date(element.value)
                except ValueError:
                    problems[name] = 'Enter the date like 15/03/2024.'
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
            birth = form.add('date_of_birth', ui.input('Date of birth', value=_shown(staff.date_of_birth))
                             .props('type=date stack-label'))
            joining = form.add('joining_date', ui.input('Joining date', value=_shown(staff.joining_date))
                               .props('type=date stack-label'))
            for element in form.fields.values():
                element.classes('w-full').props('outlined' if editable else 'outlined readonly')
            with ui.row().classes('gap-2'):
                ui.button('Back to staff', icon='arrow_back', on_click=lambda: ui.navigate.to('/admin/users')) \
                    .props('flat')
                if editable:
                    ui.button('Save', icon='save', on_click=save).mark('save-profile')


def _shown(value: date | None) -> str:
    return value.isoformat() if value else ''
