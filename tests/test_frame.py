"""The shared frame: who is signed in, where, and the remembered dark or light choice."""

import asyncio
import re

from nicegui import ui
from nicegui.testing import User

from models.accounts import Role
from models.accounts import User as StaffUser
from tests.factories import make_branch, make_user, sign_in
from tests.waiting import eventually


async def test_header_names_clinic_branch_user_and_role(user: User) -> None:
    branch = await make_branch('Andheri', clinic_name='ProSpine Spine & Physio')
    staff = await make_user(Role.JRDOCTOR, branch=branch, full_name='Dr Arjun Das')
    await sign_in(user, staff)
    await user.open('/')
    await user.should_see('ProSpine Spine & Physio')
    await user.should_see('Andheri')
    await user.should_see('Dr Arjun Das')
    await user.should_see('Junior doctor')
    await user.should_see('Sign out')
    [header] = user.find(marker='header-bar').elements
    assert header.props['person'] == 'Dr Arjun Das' and header.props['branch'] == 'Andheri'  # what the browser draws


async def test_the_menu_button_opens_or_closes_the_drawer(user: User) -> None:
    await sign_in(user, await make_user(Role.RECEPTION))
    await user.open('/patients')
    [drawer] = user.find(kind=ui.left_drawer).elements
    told: list[str] = []
    drawer.run_method = lambda name, *_, **__: told.append(name)  # type: ignore[method-assign]  # the browser's
    user.find(marker='header-bar').trigger('menu')
    await eventually(lambda: told == ['toggle'], what='the browser told to open or close the drawer')


async def test_dark_mode_is_remembered_per_user(user: User) -> None:
    staff = await make_user(Role.RECEPTION)
    user.javascript_rules[re.compile(r'.*body--dark.*')] = lambda _: False  # a device showing light
    await sign_in(user, staff)
    await user.open('/')
    user.find(marker='header-bar').trigger('dark')
    for _ in range(20):
        await staff.refresh_from_db()
        if staff.dark_mode is not None:
            break
        await asyncio.sleep(0.05)
    assert staff.dark_mode is True
    await user.open('/account')
    dark = user.find(kind=ui.dark_mode).elements.pop()
    assert dark.value is True
    other = await make_user(Role.RECEPTION)
    assert (await StaffUser.get(id=other.id)).dark_mode is None


async def test_on_a_device_in_dark_the_toggle_turns_the_page_light(user: User) -> None:
    staff = await make_user(Role.RECEPTION)  # the theme left to the device, which shows dark
    user.javascript_rules[re.compile(r'.*body--dark.*')] = lambda _: True
    await sign_in(user, staff)
    await user.open('/')
    user.find(marker='header-bar').trigger('dark')
    for _ in range(20):
        await staff.refresh_from_db()
        if staff.dark_mode is not None:
            break
        await asyncio.sleep(0.05)
    assert staff.dark_mode is False  # one tap from what the clinician sees, not always to dark
    assert user.find(kind=ui.dark_mode).elements.pop().value is False
