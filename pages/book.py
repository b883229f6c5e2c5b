"""Book an appointment (`/book`): a public form whose requests reach reception as online inquiries.

It shows nothing but the names of the clinic's open branches, and says nothing about anyone else.
"""

from __future__ import annotations

from datetime import timedelta

from fastapi import Request
from nicegui import ui

from app.auth.permissions import Permission
from app.clock import clinic_today
from app.errors import DomainError
from app.services import public_booking
from app.services.vocabulary import BOOKING_LABELS
from components.date_input import DateInput
from components.design import apply_theme
from components.forms import FormErrors
from components.guard import client_action, guarded_page


@guarded_page('/book', permission=Permission.PUBLIC, title='Book an appointment')
async def book_page(request: Request) -> None:
    apply_theme()
    client_ip = request.client.host if request.client else ''
    branches = {branch.id: branch.name for branch in await public_booking.open_branches()}
    form = FormErrors()

    @client_action

    async def submit() -> None:
        form.clear()
        send.disable()
        try:
            await public_booking.request_appointment(
                client_ip=client_ip, full_name=full_name.value or '', phone=phone.value or '',
                consultation_type=consultation.value, condition=condition.value or '', branch_id=branch.value,
                preferred_date=preferred.date)
        except public_booking.TooManyRequests as refused:
            notice.set_text(refused.message)
            return
        except DomainError as error:
            form.show(error)
            return
        finally:
            send.enable()
        request_step.set_visibility(False)
        thanks.set_visibility(True)

    with ui.card().classes('prospine-narrow q-mt-lg q-pa-lg gap-3'):
        ui.label('Book an appointment').classes('text-h5')
        with ui.column().classes('w-full gap-3') as request_step:
            ui.label('Tell us how to reach you and when you would like to come. '
                     'Our reception will call you to confirm the time.').classes('text-body2')
            full_name = form.add('full_name', ui.input('Your name').props('autocomplete=name outlined')
                                 .classes('w-full'))
            phone = form.add('phone', ui.input('Mobile number').props('type=tel autocomplete=tel outlined')
                             .classes('w-full'))
            consultation = form.add('consultation_type', ui.select(
                {kind.value: label for kind, label in BOOKING_LABELS.items()}, label='Consultation',
                value='in-clinic').props('outlined').classes('w-full'))
            branch = form.add('branch', ui.select(
                branches, label='Branch', value=next(iter(branches)) if len(branches) == 1 else None)
                .props('outlined').classes('w-full'))
            today = clinic_today()
            preferred = form.add('preferred_date', DateInput(
                'Preferred date', min=today, max=today + timedelta(days=public_booking.FURTHEST_DAYS_AHEAD),
                min_message='The preferred date cannot be in the past.',
                max_message=f'Choose a date within the next {public_booking.FURTHEST_DAYS_AHEAD} days.')
                .props('outlined').classes('w-full'))
            condition = form.add('condition', ui.textarea('What would you like help with? (optional)')
                                 .props('outlined autogrow').classes('w-full'))
            ui.label('We use these details only to arrange your visit.').classes('text-caption text-grey-7')
            send = ui.button('Request appointment', on_click=submit).classes('w-full').mark('book-submit')
            notice = ui.label('').classes('text-negative').mark('book-notice')
        with ui.column().classes('w-full gap-2') as thanks:
            ui.label('Thank you! We have received your request.').classes('text-subtitle1').mark('book-thanks')
            ui.label('Our reception will call you soon to confirm your appointment.').classes('text-body2')
        thanks.set_visibility(False)
