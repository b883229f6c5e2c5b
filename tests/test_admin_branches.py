"""The branches page, as the superadmin and a branch admin use it."""

from __future__ import annotations

from typing import Any

from nicegui import ui
from nicegui.testing import User

from app.config import get_settings
from models.accounts import Role
from models.clinic import Branch
from tests.factories import make_branch, make_user, sign_in

PNG = b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89' \
      b'\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82'


def table_rows(user: User) -> list[dict[str, Any]]:
    return user.find(ui.table).elements.pop().rows


def tap_row(user: User, name: str) -> None:
    row = next(row for row in table_rows(user) if row['name'] == name)
    user.find(ui.table).trigger('rowClick', [{}, {'id': row['id']}, 0])


def type_into(user: User, field: str, text: str) -> None:
    user.find(marker=field).clear()
    user.find(marker=field).type(text)


def logo_files() -> list[str]:
    folder = get_settings().uploads_dir / 'logos'
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


async def test_superadmin_opens_a_branch_after_fixing_the_gstin(user: User) -> None:
    await sign_in(user, await make_user(Role.SUPERADMIN, branch=await make_branch('Andheri')))
    await user.open('/admin/branches')
    user.find('add-branch').click()
    await user.should_see('Open a new branch')
    type_into(user, 'name', 'Kothrud')
    type_into(user, 'clinic_name', 'ProSpine Pune')
    type_into(user, 'phone', '020 2545 1234')
    type_into(user, 'gstin', '27ABCDE1234')
    user.find('dialog-submit').click()
    await user.should_see('A GSTIN has 15 characters, like 27ABCDE1234F1Z5.')
    assert not await Branch.exists(name='Kothrud')
    type_into(user, 'gstin', '27abcde1234f1z5')
    user.find('dialog-submit').click()
    await user.should_see('The branch Kothrud has been opened.')
    row = next(row for row in table_rows(user) if row['name'] == 'Kothrud')
    assert (row['gstin'], row['phone'], row['status']) == ('27ABCDE1234F1Z5', '+91 2025451234', 'Open')


async def test_admin_edits_only_their_own_branch(user: User) -> None:
    own = await make_branch('Andheri')
    await make_branch('Bandra')
    await sign_in(user, await make_user(Role.ADMIN, branch=own))
    await user.open('/admin/branches')
    await user.should_not_see('add-branch')
    assert [row['name'] for row in table_rows(user)] == ['Andheri']
    user.find('edit-branch').click()  # their only branch is already selected
    await user.should_see('Edit Andheri')
    type_into(user, 'name', 'bandra')
    user.find('dialog-submit').click()
    await user.should_see('A branch named "bandra" already exists. Choose another name.')
    type_into(user, 'name', 'Andheri West')
    type_into(user, 'email', 'andheri@prospine.in')
    user.find('dialog-submit').click()
    await user.should_see('The branch details have been saved.')
    stored = await Branch.get(id=own.id)
    assert (stored.name, stored.email) == ('Andheri West', 'andheri@prospine.in')


async def test_logo_upload_refuses_a_non_image_and_keeps_a_png(user: User) -> None:
    await sign_in(user, await make_user(Role.SUPERADMIN, branch=await make_branch('Andheri')))
    await user.open('/admin/branches')
    tap_row(user, 'Andheri')
    user.find('branch-logo').click()
    await user.should_see('This branch has no logo yet.')
    upload = user.find(ui.upload).elements.pop()
    await upload.handle_uploads([ui.upload.SmallFileUpload('notes.png', 'image/png', b'just some text')])
    await user.should_see('"notes.png" is not a PNG, JPEG or WebP image.')
    assert logo_files() == [] and (await Branch.get(name='Andheri')).logo_file is None
    await upload.handle_uploads([ui.upload.SmallFileUpload('logo.png', 'image/png', PNG)])
    await user.should_see('The logo has been saved.')
    await user.should_see('logo-preview')
    stored = await Branch.get(name='Andheri')
    assert stored.logo_file and logo_files() == [stored.logo_file]
    assert next(row for row in table_rows(user) if row['name'] == 'Andheri')['logo'] == 'Yes'


async def test_reception_cannot_open_branches(user: User) -> None:
    await sign_in(user, await make_user(Role.RECEPTION))
    assert (await user.http_client.get('/admin/branches')).status_code == 403
