"""Outcome measures recorded at visits: pain (NPRS), the Oswestry and the Neck Disability Index.

The answers are health data, so they are stored encrypted (JSON text); the score is kept in the
clear beside them so trends can be drawn without decrypting every row. The primary key is a
client-generated UUID because the encrypted answers are bound to the row.
"""

from enum import StrEnum
from uuid import uuid4

from tortoise import fields
from tortoise.models import Model

from app.security.encrypted_fields import EncryptedFieldsMixin, EncryptedTextField, plain_health_field


class Instrument(StrEnum):
    NPRS = 'nprs'
    ODI = 'odi'
    NDI = 'ndi'


class OutcomeRecord(EncryptedFieldsMixin, Model):
    """One completed questionnaire (or pain rating) of one patient on one day."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    patient = fields.ForeignKeyField('models.Patient', related_name='outcome_records', on_delete=fields.RESTRICT)
    instrument = fields.CharEnumField(Instrument, max_length=8)
    recorded_on = fields.DateField(description='Clinic date of the visit')
    answers = EncryptedTextField(description='JSON: the pain rating, or the ten section scores (null = blank)')
    # Plain on purpose: trends and the clinic's outcome figures average it in SQL (the answers are encrypted).
    score = plain_health_field(fields.DecimalField(
        max_digits=5, decimal_places=1, null=True,
        description='NPRS 0-10 or a percentage; null when too many sections were blank'))
    recorded_by = fields.ForeignKeyField('models.User', related_name='outcome_records', null=True,
                                         on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = 'outcome_record'
        ordering = ['recorded_on', 'created_at']
        # one patient's rows in the order the patient page pages them, however many patients there are; the scores
        # of a period and each patient's first and latest score per instrument (the dashboard's outcome change),
        # both read from the index alone (large demo, the financial year: 210 to 85 ms)
        indexes = (('patient_id', 'recorded_on'), ('recorded_on', 'patient_id', 'instrument', 'score'),
                   ('patient_id', 'instrument', 'recorded_on', 'created_at', 'score'))
