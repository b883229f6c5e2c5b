"""Staff accounts: users, their employee profiles, server-side sessions and sign-in secrets."""

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from app.security.encrypted_fields import EncryptedFieldsMixin, EncryptedTextField


class Role(StrEnum):
    """The five roles of the clinic; what each may do lives in `app.auth.permissions`."""

    SUPERADMIN = 'superadmin'
    ADMIN = 'admin'
    DOCTOR = 'doctor'
    JRDOCTOR = 'jrdoctor'
    RECEPTION = 'reception'


class User(EncryptedFieldsMixin, Model):
    """A member of staff who signs in."""

    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=40, unique=True)
    full_name = fields.CharField(max_length=100)
    role = fields.CharEnumField(Role, max_length=16)
    branch = fields.ForeignKeyField('models.Branch', related_name='users', on_delete=fields.RESTRICT)
    is_active = fields.BooleanField(default=True)
    password_hash = fields.CharField(max_length=255)
    password_changed_at = fields.DatetimeField()
    must_change_password = fields.BooleanField(default=False)
    failed_login_count = fields.IntField(default=0)
    first_failed_login_at = fields.DatetimeField(null=True)
    last_failed_login_at = fields.DatetimeField(null=True)
    locked_until = fields.DatetimeField(null=True)
    last_login_at = fields.DatetimeField(null=True)
    totp_secret = EncryptedTextField(null=True, description='Encrypted with a key from the data directory')
    totp_enabled = fields.BooleanField(default=False)
    totp_last_step = fields.BigIntField(null=True, description='Last accepted TOTP time step (no replay)')
    dark_mode = fields.BooleanField(null=True, description='None follows the device')
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'user_account'
        ordering = ['username']

    def __str__(self) -> str:
        return self.username


class EmployeeProfile(Model):
    """What the clinic keeps about a member of staff as an employee."""

    id = fields.IntField(primary_key=True)
    user = fields.OneToOneField('models.User', related_name='profile', on_delete=fields.CASCADE)
    job_title = fields.CharField(max_length=80, default='')
    phone = fields.CharField(max_length=20, default='')
    address = fields.TextField(default='')
    date_of_birth = fields.DateField(null=True)
    joining_date = fields.DateField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'employee_profile'


class UserSession(Model):
    """A signed-in browser. Only the SHA-256 of its random token is stored."""

    id = fields.IntField(primary_key=True)
    user = fields.ForeignKeyField('models.User', related_name='sessions', on_delete=fields.CASCADE)
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()
    last_seen_at = fields.DatetimeField()
    expires_at = fields.DatetimeField(description='Absolute end of life')
    revoked_at = fields.DatetimeField(null=True)
    revoked_reason = fields.CharField(max_length=40, null=True)
    ip = fields.CharField(max_length=45, default='')
    user_agent = fields.CharField(max_length=255, default='')

    class Meta:
        table = 'user_session'


class RecoveryCode(Model):
    """A one-time code that replaces the authenticator app once; stored hashed."""

    id = fields.IntField(primary_key=True)
    user = fields.ForeignKeyField('models.User', related_name='recovery_codes', on_delete=fields.CASCADE)
    code_hash = fields.CharField(max_length=64)
    used_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = 'recovery_code'


class RolePolicy(Model):
    """Security settings an admin sets per role (two-factor sign-in required or not)."""

    role = fields.CharEnumField(Role, max_length=16, primary_key=True)
    two_factor_required = fields.BooleanField(default=False)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'role_policy'
