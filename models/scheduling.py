"""The calendar: appointments, and the hours and closures they must fall within.

Times of appointments are stored in UTC (`starts_at`, `ends_at`) and shown in the branch's zone.
Opening and working hours are wall-clock minutes after midnight in the branch's zone, per weekday
(Monday is 0), the way a clinic writes its timetable: "Mon-Sat 09:00-13:00 and 16:00-20:00". A day
may have several rows (a lunch break is the gap between two). A branch with no rows keeps the
clinic's usual hours (`app.services.clinic_hours.USUAL_HOURS`); a clinician with no rows works
whenever the branch is open.
"""

from enum import StrEnum
from uuid import uuid4

from tortoise import fields
from tortoise.models import Model

from app.security.encrypted_fields import EncryptedFieldsMixin, EncryptedTextField
from models.clinic import Service


class AppointmentStatus(StrEnum):
    BOOKED = 'booked'
    CONFIRMED = 'confirmed'
    ARRIVED = 'arrived'
    IN_SESSION = 'in-session'
    COMPLETED = 'completed'
    NO_SHOW = 'no-show'
    CANCELLED = 'cancelled'
    RESCHEDULED = 'rescheduled'  # moved: this row keeps where it was, `rescheduled_to` where it went


# The statuses that hold a clinician's and a patient's time: no two of these may overlap. A no-show frees
# the slot for a walk-in; a cancelled or rescheduled row is history.
HOLDS_TIME = (AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED, AppointmentStatus.ARRIVED,
              AppointmentStatus.IN_SESSION, AppointmentStatus.COMPLETED)
# The statuses that mean the patient came: what a plan's "day X of N" counts.
ATTENDED = (AppointmentStatus.ARRIVED, AppointmentStatus.IN_SESSION, AppointmentStatus.COMPLETED)


