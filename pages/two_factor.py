"""Two-factor sign-in: the user's own set-up (`/account/two-factor`) and the per-role rule (`/admin/security`)."""

from __future__ import annotations

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import ROLE_LABELS, Permission
from app.errors import DomainError
from app.services import two_factor
from app.services.two_factor import REQUIRED_FOR_ROLE, Enrolment, Status
from components.forms import FormErrors
from components.frame import frame
from components.guard import TWO_FACTOR_PATH, guarded_action, guarded_page
from models.accounts import Role

EXPLANATION = ('Two-factor sign-in asks for a 6-digit code from an authenticator app on your phone (such as '
               'Google Authenticator or Microsoft Authenticator) after your password, so a stolen password '
               'alone is not enough to open your account.')
CODES_NOTE = ('Keep these recovery codes somewhere safe, such as printed in a locked drawer. Each one lets you '
              'sign in once without your phone. They are shown only now.')


@guarded_page(TWO_FACTOR_PATH, permission=Permission.SIGNED_IN, title='Two-factor sign-in')
async def two_factor_page(actor: Actor) -> None:
    state = await two_factor.status(actor=actor)
    pending: dict[str, str] = {}  # the secret being enrolled stays on the server, never in the browser's storage

    def show_status(current: Status) -> None:
        body.clear()
        form = FormErrors()
        with body:
            if not current.enabled:
                ui.label('Two-factor sign-in is off for your account.').mark('two-factor-status')
                ui.button('Set up two-factor sign-in', icon='qr_code_2', on_click=lambda: start()) \
                    .mark('start-enrolment')
                return
            ui.label('Two-factor sign-in is on for your account.').mark('two-factor-status')
            ui.label(f'Recovery codes left: {current.recovery_codes_left} of 10.').mark('codes-left')
            with ui.card().classes('prospine-narrow q-ml-none gap-2'):
                ui.label('Enter your password to make new recovery codes'
                         + ('.' if current.required else ' or to turn two-factor sign-in off.'))
                password = form.add('password', ui.input('Password', password=True)
                                    .props('outlined autocomplete=current-password').classes('w-full'))
                with ui.row().classes('gap-2'):
                    ui.button('New recovery codes', icon='autorenew',
                              on_click=lambda: regenerate(form, password)).mark('regenerate')
                    if not current.required:
                        ui.button('Turn off', icon='lock_open', color='negative',
                                  on_click=lambda: turn_off(form, password)).mark('disable')
                if current.required:
                    ui.label(REQUIRED_FOR_ROLE).classes('text-caption').mark('cannot-disable')

    def show_enrolment(enrolment: Enrolment) -> None:
        body.clear()
        form = FormErrors()
        with body:
            ui.label('1. Open your authenticator app and scan this code.')
            ui.html(enrolment.qr_svg, sanitize=False).mark('qr-code')  # trusted markup: segno's SVG, squares only
            ui.label('Cannot scan it? Enter this key in the app instead:').classes('text-caption')
            ui.label(_grouped(enrolment.secret)).classes('font-mono text-subtitle1').mark('secret')
            ui.label('2. Enter the 6-digit code the app now shows.')
            code = form.add('code', ui.input('Code').props('outlined autocomplete=one-time-code inputmode=numeric')
                            .classes('prospine-narrow'))
            code.on('keydown.enter', lambda: confirm(form, code))
            with ui.row().classes('gap-2'):
                ui.button('Confirm', icon='check', on_click=lambda: confirm(form, code)).mark('confirm')
                ui.button('Cancel', on_click=lambda: ui.navigate.to(TWO_FACTOR_PATH)).props('flat')

    def show_codes(codes: list[str], *, heading: str) -> None:
        banner.set_visibility(False)
        body.clear()
        with body:
            ui.label(heading).classes('text-h6').mark('codes-heading')
            ui.label(CODES_NOTE).classes('text-warning').mark('codes-note')
            with ui.grid(columns=2).classes('gap-x-8 gap-y-1'):
                for code in codes:
                    ui.label(code).classes('font-mono text-subtitle1').mark('recovery-code')
            ui.button('I have kept them safe', on_click=lambda: ui.navigate.to(TWO_FACTOR_PATH)).mark('codes-done')

    @guarded_action(Permission.SIGNED_IN)
    async def start(current_actor: Actor) -> None:
        try:
            enrolment = await two_factor.begin_enrolment(actor=current_actor)
        except DomainError as error:
            ui.notify(error.message, type='negative')
            return
        pending['secret'] = enrolment.secret
        show_enrolment(enrolment)

    @guarded_action(Permission.SIGNED_IN)
    async def confirm(current_actor: Actor, form: FormErrors, code: ui.input) -> None:
        form.clear()
        try:
            codes = await two_factor.confirm_enrolment(actor=current_actor, secret=pending.get('secret', ''),
                                                       code=code.value or '')
        except DomainError as error:
            form.show(error)
            return
        pending.clear()
        ui.notify('Two-factor sign-in is now on.', type='positive')
        show_codes(codes, heading='Two-factor sign-in is on. Here are your recovery codes.')

    @guarded_action(Permission.SIGNED_IN)
    async def regenerate(current_actor: Actor, form: FormErrors, password: ui.input) -> None:
        form.clear()
        try:
            codes = await two_factor.regenerate_recovery_codes(actor=current_actor, password=password.value or '')
        except DomainError as error:
            password.set_value('')
            form.show(error)
            return
        show_codes(codes, heading='Your new recovery codes. The old ones no longer work.')

    @guarded_action(Permission.SIGNED_IN)
    async def turn_off(current_actor: Actor, form: FormErrors, password: ui.input) -> None:
        form.clear()
        try:
            await two_factor.disable(actor=current_actor, password=password.value or '')
        except DomainError as error:
            password.set_value('')
            form.show(error)
            return
        ui.notify('Two-factor sign-in is now off.', type='positive')
        show_status(await two_factor.status(actor=current_actor))

    with frame(actor, 'Two-factor sign-in'):
        with ui.card().classes('bg-amber-1 q-ml-none').mark('required-banner') as banner:
            ui.label('Your role requires two-factor sign-in. Please set it up now; you can use the rest of '
                     'the dashboard as soon as it is on.')
        banner.set_visibility(actor.needs_two_factor_setup)
        ui.label(EXPLANATION).classes('text-body2')
        body = ui.column().classes('gap-3')
        show_status(state)


