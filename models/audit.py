"""The audit trail: one append-only table of events forming a hash chain.

Every event carries a gapless sequence number (the primary key), the MAC of the event before it
and its own HMAC-SHA256 (see `app.audit.chain`). The application has no code path that updates
or deletes a row here.
"""

from tortoise import fields
from tortoise.models import Model


class AuditEvent(Model):
    """Who did what, to which record, from where, and how it went."""

    seq = fields.BigIntField(primary_key=True, generated=False)
    occurred_at = fields.DatetimeField()
    user_id = fields.IntField(null=True)
    username = fields.CharField(max_length=64, default='')
    role = fields.CharField(max_length=16, default='')
    branch_id = fields.IntField(null=True)
    session_id = fields.IntField(null=True)
    client_ip = fields.CharField(max_length=64, default='')
    user_agent = fields.CharField(max_length=300, default='')
    action = fields.CharField(max_length=32)
    entity_type = fields.CharField(max_length=40, default='')
    entity_id = fields.CharField(max_length=64, default='')
    patient_id = fields.CharField(max_length=64, null=True)
    outcome = fields.CharField(max_length=8)
    changes = fields.TextField(default='', description='JSON: field -> before and after; health fields named only')
    detail = fields.CharField(max_length=500, default='')
    prev_mac = fields.CharField(max_length=64)
    mac = fields.CharField(max_length=64)

    class Meta:
        table = 'audit_event'
        indexes = (
            ('occurred_at',),
            ('user_id', 'seq'),
            ('branch_id', 'seq'),
            ('action', 'seq'),
            ('patient_id', 'seq'),
            ('entity_type', 'entity_id', 'seq'),
            ('outcome', 'seq'),
        )
