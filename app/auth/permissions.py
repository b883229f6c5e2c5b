"""The one table that maps roles to permission strings.

Permissions are members of `Permission` (`area.verb`) checked by one predicate, `role_can`. Pages declare
the permission they need where they are defined; services check it again on every change.
Branch scoping is separate: everyone but the superadmin works within their own branch.
"""

from __future__ import annotations

from enum import StrEnum

from models.accounts import Role


class Permission(StrEnum):
    """Every permission a page or a service can ask for (`area.verb`)."""

    PUBLIC = 'public'  # pages anyone may open (sign-in, first-run setup); handled by the guard
    SIGNED_IN = 'signed-in'  # pages every signed-in member of staff may open (home, own account)

    HOME_VIEW = 'home.view'
    USERS_VIEW = 'users.view'
    USERS_MANAGE = 'users.manage'
    BRANCHES_VIEW = 'branches.view'
    BRANCHES_MANAGE = 'branches.manage'
    BRANCHES_CREATE = 'branches.create'  # open another branch: the superadmin only
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

    # Granted now for the screens that come next (calendar, billing, reports, expenses).
    SCHEDULE_VIEW = 'schedule.view'  # the branch's calendar and the day at the desk
    SCHEDULE_EDIT = 'schedule.edit'  # book, move, cancel and mark anyone's appointments in the branch
    SCHEDULE_OWN = 'schedule.own'  # book, move, cancel and mark one's own appointments (clinicians)
    SCHEDULE_HOURS = 'schedule.hours'  # opening hours, working hours, holidays and leave
    BILLING_VIEW = 'billing.view'  # invoices, payments, a patient's ledger (not junior doctors: they see no money)
    BILLING_CREATE = 'billing.create'  # write and issue invoices, take payments, credit notes (the front desk)
    BILLING_APPROVE = 'billing.approve'  # refunds out of a patient's credit, the price list (admins)
    REPORTS_VIEW = 'reports.view'
    EXPENSES_ENTER = 'expenses.enter'  # see the branch's vouchers and enter one (the front desk)
    EXPENSES_APPROVE = 'expenses.approve'  # approve, reject and mark vouchers paid (admins)


_P = Permission
_CLINICAL = {_P.PATIENTS_VIEW, _P.PATIENTS_EDIT, _P.NOTES_VIEW, _P.NOTES_WRITE, _P.TESTS_VIEW, _P.TESTS_EDIT,
             _P.PLANS_VIEW, _P.PLANS_EDIT}
_FRONT_DESK = {_P.PATIENTS_VIEW, _P.PATIENTS_EDIT, _P.INQUIRIES_VIEW, _P.INQUIRIES_EDIT, _P.PLANS_VIEW,
               _P.SCHEDULE_VIEW, _P.SCHEDULE_EDIT, _P.BILLING_VIEW, _P.BILLING_CREATE, _P.EXPENSES_ENTER}
_ADMINISTRATION = {_P.USERS_VIEW, _P.USERS_MANAGE, _P.BRANCHES_VIEW, _P.BRANCHES_MANAGE, _P.SECURITY_MANAGE,
                   _P.AUDIT_VIEW, _P.BACKUPS_MANAGE, _P.PATIENT_ACCESS_LOG, _P.DISCOUNTS_APPROVE, _P.PLANS_EDIT,
                   _P.REPORTS_VIEW, _P.EXPENSES_APPROVE, _P.SCHEDULE_HOURS, _P.BILLING_APPROVE}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.SUPERADMIN: frozenset({_P.HOME_VIEW, *_ADMINISTRATION, *_FRONT_DESK, *_CLINICAL, _P.NOTES_SIGN,
                                _P.NOTES_COSIGN, _P.RECORD_COPY, _P.BRANCHES_CREATE}),
    Role.ADMIN: frozenset({_P.HOME_VIEW, *_ADMINISTRATION, *_FRONT_DESK}),
    Role.DOCTOR: frozenset({_P.HOME_VIEW, *_CLINICAL, _P.NOTES_SIGN, _P.NOTES_COSIGN, _P.DISCOUNTS_APPROVE,
                            _P.PATIENT_ACCESS_LOG, _P.RECORD_COPY, _P.SCHEDULE_VIEW, _P.SCHEDULE_OWN,
                            _P.INQUIRIES_VIEW, _P.BILLING_VIEW}),
    Role.JRDOCTOR: frozenset({_P.HOME_VIEW, *_CLINICAL, _P.NOTES_SIGN, _P.SCHEDULE_VIEW, _P.SCHEDULE_OWN}),
    Role.RECEPTION: frozenset({_P.HOME_VIEW, *_FRONT_DESK}),
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


def role_can(role: Role | None, permission: Permission) -> bool:
    """Tell whether a role holds a permission (PUBLIC and SIGNED_IN are handled by the guard)."""
    if permission == Permission.PUBLIC:
        return True
    if role is None:
        return False
    if permission == Permission.SIGNED_IN:
        return True
    return permission in ROLE_PERMISSIONS[role]