@guarded_page('/admin/security', permission=Permission.SECURITY_MANAGE, title='Security', nav_label='Security',
              nav_icon='security', nav_order=80)
async def security_page(actor: Actor) -> None:
    requirements = await two_factor.role_requirements()
    reverting: set[Role] = set()

    @guarded_action(Permission.SECURITY_MANAGE)
    async def save(current_actor: Actor, role: Role, switch: ui.switch) -> None:
        if role in reverting:  # the switch is being put back after a refusal: nothing to save
            reverting.discard(role)
            return
        required = bool(switch.value)
        try:
            await two_factor.set_role_requirement(actor=current_actor, role=role, required=required)
        except DomainError as error:
            reverting.add(role)
            switch.set_value(not required)
            ui.notify(error.message, type='negative')
            return
        label = ROLE_LABELS[role]
        ui.notify(f'Two-factor sign-in is now required for {label}.' if required
                  else f'Two-factor sign-in is now optional for {label}.', type='positive')

    with frame(actor, 'Security'):
        ui.label('Two-factor sign-in').classes('text-h6')
        ui.label('When a role requires it, everyone with that role must set up an authenticator app the next '
                 'time they open a page. Anyone may turn it on for their own account.').classes('text-body2')
        with ui.card().classes('prospine-narrow q-ml-none gap-1'):
            for role in Role:
                with ui.row().classes('items-center w-full justify-between'):
                    ui.label(ROLE_LABELS[role]).classes('text-subtitle1')
                    switch = ui.switch('Two-factor sign-in required', value=requirements[role]) \
                        .mark(f'two-factor-{role.value}')
                    switch.on_value_change(lambda _, role=role, switch=switch: save(role, switch))
                    if role is Role.SUPERADMIN and not actor.is_superadmin:
                        switch.disable()
                        switch.tooltip('Only a superadmin can change the rule for superadmins.')


def _grouped(secret: str) -> str:
    """Split the key into groups of four so it is easier to type."""
    return ' '.join(secret[index:index + 4] for index in range(0, len(secret), 4))
