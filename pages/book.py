"""Book an appointment (`/book`): a public form whose requests reach reception as online inquiries.

It shows nothing but the names of the clinic's open branches, and says nothing about anyone else.
"""

from __future__ import annotations

from datetime import date

from fastapi import Request
from nicegui import ui

from app.auth.permissions import PUBLIC
from app.errors import DomainError
from app.services import public_booking
from app.services.consultations import clinic_today
from app.services.inquiries import BOOKING_LABELS
from components.design import apply_theme
from components.forms import FormErrors
from components.guard import client_action, guarded_page


def _as_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@guarded_page('/book', permission=PUBLIC, title='Book an appointment')
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
                preferred_date=_as_date(preferred.value))
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
            preferred = form.add('preferred_date', ui.input('Preferred date').props('type=date stack-label outlined')
                                 .classes('w-full'))
            preferred.props['min'] = clinic_today().isoformat()
            condition = form.add('condition', ui.textarea('What would you like help with? (optional)')
                                 .props('outlined autogrow').classes('w-full'))
            ui.label('We use these details only to arrange your visit.').classes('text-caption text-grey-7')
            send = ui.button('Request appointment', on_click=submit).classes('w-full').mark('book-submit')
            notice = ui.label('').classes('text-negative').mark('book-notice')
        with ui.column().classes('w-full gap-2') as thanks:
            ui.label('Thank you! We have received your request.').classes('text-subtitle1').mark('book-thanks')
            ui.label('Our reception will call you soon to confirm your appointment.').classes('text-body2')
        thanks.set_visibility(False)
