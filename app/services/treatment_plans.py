"""Treatment plans: what a patient was sold (service, type, price, days, discount) and every change to it.

Everyone at the front desk sees plans (`plans.view`); doctors, junior doctors and admins create and
edit them (`plans.edit`). A discount above `PROSPINE_DISCOUNT_LIMIT_PERCENT` of the price needs a
doctor or an admin (`app.services.discount_approval`), recorded as `discount_approved_by`. An
approval already on the plan carries over while its discount does not grow.
Totals are Decimal INR: daily and advance plans cost the per-day cost times the days, a package
its package cost; the discount comes off that.
Each change is an audited transaction and also leaves a `PlanRevision` row the page shows.
Junior doctors see no money (`billing.view`): their plan rows and revisions carry no price, discount or
total, and a plan they write is priced for them, at the clinic's usual price when new, at its own price when
edited (`_priced_for`), so the desk bills what the clinic charges.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.audit.diff import changes_between, created, hidden_fields, snapshot
from app.auth.actor import Actor
from app.auth.permissions import Permission, role_can
from app.clock import utcnow
from app.dates import shown_date
from app.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from app.money import to_paise
from app.services.discount_approval import Approval, check_discount, confirm_approval, record_approval
from app.services.paging import RECORD_PER_PAGE, Page, read_page
from app.services.patient_lookup import NOT_FOUND
from app.services.session_time import session_text
from app.services.treatment_series import cancel_future_sessions, sessions_attended
from app.services.users import require
from app.services.validation import Checker, is_record_id
from app.wording import counted, with_article
from models.accounts import User
from models.clinic import Service
from models.patients import Patient
from models.plans import PlanRevision, PlanStatus, PlanType, TreatmentPlan

PLAN_NOT_FOUND = 'That treatment plan could not be found.'
# The clinic's usual prices, offered as defaults in the form: (cost per day, package cost, days).
DEFAULT_PRICES: dict[tuple[Service, PlanType], tuple[Decimal | None, Decimal | None, int]] = {
    (Service.PHYSIOTHERAPY, PlanType.DAILY): (Decimal(600), None, 21),
    (Service.PHYSIOTHERAPY, PlanType.ADVANCE): (Decimal(1000), None, 21),
    (Service.PHYSIOTHERAPY, PlanType.PACKAGE): (None, Decimal(30000), 21),
    (Service.SPEECH_THERAPY, PlanType.DAILY): (Decimal(600), None, 26),
    (Service.SPEECH_THERAPY, PlanType.ADVANCE): (Decimal(1000), None, 26),
    (Service.SPEECH_THERAPY, PlanType.PACKAGE): (None, Decimal(11000), 26),
}
MONEY_FIELDS = frozenset({'cost_per_day', 'package_cost', 'discount', 'discount_approved_by_id', 'total'})
TYPE_LABELS = {PlanType.DAILY: 'Daily', PlanType.ADVANCE: 'Advance', PlanType.PACKAGE: 'Package'}
STATUS_LABELS = {PlanStatus.ACTIVE: 'Active', PlanStatus.COMPLETED: 'Completed', PlanStatus.INACTIVE: 'Inactive'}
# Which status a plan may move to; a completed plan stays completed.
TRANSITIONS = {PlanStatus.ACTIVE: {PlanStatus.COMPLETED, PlanStatus.INACTIVE},
               PlanStatus.INACTIVE: {PlanStatus.ACTIVE, PlanStatus.COMPLETED}, PlanStatus.COMPLETED: set()}
_FIELDS = ('service', 'plan_type', 'cost_per_day', 'package_cost', 'days', 'discount', 'discount_approved_by_id',
           'total', 'start_date', 'end_date', 'session_start_minute', 'session_minutes', 'clinician_id', 'status')

CREATED = 'Created'  # the summary of a plan's first revision (its terms are on the card)


@dataclass(frozen=True, kw_only=True)
class PlanInput:
    """What the plan form sends; amounts as typed (text or numbers), ids of the chosen staff."""

    service: Service | str | None
    plan_type: PlanType | str | None
    days: Any
    start_date: date | None
    cost_per_day: Any = None
    package_cost: Any = None
    discount: Any = 0
    discount_approved_by: int | None = None
    approver_password: str = field(default='', repr=False)
    end_date: date | None = None
    session_start: str = ''  # as typed: 10:00, 4:30 pm
    session_minutes: Any = None
    clinician_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class RevisionRow:
    changed_at: datetime
    changed_by: str
    summary: str
    changes: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class PlanRow:
    """One plan as the patient page shows it; for a role that sees no money, `total` and the prices are None."""

    id: UUID
    service: Service
    plan_type: PlanType
    cost_per_day: Decimal | None
    package_cost: Decimal | None
    days: int
    discount: Decimal | None
    discount_approved_by: str
    discount_approved_by_id: int | None
    total: Decimal | None
    start_date: date
    end_date: date
    session_start_minute: int | None
    session_minutes: int | None
    clinician: str
    clinician_id: int | None
    status: PlanStatus
    branch_id: int
    revisions: list[RevisionRow] = field(default_factory=list)
    attended: int | None = None  # sessions attended, when the plan has sessions in the calendar

    @property
    def session_time(self) -> str:
        """'10:00-10:45 (45 min)', or '' when no session time is set."""
        return session_text(self.session_start_minute, self.session_minutes)

    def progress(self, today: date) -> str:
        return plan_progress(start=self.start_date, days=self.days, status=self.status, today=today,
                             attended=self.attended)


@dataclass(frozen=True, kw_only=True)
class StaffChoice:
    id: int
    name: str


def plan_price(plan_type: PlanType, *, cost_per_day: Decimal | None, package_cost: Decimal | None,
               days: int) -> Decimal:
    """The price before discount: per-day cost x days, or the package cost."""
    if plan_type is PlanType.PACKAGE:
        return to_paise(package_cost or 0)
    return to_paise((cost_per_day or Decimal(0)) * days)


def plan_progress(*, start: date, days: int, status: PlanStatus, today: date, attended: int | None = None) -> str:
    """Say where a plan stands, like 'Day 3 of 21'.

    A plan with sessions in the calendar counts the sessions attended (`attended`); one recorded
    before the calendar (None) counts calendar days from its start, as the clinic's old system did.
    """
    if status is PlanStatus.COMPLETED:
        return f'Completed ({days} days)'
    if attended is not None:
        return f'Day {attended} of {days}' if attended else f'No session attended yet ({days} days)'
    if today < start:
        return f'Starts on {shown_date(start)}'
    day = (today - start).days + 1
    return f'Day {day} of {days}' if day <= days else f'Day {days} of {days} (ended {(day - days)} days ago)'


@audit_denials(EntityType.TREATMENT_PLAN)
async def list_plans(*, actor: Actor, patient_id: UUID, page: int = 1,
                     per_page: int = RECORD_PER_PAGE) -> Page[PlanRow]:
    """One page of a patient's plans, newest first, each with its history; the view is audited."""
    require(actor, Permission.PLANS_VIEW)
    patient = await _patient(patient_id)
    plans = await read_page(TreatmentPlan.filter(patient_id=patient.id), ordering=('-start_date', '-created_at'),
                            page=page, per_page=per_page, related=('clinician', 'discount_approved_by'),
                            row=lambda plan: plan)
    revisions = await PlanRevision.filter(plan_id__in=[plan.id for plan in plans.rows]) \
        .select_related('changed_by').order_by('changed_at')
    await audit.view(actor, entity_type=EntityType.TREATMENT_PLAN, entity_id=patient.uid, patient_id=patient.uid,
                     detail=plans.described('treatment plan'))
    attended = await sessions_attended([plan.id for plan in plans.rows])
    return Page(rows=[_row(plan, [revision for revision in revisions if revision.plan_id == plan.id],
                           attended=attended.get(plan.id), money=actor.sees_money)
                      for plan in plans.rows], total=plans.total, page=plans.page, per_page=plans.per_page)


