"""The staff, profile and branch services, without a browser."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.auth import sessions, sign_in
from app.clock import clock, utcnow
from app.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from app.services import branches, employees, users
from models.accounts import EmployeeProfile, Role, User, UserSession
from models.clinic import Branch
from tests.factories import PASSWORD, actor_of, make_branch, make_user

pytestmark = pytest.mark.usefixtures('db')
TEMPORARY = 'blue kettle morning'


async def test_admin_creates_reception_user_with_profile_and_forced_change() -> None:
    admin = await actor_of(await make_user(Role.ADMIN))
    row = await users.create_user(actor=admin, username=' Priya.S ', full_name='Priya  Shah', role='reception',
                                  branch_id=admin.branch_id, temporary_password=TEMPORARY)
    stored = await User.get(id=row.id)
    assert (stored.username, stored.full_name, stored.role) == ('priya.s', 'Priya Shah', Role.RECEPTION)
    assert stored.must_change_password
    assert await EmployeeProfile.exists(user_id=stored.id)


async def test_create_collects_one_message_per_field_and_saves_nothing() -> None:
    admin = await actor_of(await make_user(Role.ADMIN, username='taken'))
    with pytest.raises(ValidationFailed) as refused:
        await users.create_user(actor=admin, username='taken', full_name='', role=None,
                                branch_id=admin.branch_id, temporary_password='password1')
    assert set(refused.value.field_errors) == {'username', 'full_name', 'role', 'temporary_password'}
    assert 'already taken' in refused.value.field_errors['username']
    assert await User.all().count() == 1


async def test_admin_cannot_create_superadmin_or_staff_of_another_branch() -> None:
    admin = await actor_of(await make_user(Role.ADMIN))
    other = await make_branch()
    with pytest.raises(PermissionDenied):
        await users.create_user(actor=admin, username='boss', full_name='Big Boss', role=Role.SUPERADMIN,
                                branch_id=admin.branch_id, temporary_password=TEMPORARY)
    with pytest.raises(PermissionDenied):
        await users.create_user(actor=admin, username='elsewhere', full_name='Far Away', role=Role.DOCTOR,
                                branch_id=other.id, temporary_password=TEMPORARY)
    assert await User.all().count() == 1


async def test_reception_is_refused_everything() -> None:
    reception = await actor_of(await make_user(Role.RECEPTION))
    with pytest.raises(PermissionDenied):
        await users.list_users(actor=reception)
    with pytest.raises(PermissionDenied):
        await users.create_user(actor=reception, username='newbie', full_name='New Bie', role=Role.RECEPTION,
                                branch_id=reception.branch_id, temporary_password=TEMPORARY)
    with pytest.raises(PermissionDenied):
        await branches.list_branches(actor=reception)


async def test_admin_sees_only_own_branch_and_cannot_reach_others() -> None:
    branch_a, branch_b = await make_branch('Andheri'), await make_branch('Bandra')
    admin = await actor_of(await make_user(Role.ADMIN, branch=branch_a, username='admin.a'))
    await make_user(Role.DOCTOR, branch=branch_a, username='doc.a')
    stranger = await make_user(Role.DOCTOR, branch=branch_b, username='doc.b')
    assert {row.username for row in await users.list_users(actor=admin)} == {'admin.a', 'doc.a'}
    with pytest.raises(NotFound):
        await users.get_user(actor=admin, user_id=stranger.id)
    with pytest.raises(NotFound):
        await users.set_active(actor=admin, user_id=stranger.id, active=False)
    assert (await User.get(id=stranger.id)).is_active


async def test_admin_may_not_act_on_a_superadmin() -> None:
    branch = await make_branch()
    boss = await make_user(Role.SUPERADMIN, branch=branch)
    admin = await actor_of(await make_user(Role.ADMIN, branch=branch))
    for action in (users.unlock(actor=admin, user_id=boss.id),
                   users.set_active(actor=admin, user_id=boss.id, active=False),
                   users.reset_password(actor=admin, user_id=boss.id, temporary_password=TEMPORARY)):
        with pytest.raises(PermissionDenied):
            await action


async def test_deactivation_revokes_sessions_and_refuses_sign_in() -> None:
    admin = await actor_of(await make_user(Role.ADMIN))
    staff = await make_user(Role.DOCTOR, username='dr.rao')
    token = await sessions.issue(user=staff)
    await users.set_active(actor=admin, user_id=staff.id, active=False)
    assert (await sessions.resolve_token(token)).actor is None
    session = await UserSession.get(user_id=staff.id)
    assert session.revoked_reason == sessions.REASON_DEACTIVATED
    assert not (await sign_in.check_password(username='dr.rao', password=PASSWORD)).ok


async def test_cannot_deactivate_yourself_but_another_superadmin() -> None:
    boss_user = await make_user(Role.SUPERADMIN)
    boss = await actor_of(boss_user)
    with pytest.raises(DomainError, match='your own account'):
        await users.set_active(actor=boss, user_id=boss_user.id, active=False)
    other_boss = await make_user(Role.SUPERADMIN, is_active=False)
    await users.set_active(actor=boss, user_id=other_boss.id, active=True)
    await users.set_active(actor=boss, user_id=other_boss.id, active=False)  # the acting superadmin remains
    assert not (await User.get(id=other_boss.id)).is_active


async def test_cannot_change_own_role() -> None:
    admin_user = await make_user(Role.ADMIN)
    admin = await actor_of(admin_user)
    with pytest.raises(ValidationFailed) as refused:
        await users.update_user(actor=admin, user_id=admin_user.id, full_name='Asha Rao', role=Role.RECEPTION,
                                branch_id=admin.branch_id)
    assert 'own role' in refused.value.field_errors['role']


async def test_role_change_signs_the_user_out() -> None:
    admin = await actor_of(await make_user(Role.ADMIN))
    staff = await make_user(Role.DOCTOR)
    token = await sessions.issue(user=staff)
    row = await users.update_user(actor=admin, user_id=staff.id, full_name='Dr Asha Rao', role='jrdoctor',
                                  branch_id=admin.branch_id)
    assert (row.role, row.full_name) == (Role.JRDOCTOR, 'Dr Asha Rao')
    assert (await sessions.resolve_token(token)).ended_reason == sessions.REASON_ROLE_CHANGED


async def test_reset_password_forces_change_clears_lock_and_revokes() -> None:
    admin = await actor_of(await make_user(Role.ADMIN))
    staff = await make_user(Role.RECEPTION, username='front', failed_login_count=3,
                            locked_until=utcnow() + timedelta(minutes=10))
    token = await sessions.issue(user=staff)
    with pytest.raises(ValidationFailed):
        await users.reset_password(actor=admin, user_id=staff.id, temporary_password='short')
    await users.reset_password(actor=admin, user_id=staff.id, temporary_password=TEMPORARY)
    stored = await User.get(id=staff.id)
    assert stored.must_change_password and stored.locked_until is None and stored.failed_login_count == 0
    assert (await sessions.resolve_token(token)).ended_reason == sessions.REASON_ADMIN_RESET
    assert (await sign_in.check_password(username='front', password=TEMPORARY)).ok


async def test_lock_shows_in_list_and_unlock_clears_it() -> None:
    admin = await actor_of(await make_user(Role.ADMIN))
    staff = await make_user(Role.RECEPTION, failed_login_count=2, locked_until=utcnow() + timedelta(minutes=5))
    row = next(r for r in await users.list_users(actor=admin) if r.id == staff.id)
    assert row.is_locked
    clock.advance(timedelta(minutes=6))
    row = next(r for r in await users.list_users(actor=admin) if r.id == staff.id)
    assert not row.is_locked  # an expired lock is no lock
    await User.filter(id=staff.id).update(locked_until=utcnow() + timedelta(minutes=5))
    await users.unlock(actor=admin, user_id=staff.id)
    stored = await User.get(id=staff.id)
    assert (stored.failed_login_count, stored.locked_until, stored.last_failed_login_at) == (0, None, None)


async def test_profile_validation_and_save() -> None:
    admin = await actor_of(await make_user(Role.ADMIN))
    staff = await make_user(Role.DOCTOR)
    today = employees.clinic_today()
    with pytest.raises(ValidationFailed) as refused:
        await employees.update_profile(actor=admin, user_id=staff.id, job_title='Physio', phone='12345',
                                       address='', date_of_birth=today + timedelta(days=1),
                                       joining_date=today + timedelta(days=400))
    assert set(refused.value.field_errors) == {'phone', 'date_of_birth', 'joining_date'}
    assert (await EmployeeProfile.get(user_id=staff.id)).job_title == ''
    saved = await employees.update_profile(actor=admin, user_id=staff.id, job_title='Physio',
                                           phone='98765 43210', address='12 MG Road\nPune',
                                           date_of_birth=date(1990, 5, 1), joining_date=today)
    assert (saved.phone, saved.address, saved.joining_date) == ('+91 98765 43210', '12 MG Road\nPune', today)


async def test_branch_create_update_and_scope() -> None:
    boss = await actor_of(await make_user(Role.SUPERADMIN))
    created = await branches.create_branch(actor=boss, name='Kothrud', clinic_name='ProSpine Pune',
                                           gstin='27abcde1234f1z5')
    assert created.gstin == '27ABCDE1234F1Z5'
    with pytest.raises(ValidationFailed) as refused:
        await branches.create_branch(actor=boss, name='kothrud', clinic_name='X', gstin='123')
    assert set(refused.value.field_errors) == {'name', 'gstin'}
    admin = await actor_of(await make_user(Role.ADMIN, branch=await Branch.get(id=created.id)))
    with pytest.raises(PermissionDenied):
        await branches.create_branch(actor=admin, name='Baner', clinic_name='ProSpine Pune')
    with pytest.raises(PermissionDenied):
        await branches.update_branch(actor=admin, branch_id=boss.branch_id, name='Mine', clinic_name='X',
                                     address='', phone='', phone_alt='', email='', gstin='')
    assert [row.name for row in await branches.list_branches(actor=admin)] == ['Kothrud']


async def test_branch_with_active_staff_stays_open() -> None:
    boss = await actor_of(await make_user(Role.SUPERADMIN))
    empty = await make_branch('Empty')
    with pytest.raises(DomainError, match='active staff'):
        await branches.set_branch_active(actor=boss, branch_id=boss.branch_id, active=False)
    await branches.set_branch_active(actor=boss, branch_id=empty.id, active=False)
    assert not (await Branch.get(id=empty.id)).is_active


async def test_logo_checks_magic_bytes_and_replaces_old_file() -> None:
    boss = await actor_of(await make_user(Role.SUPERADMIN))
    with pytest.raises(ValidationFailed) as refused:
        await branches.save_logo(actor=boss, branch_id=boss.branch_id, content=b'%PDF-1.4', filename='logo.png')
    assert 'not a PNG, JPEG or WebP' in refused.value.field_errors['logo']
    with pytest.raises(ValidationFailed):
        await branches.save_logo(actor=boss, branch_id=boss.branch_id, filename='big.png',
                                 content=b'\x89PNG\r\n\x1a\n' + bytes(1024 * 1024))
    first = await branches.save_logo(actor=boss, branch_id=boss.branch_id, content=b'\xff\xd8\xff\xe0jpeg',
                                     filename='a.jpg')
    second = await branches.save_logo(actor=boss, branch_id=boss.branch_id,
                                      content=b'RIFF\x00\x00\x00\x00WEBPVP8 ', filename='b.webp')
    folder = branches.logos_dir()
    assert first.logo_file and second.logo_file and second.logo_file.endswith('.webp')
    assert not (folder / first.logo_file).exists() and (folder / second.logo_file).exists()
    logo = await branches.load_logo(actor=boss, branch_id=boss.branch_id)
    assert logo is not None and logo.media_type == 'image/webp'
