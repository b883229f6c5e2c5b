"""A model with encrypted columns that is not part of the app, for the encryption and key-rotation tests."""

from __future__ import annotations

from uuid import uuid4

from tortoise import fields
from tortoise.models import Model

from app.security.encrypted_fields import EncryptedFieldsMixin, EncryptedTextField

MODULE = 'tests.vault_models'


class VaultNote(EncryptedFieldsMixin, Model):
    """A clinical note: two encrypted columns (one under another column name) and a plain one."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    body = EncryptedTextField()
    summary = EncryptedTextField(null=True, source_field='summary_text')
    title = fields.CharField(max_length=80, default='')
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'vault_note'
