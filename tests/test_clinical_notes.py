"""Clinical notes: drafts, signing, co-signing, amendments, refusals and the audit trail."""

from __future__ import annotations

import pytest
from nicegui.testing import User

from app.audit import audit
from app.errors import DomainError, PermissionDenied
from app.services import clinical_notes
from models.accounts import Role
from models.accounts import User as UserAccount
from models.audit import AuditEvent
from models.clinic import Service
from models.clinical import ClinicalNote, NoteStatus
from tests.factories import actor_of, make_patient, make_user, sign_in
from tests.waiting import eventually

SECRET = 'L4-L5 radiculopathy, SLR positive at 40 degrees'


async def signed_note(author_role: Role = Role.DOCTOR):
    author = await actor_of(await make_user(author_role))
    patient = await make_patient('250101-1')
    note = await clinical_notes.start_note(actor=author, patient_uid=patient.uid, discipline=Service.PHYSIOTHERAPY,
                                           template_key='physio-assessment')
    await clinical_notes.save_draft(actor=author, note_id=note.id, subjective='Low back pain', objective=SECRET,
                                    assessment='Lumbar strain', plan='McKenzie extension')
    return author, patient, await clinical_notes.sign_note(actor=author, note_id=note.id)


async def test_a_template_prefills_the_soap_prompts(db: None) -> None:
    author = await actor_of(await make_user(Role.DOCTOR))
    await make_patient('250101-1')
    note = await clinical_notes.start_note(actor=author, patient_uid='250101-1', discipline=Service.SPEECH_THERAPY,
                                           template_key='speech-assessment')
    assert 'Articulation:' in note.objective and 'Fluency:' in note.objective and 'Goals:' in note.plan
    assert note.status is NoteStatus.DRAFT and note.version == 1
    with pytest.raises(DomainError):
        await clinical_notes.start_note(actor=author, patient_uid='250101-1', discipline=Service.SPEECH_THERAPY,
                                        template_key='physio-assessment')


async def test_a_signed_note_is_never_edited_and_an_amendment_keeps_both_versions(db: None) -> None:
    author, patient, note = await signed_note()
    assert note.status is NoteStatus.SIGNED and note.signed_at is not None
    with pytest.raises(DomainError, match='cannot be changed'):
        await clinical_notes.save_draft(actor=author, note_id=note.id, subjective='changed', objective='',
                                        assessment='', plan='')
    with pytest.raises(DomainError):
        await clinical_notes.amend_note(actor=author, note_id=note.id, reason='  ')
    amendment = await clinical_notes.amend_note(actor=author, note_id=note.id, reason='ROM figure corrected')
    assert (amendment.version, amendment.previous_version_id, amendment.amendment_reason) == \
        (2, note.id, 'ROM figure corrected')
    assert amendment.objective == SECRET and amendment.status is NoteStatus.DRAFT
    await clinical_notes.save_draft(actor=author, note_id=amendment.id, subjective='Low back pain',
                                    objective='SLR positive at 50 degrees', assessment='Lumbar strain', plan='')
    await clinical_notes.sign_note(actor=author, note_id=amendment.id)
    with pytest.raises(DomainError, match='already been amended'):
        await clinical_notes.amend_note(actor=author, note_id=note.id, reason='again')
    history = await clinical_notes.note_history(actor=author, note_id=amendment.id)
    assert [(v.version, v.objective, v.amended) for v in history] == \
        [(1, SECRET, True), (2, 'SLR positive at 50 degrees', False)]
    listed = await clinical_notes.list_notes(actor=author, patient_uid=patient.uid)
    assert (listed.total, [v.version for v in listed.rows]) == (1, [2])  # one note, shown as its newest version
    stored = await ClinicalNote.get(id=note.id)
    assert stored.objective == SECRET and stored.status is NoteStatus.SIGNED


