"""The clinical record: medical history, SOAP notes (versioned), diagnoses, diagnostic tests, attachments.

Everything a patient tells the clinic about their health is an `EncryptedTextField`; rows use
client-generated UUID keys because encrypted values are bound to their row. A signed note is never
changed: an amendment is a new row (`version` + 1) pointing at the one it replaces.
"""

from enum import StrEnum
from uuid import uuid4

from tortoise import fields
from tortoise.models import Model

from app.security.encrypted_fields import EncryptedFieldsMixin, EncryptedTextField
from models.clinic import Service


class NoteStatus(StrEnum):
    DRAFT = 'draft'
    AWAITING_COSIGN = 'awaiting-cosign'
    SIGNED = 'signed'


class DiagnosisStatus(StrEnum):
    ACTIVE = 'active'
    RESOLVED = 'resolved'
    ENTERED_IN_ERROR = 'entered-in-error'


class TestKind(StrEnum):
    __test__ = False  # not a pytest test class

    EEG = 'EEG'
    NCV = 'NCV'
    EMG = 'EMG'
    RNS = 'RNS'
    BERA = 'BERA'
    VEP = 'VEP'
    OTHER = 'other'


class TestStatus(StrEnum):
    REQUESTED = 'requested'
    SCHEDULED = 'scheduled'
    DONE = 'done'
    CANCELLED = 'cancelled'


class AttachmentKind(StrEnum):
    REPORT = 'report'
    IMAGING = 'imaging'
    PRESCRIPTION = 'prescription'
    OTHER = 'other'


class MedicalHistory(EncryptedFieldsMixin, Model):
    """What the patient reports about their health, one record per patient."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    patient = fields.OneToOneField('models.Patient', related_name='medical_history', on_delete=fields.CASCADE)
    conditions = EncryptedTextField(null=True)
    surgeries = EncryptedTextField(null=True)
    medications = EncryptedTextField(null=True)
    allergies = EncryptedTextField(null=True)
    red_flags = EncryptedTextField(null=True)
    updated_by = fields.ForeignKeyField('models.User', related_name='histories_updated', null=True,
                                        on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'medical_history'


class ClinicalNote(EncryptedFieldsMixin, Model):
    """One version of a SOAP note; `series_id` is the id of its first version."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    series_id = fields.UUIDField(db_index=True)
    patient = fields.ForeignKeyField('models.Patient', related_name='clinical_notes', on_delete=fields.RESTRICT)
    discipline = fields.CharEnumField(Service, max_length=20)
    template_key = fields.CharField(max_length=40, default='')
    subjective = EncryptedTextField(null=True)
    objective = EncryptedTextField(null=True)
    assessment = EncryptedTextField(null=True)
    plan = EncryptedTextField(null=True)
    status = fields.CharEnumField(NoteStatus, max_length=20, default=NoteStatus.DRAFT)
    author = fields.ForeignKeyField('models.User', related_name='clinical_notes', on_delete=fields.RESTRICT)
    signed_at = fields.DatetimeField(null=True)
    cosigned_by = fields.ForeignKeyField('models.User', related_name='notes_cosigned', null=True,
                                         on_delete=fields.RESTRICT)
    cosigned_at = fields.DatetimeField(null=True)
    version = fields.SmallIntField(default=1)
    # The version this one amends. A plain column, not a foreign key: aerich cannot create a table that
    # refers to itself, and notes are never deleted, so the reference cannot dangle.
    previous_version_id = fields.UUIDField(null=True, db_index=True)
    amendment_reason = EncryptedTextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'clinical_note'
        ordering = ['-created_at']
        # one patient's rows in the order the patient page pages them, however many patients there are
        # + the clinicians' queues on the home page: notes awaiting co-signature, and one's own drafts; the notes each
        # clinician signed in a range (the productivity report)
        indexes = (('patient_id', 'version', 'created_at'), ('status', 'signed_at'),
                   ('author_id', 'status', 'updated_at'), ('author_id', 'signed_at'))


class Diagnosis(EncryptedFieldsMixin, Model):
    """A diagnosis made for the patient, with an optional code (ICD-10); never deleted, only resolved or voided."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    patient = fields.ForeignKeyField('models.Patient', related_name='diagnoses', on_delete=fields.RESTRICT)
    description = EncryptedTextField()
    code = EncryptedTextField(null=True)
    diagnosed_by = fields.ForeignKeyField('models.User', related_name='diagnoses', null=True,
                                          on_delete=fields.SET_NULL)
    # Active, resolved (may become active again) or entered in error (final, with the reason). The two
    # status_changed columns tell who made the latest change and when.
    status = fields.CharEnumField(DiagnosisStatus, max_length=16, default=DiagnosisStatus.ACTIVE)
    status_changed_at = fields.DatetimeField(null=True)
    status_changed_by = fields.ForeignKeyField('models.User', related_name='diagnosis_status_changes', null=True,
                                               on_delete=fields.SET_NULL)
    error_reason = EncryptedTextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = 'diagnosis'
        ordering = ['-created_at']
        # one patient's rows in the order the patient page pages them, however many patients there are
        indexes = (('patient_id', 'created_at'),)


class DiagnosticTest(EncryptedFieldsMixin, Model):
    """A neurodiagnostic test requested, done or cancelled for the patient."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    patient = fields.ForeignKeyField('models.Patient', related_name='diagnostic_tests', on_delete=fields.RESTRICT)
    kind = fields.CharEnumField(TestKind, max_length=8)
    # Which nerves and which limb tell of the patient's condition: encrypted like the results. (Until
    # migration 4 they were plain VARCHAR columns `items` and `limb`; `seal_plain_values` encrypted them.)
    items = EncryptedTextField(null=True, source_field='items_sealed', description='Nerves, muscles or modalities')
    limb = EncryptedTextField(null=True, source_field='limb_sealed')
    referred_by = fields.CharField(max_length=120, default='')
    done_by = fields.CharField(max_length=120, default='')
    status = fields.CharEnumField(TestStatus, max_length=12, default=TestStatus.REQUESTED)
    results = EncryptedTextField(null=True)
    created_by = fields.ForeignKeyField('models.User', related_name='diagnostic_tests', null=True,
                                        on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'diagnostic_test'
        ordering = ['-created_at']
        # one patient's rows in the order the patient page pages them, however many patients there are
        indexes = (('patient_id', 'created_at'),)


class Attachment(EncryptedFieldsMixin, Model):
    """An uploaded PDF or image, stored encrypted in the health uploads folder."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    patient = fields.ForeignKeyField('models.Patient', related_name='attachments', on_delete=fields.RESTRICT)
    test = fields.ForeignKeyField('models.DiagnosticTest', related_name='attachments', null=True,
                                  on_delete=fields.RESTRICT)
    kind = fields.CharEnumField(AttachmentKind, max_length=16, default=AttachmentKind.REPORT)
    original_name = EncryptedTextField(null=True)
    media_type = fields.CharField(max_length=40)
    size = fields.IntField()
    stored_path = fields.CharField(max_length=200, description='Relative to the uploads folder')
    uploaded_by = fields.ForeignKeyField('models.User', related_name='attachments', null=True,
                                         on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = 'attachment'
        ordering = ['-created_at']
        # one patient's rows in the order the patient page pages them, however many patients there are
        indexes = (('patient_id', 'created_at'),)
