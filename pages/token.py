"""A visit's token (`/token/<appointment id>`), laid out for an 80 mm receipt printer; printing is audited."""

from __future__ import annotations

from uuid import UUID

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import DomainError, NotFound
from app.services import appointments
from app.services.vocabulary import SERVICE_LABELS
from components.guard import guarded_page

# An 80 mm roll prints about 72 mm: the page is that wide, as long as the token, with nothing but the token.
RECEIPT_CSS = """
@page { size: 80mm auto; margin: 4mm; }
.prospine-token { width: 72mm; margin: 0 auto; font-family: sans-serif; color: #000; text-align: center; }
.prospine-token .number { font-size: 28pt; font-weight: 700; letter-spacing: 1px; margin: 2mm 0; }
@media print { .no-print { display: none !important; } body { background: #fff; } }
"""


@guarded_page('/token/{appointment_id}', permission=Permission.SCHEDULE_VIEW, title='Token',
              example_path='/token/00000000-0000-0000-0000-000000000001')
async def token_page(actor: Actor, appointment_id: str) -> None:
    ui.add_css(RECEIPT_CSS)
    try:
        row, clinic, branch = await appointments.token_of(actor=actor, appointment_id=UUID(appointment_id))
    except (ValueError, NotFound) as missing:
        ui.context.client.status_code = 404
        ui.label(getattr(missing, 'message', appointments.APPOINTMENT_NOT_FOUND)).classes('text-h6').mark('not-found')
        return
    except DomainError as refused:  # no token yet
        ui.label(refused.message).classes('text-h6').mark('no-token')
        return
    with ui.column().classes('prospine-token gap-0 items-center').mark('token'):
        ui.label(clinic).classes('text-subtitle1 text-weight-bold')
        ui.label(branch).classes('text-body2')
        ui.label(row.token).classes('number').mark('token-number')
        ui.label(row.patient_name).classes('text-subtitle1')
        ui.label(row.patient_uid).classes('text-body2')
        ui.label(f'{row.clinician} · {SERVICE_LABELS[row.service]}').classes('text-body2')
        ui.label(f'{row.starts:%d %b %Y}, {row.time_text}').classes('text-body2')
        if row.session_text:
            ui.label(row.session_text).classes('text-body2')
    with ui.row().classes('no-print w-full justify-center q-mt-md'):
        ui.button('Print', icon='print', on_click=lambda: ui.run_javascript('window.print()')).mark('print')
