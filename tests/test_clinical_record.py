"""The clinical record on the patient page: history, tests, attachments, and who may see them."""

from __future__ import annotations

import pytest
from nicegui import ui
from nicegui.testing import User

from app.config import get_settings
from app.errors import PermissionDenied, ValidationFailed
from app.services import attachments, diagnostic_tests
from models.accounts import Role
from models.audit import AuditEvent
from models.clinical import Attachment, DiagnosticTest, MedicalHistory
from tests.factories import actor_of, make_patient, make_user, sign_in
from tests.waiting import eventually

PNG = b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89' \
      b'\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82'
PDF = b'%PDF-1.7\nNCV report: CANARY median nerve latency prolonged\n%%EOF'
CLINICAL_SECTIONS = ('section-history', 'section-notes', 'section-tests', 'section-attachments')


def stored_files() -> list[str]:
    folder = get_settings().uploads_dir / 'health' / 'attachments'
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


async def test_reception_sees_no_clinical_section_and_cannot_fetch_files(user: User) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    patient = await make_patient('250101-1')
    stored = await attachments.save_attachment(actor=doctor, patient_uid=patient.uid, content=PDF, filename='a.pdf')
    await sign_in(user, await make_user(Role.RECEPTION))
    await user.open('/patients/250101-1')
    await user.should_see('patient-uid')
    for marker in CLINICAL_SECTIONS:
        await user.should_not_see(marker)
    response = await user.http_client.get(stored.url)
    assert response.status_code == 403 and b'CANARY' not in response.content
    denial = await AuditEvent.filter(action='permission-denied', entity_type='attachment').first()
    assert denial is not None and denial.entity_id == str(stored.id)


async def test_anonymous_visitors_get_no_file(user: User) -> None:
    doctor = await actor_of(await make_user(Role.DOCTOR))
    patient = await make_patient('250101-1')
    stored = await attachments.save_attachment(actor=doctor, patient_uid=patient.uid, content=PDF, filename='a.pdf')
    response = await user.http_client.get(stored.url)
    assert response.status_code == 403
    assert (await user.http_client.get('/patients/250101-1/files/not-a-uuid')).status_code in {403, 404}


async def test_a_junior_doctor_sees_every_clinical_section(user: User) -> None:
    await make_patient('250101-1')
    await sign_in(user, await make_user(Role.JRDOCTOR))
    await user.open('/patients/250101-1')
    for marker in CLINICAL_SECTIONS:
        await user.should_see(marker)


async def test_history_is_saved_encrypted_and_red_flags_shown(user: User) -> None:
    await make_patient('250101-1')
    await sign_in(user, await make_user(Role.DOCTOR))
    await user.open('/patients/250101-1?part=history')
    user.find('history-allergies').type('Penicillin')
    user.find('history-red_flags').type('Night pain, weight loss')
    user.find('history-save').click()
    await user.should_see('The medical history has been saved.')
    record = await MedicalHistory.first()
    assert (record.allergies, record.red_flags) == ('Penicillin', 'Night pain, weight loss')
    raw = await MedicalHistory.all().values_list('allergies', flat=True)
    assert 'Penicillin' not in raw[0]
    event = await AuditEvent.filter(entity_type='medical-history', action='create').first()
    assert event is not None and 'allergies' in event.changes and 'Penicillin' not in event.changes
    await user.open('/patients/250101-1?part=history')
    await user.should_see('red-flags')
    user.find('diagnosis-description').type('Lumbar spondylosis')
    user.find('diagnosis-code').type('m47.8')
    user.find('diagnosis-add').click()
    await user.should_see('Lumbar spondylosis (M47.8)')


