"""The one table that maps roles to permission strings.

Permissions are plain strings (`area.verb`) checked by one predicate, `role_can`. Pages declare
the permission they need where they are defined; services check it again on every change.
Branch scoping is separate: everyone but the superadmin works within their own branch.
"""

from __future__ import annotations

from models.accounts import Role

PUBLIC = 'public'  # pages anyone may open (sign-in, first-run setup)
SIGNED_IN = 'signed-in'  # pages every signed-in member of staff may open (home, own account)

HOME_VIEW = 'home.view'
USERS_VIEW = 'users.view'
USERS_MANAGE = 'users.manage'
BRANCHES_VIEW = 'branches.view'
BRANCHES_MANAGE = 'branches.manage'
SECURITY_MANAGE = 'security.manage'
AUDIT_VIEW = 'audit.view'
BACKUPS_MANAGE = 'backups.manage'

PATIENTS_VIEW = 'patients.view'  # demographics, consultations' scheduling side, plans
PATIENTS_EDIT = 'patients.edit'  # register and edit patients and consultations
INQUIRIES_VIEW = 'inquiries.view'
INQUIRIES_EDIT = 'inquiries.edit'
NOTES_VIEW = 'notes.view'  # the clinical record: history, notes, diagnoses, outcomes, doctor's notes
NOTES_WRITE = 'notes.write'
NOTES_SIGN = 'notes.sign'
NOTES_COSIGN = 'notes.cosign'  # a doctor countersigns a junior doctor's note
TESTS_VIEW = 'tests.view'
TESTS_EDIT = 'tests.edit'
PLANS_VIEW = 'plans.view'
PLANS_EDIT = 'plans.edit'
DISCOUNTS_APPROVE = 'discounts.approve'  # a discount above the clinic's limit needs a doctor or an admin
PATIENT_ACCESS_LOG = 'patients.access-log'  # "who opened this record", from the audit trail
# A printable copy of a patient's health record, for the patient: doctors and the superadmin, who
# may read the clinical record anyway (an admin may not, so the copy is not a way round that).
RECORD_COPY = 'records.copy'

_CLINICAL = {PATIENTS_VIEW, PATIENTS_EDIT, NOTES_VIEW, NOTES_WRITE, TESTS_VIEW, TESTS_EDIT, PLANS_VIEW, PLANS_EDIT}
_FRONT_DESK = {PATIENTS_VIEW, PATIENTS_EDIT, INQUIRIES_VIEW, INQUIRIES_EDIT, PLANS_VIEW, 'schedule.view',
               'schedule.edit', 'billing.view', 'billing.create'}
_ADMINISTRATION = {USERS_VIEW, USERS_MANAGE, BRANCHES_VIEW, BRANCHES_MANAGE, SECURITY_MANAGE, AUDIT_VIEW,
                   BACKUPS_MANAGE, PATIENT_ACCESS_LOG, DISCOUNTS_APPROVE, PLANS_EDIT, 'reports.view',
                   'expenses.approve'}

ROLE_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.SUPERADMIN: frozenset({HOME_VIEW, *_ADMINISTRATION, *_FRONT_DESK, *_CLINICAL, NOTES_SIGN, NOTES_COSIGN,
                                RECORD_COPY, 'branches.create'}),
    Role.ADMIN: frozenset({HOME_VIEW, *_ADMINISTRATION, *_FRONT_DESK, 'schedule.view'}),
    Role.DOCTOR: frozenset({HOME_VIEW, *_CLINICAL, NOTES_SIGN, NOTES_COSIGN, DISCOUNTS_APPROVE, PATIENT_ACCESS_LOG,
                            RECORD_COPY, 'schedule.view', INQUIRIES_VIEW, 'billing.view'}),
    Role.JRDOCTOR: frozenset({HOME_VIEW, *_CLINICAL, NOTES_SIGN, 'schedule.view'}),
    Role.RECEPTION: frozenset({HOME_VIEW, *_FRONT_DESK}),
}

ROLE_LABELS: dict[Role, str] = {
    Role.SUPERADMIN: 'Superadmin',
    Role.ADMIN: 'Admin',
    Role.DOCTOR: 'Doctor',
    Role.JRDOCTOR: 'Junior doctor',
    Role.RECEPTION: 'Reception',
}

# Which roles a role may hand out when creating or editing staff accounts.
ASSIGNABLE_ROLES: dict[Role, tuple[Role, ...]] = {
    Role.SUPERADMIN: tuple(Role),
    Role.ADMIN: (Role.ADMIN, Role.DOCTOR, Role.JRDOCTOR, Role.RECEPTION),
}


def role_can(role: Role | None, permission: str) -> bool:
    """Tell whether a role holds a permission (PUBLIC and SIGNED_IN are handled by the guard)."""
    if permission == PUBLIC:
        return True
    if role is None:
        return False
    if permission == SIGNED_IN:
        return True
    return permission in ROLE_PERMISSIONS[role]
