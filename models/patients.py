"""Patients: one record per person, with the clinic's UID (`YYMMDD-N`).

Name and phone stay searchable in plain text (reception finds people by them); what a patient
tells the clinic about their health lives in the clinical models, encrypted. The primary key is
a client-generated UUID so encrypted fields and uploads can be bound to the row before it is
saved; the UID is what staff see and say.
"""

from enum import StrEnum
from uuid import uuid4

from tortoise import fields
from tortoise.models import Model

from app.security.encrypted_fields import EncryptedFieldsMixin


class Gender(StrEnum):
    FEMALE = 'female'
    MALE = 'male'
    OTHER = 'other'
    UNDISCLOSED = 'undisclosed'


class Patient(EncryptedFieldsMixin, Model):
    """A person the clinic has registered."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    uid = fields.CharField(max_length=16, unique=True, description='YYMMDD-N: day of first registration, serial')
    full_name = fields.CharField(max_length=120)
    name_key = fields.CharField(max_length=120, db_index=True, description='Lower-case name for search')
    phone = fields.CharField(max_length=20, db_index=True, description='As validated: +91 98765 43210')
    phone_digits = fields.CharField(max_length=15, db_index=True, description='Digits only, for search')
    email = fields.CharField(max_length=254, default='')
    gender = fields.CharEnumField(Gender, max_length=12)
    date_of_birth = fields.DateField(null=True)
    age_years = fields.SmallIntField(null=True, description='Age given at registration when the birth date is unknown')
    address = fields.TextField(default='')
    occupation = fields.CharField(max_length=100, default='')
    emergency_contact_name = fields.CharField(max_length=120, default='')
    emergency_contact_phone = fields.CharField(max_length=20, default='')
    photo_file = fields.CharField(max_length=200, null=True, description='Encrypted file in the health uploads folder')
    first_branch = fields.ForeignKeyField('models.Branch', related_name='patients', on_delete=fields.RESTRICT)
    registered_on = fields.DateField(description='Clinic date of the first registration (the UID date)')
    created_by = fields.ForeignKeyField('models.User', related_name='patients_created', null=True,
                                        on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)  # the newest-first list
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'patient'
        ordering = ['-created_at']
        indexes = (('first_branch_id', 'registered_on'),)  # a branch's new patients in a period (the dashboard)

    def __str__(self) -> str:
        return f'{self.full_name} ({self.uid})'


class PatientDaySerial(Model):
    """The last serial handed out on a day: the `N` of `YYMMDD-N`, counted in the database."""

    day = fields.DateField(primary_key=True)
    serial = fields.IntField(default=0)

    class Meta:
        table = 'patient_day_serial'