async def test_a_diagnostic_test_is_requested_then_done_with_a_report(user: User) -> None:
    await make_patient('250101-1')
    await sign_in(user, await make_user(Role.DOCTOR))
    await user.open('/patients/250101-1?part=tests')
    user.find('add-test').click()
    await user.should_see('Add a diagnostic test')
    user.find('items').type('Median, ulnar')
    user.find('limb').type('Right upper')
    user.find('referred_by').type('Dr Kulkarni')
    user.find('dialog-submit').click()
    await user.should_see('The test has been saved.')
    [test] = await DiagnosticTest.all()
    assert (test.kind.value, test.status.value, test.referred_by) == ('NCV', 'requested', 'Dr Kulkarni')
    assert (test.items, test.limb) == ('Median, ulnar', 'Right upper')
    doctor = await actor_of(await make_user(Role.DOCTOR))
    with pytest.raises(ValidationFailed) as refused:
        await diagnostic_tests.update_test(actor=doctor, test_id=test.id, kind='NCV', items='Median', limb='',
                                           referred_by='', done_by='', status='done', results='')
    assert refused.value.field_errors == {'done_by': 'Enter who did the test.'}
    await diagnostic_tests.update_test(actor=doctor, test_id=test.id, kind='NCV', items='Median', limb='R',
                                       referred_by='', done_by='Tech Ravi', status='done', results='Prolonged DML')
    upload = await attachments.save_attachment(actor=doctor, patient_uid='250101-1', content=PDF,
                                               filename='ncv.pdf', test_id=test.id)
    reception = await actor_of(await make_user(Role.RECEPTION))
    with pytest.raises(PermissionDenied):
        await diagnostic_tests.list_tests(actor=reception, patient_uid='250101-1')
    await user.open('/patients/250101-1?part=tests')
    await user.should_see('Results: Prolonged DML')
    await user.should_see('ncv.pdf')
    assert (await user.http_client.get(upload.url)).content == PDF


async def test_a_wrong_or_oversize_file_is_refused_and_leaves_nothing(user: User) -> None:
    await make_patient('250101-1')
    await sign_in(user, await make_user(Role.DOCTOR))
    await user.open('/patients/250101-1?part=attachments')
    upload = user.find(marker='attachment-upload').elements.pop()
    await upload.handle_uploads([ui.upload.SmallFileUpload('scan.pdf', 'application/pdf', b'MZ\x90\x00 not a pdf')])
    await user.should_see('"scan.pdf" is not a PDF, JPEG, PNG or WebP file.')
    big = PDF + b'\0' * (attachments.MAX_BYTES + 1 - len(PDF))
    await upload.handle_uploads([ui.upload.SmallFileUpload('big.pdf', 'application/pdf', big)])
    await user.should_see('"big.pdf" is 20.0 MB; a file can be at most 20 MB.')
    assert stored_files() == [] and not await Attachment.exists()


async def test_an_attachment_is_encrypted_on_disk_and_previewed_from_the_guarded_route(user: User) -> None:
    await make_patient('250101-1')
    doctor = await make_user(Role.DOCTOR)
    await sign_in(user, doctor)
    await user.open('/patients/250101-1?part=attachments')
    upload = user.find(marker='attachment-upload').elements.pop()
    await upload.handle_uploads([ui.upload.SmallFileUpload('xray.png', 'image/png', PNG)])
    await upload.handle_uploads([ui.upload.SmallFileUpload('report.pdf', 'application/pdf', PDF)])
    await user.should_see('"report.pdf" has been attached.')
    rows = {row.original_name: row for row in await Attachment.all()}
    assert set(rows) == {'xray.png', 'report.pdf'} and rows['report.pdf'].media_type == 'application/pdf'
    raw = (get_settings().uploads_dir / rows['report.pdf'].stored_path).read_bytes()
    assert b'CANARY' not in raw and raw != PDF
    url = f'/patients/250101-1/files/{rows["report.pdf"].id}'
    response = await user.http_client.get(url)
    assert response.status_code == 200 and response.content == PDF
    assert response.headers['cache-control'] == 'no-store'
    assert response.headers['content-type'] == 'application/pdf'
    assert (await user.http_client.get(f'/patients/250101-2/files/{rows["report.pdf"].id}')).status_code == 404
    download = await AuditEvent.filter(action='download', entity_type='attachment').first()
    assert download is not None and download.patient_id == '250101-1' and download.username == doctor.username
    assert len(user.find('attachment-preview-button').elements) == 2
    user.find(marker=f'preview-{rows["report.pdf"].id}').click()
    await user.should_see(marker='attachment-preview')
    previews = user.find(marker='attachment-preview').elements
    assert [(element.tag, element.props.get('src')) for element in previews] == [('iframe', url)]  # in a frame
    image_url = f'/patients/250101-1/files/{rows["xray.png"].id}'
    user.find(marker=f'preview-{rows["xray.png"].id}').click()
    await eventually(lambda: image_url in [element.props.get('src') for element in
                                           user.find(marker='attachment-preview').elements], what='the image preview')