@audit_denials(EntityType.TREATMENT_PLAN)
async def create_plan(*, actor: Actor, patient_id: UUID, details: PlanInput) -> PlanRow:
    """Add a plan to a patient; a refused input saves nothing."""
    require(actor, Permission.PLANS_EDIT)
    patient = await _patient(patient_id)
    values, approval = await _check(actor, details)
    async with audit.change(actor, action=Action.CREATE, entity_type=EntityType.TREATMENT_PLAN,
                            patient_id=patient.uid) as event:
        plan = await TreatmentPlan.create(patient=patient, branch_id=actor.branch_id, created_by_id=actor.user_id,
                                          status=PlanStatus.ACTIVE, **values)
        event.entity_id = plan.id
        await record_approval(approval, entity_type=EntityType.TREATMENT_PLAN, entity_id=plan.id,
                              patient_uid=patient.uid)
        changes = created(snapshot(plan, _FIELDS), hidden=hidden_fields(TreatmentPlan))
        event.set_changes(changes)
        await _revise(plan, actor, CREATED, changes)
    return await _reload(actor, plan.id)


@audit_denials(EntityType.TREATMENT_PLAN)
async def update_plan(*, actor: Actor, plan_id: UUID, details: PlanInput) -> PlanRow:
    """Change a plan's terms; a completed plan can no longer be changed."""
    require(actor, Permission.PLANS_EDIT)
    plan = await _plan(actor, plan_id)
    values, approval = await _check(actor, details, approved=plan)
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.TREATMENT_PLAN, entity_id=plan.id,
                            patient_id=plan.patient.uid) as event:
        plan = await _plan(actor, plan_id)
        if plan.status is PlanStatus.COMPLETED:
            raise DomainError('This plan is completed and can no longer be changed.')
        await _save(event, plan, actor, 'Edited', values)
        await record_approval(approval, entity_type=EntityType.TREATMENT_PLAN, entity_id=plan.id,
                              patient_uid=plan.patient.uid)
    return await _reload(actor, plan.id)