async def test_a_junior_doctors_note_waits_for_a_doctors_cosignature(db: None) -> None:
    junior, _, note = await signed_note(Role.JRDOCTOR)
    assert note.status is NoteStatus.AWAITING_COSIGN
    other_junior = await actor_of(await make_user(Role.JRDOCTOR))
    with pytest.raises(PermissionDenied):
        await clinical_notes.cosign_note(actor=other_junior, note_id=note.id)
    with pytest.raises(PermissionDenied):
        await clinical_notes.cosign_note(actor=junior, note_id=note.id)
    doctor = await actor_of(await make_user(Role.DOCTOR))
    cosigned = await clinical_notes.cosign_note(actor=doctor, note_id=note.id)
    assert cosigned.status is NoteStatus.SIGNED and cosigned.cosigned_by_name == 'Asha Rao'
    with pytest.raises(DomainError, match='not waiting'):
        await clinical_notes.cosign_note(actor=doctor, note_id=note.id)


async def test_nobody_cosigns_their_own_note(db: None) -> None:
    superadmin = await actor_of(await make_user(Role.SUPERADMIN))
    _, _, note = await signed_note(Role.JRDOCTOR)
    own = await clinical_notes.start_note(actor=superadmin, patient_uid='250101-1',
                                          discipline=Service.PHYSIOTHERAPY)
    await clinical_notes.save_draft(actor=superadmin, note_id=own.id, subjective='x', objective='', assessment='',
                                    plan='')
    assert (await clinical_notes.sign_note(actor=superadmin, note_id=own.id)).status is NoteStatus.SIGNED
    doctor_user = await make_user(Role.DOCTOR)
    doctor = await actor_of(doctor_user)
    mine = await clinical_notes.start_note(actor=doctor, patient_uid='250101-1', discipline=Service.PHYSIOTHERAPY)
    await clinical_notes.save_draft(actor=doctor, note_id=mine.id, subjective='y', objective='', assessment='',
                                    plan='')
    await ClinicalNote.filter(id=mine.id).update(status=NoteStatus.AWAITING_COSIGN)
    with pytest.raises(PermissionDenied, match='own note'):
        await clinical_notes.cosign_note(actor=doctor, note_id=mine.id)
    assert (await ClinicalNote.get(id=note.id)).status is NoteStatus.AWAITING_COSIGN


async def test_reception_is_refused_notes_and_the_refusal_is_audited(db: None) -> None:
    _, patient, note = await signed_note()
    reception = await actor_of(await make_user(Role.RECEPTION))
    with pytest.raises(PermissionDenied):
        await clinical_notes.list_notes(actor=reception, patient_uid=patient.uid)
    with pytest.raises(PermissionDenied):
        await clinical_notes.note_history(actor=reception, note_id=note.id)
    admin = await actor_of(await make_user(Role.ADMIN))
    with pytest.raises(PermissionDenied):
        await clinical_notes.start_note(actor=admin, patient_uid=patient.uid, discipline=Service.PHYSIOTHERAPY)
    denials = await AuditEvent.filter(action='permission-denied', entity_type='clinical-note').order_by('seq')
    assert [(e.username, e.outcome) for e in denials] == \
        [(reception.username, 'denied'), (reception.username, 'denied'), (admin.username, 'denied')]
    assert denials[1].entity_id == str(note.id)


async def test_every_view_and_change_is_audited_without_the_health_text(db: None) -> None:
    author, patient, _ = await signed_note()
    await clinical_notes.list_notes(actor=author, patient_uid=patient.uid)
    await audit.flush()
    events = await AuditEvent.filter(entity_type='clinical-note').order_by('seq')
    assert [e.action for e in events] == ['create', 'update', 'update', 'view']
    assert all(e.patient_id == patient.uid for e in events)
    assert 'objective' in events[1].changes
    assert all(SECRET not in e.changes and 'Lumbar' not in e.changes for e in events)


