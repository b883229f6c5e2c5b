"""The consultations section of the patient page: list, add, edit, status, cancel with refund.

The doctor's notes and prescription are built (columns and fields) only for roles with
`notes.view` / `notes.write`, so they never reach reception's browser.
"""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime, time
from typing import Any

from nicegui import ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import utcnow
from app.config import get_settings
from app.errors import DomainError
from app.money import format_money
from app.services import consultations
from app.services.consultations import (
    COMPLAINT_LABELS,
    PAYMENT_LABELS,
    REFUND_LABELS,
    STATUS_LABELS,
    ConsultationDetails,
    ConsultationRow,
)
from app.services.paging import RECORD_PAGE_SIZES, RECORD_PER_PAGE, Page
from app.services.patient_lookup import PatientRef
from app.services.vocabulary import CONSULTATION_TYPE_LABELS
from components.date_input import DateInput
from components.dialogs import FormDialog
from components.guard import guarded_action
from components.live import on_change
from components.money_input import MoneyInput
from components.patient_sections import patient_section
from components.server_table import ServerTable
from components.tables import column
from components.when import clinic_date, clinic_time


def _options(labels: dict[Any, str]) -> dict[str, str]:
    return {str(key): label for key, label in labels.items()}


def _columns(*, notes: bool, money: bool) -> list[dict[str, Any]]:
    # Narrow tables drop the branch, then the type, payment, follow-up and prescription; Edit shows them all.
    fee = [column('fee', 'Fee', nowrap=True), column('payment', 'Paid by', hide_below=760)] if money else []
    shown = [column('visit_at', 'When', nowrap=True), column('type', 'Type', wrap='8rem', hide_below=760),
             column('complaint', 'Complaint', wrap='14rem', lines=2), *fee, column('status', 'Status', wrap='9rem'),
             column('follow_up', 'Follow-up', nowrap=True, hide_below=760),
             column('branch', 'Branch', wrap='9rem', hide_below=1040)]
    if notes:
        shown += [column('doctor_notes', "Doctor's notes", wrap='16rem', lines=3),
                  column('prescription', 'Prescription', wrap='14rem', lines=3, hide_below=760)]
    return shown


def _table_row(row: ConsultationRow) -> dict[str, Any]:
    status = STATUS_LABELS[row.status]
    if row.is_cancelled:
        status = f'Cancelled ({REFUND_LABELS[row.refund_status].lower()})' if row.fee is not None else 'Cancelled'
    complaint = COMPLAINT_LABELS[row.chief_complaint]
    data = {'id': str(row.id), 'visit_at': clinic_time(row.visit_at),
            'type': CONSULTATION_TYPE_LABELS[row.consultation_type],
            'complaint': f'{complaint}: {row.complaint_details}' if row.complaint_details else complaint,
            'status': status,
            'follow_up': clinic_date(row.follow_up_date),
            'branch': row.branch_name}
    if row.fee is not None and row.payment_method is not None:
        data.update(fee=format_money(row.fee), payment=PAYMENT_LABELS[row.payment_method])
    if row.doctor_notes is not None:
        data.update(doctor_notes=row.doctor_notes, prescription=row.prescription or '')
    return data


@patient_section('consultations', title='Consultations', permission=Permission.PATIENTS_VIEW, order=200,
                 icon='event_note')
async def consultations_section(actor: Actor, patient: PatientRef) -> None:
    async def read(current: Actor, page: int, per_page: int) -> Page[ConsultationRow]:
        return await consultations.list_consultations(actor=current, patient_id=patient.id, page=page,
                                                      per_page=per_page)

    async def refresh(current: Actor) -> None:
        await listing.refresh(current)

    def chosen() -> ConsultationRow | None:
        return listing.chosen(what='a consultation')

    def open_form(existing: ConsultationRow | None) -> None:
        @guarded_action(Permission.PATIENTS_EDIT)
        async def save(current: Actor) -> None:
            def change() -> Awaitable[object]:
                details = form.details(current)  # a date that is no date is refused here, beside its field
                if existing is None:
                    return consultations.create_consultation(actor=current, patient_id=patient.id, details=details)
                return consultations.update_consultation(actor=current, registration_id=existing.id, details=details)

            await dialog.attempt(change, done='The consultation has been saved.', then=lambda _: refresh(current))

        dialog = FormDialog('New consultation' if existing is None else 'Edit consultation', submit_label='Save',
                            on_submit=save)
        form = ConsultationForm(dialog, existing, notes=actor.can(Permission.NOTES_WRITE), money=actor.sees_money)

    def open_edit() -> None:
        if (row := chosen()) is not None:
            open_form(row)

    @guarded_action(Permission.PATIENTS_EDIT)
    async def mark(current: Actor, status: str) -> None:
        if (row := chosen()) is None:
            return
        try:
            await consultations.set_status(actor=current, registration_id=row.id, status=status)
        except DomainError as error:
            ui.notify(error.message, type='negative')
            return
        ui.notify(f'Marked {STATUS_LABELS[status].lower()}.', type='positive')  # type: ignore[index]
        await refresh(current)

    def open_cancel() -> None:
        if (row := chosen()) is None:
            return
        if row.is_cancelled and not actor.sees_money:
            ui.notify('This consultation is already cancelled; the front desk records any refund.')
            return

        @guarded_action(Permission.PATIENTS_EDIT)
        async def cancel(current: Actor) -> None:
            if row.is_cancelled:
                await dialog.attempt(lambda: consultations.set_refund_status(actor=current, registration_id=row.id,
                                                                     refund_status=refund.value or ''),
                                     done='The refund status is saved.', then=lambda _: refresh(current))
            else:
                await dialog.attempt(lambda: consultations.cancel_consultation(
                    actor=current, registration_id=row.id, reason=reason.value or '', refund_status=refund.value or ''),
                    done='The consultation is cancelled.', then=lambda _: refresh(current))

        dialog = FormDialog('Refund status' if row.is_cancelled else 'Cancel this consultation', submit_label='Save',
                            on_submit=cancel, submit_color='negative' if not row.is_cancelled else 'primary')
        with dialog.body:
            reason = dialog.form.add('cancellation_reason', ui.input('Reason', value=row.cancellation_reason)
                                     .props('outlined').classes('w-full'))
            reason.set_enabled(not row.is_cancelled)
            refund = dialog.form.add('refund_status', ui.select(_options(REFUND_LABELS), label='Refund',
                                                                value=str(row.refund_status))
                                     .props('outlined').classes('w-full'))
            refund.set_visibility(actor.sees_money)  # junior doctors cancel; the desk settles any refund

    if actor.can(Permission.PATIENTS_EDIT):
        with ui.row().classes('gap-2'):
            ui.button('Add', icon='add', on_click=lambda: open_form(None)).mark('add-consultation')
            ui.button('Edit', icon='edit', on_click=open_edit).props('outline').mark('edit-consultation')
            ui.button('Consulted', icon='task_alt', on_click=lambda: mark('consulted')).props('outline') \
                .mark('mark-consulted')
            ui.button('Close', icon='done_all', on_click=lambda: mark('closed')).props('outline') \
                .mark('mark-closed')
            ui.button('Cancel / refund' if actor.sees_money else 'Cancel', icon='money_off', on_click=open_cancel) \
                .props('outline color=negative').mark('cancel-consultation')
    columns = _columns(notes=actor.can(Permission.NOTES_VIEW), money=actor.sees_money)
    listing = ServerTable(columns, read=read, shown=_table_row,
                          permission=Permission.PATIENTS_VIEW, sizes=RECORD_PAGE_SIZES, per_page=RECORD_PER_PAGE)
    listing.table.mark('consultations')
    await refresh(actor)
    on_change([EntityType.REGISTRATION], refresh, permission=Permission.PATIENTS_VIEW, patient_uid=patient.uid)