@audit_denials(EntityType.TREATMENT_PLAN)
async def set_status(*, actor: Actor, plan_id: UUID, status: PlanStatus | str) -> PlanRow:
    """Mark a plan completed, inactive or active again, as the allowed transitions permit."""
    require(actor, Permission.PLANS_EDIT)
    if status not in {member.value for member in PlanStatus}:
        raise ValidationFailed({'status': 'Choose a status from the list.'})
    new = PlanStatus(status)
    plan = await _plan(actor, plan_id)
    async with audit.change(actor, action=Action.UPDATE, entity_type=EntityType.TREATMENT_PLAN, entity_id=plan.id,
                            patient_id=plan.patient.uid) as event:
        plan = await _plan(actor, plan_id)
        if new not in TRANSITIONS[plan.status]:
            raise DomainError(f'{with_article(STATUS_LABELS[plan.status].lower()).capitalize()} plan cannot be '
                              f'marked {STATUS_LABELS[new].lower()}.')
        await _save(event, plan, actor, f'Marked {STATUS_LABELS[new].lower()}', {'status': new})
        if new is not PlanStatus.ACTIVE:  # an ended plan keeps no future sessions in the calendar
            cancelled = await cancel_future_sessions(actor=actor, plan_id=plan.id, patient_uid=plan.patient.uid)
            if cancelled:
                event.set_detail(f'{counted(cancelled, "future session")} cancelled')
    return await _reload(actor, plan.id)


async def discount_approvers(*, actor: Actor) -> list[StaffChoice]:
    """The active staff of the actor's branch who may approve a discount (doctors and admins)."""
    require(actor, Permission.PLANS_EDIT)
    users = await User.filter(is_active=True, branch_id=actor.branch_id).order_by('full_name')
    return [StaffChoice(id=user.id, name=user.full_name) for user in users
            if role_can(user.role, Permission.DISCOUNTS_APPROVE)]


