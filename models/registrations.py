"""Registrations (consultations): each visit a patient is registered for, with its fee and outcome.

What the patient complains of in their own words, the doctor's notes and the prescription are
health information and are stored encrypted; the complaint's kind, the fee and the scheduling side
stay plain so reception can work with them.
"""

from enum import StrEnum
from uuid import uuid4

from tortoise import fields
from tortoise.models import Model

from app.security.encrypted_fields import EncryptedFieldsMixin, EncryptedTextField, plain_health_field


class ChiefComplaint(StrEnum):
    NECK_PAIN = 'neck-pain'
    BACK_PAIN = 'back-pain'
    LOW_BACK_PAIN = 'low-back-pain'
    RADIATING_PAIN = 'radiating-pain'
    OTHER = 'other'


class ConsultationType(StrEnum):
    IN_CLINIC = 'in-clinic'
    HOME_VISIT = 'home-visit'
    ONLINE = 'online'
    SPEECH_THERAPY = 'speech-therapy'


class PaymentMethod(StrEnum):
    CASH = 'cash'
    CARD = 'card'
    UPI = 'upi'
    CHEQUE = 'cheque'
    OTHER = 'other'


class RegistrationStatus(StrEnum):
    PENDING = 'pending'
    CONSULTED = 'consulted'
    CLOSED = 'closed'


class RefundStatus(StrEnum):
    NONE = 'none'
    PENDING = 'pending'
    REFUNDED = 'refunded'


class Registration(EncryptedFieldsMixin, Model):
    """One consultation a patient is registered for."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    patient = fields.ForeignKeyField('models.Patient', related_name='registrations', on_delete=fields.RESTRICT)
    branch = fields.ForeignKeyField('models.Branch', related_name='registrations', on_delete=fields.RESTRICT)
    # Plain on purpose: one of a few kinds, which reports and charts count by (the words are encrypted).
    chief_complaint = plain_health_field(fields.CharEnumField(ChiefComplaint, max_length=20))
    complaint_details = EncryptedTextField(null=True, description='The complaint in words (encrypted)')
    referral_source = fields.CharField(max_length=100, default='')
    referring_doctor = fields.CharField(max_length=120, default='')
    consultation_type = fields.CharEnumField(ConsultationType, max_length=20)
    visit_at = fields.DatetimeField(db_index=True)
    fee = fields.DecimalField(max_digits=10, decimal_places=2)
    payment_method = fields.CharEnumField(PaymentMethod, max_length=10)
    doctor_notes = EncryptedTextField(null=True)
    prescription = EncryptedTextField(null=True)
    follow_up_date = fields.DateField(null=True)
    status = fields.CharEnumField(RegistrationStatus, max_length=12, default=RegistrationStatus.PENDING)
    cancelled_at = fields.DatetimeField(null=True)
    cancellation_reason = fields.CharField(max_length=300, default='')
    refund_status = fields.CharEnumField(RefundStatus, max_length=10, default=RefundStatus.NONE)
    created_by = fields.ForeignKeyField('models.User', related_name='registrations_created', null=True,
                                        on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'registration'
        ordering = ['-visit_at']
        # one patient's rows in the order the patient page pages them, however many patients there are
        indexes = (('patient_id', 'visit_at'),)
