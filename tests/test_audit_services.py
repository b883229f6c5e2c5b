"""Every change the staff, branch and account services make leaves one audit event, made atomically with it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import pytest
from tortoise import connections

from app.audit import audit
from app.audit.verify import verify_chain
from app.auth import sessions
from app.auth.actor import Actor
from app.clock import utcnow
from app.errors import DomainError, PermissionDenied, ValidationFailed
from app.security.totp import current_code, new_secret
from app.services import account, branches, employees, setup, two_factor, users
from models.accounts import RecoveryCode, Role, RolePolicy, User, UserSession
from models.audit import AuditEvent
from models.clinic import Branch
from tests.factories import PASSWORD, actor_of, make_branch, make_user

TEMPORARY = 'blue kettle morning'
NEW_PASSWORD = 'quiet river lantern'
HIDDEN = '(not recorded)'
PNG = b'\x89PNG\r\n\x1a\n' + b'\x00' * 32


@pytest.fixture(autouse=True)
async def chain_stays_intact(db: None) -> AsyncIterator[None]:
    """After every test the chain still verifies (and no read event is left waiting)."""
    yield
    await audit.shutdown()
    report = await verify_chain()
    assert report.ok, report.sentence()


async def events() -> list[AuditEvent]:
    return await AuditEvent.all().order_by('seq')


async def only_event() -> AuditEvent:
    found = await events()
    assert len(found) == 1, [(event.action, event.entity_type, event.detail) for event in found]
    return found[0]


def changes_of(event: AuditEvent) -> dict[str, Any]:
    return json.loads(event.changes) if event.changes else {}


async def trail_text() -> str:
    """Every column of every audit event, as one text to search."""
    rows = await connections.get('default').execute_query_dict('SELECT * FROM audit_event')
    return json.dumps(rows, default=str)


def assert_done_by(event: AuditEvent, actor: Actor, *, action: str, entity_type: str, entity_id: object,
                   outcome: str = 'success') -> None:
    assert (event.action, event.outcome, event.entity_type, event.entity_id) == (
        action, outcome, entity_type, str(entity_id))
    assert (event.user_id, event.username, event.role, event.branch_id) == (
        actor.user_id, actor.username, str(actor.role), actor.branch_id)


async def admin_and_staff(role: Role = Role.RECEPTION, **fields: object) -> tuple[Actor, User]:
    admin = await actor_of(await make_user(Role.ADMIN))
    return admin, await make_user(role, **fields)


# -- staff accounts ------------------------------------------------------------------------------


async def test_creating_a_user_records_the_new_account_but_not_its_password() -> None:
    admin = await actor_of(await make_user(Role.ADMIN))
    row = await users.create_user(actor=admin, username='Priya.S', full_name='Priya Shah', role='reception',
                                  branch_id=admin.branch_id, temporary_password=TEMPORARY)
    event = await only_event()
    assert_done_by(event, admin, action='admin-change', entity_type='user', entity_id=row.id)
    changes = changes_of(event)
    assert changes['username'] == {'before': None, 'after': 'priya.s'}
    assert changes['role'] == {'before': None, 'after': 'reception'}
    assert changes['branch_id'] == {'before': None, 'after': admin.branch_id}
    assert changes['password_hash'] == HIDDEN
    stored = await User.get(id=row.id)
    text = await trail_text()
    assert TEMPORARY not in text
    assert stored.password_hash not in text


async def test_changing_role_and_branch_records_before_and_after() -> None:
    boss = await actor_of(await make_user(Role.SUPERADMIN))
    other = await make_branch()
    staff = await make_user(Role.RECEPTION, full_name='Asha Rao')
    await users.update_user(actor=boss, user_id=staff.id, full_name='Asha Rao', role='doctor', branch_id=other.id)
    event = await only_event()
    assert_done_by(event, boss, action='admin-change', entity_type='user', entity_id=staff.id)
    assert changes_of(event) == {'role': {'before': 'reception', 'after': 'doctor'},
                                 'branch_id': {'before': staff.branch_id, 'after': other.id}}


async def test_deactivating_and_reactivating_are_recorded() -> None:
    admin, staff = await admin_and_staff()
    await sessions.issue(user=staff)
    await users.set_active(actor=admin, user_id=staff.id, active=False)
    await users.set_active(actor=admin, user_id=staff.id, active=True)
    off, on = await events()
    assert_done_by(off, admin, action='admin-change', entity_type='user', entity_id=staff.id)
    assert changes_of(off) == {'is_active': {'before': True, 'after': False}}
    assert off.detail == 'Signed out of 1 session.'
    assert changes_of(on) == {'is_active': {'before': False, 'after': True}}


async def test_password_reset_names_the_hash_but_records_neither_password_nor_hash() -> None:
    admin, staff = await admin_and_staff(failed_login_count=3)
    await users.reset_password(actor=admin, user_id=staff.id, temporary_password=TEMPORARY)
    event = await only_event()
    assert_done_by(event, admin, action='admin-change', entity_type='user', entity_id=staff.id)
    changes = changes_of(event)
    assert changes['password_hash'] == HIDDEN
    assert changes['must_change_password'] == {'before': False, 'after': True}
    assert changes['failed_login_count'] == {'before': 3, 'after': 0}
    assert 'password_changed_at' in changes
    text = await trail_text()
    for secret in (TEMPORARY, PASSWORD, staff.password_hash, (await User.get(id=staff.id)).password_hash):
        assert secret not in text


async def test_unlocking_records_the_lifted_lock() -> None:
    locked_until = utcnow() + timedelta(minutes=10)
    admin, staff = await admin_and_staff(failed_login_count=5, locked_until=locked_until)
    await users.unlock(actor=admin, user_id=staff.id)
    event = await only_event()
    assert_done_by(event, admin, action='admin-change', entity_type='user', entity_id=staff.id)
    changes = changes_of(event)
    assert changes['failed_login_count'] == {'before': 5, 'after': 0}
    assert changes['locked_until']['after'] is None
    assert changes['locked_until']['before'].startswith(locked_until.date().isoformat())


# -- refusals and failures -----------------------------------------------------------------------


async def test_reception_creating_a_user_is_recorded_as_denied_and_nothing_changes() -> None:
    reception = await actor_of(await make_user(Role.RECEPTION))
    with pytest.raises(PermissionDenied):
        await users.create_user(actor=reception, username='newbie', full_name='New Bie', role=Role.RECEPTION,
                                branch_id=reception.branch_id, temporary_password=TEMPORARY)
    event = await only_event()
    assert_done_by(event, reception, action='permission-denied', entity_type='user', entity_id='',
                   outcome='denied')  # no user exists yet to name
    assert event.detail.startswith('create_user: ')
    assert await User.all().count() == 1
    assert TEMPORARY not in await trail_text()


async def test_admin_editing_another_branch_is_recorded_as_denied_and_nothing_changes() -> None:
    admin = await actor_of(await make_user(Role.ADMIN))
    other = await make_branch('Bandra')
    with pytest.raises(PermissionDenied):
        await branches.update_branch(actor=admin, branch_id=other.id, name='Mine now', clinic_name='X',
                                     address='', phone='', phone_alt='', email='', gstin='')
    event = await only_event()
    assert_done_by(event, admin, action='permission-denied', entity_type='branch', entity_id=other.id,
                   outcome='denied')
    assert (await Branch.get(id=other.id)).name == 'Bandra'


async def test_an_admin_touching_a_superadmin_inside_the_change_is_denied_and_rolled_back() -> None:
    admin = await actor_of(await make_user(Role.ADMIN))
    boss = await make_user(Role.SUPERADMIN, full_name='Big Boss')
    with pytest.raises(PermissionDenied):
        await users.update_user(actor=admin, user_id=boss.id, full_name='Small Boss', role='admin',
                                branch_id=admin.branch_id)
    event = await only_event()
    assert_done_by(event, admin, action='permission-denied', entity_type='user', entity_id=boss.id,
                   outcome='denied')
    assert (await User.get(id=boss.id)).full_name == 'Big Boss'


async def test_validation_failures_and_refused_actions_write_nothing() -> None:
    admin = await actor_of(await make_user(Role.ADMIN, username='taken'))
    with pytest.raises(ValidationFailed):
        await users.create_user(actor=admin, username='taken', full_name='', role=None,
                                branch_id=admin.branch_id, temporary_password='password1')
    with pytest.raises(ValidationFailed):
        await users.update_user(actor=admin, user_id=admin.user_id, full_name='', role='admin',
                                branch_id=admin.branch_id)
    with pytest.raises(DomainError):
        await users.set_active(actor=admin, user_id=admin.user_id, active=False)
    with pytest.raises(ValidationFailed):
        await branches.update_branch(actor=admin, branch_id=admin.branch_id, name='', clinic_name='',
                                     address='', phone='12', phone_alt='', email='', gstin='')
    with pytest.raises(ValidationFailed):
        await account.change_own_password(actor=admin, current_password='wrong', new_password=NEW_PASSWORD,
                                          repeat_password=NEW_PASSWORD)
    assert await events() == []


async def test_a_change_and_its_event_commit_together_or_not_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    admin, staff = await admin_and_staff(full_name='Asha Rao')
    await sessions.issue(user=staff)

    def broken_mac(*_: object) -> str:
        raise RuntimeError('disk full')

    monkeypatch.setattr('app.audit.logger.mac_of', broken_mac)
    with pytest.raises(RuntimeError):
        await users.update_user(actor=admin, user_id=staff.id, full_name='Asha Rao', role='doctor',
                                branch_id=staff.branch_id)
    with pytest.raises(RuntimeError):
        await branches.set_branch_active(actor=await actor_of(await make_user(Role.SUPERADMIN)),
                                         branch_id=(await make_branch()).id, active=False)
    stored = await User.get(id=staff.id)
    assert stored.role is Role.RECEPTION
    assert await UserSession.filter(user_id=staff.id, revoked_at=None).count() == 1
    assert await Branch.filter(is_active=False).count() == 0
    assert await events() == []


# -- branches ------------------------------------------------------------------------------------


async def test_branch_create_update_logo_and_close_are_recorded() -> None:
    boss = await actor_of(await make_user(Role.SUPERADMIN))
    row = await branches.create_branch(actor=boss, name='Bandra', clinic_name='ProSpine Clinic')
    await branches.update_branch(actor=boss, branch_id=row.id, name='Bandra West', clinic_name='ProSpine Clinic',
                                 address='', phone='98765 43210', phone_alt='', email='', gstin='')
    await branches.save_logo(actor=boss, branch_id=row.id, content=PNG, filename='logo.png')
    await branches.set_branch_active(actor=boss, branch_id=row.id, active=False)
    made, edited, logo, closed = await events()
    assert_done_by(made, boss, action='create', entity_type='branch', entity_id=row.id)
    assert changes_of(made) == {'name': {'before': None, 'after': 'Bandra'},
                                'clinic_name': {'before': None, 'after': 'ProSpine Clinic'}}
    assert_done_by(edited, boss, action='update', entity_type='branch', entity_id=row.id)
    assert changes_of(edited) == {'name': {'before': 'Bandra', 'after': 'Bandra West'},
                                  'phone': {'before': '', 'after': '+91 98765 43210'}}
    assert_done_by(logo, boss, action='update', entity_type='branch', entity_id=row.id)
    stored = await Branch.get(id=row.id)
    assert changes_of(logo) == {'logo_file': {'before': None, 'after': stored.logo_file}}
    assert_done_by(closed, boss, action='update', entity_type='branch', entity_id=row.id)
    assert changes_of(closed) == {'is_active': {'before': True, 'after': False}}


# -- staff profiles ------------------------------------------------------------------------------


async def test_profile_update_is_recorded_and_opening_a_profile_is_a_view_event() -> None:
    admin, staff = await admin_and_staff()
    await employees.update_profile(actor=admin, user_id=staff.id, job_title='Physiotherapist', phone='',
                                   address='', date_of_birth=date(1990, 5, 17), joining_date=None)
    event = await only_event()
    assert_done_by(event, admin, action='update', entity_type='staff-profile', entity_id=staff.id)
    assert changes_of(event) == {'job_title': {'before': '', 'after': 'Physiotherapist'},
                                 'date_of_birth': {'before': None, 'after': '1990-05-17'}}
    await employees.get_profile(actor=admin, user_id=staff.id)
    await audit.flush()
    _, viewed = await events()
    assert_done_by(viewed, admin, action='view', entity_type='staff-profile', entity_id=staff.id)


# -- own account ---------------------------------------------------------------------------------


async def test_own_dark_mode_and_password_change_are_recorded() -> None:
    me = await make_user(Role.DOCTOR)
    actor = await actor_of(me)
    await account.set_dark_mode(actor=actor, dark=True)
    await account.change_own_password(actor=actor, current_password=PASSWORD, new_password=NEW_PASSWORD,
                                      repeat_password=NEW_PASSWORD)
    theme, password = await events()
    assert_done_by(theme, actor, action='update', entity_type='account', entity_id=me.id)
    assert changes_of(theme) == {'dark_mode': {'before': None, 'after': True}}
    assert_done_by(password, actor, action='security-change', entity_type='account', entity_id=me.id)
    assert changes_of(password)['password_hash'] == HIDDEN
    assert 'password_changed_at' in changes_of(password)
    assert password.detail == 'Own password changed.'
    text = await trail_text()
    for secret in (PASSWORD, NEW_PASSWORD, me.password_hash, (await User.get(id=me.id)).password_hash):
        assert secret not in text


# -- two-factor sign-in --------------------------------------------------------------------------


async def test_enrolment_names_the_secret_but_never_records_it() -> None:
    me = await make_user(Role.DOCTOR)
    actor = await actor_of(me)
    secret = new_secret()
    codes = await two_factor.confirm_enrolment(actor=actor, secret=secret, code=current_code(secret))
    event = await only_event()
    assert_done_by(event, actor, action='security-change', entity_type='two-factor', entity_id=me.id)
    changes = changes_of(event)
    assert changes['totp_secret'] == HIDDEN
    assert changes['recovery_codes'] == HIDDEN
    assert changes['totp_enabled'] == {'before': False, 'after': True}
    _, rows = await connections.get('default').execute_query('SELECT totp_secret FROM user_account WHERE id = ?',
                                                             [me.id])
    stored_ciphertext = rows[0]['totp_secret']
    code_hashes = [code.code_hash for code in await RecoveryCode.filter(user_id=me.id)]
    text = await trail_text()
    for value in (secret, stored_ciphertext, *codes, *code_hashes):
        assert value not in text


async def test_disabling_regenerating_and_admin_reset_are_security_changes() -> None:
    me = await make_user(Role.DOCTOR)
    actor = await actor_of(me)
    secret = new_secret()
    await two_factor.confirm_enrolment(actor=actor, secret=secret, code=current_code(secret))
    new_codes = await two_factor.regenerate_recovery_codes(actor=actor, password=PASSWORD)
    await two_factor.disable(actor=actor, password=PASSWORD)
    _, regenerated, disabled = await events()
    assert_done_by(regenerated, actor, action='security-change', entity_type='two-factor', entity_id=me.id)
    assert changes_of(regenerated) == {'recovery_codes': HIDDEN}
    assert_done_by(disabled, actor, action='security-change', entity_type='two-factor', entity_id=me.id)
    changes = changes_of(disabled)
    assert (changes['totp_secret'], changes['recovery_codes']) == (HIDDEN, HIDDEN)
    assert changes['totp_enabled'] == {'before': True, 'after': False}
    assert changes['totp_last_step']['after'] is None
    text = await trail_text()
    assert not any(code in text for code in new_codes)

    admin = await actor_of(await make_user(Role.ADMIN))
    await two_factor.confirm_enrolment(actor=actor, secret=secret, code=current_code(secret))
    await two_factor.reset_for_user(actor=admin, user_id=me.id)
    reset = (await events())[-1]
    assert_done_by(reset, admin, action='security-change', entity_type='two-factor', entity_id=me.id)
    assert changes_of(reset)['totp_secret'] == HIDDEN
    assert secret not in await trail_text()


async def test_role_rule_is_a_security_change_and_a_refusal_is_recorded() -> None:
    admin = await actor_of(await make_user(Role.ADMIN))
    await two_factor.set_role_requirement(actor=admin, role='doctor', required=True)
    event = await only_event()
    assert_done_by(event, admin, action='security-change', entity_type='role-policy', entity_id='doctor')
    assert changes_of(event) == {'two_factor_required': {'before': False, 'after': True}}
    with pytest.raises(PermissionDenied):
        await two_factor.set_role_requirement(actor=admin, role='superadmin', required=True)
    denied = (await events())[-1]
    assert_done_by(denied, admin, action='permission-denied', entity_type='role-policy', entity_id='',
                   outcome='denied')
    assert not await RolePolicy.exists(role=Role.SUPERADMIN)


# -- first run -----------------------------------------------------------------------------------


async def test_first_run_and_create_admin_are_recorded_by_a_system_actor() -> None:
    details = setup.FirstRun(clinic_name='ProSpine Clinic', branch_name='Andheri', username='kavya',
                             full_name='Dr Kavya Shah', password=NEW_PASSWORD)
    first = await setup.complete_first_run(details=details)
    await setup.create_superadmin(username='rescue', full_name='Rescue Admin', password=TEMPORARY,
                                  branch_name='Andheri', clinic_name='ProSpine Clinic')
    first_admin, branch_made, cli_admin = await events()  # an event joined to a change follows it
    assert (branch_made.action, branch_made.entity_type, branch_made.entity_id) == ('create', 'branch',
                                                                                    str(first.branch_id))
    assert (first_admin.action, first_admin.entity_type, first_admin.entity_id) == ('admin-change', 'user',
                                                                                    str(first.id))
    for event, task in ((branch_made, 'setup'), (first_admin, 'setup'), (cli_admin, 'cli')):
        assert (event.username, event.role, event.user_id, event.outcome) == (f'system:{task}', 'system', None,
                                                                              'success')
    assert "'kavya'" in first_admin.detail
    assert "'rescue'" in cli_admin.detail
    assert changes_of(first_admin)['role'] == {'before': None, 'after': 'superadmin'}
    assert changes_of(cli_admin)['password_hash'] == HIDDEN
    text = await trail_text()
    hashes = [user.password_hash for user in await User.all()]
    for secret in (NEW_PASSWORD, TEMPORARY, *hashes):
        assert secret not in text
