from nicegui.testing import User

from tests.factories import make_user, sign_in


async def test_first_visit_goes_to_setup(user: User) -> None:
    await user.open('/')
    await user.should_see('Welcome to ProSpine')


async def test_signed_in_user_sees_home(user: User) -> None:
    await user.open('/setup')
    staff = await make_user(full_name='Meera Iyer')
    await sign_in(user, staff)
    await user.open('/')
    await user.should_see('Welcome, Meera Iyer.')