async def clinicians(*, actor: Actor, branch_id: int | None = None) -> list[StaffChoice]:
    """The active staff who treat patients at the plan's branch (`branch_id`; a new plan's is the actor's).

    A superadmin editing another branch's plan is offered that branch's clinicians: offered their own, the
    form came up with no clinician and saving it took the plan's clinician away.
    """
    require(actor, Permission.PLANS_VIEW)
    if branch_id is not None and not is_record_id(branch_id):
        raise NotFound('That branch could not be found.')
    users = await User.filter(is_active=True, branch_id=branch_id or actor.branch_id).order_by('full_name')
    return [StaffChoice(id=user.id, name=user.full_name) for user in users
            if role_can(user.role, Permission.NOTES_WRITE)]


async def _check(actor: Actor, details: PlanInput,
                 approved: TreatmentPlan | None = None) -> tuple[dict[str, Any], Approval | None]:
    """Validate the form; return the model's values (with the total and the approver) or raise.

    `approved` is the plan being edited: its approver's approval stands while the discount does not grow.
    """
    if not actor.sees_money:
        details = _priced_for(details, plan=approved)
    check = Checker()
    service = check.choice('service', details.service, Service, label='service')
    plan_type = check.choice('plan_type', details.plan_type, PlanType, label='plan type: daily, advance or package')
    days = _whole(check, 'days', details.days)
    package = plan_type is PlanType.PACKAGE
    cost_per_day = None if package else check.money('cost_per_day', details.cost_per_day, label='cost per day',
                                                    positive=True)
    package_cost = check.money('package_cost', details.package_cost, label='package cost', positive=True) \
        if package else None
    discount = check.money('discount', details.discount, label='discount', required=False) or Decimal(0)
    start = details.start_date
    if start is None:
        check.fail('start_date', 'Choose the start date.')
    end = details.end_date or (start + timedelta(days=days - 1) if start and days else None)
    if start and end and end < start:
        check.fail('end_date', 'The end date cannot be before the start date.')
    session_start, session_minutes = check.session_time('session_start', details.session_start, 'session_minutes',
                                                        details.session_minutes)
    if details.clinician_id is not None and details.clinician_id not in \
            {choice.id for choice in await clinicians(actor=actor, branch_id=approved and approved.branch_id)}:
        check.fail('clinician', 'Choose a doctor or junior doctor of this branch.')
    approver_id, approval = None, None
    if plan_type is not None and days and not check.errors.keys() & {'cost_per_day', 'package_cost', 'discount'}:
        price = plan_price(plan_type, cost_per_day=cost_per_day, package_cost=package_cost, days=days)
        approver_id = await check_discount(check, actor, discount, price, details.discount_approved_by)
        if approver_id is not None and approver_id != actor.user_id and not (
                approved and approved.discount_approved_by_id == approver_id and discount <= approved.discount):
            approval = await confirm_approval(check, approver_id, discount, details.approver_password)
    check.raise_if_any()
    assert plan_type is not None and service is not None and days is not None
    price = plan_price(plan_type, cost_per_day=cost_per_day, package_cost=package_cost, days=days)
    return {'service': service, 'plan_type': plan_type, 'cost_per_day': cost_per_day, 'package_cost': package_cost,
            'days': days, 'discount': discount, 'discount_approved_by_id': approver_id, 'total': price - discount,
            'start_date': start, 'end_date': end, 'session_start_minute': session_start,
            'session_minutes': session_minutes, 'clinician_id': details.clinician_id}, \
        approval


