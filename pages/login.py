"""Sign in (`/login`): password, then a code when two-factor sign-in is on."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import ui

from app.auth import sign_in
from app.auth.actor import Actor, AnonymousActor
from app.auth.navigation import safe_next
from app.auth.permissions import Permission
from app.clock import utcnow
from components.design import apply_theme
from components.entry import enter_app
from components.guard import client_action, guarded_page

CODE_STEP_LIFETIME = timedelta(minutes=5)

REASONS = {
    'logout': 'You have signed out.',
    'idle-timeout': 'You were signed out after a period without activity. Please sign in again.',
    'lifetime-reached': 'Your session reached its maximum length. Please sign in again.',
    'password-changed': 'Your password was changed. Please sign in again.',
    'password-reset': 'An administrator reset your password. Sign in with the new one.',
    'user-deactivated': 'Your account has been deactivated. Ask an administrator.',
    'signed-out': 'Your session has ended. Please sign in again.',
    'two-factor-reset': 'An administrator reset your two-factor sign-in. Sign in and set it up again.',
    'role-changed': 'Your role or branch was changed. Please sign in again.',
    'retry': 'Signing in did not complete. Please try again.',
}


@guarded_page('/login', permission=Permission.PUBLIC, title='Sign in')
async def login_page(actor: Actor | AnonymousActor, request: Request, next: str = '/',
                     reason: str = '') -> RedirectResponse | None:
    target = safe_next(next)
    if actor.is_authenticated:
        return RedirectResponse(target, status_code=303)
    apply_theme()
    pending: dict[str, Any] = {}  # the user who passed the password step, and until when the code is awaited

    async def finish(user_id: int) -> None:
        await enter_app(user_id=user_id, request=request, target=target)

    @client_action

    async def submit_password() -> None:
        error.set_text('')
        outcome = await sign_in.check_password(username=username.value or '', password=password.value or '')
        password.set_value('')
        if not outcome.ok or outcome.user_id is None:
            error.set_text(outcome.error or sign_in.WRONG_CREDENTIALS)
            return
        if outcome.needs_code:
            pending.update(user_id=outcome.user_id, until=utcnow() + CODE_STEP_LIFETIME)
            password_step.set_visibility(False)
            code_step.set_visibility(True)
            return
        await finish(outcome.user_id)

    @client_action

    async def submit_code() -> None:
        error.set_text('')
        if 'user_id' not in pending or utcnow() > pending['until']:
            pending.clear()
            password_step.set_visibility(True)
            code_step.set_visibility(False)
            error.set_text('That took too long. Please enter your username and password again.')
            return
        outcome = await sign_in.check_code(user_id=pending['user_id'], code=code.value or '')
        code.set_value('')
        if not outcome.ok:
            error.set_text(outcome.error or sign_in.WRONG_CODE)
            return
        await finish(pending['user_id'])

    with ui.card().classes('prospine-narrow q-mt-xl q-pa-lg gap-3'):
        ui.label('ProSpine Clinic').classes('text-h5')
        ui.label('Sign in to continue').classes('text-subtitle1 text-grey-8')
        if reason in REASONS:
            ui.label(REASONS[reason]).classes('text-body2 text-primary').mark('reason')
        with ui.column().classes('w-full gap-3') as password_step:
            username = ui.input('Username').props('autocomplete=username autofocus outlined') \
                .classes('w-full').mark('username')
            password = ui.input('Password', password=True, password_toggle_button=True) \
                .props('autocomplete=current-password outlined').classes('w-full').mark('password')
            password.on('keydown.enter', submit_password)
            ui.button('Sign in', on_click=submit_password).classes('w-full').mark('sign-in')
        with ui.column().classes('w-full gap-3') as code_step:
            ui.label('Enter the 6-digit code from your authenticator app, or one of your recovery codes.') \
                .classes('text-body2')
            code = ui.input('Code').props('autocomplete=one-time-code inputmode=numeric outlined') \
                .classes('w-full').mark('code')
            code.on('keydown.enter', submit_code)
            ui.button('Verify', on_click=submit_code).classes('w-full').mark('verify')
        code_step.set_visibility(False)
        error = ui.label('').classes('text-negative').mark('error')
    return None
