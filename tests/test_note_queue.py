"""What waits for a clinician on the home page: notes to co-sign and their own drafts."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from nicegui.testing import User

from app.audit import audit
from app.auth.actor import Actor
from app.services import clinical_notes
from app.services.note_queue import waiting_notes
from models.accounts import Role
from models.audit import AuditEvent
from models.clinic import Service
from tests.factories import actor_of, make_branch, make_patient, make_user, sign_in

TEXT = 'Tingling in the left hand at night'


@pytest.fixture
async def services(db: None) -> AsyncIterator[None]:
    yield
    await audit.shutdown()


async def write_note(author: Actor, uid: str, *, sign: bool) -> clinical_notes.NoteView:
    note = await clinical_notes.start_note(actor=author, patient_uid=uid, discipline=Service.PHYSIOTHERAPY)
    await clinical_notes.save_draft(actor=author, note_id=note.id, subjective=TEXT, objective='', assessment='',
                                    plan='')
    return await clinical_notes.sign_note(actor=author, note_id=note.id) if sign else note


async def test_a_doctor_sees_the_junior_notes_of_the_branch_to_cosign_and_their_own_drafts(services: None) -> None:
    andheri, bandra = await make_branch('Andheri'), await make_branch('Bandra')
    doctor = await actor_of(await make_user(Role.DOCTOR, branch=andheri, full_name='Dr Sunita Shah'))
    junior = await actor_of(await make_user(Role.JRDOCTOR, branch=andheri, full_name='Ravi Kumar'))
    far_junior = await actor_of(await make_user(Role.JRDOCTOR, branch=bandra))
    meera, arjun = await make_patient('250101-1'), await make_patient('250101-2', full_name='Arjun Mehta')
    waiting = await write_note(junior, meera.uid, sign=True)
    await write_note(far_junior, arjun.uid, sign=True)  # another branch's doctors co-sign it
    await write_note(junior, arjun.uid, sign=False)  # the junior's own draft: not for the doctor
    draft = await write_note(doctor, arjun.uid, sign=False)
    await write_note(doctor, meera.uid, sign=True)  # signed: waits for nobody

    queue = await waiting_notes(actor=doctor)

    assert [(n.note_id, n.patient_uid, n.patient_name, n.author) for n in queue.awaiting_cosignature] == [
        (waiting.id, '250101-1', 'Meera Iyer', 'Ravi Kumar')]
    assert [(n.note_id, n.patient_name) for n in queue.drafts] == [(draft.id, 'Arjun Mehta')]
    assert [n.patient_uid for n in (await waiting_notes(actor=junior)).drafts] == ['250101-2']
    assert (await waiting_notes(actor=junior)).awaiting_cosignature == []  # juniors do not co-sign
    await clinical_notes.cosign_note(actor=doctor, note_id=waiting.id)
    assert (await waiting_notes(actor=doctor)).awaiting_cosignature == []
    await audit.flush()
    listed = await AuditEvent.filter(action='view', entity_type='clinical-note', username=doctor.username,
                                     detail__startswith='Listed').order_by('seq')
    assert listed[0].detail == 'Listed 1 note awaiting co-signature and 1 draft.'
    trail = repr(await AuditEvent.all().values())
    assert TEXT not in trail


async def test_reception_gets_no_lists_and_no_event(services: None) -> None:
    reception = await actor_of(await make_user(Role.RECEPTION))
    queue = await waiting_notes(actor=reception)
    assert queue.awaiting_cosignature == [] and queue.drafts == []
    await audit.flush()
    assert not await AuditEvent.filter(entity_type='clinical-note').exists()


async def test_the_home_page_lists_what_waits_and_opens_the_patient(user: User) -> None:
    branch = await make_branch('Andheri')
    doctor = await make_user(Role.DOCTOR, branch=branch)
    junior = await actor_of(await make_user(Role.JRDOCTOR, branch=branch, full_name='Ravi Kumar'))
    patient = await make_patient('250101-1')
    await write_note(junior, patient.uid, sign=True)
    await sign_in(user, doctor)
    await user.open('/')
    await user.should_see('Notes awaiting your co-signature (1)')
    await user.should_see('Meera Iyer · 250101-1')
    await user.should_see('You have no unsigned drafts.')
    [listing] = user.find(marker='awaiting-cosign-items').elements
    [row] = listing.rows  # type: ignore[attr-defined]  # a ShortList
    assert row.href == '/patients/250101-1'  # the name is a link to the patient
    await user.open(row.href)
    await user.should_see('UID 250101-1')


async def test_reception_home_page_has_no_note_lists(user: User) -> None:
    await sign_in(user, await make_user(Role.RECEPTION))
    await user.open('/')
    await user.should_see(marker='welcome')
    await user.should_not_see(marker='awaiting-cosign')
    await user.should_not_see(marker='own-drafts')
