"""The clinic's branches, where patients are seen and staff work, and the services it offers."""

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class Service(StrEnum):
    """What the clinic treats with: a plan's, a note's and (later) an appointment's service."""

    PHYSIOTHERAPY = 'physiotherapy'
    SPEECH_THERAPY = 'speech-therapy'


class Branch(Model):
    """One branch of the clinic, with what its letterheads and bills print."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=80, unique=True, description='Branch name shown to staff')
    clinic_name = fields.CharField(max_length=120, description='Clinic name printed on documents')
    address = fields.TextField(default='')
    phone = fields.CharField(max_length=20, default='')
    phone_alt = fields.CharField(max_length=20, default='')
    email = fields.CharField(max_length=254, default='')
    gstin = fields.CharField(max_length=15, default='')
    logo_file = fields.CharField(max_length=120, null=True, description='File name in the uploads logos folder')
    time_zone = fields.CharField(max_length=64, null=True,
                                 description="IANA zone of the branch clock; None: the clinic's (PROSPINE_TIMEZONE)")
    slot_minutes = fields.SmallIntField(default=30, description="The calendar's slot length for this branch")
    # Billing: the code that starts the branch's document numbers (AND/26-27/00123; None: from the name), the
    # UPI id its bills' QR codes pay to, and what the branch may spend a day (expenses).
    document_code = fields.CharField(max_length=3, null=True, unique=True,
                                     description='Letters that start invoice numbers: AND')
    upi_id = fields.CharField(max_length=60, default='', description='UPI id (name@bank) printed as a QR code on bills')
    daily_expense_budget = fields.DecimalField(max_digits=12, decimal_places=2, default=0,
                                               description='What the branch may spend a day; 0: no budget')
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'branch'
        ordering = ['name']

    def __str__(self) -> str:
        return self.name
