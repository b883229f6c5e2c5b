"""A file the browser refuses gets the reason: the wrong kind names the kinds taken, a large one the limit."""

from __future__ import annotations

import pytest
from nicegui.testing import User

from models.accounts import Role
from tests.factories import make_branch, make_patient, make_user, sign_in


@pytest.mark.parametrize(('reason', 'message'), [
    ('accept', 'That is not a PDF, JPEG, PNG or WebP file. Choose a PDF, JPEG, PNG or WebP file of at most 20 MB.'),
    ('max-file-size', 'A file can be at most 20 MB.'),
])
async def test_a_refused_attachment_says_why(user: User, reason: str, message: str) -> None:
    await make_patient('250101-1')
    await sign_in(user, await make_user(Role.DOCTOR))
    await user.open('/patients/250101-1?part=attachments')
    user.find(marker='attachment-upload').trigger('rejected', [{'failedPropValidation': reason, 'file': {}}])
    await user.should_see(message)


async def test_a_text_file_chosen_as_a_photo_names_the_kinds_of_photo(user: User) -> None:
    await sign_in(user, await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    await user.open('/patients')
    user.find(marker='register-patient').click()
    await user.should_see('Register a patient')
    [upload] = user.find(marker='photo').elements
    assert upload.props['accept'] == 'image/jpeg,image/png,image/webp'  # no SVG: image/* took it
    user.find(marker='photo').trigger('rejected', [{'failedPropValidation': 'accept', 'file': {}}])
    await user.should_see('That is not a JPEG, PNG or WebP file. Choose a JPEG, PNG or WebP file of at most 5 MB.')