class Appointment(EncryptedFieldsMixin, Model):
    """One visit booked for a patient with a clinician at a branch."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    branch = fields.ForeignKeyField('models.Branch', related_name='appointments', on_delete=fields.RESTRICT)
    patient = fields.ForeignKeyField('models.Patient', related_name='appointments', on_delete=fields.RESTRICT)
    clinician = fields.ForeignKeyField('models.User', related_name='appointments', on_delete=fields.RESTRICT)
    service = fields.CharEnumField(Service, max_length=20)
    starts_at = fields.DatetimeField(description='UTC')
    ends_at = fields.DatetimeField(description='UTC, after starts_at')
    status = fields.CharEnumField(AppointmentStatus, max_length=12, default=AppointmentStatus.BOOKED)
    cancel_reason = fields.CharField(max_length=200, default='')
    notes = EncryptedTextField(null=True, description='Booking notes (encrypted: they may say why the patient comes)')
    plan = fields.ForeignKeyField('models.TreatmentPlan', related_name='appointments', null=True,
                                  on_delete=fields.SET_NULL)
    session_number = fields.SmallIntField(null=True, description="Which of the plan's sessions, from 1")
    # the appointment this one was moved to (a plain id: aerich cannot create a table that refers to itself)
    rescheduled_to_id = fields.UUIDField(null=True)
    arrived_at = fields.DatetimeField(null=True, description='When the desk marked the patient arrived')
    token_serial = fields.SmallIntField(null=True, description="The day's token number at the branch, from arrival")
    remarks = EncryptedTextField(null=True, description='What the desk or clinician noted on attendance (encrypted)')
    reminded_at = fields.DatetimeField(null=True, description='When the desk sent the reminder')
    created_by = fields.ForeignKeyField('models.User', related_name='appointments_booked', null=True,
                                        on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'appointment'
        ordering = ['starts_at']
        # the overlap checks and the calendar's views read a time range of one clinician, patient or branch; a
        # plan's sessions are read by plan (its "day X of N" on every plan shown: 1.3 s a read without it, large demo).
        # The branch's range also holds what the figures and the reports count (status, clinician, patient, end), so
        # they read the index alone; the second one is in clinician order for the productivity report over years
        # (large demo, ten years of a branch: 500 to 180 ms; the financial year's appointment figures about 30 %);
        # a patient's later visits carry their status for the rebooking rate.
        indexes = (('clinician_id', 'starts_at'), ('patient_id', 'starts_at', 'status'),
                   ('branch_id', 'starts_at', 'status', 'clinician_id', 'patient_id', 'ends_at'),
                   ('branch_id', 'clinician_id', 'starts_at', 'status', 'patient_id', 'ends_at'),
                   ('plan_id', 'starts_at'))


class OpeningHours(Model):
    """When a branch is open on one weekday: one row per opening (two rows make a break between)."""

    id = fields.IntField(primary_key=True)
    branch = fields.ForeignKeyField('models.Branch', related_name='opening_hours', on_delete=fields.CASCADE)
    weekday = fields.SmallIntField(description='0 is Monday')
    opens_minute = fields.SmallIntField(description='Minutes after midnight, branch time')
    closes_minute = fields.SmallIntField(description='Minutes after midnight, after opens_minute')

    class Meta:
        table = 'opening_hours'
        ordering = ['weekday', 'opens_minute']


class WorkingHours(Model):
    """When a clinician works at a branch on one weekday (several rows for a split shift)."""

    id = fields.IntField(primary_key=True)
    clinician = fields.ForeignKeyField('models.User', related_name='working_hours', on_delete=fields.CASCADE)
    branch = fields.ForeignKeyField('models.Branch', related_name='working_hours', on_delete=fields.CASCADE)
    weekday = fields.SmallIntField(description='0 is Monday')
    starts_minute = fields.SmallIntField()
    ends_minute = fields.SmallIntField()

    class Meta:
        table = 'working_hours'
        ordering = ['weekday', 'starts_minute']


class Closure(Model):
    """Days nobody can be booked: a clinic holiday (no branch), a branch closed, or a clinician's leave."""

    id = fields.IntField(primary_key=True)
    branch = fields.ForeignKeyField('models.Branch', related_name='closures', null=True, on_delete=fields.CASCADE,
                                    description='None: every branch (a clinic holiday)')
    clinician = fields.ForeignKeyField('models.User', related_name='leave', null=True, on_delete=fields.CASCADE,
                                       description="Set: this clinician's leave")
    first_day = fields.DateField()
    last_day = fields.DateField(description='Inclusive')
    reason = fields.CharField(max_length=120)
    created_by = fields.ForeignKeyField('models.User', related_name='closures_entered', null=True,
                                        on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = 'closure'
        ordering = ['first_day']
        indexes = (('last_day', 'first_day'),)


class WaitlistStatus(StrEnum):
    WAITING = 'waiting'
    BOOKED = 'booked'  # given a slot
    WITHDRAWN = 'withdrawn'  # no longer wants an earlier slot


class WaitlistEntry(EncryptedFieldsMixin, Model):
    """A patient who wants an earlier slot: with whom, for what, and on which days and times they can come."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    branch = fields.ForeignKeyField('models.Branch', related_name='waitlist', on_delete=fields.RESTRICT)
    patient = fields.ForeignKeyField('models.Patient', related_name='waitlist', on_delete=fields.RESTRICT)
    clinician = fields.ForeignKeyField('models.User', related_name='waitlist', null=True, on_delete=fields.SET_NULL,
                                       description='None: any clinician')
    service = fields.CharEnumField(Service, max_length=20)
    weekdays = fields.CharField(max_length=13, description='Weekdays they can come, 0 is Monday: "0,2,4"')
    earliest_minute = fields.SmallIntField(description='Earliest start they can make, minutes after midnight')
    latest_minute = fields.SmallIntField(description='Latest end they can make, minutes after midnight')
    first_day = fields.DateField(description='From when')
    last_day = fields.DateField(null=True, description='Until when (inclusive); None: until booked')
    urgency = fields.SmallIntField(default=2, description='1 urgent, 2 soon, 3 whenever')
    notes = EncryptedTextField(null=True, description='Why sooner (encrypted: it may be clinical)')
    status = fields.CharEnumField(WaitlistStatus, max_length=10, default=WaitlistStatus.WAITING)
    appointment_id = fields.UUIDField(null=True, description='The appointment it was given')
    created_by = fields.ForeignKeyField('models.User', related_name='waitlist_entered', null=True,
                                        on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'waitlist_entry'
        ordering = ['urgency', 'created_at']
        indexes = (('branch_id', 'status', 'urgency'),)
