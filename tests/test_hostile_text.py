"""Hostile text typed into every field the app shows never becomes an attribute, a prop or markup.

The outside test's stored XSS was a file name formatted into a `props()` string: a `"` added
attributes to the preview frame. Here a patient, a staff member, a branch, an inquiry, a diagnosis
and an attachment all carry text built to break out of an attribute or a tag, every page that
shows them is opened (the preview frame too), and each element of the page must hold the text
only as a value: no element may gain an attribute the text spells, and no prop key may be an
inline event handler.
"""

from __future__ import annotations

from nicegui import ui
from nicegui.testing import User

from app.services import attachments, inquiries, medical_history
from app.services.patients import PatientDetails, register_patient
from models.accounts import Role
from models.clinical import Attachment
from tests.factories import actor_of, make_branch, make_user, sign_in
from tests.test_clinical_record import PDF

BREAKOUT = '" data-injected="1" onload="alert(3)" x="'
TAG = '<img src=x onerror=alert(1)><script>alert(2)</script>'
HOSTILE = f'Meera{BREAKOUT}{TAG}'


def _props_of_every_element(user: User) -> list[tuple[str, dict]]:
    return [(element.tag, dict(element.props)) for element in user.client.elements.values()]


def assert_nothing_injected(user: User, where: str) -> None:
    for tag, props in _props_of_every_element(user):
        injected = [key for key in props if key in {'data-injected', 'x', 'src=x'}
                    or (key.startswith('on') and key[2:3].islower())]
        assert not injected, f'{where}: <{tag}> gained {injected} from hostile text: {props}'


async def test_hostile_names_stay_values_on_every_page_that_shows_them(user: User) -> None:
    branch = await make_branch(f'Andheri{BREAKOUT}')
    superadmin = await make_user(Role.SUPERADMIN, branch=branch, full_name=f'Dr K{BREAKOUT}')
    actor = await actor_of(superadmin)
    patient = await register_patient(actor=actor, details=PatientDetails(
        full_name=HOSTILE, phone='98765 43210', gender='female', age_years=40, address=TAG, occupation=BREAKOUT),
        confirm_not_duplicate=True)
    await medical_history.add_diagnosis(actor=actor, patient_uid=patient.uid, description=HOSTILE, code='M47')
    await inquiries.create_inquiry(actor=actor, kind='quick', branch_id=branch.id, full_name=HOSTILE,
                                   phone='98765 43211', chief_complaint=TAG)
    await sign_in(user, superadmin)

    await user.open(f'/patients/{patient.uid}?part=attachments')
    for part in ('details', 'history', 'consultations'):  # every part that shows the name or the diagnosis
        user.find(marker=f'section-{part}').click()
        await user.should_see(marker=f'part-{part}')
    await user.should_see(marker='diagnoses')
    upload = user.find(marker='attachment-upload').elements.pop()
    name = f'lab report{BREAKOUT}.pdf'
    await upload.handle_uploads([ui.upload.SmallFileUpload(name, 'application/pdf', PDF)])
    await user.should_see('has been attached.')
    row = next(file for file in await Attachment.all() if file.original_name == name)
    user.find(marker=f'preview-{row.id}').click()
    await user.should_see(marker='attachment-preview')
    frame = user.find(marker='attachment-preview').elements.pop()
    assert frame.props['title'] == name and frame.props['src'] == f'/patients/{patient.uid}/files/{row.id}'
    assert_nothing_injected(user, 'the patient page with the file preview open')

    for path in ('/patients', '/inquiries', '/admin/users', '/admin/branches', '/audit', '/'):
        await user.open(path)
        assert_nothing_injected(user, path)


async def test_the_saved_file_name_is_kept_as_typed(db: None) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    patient = await register_patient(actor=doctor, details=PatientDetails(
        full_name='Meera Iyer', phone='98765 43210', gender='female', age_years=40), confirm_not_duplicate=True)
    view = await attachments.save_attachment(actor=doctor, patient_uid=patient.uid, content=PDF,
                                             filename=f'a{BREAKOUT}.pdf')
    assert view.original_name == f'a{BREAKOUT}.pdf'
