"""First-run setup: no route before it, the form creates branch and superadmin, then it is closed."""

from nicegui.testing import User

from components.guard import PAGES
from models.accounts import EmployeeProfile, Role
from models.accounts import User as StaffUser
from models.clinic import Branch
from tests.factories import make_user

GOOD_PASSWORD = 'spine clinic rocks 2026'


async def fill_setup(user: User, *, password: str = GOOD_PASSWORD, repeat: str | None = None,
                     phone: str = '98765 43210') -> None:
    user.find(marker='clinic_name').clear().type('ProSpine Clinic')
    user.find(marker='branch_name').type('Andheri')
    user.find(marker='phone').type(phone)
    user.find(marker='full_name').type('Dr Kavya Shah')
    user.find(marker='username').type('Kavya')
    user.find(marker='password').type(password)
    user.find(marker='repeat_password').type(password if repeat is None else repeat)
    user.find(marker='create').click()


async def test_every_page_leads_to_setup_before_the_first_user(user: User) -> None:
    for spec in PAGES.values():
        if spec.path == '/setup':
            continue
        response = await user.http_client.get(spec.example_path or spec.path)
        assert response.status_code == 303, spec.path
        assert response.headers['location'] == '/setup', spec.path
    response = await user.http_client.get('/logout', follow_redirects=True)
    assert response.url.path == '/setup'


async def test_setup_creates_branch_and_superadmin_and_signs_in(user: User) -> None:
    await user.open('/')
    await user.should_see('Welcome to ProSpine')
    await fill_setup(user)
    await user.should_see('Welcome, Dr Kavya Shah.')
    admin = await StaffUser.get(username='kavya').prefetch_related('branch')
    assert admin.role is Role.SUPERADMIN
    assert admin.branch.name == 'Andheri'
    assert admin.branch.phone == '+91 98765 43210'
    assert admin.password_hash.startswith('$argon2id$')
    assert GOOD_PASSWORD not in admin.password_hash
    assert await EmployeeProfile.filter(user=admin).exists()


async def test_setup_refuses_bad_input_and_saves_nothing(user: User) -> None:
    await user.open('/setup')
    await fill_setup(user, password='password1234', phone='12345')
    await user.should_see('This password is too common')
    await user.should_see('Enter a 10-digit phone number')
    assert await Branch.all().count() == 0
    assert await StaffUser.all().count() == 0


async def test_setup_refuses_mismatched_passwords(user: User) -> None:
    await user.open('/setup')
    await fill_setup(user, repeat='something else entirely')
    await user.should_see('The two passwords do not match.')
    assert await StaffUser.all().count() == 0


async def test_setup_is_closed_once_a_user_exists(user: User) -> None:
    await make_user(Role.SUPERADMIN)
    response = await user.http_client.get('/setup')
    assert response.status_code == 303
    assert response.headers['location'] == '/login'
