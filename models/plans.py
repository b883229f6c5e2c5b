"""Treatment plans (what was sold: service, type, price, days, discount) and their history of changes."""

from enum import StrEnum
from uuid import uuid4

from tortoise import fields
from tortoise.models import Model

from models.clinic import Service


class PlanType(StrEnum):
    DAILY = 'daily'  # paid visit by visit, at the cost per day
    ADVANCE = 'advance'  # paid in advance, at the cost per day
    PACKAGE = 'package'  # one price for the number of days


class PlanStatus(StrEnum):
    ACTIVE = 'active'
    COMPLETED = 'completed'
    INACTIVE = 'inactive'


class TreatmentPlan(Model):
    """A course of treatment agreed with a patient, priced in INR."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    patient = fields.ForeignKeyField('models.Patient', related_name='treatment_plans', on_delete=fields.RESTRICT)
    branch = fields.ForeignKeyField('models.Branch', related_name='treatment_plans', on_delete=fields.RESTRICT)
    service = fields.CharEnumField(Service, max_length=20)
    plan_type = fields.CharEnumField(PlanType, max_length=10)
    cost_per_day = fields.DecimalField(max_digits=12, decimal_places=2, null=True, description='Daily and advance')
    package_cost = fields.DecimalField(max_digits=12, decimal_places=2, null=True, description='Package only')
    days = fields.IntField()
    discount = fields.DecimalField(max_digits=12, decimal_places=2, default=0, description='INR off the price')
    discount_approved_by = fields.ForeignKeyField('models.User', related_name='discounts_approved', null=True,
                                                  on_delete=fields.RESTRICT)
    total = fields.DecimalField(max_digits=12, decimal_places=2, description='Price minus discount')
    start_date = fields.DateField()
    end_date = fields.DateField()
    # When the sessions are held: a start time of day (clinic time) and a length, both or neither.
    # Minutes after midnight rather than a TIME column: the clinic's wall-clock time has no time zone,
    # and Tortoise would convert a TIME (use_tz is on).
    session_start_minute = fields.SmallIntField(null=True, description='Start of each session, minutes after midnight')
    session_minutes = fields.SmallIntField(null=True, description='Length of each session in minutes')
    clinician = fields.ForeignKeyField('models.User', related_name='treatment_plans', null=True,
                                       on_delete=fields.SET_NULL)
    status = fields.CharEnumField(PlanStatus, max_length=10, default=PlanStatus.ACTIVE)
    created_by = fields.ForeignKeyField('models.User', related_name='plans_created', null=True,
                                        on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'treatment_plan'
        ordering = ['-start_date', '-created_at']
        # one patient's rows in the order the patient page pages them, however many patients there are; a branch's
        # active plans (the dashboard)
        indexes = (('patient_id', 'start_date'), ('branch_id', 'status'))


class PlanRevision(Model):
    """One change to a plan: who made it, when, and each changed field's before and after."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    plan = fields.ForeignKeyField('models.TreatmentPlan', related_name='revisions', on_delete=fields.CASCADE)
    changed_by = fields.ForeignKeyField('models.User', related_name='plan_revisions', null=True,
                                        on_delete=fields.SET_NULL)
    changed_at = fields.DatetimeField()
    summary = fields.CharField(max_length=200, default='', description='Created, Edited, Marked completed, ...')
    changes = fields.TextField(default='', description='JSON: field -> {before, after}')

    class Meta:
        table = 'plan_revision'
        ordering = ['changed_at']
        # a plan's history, oldest first
        indexes = (('plan_id', 'changed_at'),)
