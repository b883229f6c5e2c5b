"""The audit page: filters, server-side paging and sorting, branch scoping, CSV export and Verify."""

from __future__ import annotations

import csv
import io

from nicegui.testing import User
from tortoise import connections

from app.audit import Action, Outcome, Who, audit
from app.audit.chain import Anchor
from models.accounts import Role
from models.audit import AuditEvent
from tests.factories import make_branch, make_user, sign_in
from tests.waiting import eventually


async def record_events(count: int, *, who: Who, action: Action = Action.UPDATE) -> None:
    for number in range(count):
        await audit.record(who, action=action, entity_type='branch', entity_id=number,
                           changes={'name': {'before': f'Old {number}', 'after': f'New {number}'}})


def shown_rows(user: User) -> list[dict]:
    return user.find(marker='events').elements.pop().rows


async def admin_on_audit_page(user: User, role: Role = Role.ADMIN) -> tuple[Who, Who]:
    """Sign in an admin of one branch; record events for that branch and for another one."""
    home = await make_branch('Home branch')
    other = await make_branch('Other branch')
    admin = await make_user(role, username='admin1', branch=home)
    here = Who(user_id=admin.id, username='admin1', role=role.value, branch_id=home.id)
    there = Who(user_id=admin.id + 100, username='faraway', role='doctor', branch_id=other.id)
    await record_events(3, who=here)
    await record_events(2, who=there, action=Action.DELETE)
    await sign_in(user, admin)
    await user.open('/audit')
    return here, there


async def test_an_admin_sees_the_events_of_their_branch(user: User) -> None:
    await admin_on_audit_page(user)
    rows = shown_rows(user)
    assert [row['action'] for row in rows] == ['update'] * 3
    assert rows[0]['entity'] == 'branch #2'  # newest first
    assert rows[0]['changes'] == 'name: Old 2 → New 2'
    assert rows[0]['user'] == 'admin1 (admin)'
    await user.should_see('3 events')


async def test_the_superadmin_sees_every_branch_and_filters(user: User) -> None:
    await admin_on_audit_page(user, Role.SUPERADMIN)
    assert len(shown_rows(user)) == 5
    user.find(marker='action').elements.pop().value = 'delete'
    user.find(marker='apply').click()
    await user.should_see('2 events')
    assert {row['user'] for row in shown_rows(user)} == {'faraway (doctor)'}

    user.find(marker='clear').click()
    await user.should_see('5 events')
    user.find(marker='username').type('admin1')
    user.find(marker='entity_id').type('1')
    user.find(marker='apply').click()
    await user.should_see('1 event')
    assert [row['entity'] for row in shown_rows(user)] == ['branch #1']


async def test_a_date_range_the_wrong_way_round_is_explained(user: User) -> None:
    await admin_on_audit_page(user)
    user.find(marker='date_from').elements.pop().value = '2026-03-10'
    user.find(marker='date_to').elements.pop().value = '2026-03-01'
    user.find(marker='apply').click()
    await user.should_see('The end date is before the start date.')


async def test_pages_and_sorting_come_from_the_server(user: User) -> None:
    branch = await make_branch('Home branch')
    admin = await make_user(Role.SUPERADMIN, username='owner', branch=branch)
    who = Who(user_id=admin.id, username='owner', role='superadmin', branch_id=branch.id)
    await record_events(110, who=who)
    await record_events(10, who=who, action=Action.CREATE)
    await sign_in(user, admin)
    await user.open('/audit')
    await user.should_see('120 events')
    table = user.find(marker='events').elements.pop()
    assert len(table.rows) == 50
    assert table.pagination['rowsNumber'] == 120

    # Turning the page: Quasar's table asks the server for it.
    user.find(marker='events').trigger('request', _request(page=3, rows=50, sort_by='time', descending=True))
    await eventually(lambda: table.pagination.get('page') == 3, what='page 3')
    assert len(table.rows) == 20
    assert table.rows[-1]['entity'] == 'branch #0'  # the oldest event is last on the last page

    user.find(marker='events').trigger('request', _request(page=1, rows=25, sort_by='action', descending=False))
    await eventually(lambda: table.pagination.get('rowsPerPage') == 25, what='the sorted page')
    assert [row['action'] for row in table.rows[:10]] == ['create'] * 10
    assert table.rows[10]['action'] == 'update'


async def test_a_large_filtered_total_is_counted_only_so_far(user: User, monkeypatch) -> None:
    from app.services import audit_trail

    monkeypatch.setattr(audit_trail, 'COUNT_LIMIT', 30)
    branch = await make_branch('Home branch')
    admin = await make_user(Role.ADMIN, username='admin1', branch=branch)
    await record_events(45, who=Who(user_id=admin.id, username='admin1', role='admin', branch_id=branch.id))
    await sign_in(user, admin)
    await user.open('/audit')  # an admin's view is always filtered (their branch)
    await user.should_see('30+ events: narrow the filters or dates to page further back')
    table = user.find(marker='events').elements.pop()
    assert table.pagination['rowsNumber'] == 30 and len(table.rows) == 45  # a whole first page, counted to 30
    user.find(marker='action').elements.pop().value = 'update'
    user.find(marker='outcome').elements.pop().value = 'failed'
    user.find(marker='apply').click()
    await user.should_see('0 events')


async def test_export_is_a_csv_of_the_filtered_events_and_is_audited(user: User) -> None:
    await admin_on_audit_page(user)
    user.find(marker='export').click()
    response = await user.download.next()
    rows = list(csv.DictReader(io.StringIO(response.content.decode('utf-8-sig'))))
    assert [row['action'] for row in rows] == ['update'] * 3
    assert rows[0]['changes'] == '{"name": {"after": "New 2", "before": "Old 2"}}'
    await eventually(lambda: AuditEvent.filter(action='export').exists(), what='the export event')
    export = await AuditEvent.get(action='export')
    assert export.username == 'admin1'
    assert export.detail.startswith('3 events exported as CSV')


async def test_verify_shows_an_intact_chain_and_then_the_tampered_event(user: User) -> None:
    await admin_on_audit_page(user)
    user.find(marker='verify').click()
    await user.should_see('The audit trail is intact: 5 events checked.')
    newest = await AuditEvent.all().order_by('-seq').first()
    assert newest is not None and newest.entity_type == 'audit-trail'  # the anchor covers the check itself
    await user.should_see(f'Anchor of the newest event: {Anchor.of_event(newest.seq, newest.mac).code}.')
    await connections.get('default').execute_script(  # someone with the database drops the guard, then edits
        "DROP TRIGGER audit_event_no_update; UPDATE audit_event SET detail = 'edited' WHERE seq = 2")
    user.find(marker='verify').click()
    await user.should_see('tampered with at event #2')
    verified = await AuditEvent.filter(entity_type='audit-trail').order_by('seq')
    assert [event.outcome for event in verified] == [Outcome.SUCCESS, Outcome.FAILED]


async def test_reception_cannot_open_the_audit_trail(user: User) -> None:
    reception = await make_user(Role.RECEPTION)
    await sign_in(user, reception)
    response = await user.http_client.get('/audit')
    assert response.status_code == 403


def _request(*, page: int, rows: int, sort_by: str, descending: bool) -> dict:
    return {'pagination': {'page': page, 'rowsPerPage': rows, 'sortBy': sort_by, 'descending': descending}}
