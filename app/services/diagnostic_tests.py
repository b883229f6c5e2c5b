"""Diagnostic tests (EEG, NCV, EMG, RNS, BERA, VEP, other): request, schedule, record results, cancel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.audit.diff import changes_between, created, hidden_fields, snapshot
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import NotFound
from app.services.clinical_common import long_text, patient_by_uid
from app.services.paging import RECORD_PER_PAGE, Page, read_page
from app.services.users import require
from app.services.validation import Checker
from models.clinical import DiagnosticTest, TestKind, TestStatus

ENTITY = EntityType.DIAGNOSTIC_TEST
NOT_FOUND = 'That test could not be found.'
STATUS_LABELS = {TestStatus.REQUESTED: 'Requested', TestStatus.SCHEDULED: 'Scheduled', TestStatus.DONE: 'Done',
                 TestStatus.CANCELLED: 'Cancelled'}
_DETAILS = ('kind', 'items', 'limb', 'referred_by', 'done_by', 'status', 'results')


@dataclass(frozen=True, kw_only=True)
class TestView:
    id: UUID
    kind: TestKind
    items: str
    limb: str
    referred_by: str
    done_by: str
    status: TestStatus
    results: str
    created_at: datetime

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def _view(row: DiagnosticTest) -> TestView:
    return TestView(id=row.id, kind=row.kind, items=row.items or '', limb=row.limb or '', referred_by=row.referred_by,
                    done_by=row.done_by, status=row.status, results=row.results or '', created_at=row.created_at)


def _check(*, kind: str, items: str, limb: str, referred_by: str, done_by: str, status: str,
           results: str) -> dict[str, object]:
    check = Checker()
    values: dict[str, object] = {
        'items': check.text('items', items, label='items tested', required=kind == TestKind.OTHER, max_length=200),
        'limb': check.text('limb', limb, label='limb', required=False, max_length=60),
        'referred_by': check.text('referred_by', referred_by, label='referring doctor', required=False,
                                  max_length=120),
        'done_by': check.text('done_by', done_by, label='name of who did the test', required=False, max_length=120),
        'results': long_text(check, 'results', results, label='results'),
    }
    try:
        values['kind'] = TestKind(kind)
    except ValueError:
        check.fail('kind', 'Choose the kind of test.')
    try:
        values['status'] = TestStatus(status)
    except ValueError:
        check.fail('status', 'Choose the status of the test.')
    if values.get('status') is TestStatus.DONE and not values['done_by']:
        check.fail('done_by', 'Enter who did the test.')
    check.raise_if_any()
    return values


@audit_denials(ENTITY)
async def list_tests(*, actor: Actor, patient_uid: str, page: int = 1,
                     per_page: int = RECORD_PER_PAGE) -> Page[TestView]:
    """One page of the patient's tests, the newest first."""
    require(actor, Permission.TESTS_VIEW)
    patient = await patient_by_uid(patient_uid)
    found = await read_page(DiagnosticTest.filter(patient=patient), ordering=('-created_at', '-id'), page=page,
                            per_page=per_page, row=_view)
    await audit.view(actor, entity_type=ENTITY, entity_id=patient.uid, patient_id=patient.uid,
                     detail=found.described('test'))
    return found


@audit_denials(ENTITY)
async def add_test(*, actor: Actor, patient_uid: str, kind: str, items: str = '', limb: str = '',
                   referred_by: str = '', done_by: str = '', status: str = TestStatus.REQUESTED,
                   results: str = '') -> TestView:
    """Request (or record) a diagnostic test."""
    require(actor, Permission.TESTS_EDIT)
    patient = await patient_by_uid(patient_uid)
    values = _check(kind=kind, items=items, limb=limb, referred_by=referred_by, done_by=done_by, status=status,
                    results=results)
    test_id = uuid4()
    async with audit.change(actor, action=Action.CREATE, entity_type=ENTITY, entity_id=test_id,
                            patient_id=patient.uid) as event:
        row = await DiagnosticTest.create(id=test_id, patient=patient, created_by_id=actor.user_id, **values)
        event.set_changes(created(values, hidden=hidden_fields(DiagnosticTest)))
    return _view(row)


@audit_denials(ENTITY)
async def update_test(*, actor: Actor, test_id: UUID, kind: str, items: str, limb: str, referred_by: str,
                      done_by: str, status: str, results: str) -> TestView:
    """Change a test's details, status or results."""
    require(actor, Permission.TESTS_EDIT)
    values = _check(kind=kind, items=items, limb=limb, referred_by=referred_by, done_by=done_by, status=status,
                    results=results)
    async with audit.change(actor, action=Action.UPDATE, entity_type=ENTITY, entity_id=test_id) as event:
        row = await DiagnosticTest.get_or_none(id=test_id).select_related('patient')
        if row is None:
            raise NotFound(NOT_FOUND)
        event.set_patient(row.patient.uid)
        before = snapshot(row, _DETAILS)
        for name, value in values.items():
            setattr(row, name, value)
        await row.save()
        event.set_changes(changes_between(before, values, hidden=hidden_fields(DiagnosticTest)))
    return _view(row)