class ConsultationForm:
    """The fields of a consultation in a dialog; notes fields only for roles that may write them."""

    def __init__(self, dialog: FormDialog, row: ConsultationRow | None, *, notes: bool, money: bool) -> None:
        tz = get_settings().tz
        moment = (row.visit_at if row else utcnow()).astimezone(tz)
        self.notes = notes
        self.tz = tz
        add = dialog.form.add
        with dialog.body:
            self.complaint = add('chief_complaint', ui.select(_options(COMPLAINT_LABELS), label='Chief complaint',
                                                              value=str(row.chief_complaint) if row else None))
            self.complaint_details = add('complaint_details', ui.input(
                'Complaint in words', value=row.complaint_details if row else ''))
            self.kind = add('consultation_type', ui.select(
                _options(CONSULTATION_TYPE_LABELS), label='Consultation type',
                value=str(row.consultation_type) if row else 'in-clinic'))
            with ui.row().classes('w-full gap-2 no-wrap'):
                self.day = add('visit_at', DateInput('Date', value=moment.date()))
                self.time = add('visit_time', ui.input('Time', value=moment.strftime('%H:%M'))
                                .props('type=time stack-label'))
            self.fee, self.payment = None, None
            if money:  # junior doctors see no fee: the service prices what they write
                with ui.row().classes('w-full gap-2 no-wrap'):
                    self.fee = add('fee', MoneyInput('Fee', value=row.fee if row else None))
                    self.payment = add('payment_method', ui.select(
                        _options(PAYMENT_LABELS), label='Paid by', value=str(row.payment_method) if row else 'cash'))
            self.referral = add('referral_source', ui.input('Referral source',
                                                            value=row.referral_source if row else ''))
            self.doctor = add('referring_doctor', ui.input('Referring doctor',
                                                           value=row.referring_doctor if row else ''))
            self.follow_up = add('follow_up_date', DateInput('Follow-up date',
                                                             value=row.follow_up_date if row else None))
            if notes:
                self.doctor_notes = add('doctor_notes', ui.textarea("Doctor's notes",
                                                                    value=(row.doctor_notes or '') if row else '')
                                        .props('autogrow'))
                self.prescription = add('prescription', ui.textarea('Prescription',
                                                                    value=(row.prescription or '') if row else '')
                                        .props('autogrow'))
        for element in dialog.form.fields.values():
            element.classes('w-full').props('outlined')

    def details(self, actor: Actor) -> ConsultationDetails:
        day = self.day.date
        try:
            clock_time = time.fromisoformat(self.time.value) if self.time.value else time(9, 0)
        except ValueError:
            clock_time = time(9, 0)
        visit_at = datetime.combine(day, clock_time, tzinfo=self.tz) if day else None
        writes_notes = self.notes and actor.can(Permission.NOTES_WRITE)
        return ConsultationDetails(
            chief_complaint=self.complaint.value or '', complaint_details=self.complaint_details.value or '',
            consultation_type=self.kind.value or '', visit_at=visit_at,
            fee=self.fee.value or '' if self.fee is not None else '',
            payment_method=self.payment.value or '' if self.payment is not None else '',
            referral_source=self.referral.value or '',
            referring_doctor=self.doctor.value or '', follow_up_date=self.follow_up.date,
            doctor_notes=self.doctor_notes.value or '' if writes_notes else None,
            prescription=self.prescription.value or '' if writes_notes else None)
