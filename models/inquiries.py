"""Inquiries: calls, walk-ins and web requests that may become registrations.

Three kinds share one table: a quick inquiry, a test inquiry (a diagnostic test asked about) and
an online booking request from the public `/book` page. What the person says about their health
(the chief complaint, or the condition typed on `/book`) is encrypted at rest, so the primary key
is a client-generated UUID. Once registered, the inquiry keeps the patient's clinic UID.
"""

from enum import StrEnum
from uuid import uuid4

from tortoise import fields
from tortoise.models import Model

from app.security.encrypted_fields import EncryptedFieldsMixin, EncryptedTextField
from models.clinical import TestKind
from models.patients import Gender
from models.registrations import ConsultationType


class InquiryKind(StrEnum):
    QUICK = 'quick'
    TEST = 'test'
    ONLINE = 'online'


class InquiryStatus(StrEnum):
    PENDING = 'pending'
    VISITED = 'visited'
    CANCELLED = 'cancelled'


class CommunicationType(StrEnum):
    CALL = 'call'
    WALK_IN = 'walk-in'
    WHATSAPP = 'whatsapp'
    WEB = 'web'
    OTHER = 'other'


class Inquiry(EncryptedFieldsMixin, Model):
    """One inquiry of any kind, for one branch."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    kind = fields.CharEnumField(InquiryKind, max_length=8, db_index=True)
    status = fields.CharEnumField(InquiryStatus, max_length=10, default=InquiryStatus.PENDING, db_index=True)
    full_name = fields.CharField(max_length=120)
    phone = fields.CharField(max_length=20, description='As validated: +91 98765 43210')
    age_years = fields.SmallIntField(null=True)
    gender = fields.CharEnumField(Gender, max_length=12, null=True)
    chief_complaint = EncryptedTextField(null=True, description='Chief complaint, or the condition given online')
    referral_source = fields.CharField(max_length=120, default='')
    communication_type = fields.CharEnumField(CommunicationType, max_length=10, default=CommunicationType.CALL)
    expected_visit_date = fields.DateField(null=True, description='Expected visit, or the preferred date online')
    test_name = fields.CharEnumField(TestKind, max_length=8, null=True, description='Test inquiries only')
    referred_by = fields.CharField(max_length=120, default='', description='Test inquiries: referring doctor')
    consultation_type = fields.CharEnumField(ConsultationType, max_length=12, null=True,
                                             description='Online booking requests only')
    branch = fields.ForeignKeyField('models.Branch', related_name='inquiries', on_delete=fields.RESTRICT)
    created_by = fields.ForeignKeyField('models.User', related_name='inquiries_created', null=True,
                                        on_delete=fields.SET_NULL, description='None for online requests')
    patient_uid = fields.CharField(max_length=16, null=True, description='Clinic UID once registered')
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'inquiry'
        ordering = ['-created_at']
        indexes = (('branch_id', 'status', 'created_at'),)  # a branch's list and its counts by status

    def __str__(self) -> str:
        return f'{self.full_name} ({self.kind})'