async def test_the_draft_is_saved_while_typing_without_pressing_save(user: User) -> None:
    doctor = await make_user(Role.DOCTOR)
    await make_patient('250101-1')
    await sign_in(user, doctor)
    await user.open('/patients/250101-1')
    await user.should_see('Notes')
    user.find('new-note').click()
    await user.should_see('note-subjective')
    user.find('note-subjective').clear()
    user.find('note-subjective').type('Neck pain since Monday')

    async def saved() -> bool:
        note = await ClinicalNote.first()
        return note is not None and note.subjective == 'Neck pain since Monday'

    await eventually(saved, seconds=6, what='the draft autosave')
    await user.should_see('Draft saved')
    assert (await ClinicalNote.first()).status is NoteStatus.DRAFT
    user.find('note-sign').click()
    await user.should_see('The note has been signed.')
    assert (await ClinicalNote.first()).status is NoteStatus.SIGNED


@pytest.mark.parametrize('typed', ['', 'Neck pain since Monday'])
async def test_a_note_closed_without_text_leaves_no_draft_behind(user: User, typed: str) -> None:
    doctor = await make_user(Role.DOCTOR)
    await make_patient('250101-1')
    await sign_in(user, doctor)
    await user.open('/patients/250101-1')
    user.find('new-note').click()
    await user.should_see('note-subjective')
    assert await ClinicalNote.exists()  # the draft exists while the editor is open
    if typed:
        user.find('note-subjective').type(typed)
    user.find('note-close').click()
    await user.should_not_see('note-subjective')
    if typed:
        await eventually(lambda: ClinicalNote.exists(), what='the written draft kept')
        assert (await ClinicalNote.first()).subjective.endswith(typed)
        assert not await AuditEvent.exists(entity_type='clinical-note', action='delete')
    else:
        await eventually(lambda: _none_left(), what='the untouched draft removed')
        [removed] = await AuditEvent.filter(entity_type='clinical-note', action='delete')
        assert (removed.patient_id, removed.username) == ('250101-1', doctor.username)


async def _none_left() -> bool:
    return not await ClinicalNote.exists()


async def test_a_draft_with_text_or_another_authors_draft_is_never_discarded(db: None) -> None:
    author = await actor_of(await make_user(Role.DOCTOR))
    other = await actor_of(await make_user(Role.DOCTOR))
    await make_patient('250101-1')
    note = await clinical_notes.start_note(actor=author, patient_uid='250101-1', discipline=Service.PHYSIOTHERAPY)
    with pytest.raises(PermissionDenied):
        await clinical_notes.discard_untouched_draft(actor=other, note_id=note.id)
    await clinical_notes.save_draft(actor=author, note_id=note.id, subjective='Pain 6/10', objective='',
                                    assessment='', plan='')
    with pytest.raises(DomainError):
        await clinical_notes.discard_untouched_draft(actor=author, note_id=note.id)
    assert await ClinicalNote.exists(id=note.id)
    await audit.shutdown()


async def test_amending_from_the_page_asks_a_reason_then_opens_the_new_version(user: User) -> None:
    author, patient, note = await signed_note()
    await sign_in(user, await UserAccount.get(id=author.user_id))
    await user.open(f'/patients/{patient.uid}')
    await user.should_see(marker='notes')
    user.find(marker='notes').trigger('rowClick', [{}, {'id': str(note.id)}, 0])  # a tap opens the note in full
    await user.should_see(marker='note-amend')
    user.find(marker='note-amend').click()
    await user.should_see('Amend version 1')
    user.find(marker='amend-submit').click()
    await user.should_see('Enter the reason for the amendment.')
    assert await ClinicalNote.filter(series_id=note.series_id).count() == 1  # nothing saved without a reason
    next(iter(user.find(marker='reason').elements)).value = 'Wrong side recorded'
    user.find(marker='amend-submit').click()
    await user.should_see('Version 2 is open for the amendment.')
    await user.should_see('Physiotherapy note · amendment (version 2)')
    assert await ClinicalNote.filter(series_id=note.series_id).count() == 2
