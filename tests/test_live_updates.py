"""Live updates in one process: what one screen changes, another open screen shows without a reload."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from nicegui import core
from nicegui.testing import User

from app.audit import Action
from app.audit.events import EntityType
from app.auth import sessions
from app.config import get_settings, use_settings
from app.events import DomainEvent, hub
from app.services import appointments, clinical_notes, consultations, inquiries, patients
from app.services.consultations import ConsultationDetails
from app.services.patients import PatientDetails
from components import live
from models.accounts import Role
from models.clinic import Service
from tests.factories import actor_of, make_branch, make_patient, make_user, sign_in
from tests.processes import free_port
from tests.scheduling import small_clinic
from tests.waiting import eventually


def rows_of(user: User, marker: str) -> list[dict[str, Any]]:
    return user.find(marker=marker).elements.pop().rows


def type_into(user: User, field: str, text: str) -> None:
    user.find(marker=field).clear()
    user.find(marker=field).type(text)


@pytest.fixture
async def second(user: User) -> AsyncIterator[User]:
    """Another browser on the same app (NiceGUI's `create_user` would start the app a second time)."""
    other = User(httpx.AsyncClient(transport=httpx.ASGITransport(core.app), base_url='http://test'))
    yield other
    await other.http_client.aclose()


async def test_a_patient_registered_at_another_desk_appears_on_an_open_desks_list(user: User) -> None:
    """The other desk registers through the service the register dialog calls (the dialog itself and the move to
    the new patient's page are the browser test `test_registering_a_walk_in_opens_the_new_patients_page`): with
    two simulated browsers in one test, NiceGUI's `User` sends every toast and navigation to whichever of them was
    touched last, which made this test fail in full CI runs for reasons that had nothing to do with live updates
    (the two-desk case through the UI is the inquiry test below)."""
    branch = await make_branch('Andheri')
    await sign_in(user, await make_user(Role.RECEPTION, branch=branch))
    await user.open('/patients')
    assert rows_of(user, 'patients') == []
    other_desk = await actor_of(await make_user(Role.RECEPTION, branch=branch))
    await patients.register_patient(actor=other_desk, details=PatientDetails(
        full_name='Meera Iyer', phone='98765 43210', gender='female'))

    def listed() -> list[str]:
        return [row['full_name'] for row in rows_of(user, 'patients')]

    try:
        await eventually(lambda: listed() == ['Meera Iyer'], what="the open desk's list showing the new patient",
                         seconds=10)
    except AssertionError as failure:  # say what the page had, to tell a lost event from a lost refresh
        client = user.client
        state = 'gone' if client is None or client.is_deleted else 'open'
        raise AssertionError(f'{failure}; the list shows {listed()}, the page is {state}, '
                             f'{len(live._changed.callbacks)} live subscriptions') from None


async def test_an_inquiry_taken_at_one_desk_appears_on_the_other_desks_list(user: User, second: User) -> None:
    branch = await make_branch('Andheri')
    await sign_in(second, await make_user(Role.RECEPTION, branch=branch))
    await second.open('/inquiries')
    await sign_in(user, await make_user(Role.RECEPTION, branch=branch))
    await user.open('/inquiries')
    user.find(marker='new-quick').click()
    await user.should_see(marker='dialog-title')
    type_into(user, 'full_name', 'Arjun Mehta')
    type_into(user, 'phone', '9820012345')
    user.find('dialog-submit').click()
    await user.should_see('The inquiry of Arjun Mehta has been saved.')
    await eventually(lambda: [row['full_name'] for row in rows_of(second, 'inquiries-table')] == ['Arjun Mehta'],
                     what="the other desk's inquiries showing the new one")


async def test_an_inquiry_of_another_branch_refreshes_a_desk_but_never_shows_there(
        user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    andheri = await make_branch('Andheri')
    await sign_in(user, await make_user(Role.RECEPTION, branch=andheri))
    await user.open('/inquiries')
    calls = count_calls(monkeypatch, inquiries, 'list_inquiries')
    elsewhere = await actor_of(await make_user(Role.RECEPTION, branch=await make_branch('Bandra')))
    await inquiries.create_inquiry(actor=elsewhere, kind='quick', branch_id=elsewhere.branch_id,
                                   full_name='Arjun Mehta', phone='9820012345')
    await eventually(lambda: calls == [1], what='the refresh')  # re-read with the desk's own branch and permission
    assert rows_of(user, 'inquiries-table') == []


async def test_the_home_page_lists_a_note_signed_elsewhere_for_co_signature(user: User) -> None:
    branch = await make_branch('Andheri')
    await sign_in(user, await make_user(Role.DOCTOR, branch=branch))
    await user.open('/')
    await user.should_see('No notes are waiting for your co-signature.')
    junior = await actor_of(await make_user(Role.JRDOCTOR, branch=branch))
    patient = await make_patient('250101-1', branch=branch)
    note = await clinical_notes.start_note(actor=junior, patient_uid=patient.uid, discipline=Service.PHYSIOTHERAPY)
    await clinical_notes.save_draft(actor=junior, note_id=note.id, subjective='Knee pain', objective='',
                                    assessment='', plan='')
    await clinical_notes.sign_note(actor=junior, note_id=note.id)
    await user.should_see(marker='awaiting-cosign-items')
    await user.should_see('Meera Iyer · 250101-1')


async def test_a_patient_page_shows_notes_and_consultations_added_elsewhere_and_keeps_an_open_editor(
        user: User) -> None:
    branch = await make_branch('Andheri')
    await sign_in(user, await make_user(Role.DOCTOR, branch=branch))
    patient = await make_patient('250101-1', branch=branch)
    await user.open('/patients/250101-1?part=consultations')
    await user.should_see(marker='consultations')
    user.find(marker='section-notes').click()
    await user.should_see('No clinical notes yet.')
    user.find(marker='new-note').click()
    await user.should_see(marker='note-subjective')
    editor = user.find(marker='note-subjective').elements.pop()
    editor.set_value('Typing, not saved yet')
    assert rows_of(user, 'consultations') == []

    desk = await actor_of(await make_user(Role.RECEPTION, branch=branch))
    await consultations.create_consultation(actor=desk, patient_id=patient.id, details=ConsultationDetails(
        chief_complaint='neck-pain', consultation_type='in-clinic', fee='600', payment_method='cash'))
    colleague = await actor_of(await make_user(Role.DOCTOR, branch=branch))
    await clinical_notes.start_note(actor=colleague, patient_uid=patient.uid, discipline=Service.SPEECH_THERAPY)

    await eventually(lambda: len(rows_of(user, 'consultations')) == 1, what='the consultation appearing')
    await eventually(lambda: len(rows_of(user, 'notes')) == 2, what="the colleague's note appearing")
    assert user.find(marker='note-subjective').elements == {editor}  # the open editor was not rebuilt
    assert editor.value == 'Typing, not saved yet'


async def test_changes_of_another_patient_leave_the_page_alone(user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    branch = await make_branch('Andheri')
    await sign_in(user, await make_user(Role.DOCTOR, branch=branch))
    await make_patient('250101-1', branch=branch)
    other = await make_patient('250101-2', branch=branch, full_name='Ravi Kumar')
    await user.open('/patients/250101-1')
    await user.should_see('No clinical notes yet.')
    calls = count_calls(monkeypatch, clinical_notes, 'list_notes')
    colleague = await actor_of(await make_user(Role.DOCTOR, branch=branch))
    await clinical_notes.start_note(actor=colleague, patient_uid=other.uid, discipline=Service.SPEECH_THERAPY)
    hub.publish(DomainEvent(kind=EntityType.CLINICAL_NOTE, action=Action.CREATE, patient_uid='250101-1'))
    await eventually(lambda: calls == [1], what='one refresh for this patient')
    await asyncio.sleep(2 * live.DEBOUNCE_SECONDS)
    assert calls == [1]  # the other patient's note caused none


async def test_a_burst_of_events_refreshes_once_and_a_closed_page_unsubscribes(
        user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    await sign_in(user, await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    await user.open('/inquiries')
    calls = count_calls(monkeypatch, inquiries, 'list_inquiries')
    for _ in range(50):
        hub.publish(DomainEvent(kind=EntityType.INQUIRY, action=Action.UPDATE, entity_id='x'))
    await eventually(lambda: calls == [1], what='one refresh')
    await asyncio.sleep(2 * live.DEBOUNCE_SECONDS)
    assert calls == [1]
    subscribed = len(live._changed.callbacks)
    user.client.delete()  # the tab closed (NiceGUI deletes the client once the socket is gone for good)
    assert len(live._changed.callbacks) == subscribed - 1
    hub.publish(DomainEvent(kind=EntityType.INQUIRY, action=Action.UPDATE, entity_id='x'))
    await asyncio.sleep(2 * live.DEBOUNCE_SECONDS)
    assert calls == [1]


async def test_a_tab_that_left_is_not_redrawn_until_its_socket_connects_again(
        user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    """NiceGUI keeps a tab that left (navigated away, lost its network) for `reconnect_timeout` in case it comes
    back; a change meanwhile is redrawn only if it does, once, when its socket connects again."""
    await sign_in(user, await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    await user.open('/inquiries')
    calls = count_calls(monkeypatch, inquiries, 'list_inquiries')
    client = user.client
    socket_id, document_id = next(iter(client._socket_to_document_id.items()))
    tab_id = client.tab_id
    client.handle_disconnect(socket_id)  # what NiceGUI does when the websocket closes
    assert not client.has_socket_connection and not client.is_deleted
    for _ in range(3):
        hub.publish(DomainEvent(kind=EntityType.INQUIRY, action=Action.UPDATE, entity_id='x'))
    await asyncio.sleep(3 * live.DEBOUNCE_SECONDS)
    assert calls == [0]
    await client.handle_handshake(socket_id, tab_id, None, document_id, None)  # the tab came back
    await eventually(lambda: calls == [1], what='one redraw on reconnecting')
    await asyncio.sleep(2 * live.DEBOUNCE_SECONDS)
    assert calls == [1]


async def test_a_page_whose_session_ended_is_not_refreshed_but_sent_to_sign_in(
        user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    token = await sign_in(user, await make_user(Role.RECEPTION, branch=await make_branch('Andheri')))
    await user.open('/inquiries')
    calls = count_calls(monkeypatch, inquiries, 'list_inquiries')
    resolved = await sessions.resolve_token(token, touch=False)
    await sessions.revoke(session_id=resolved.actor.session_id, reason=sessions.REASON_LOGOUT)
    hub.publish(DomainEvent(kind=EntityType.INQUIRY, action=Action.UPDATE, entity_id='x'))
    await user.should_see('Sign in')
    assert calls == [0]


def count_calls(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    """Count calls of a service function (the one a page's refresh reads with)."""
    calls = [0]
    original = getattr(module, name)

    async def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return await original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


@pytest.fixture
def redis_down() -> None:
    """Settings naming a Redis nobody answers at (requested before `user`, so the app starts with them)."""
    use_settings(replace(get_settings(), redis_url=f'redis://127.0.0.1:{free_port()}/0'))


async def test_with_redis_down_the_app_serves_and_its_pages_still_update_each_other(
        redis_down: None, user: User, second: User, caplog: pytest.LogCaptureFixture) -> None:
    branch = await make_branch('Andheri')
    await sign_in(second, await make_user(Role.RECEPTION, branch=branch))
    await second.open('/inquiries')
    desk = await actor_of(await make_user(Role.RECEPTION, branch=branch))
    await inquiries.create_inquiry(actor=desk, kind='quick', branch_id=branch.id, full_name='Arjun Mehta',
                                   phone='9820012345')
    await eventually(lambda: [row['full_name'] for row in rows_of(second, 'inquiries-table')] == ['Arjun Mehta'],
                     what='the inquiry appearing while Redis is down')
    assert 'Live updates between processes are paused' in caplog.text
    assert hub.relayed  # still trying in the background
    caplog.clear()  # the one error line is expected here (the user fixture fails a test on any other)


async def test_a_tab_closed_while_its_live_redraw_reads_is_left_alone(
        user: User, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """The desk's day read, the tab closed meanwhile (its cards gone with it), then it was drawn: "not in list"."""
    clinic = await small_clinic()
    desk = await clinic.actor(clinic.reception)
    await appointments.book(actor=desk, booking=clinic.booking(hour=9))  # a card drawn before, kept by the redraw
    await sign_in(user, clinic.reception)
    await user.open('/today')
    original, reads = appointments.calendar_range, []

    async def closing_while_read(**kwargs: Any) -> Any:
        shown = await original(**kwargs)
        reads.append(kwargs)
        user.client.delete()  # the tab went away while the day was read
        return shown

    monkeypatch.setattr(appointments, 'calendar_range', closing_while_read)
    await appointments.book(actor=desk, booking=clinic.booking(hour=11))
    await eventually(lambda: len(reads) == 1, what='the live redraw read the day')
    await asyncio.sleep(2 * live.DEBOUNCE_SECONDS)
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR] == []