def _priced_for(details: PlanInput, *, plan: TreatmentPlan | None) -> PlanInput:
    """The form of someone who sees no money, priced: the plan's own terms while its type stays, else the usual."""
    if plan is not None and str(details.plan_type) == str(plan.plan_type):
        return replace(details, cost_per_day=plan.cost_per_day, package_cost=plan.package_cost,
                       discount=plan.discount, discount_approved_by=plan.discount_approved_by_id)
    try:
        per_day, package_cost, _ = DEFAULT_PRICES[(Service(details.service), PlanType(details.plan_type))]
    except (KeyError, ValueError):
        return details  # no such service or type: the form's own check says so
    return replace(details, cost_per_day=per_day, package_cost=package_cost, discount=0, discount_approved_by=None)


def _whole(check: Checker, name: str, value: Any) -> int | None:
    try:
        number = int(str(value).strip())
    except ValueError:
        number = None
    if number is None or number < 1 or number > 365:
        check.fail(name, 'Enter the number of days, from 1 to 365.')
        return None
    return number


async def _save(event: Any, plan: TreatmentPlan, actor: Actor, summary: str, values: dict[str, Any]) -> None:
    before = snapshot(plan, values)
    await TreatmentPlan.filter(pk=plan.pk).update(**values, updated_at=utcnow())
    changes = changes_between(before, values, hidden=hidden_fields(TreatmentPlan))
    event.set_changes(changes)
    if not changes:
        event.set_detail('Nothing changed.')
    await _revise(plan, actor, summary, changes)


async def _revise(plan: TreatmentPlan, actor: Actor, summary: str, changes: dict[str, Any]) -> None:
    await PlanRevision.create(plan=plan, changed_by_id=actor.user_id, changed_at=utcnow(), summary=summary,
                              changes=json.dumps(changes, sort_keys=True, ensure_ascii=False))


async def _patient(patient_id: UUID) -> Patient:
    patient = await Patient.get_or_none(id=patient_id)
    if patient is None:
        raise NotFound(NOT_FOUND)
    return patient


async def _plan(actor: Actor, plan_id: UUID) -> TreatmentPlan:
    plan = await TreatmentPlan.get_or_none(id=plan_id).select_related('patient')
    if plan is None:
        raise NotFound(PLAN_NOT_FOUND)
    if not actor.may_work_in(plan.branch_id):
        raise PermissionDenied('You can only change plans made in your own branch.')
    return plan


async def _reload(actor: Actor, plan_id: UUID) -> PlanRow:
    plan = await TreatmentPlan.get(id=plan_id).select_related('clinician', 'discount_approved_by')
    revisions = await PlanRevision.filter(plan_id=plan.id).select_related('changed_by').order_by('changed_at')
    return _row(plan, revisions, attended=(await sessions_attended([plan.id])).get(plan.id), money=actor.sees_money)


def _row(plan: TreatmentPlan, revisions: list[PlanRevision], *, attended: int | None, money: bool) -> PlanRow:
    def shown(changes: dict[str, Any]) -> dict[str, Any]:
        return changes if money else {name: value for name, value in changes.items() if name not in MONEY_FIELDS}

    return PlanRow(
        id=plan.id, service=Service(plan.service), plan_type=PlanType(plan.plan_type),
        cost_per_day=plan.cost_per_day if money else None, package_cost=plan.package_cost if money else None,
        days=plan.days, discount=plan.discount if money else None,
        discount_approved_by=plan.discount_approved_by.full_name if money and plan.discount_approved_by else '',
        discount_approved_by_id=plan.discount_approved_by_id if money else None,
        total=plan.total if money else None, start_date=plan.start_date,
        end_date=plan.end_date, session_start_minute=plan.session_start_minute, session_minutes=plan.session_minutes,
        clinician=plan.clinician.full_name if plan.clinician else '', clinician_id=plan.clinician_id,
        status=PlanStatus(plan.status), branch_id=plan.branch_id,
        revisions=[RevisionRow(changed_at=revision.changed_at,
                               changed_by=revision.changed_by.full_name if revision.changed_by else '',
                               summary=revision.summary, changes=shown(json.loads(revision.changes or '{}')))
                   for revision in revisions],
        attended=attended)
