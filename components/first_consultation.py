"""The "first consultation" part of a registration dialog: a walk-in or an inquiry registered with
its first consultation in the same step, as the clinic's registration has always been."""

from __future__ import annotations

from nicegui import ui

from app.services.consultations import COMPLAINT_LABELS, PAYMENT_LABELS, ConsultationDetails
from app.services.vocabulary import CONSULTATION_TYPE_LABELS
from components.dialogs import FormDialog
from components.money_input import MoneyInput


class FirstConsultationForm:
    """A checkbox and, when ticked, the complaint, consultation type, fee and payment method.

    Text carried over from an inquiry (complaint details, referral) goes into the consultation as is. Without
    `money` (junior doctors) there is no fee or payment method: the service prices the consultation.
    """

    def __init__(self, dialog: FormDialog, *, consultation_type: str | None = None, complaint_details: str = '',
                 referral_source: str = '', referring_doctor: str = '', ask_referral: bool = False,
                 money: bool = True) -> None:
        self._carried = {'complaint_details': complaint_details, 'referral_source': referral_source,
                         'referring_doctor': referring_doctor}
        add = dialog.form.add
        self.wanted = ui.checkbox('Register the first consultation now', value=False).mark('book-first')
        with ui.column().classes('w-full gap-2').bind_visibility_from(self.wanted, 'value'):
            self.complaint = add('chief_complaint', ui.select(
                {c.value: label for c, label in COMPLAINT_LABELS.items()}, label='Chief complaint'))
            self.visit_type = add('consultation_type', ui.select(
                {t.value: label for t, label in CONSULTATION_TYPE_LABELS.items()}, label='Consultation',
                value=consultation_type or 'in-clinic'))
            self.fee, self.payment = None, None
            if money:
                with ui.row().classes('w-full no-wrap gap-2'):
                    self.fee = add('fee', MoneyInput('Fee').classes('grow'))
                    self.payment = add('payment_method', ui.select(
                        {m.value: label for m, label in PAYMENT_LABELS.items()}, label='Paid by').classes('grow'))
            self.referral = add('referral_source', ui.input('Referred by (source)', value=referral_source)) \
                if ask_referral else None

    def details(self) -> ConsultationDetails | None:
        """The consultation to register, or None when the box is not ticked."""
        if not self.wanted.value:
            return None
        carried = dict(self._carried)
        if self.referral is not None:
            carried['referral_source'] = self.referral.value or ''
        return ConsultationDetails(
            chief_complaint=self.complaint.value or '', consultation_type=self.visit_type.value or '',
            fee='' if self.fee is None or self.fee.value is None else str(self.fee.value),
            payment_method=self.payment.value or '' if self.payment is not None else '',
            **carried)
