"""The "Treatment plans" section: each plan with its progress, price and history; forms for `plans.edit`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import PLANS_EDIT, PLANS_VIEW
from app.config import get_settings
from app.errors import DomainError, ValidationFailed
from app.services import treatment_plans as plans
from app.services.employees import clinic_today
from app.services.patient_lookup import PatientRef
from components.dialogs import FormDialog, fill_width
from components.guard import guarded_action
from components.patient_sections import patient_section
from components.when import clinic_time

Redraw = Callable[[Actor], Awaitable[None]]
FIELD_LABELS = {'service': 'service', 'plan_type': 'type', 'cost_per_day': 'cost per day',
                'package_cost': 'package cost', 'days': 'days', 'discount': 'discount',
                'discount_approved_by_id': 'discount approved by', 'total': 'total', 'start_date': 'start',
                'end_date': 'end', 'time_slot': 'time slot', 'clinician_id': 'clinician', 'status': 'status'}


def inr(amount: Decimal | None) -> str:
    """Show rupees with Indian digit grouping, like ₹1,20,000 or ₹599.50."""
    if amount is None:
        return ''
    whole, _, paise = f'{abs(amount):.2f}'.partition('.')
    head, tail = whole[:-3], whole[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    grouped = ','.join([part for part in [head, *groups] if part] + [tail])
    return f'{"-" if amount < 0 else ""}₹{grouped}{"" if paise == "00" else "." + paise}'


@patient_section('plans', title='Treatment plans', permission=PLANS_VIEW, order=800)
async def plans_section(actor: Actor, patient: PatientRef) -> None:
    host = ui.element('div')  # dialogs live here, outside what a redraw clears
    box = ui.column().classes('w-full gap-3 min-w-0')

    async def draw(current: Actor) -> None:
        rows = await plans.list_plans(actor=current, patient_id=patient.id)
        box.clear()
        with box:
            if current.can(PLANS_EDIT):
                ui.button('New plan', icon='add',
                          on_click=lambda: _plan_dialog(host, current, patient, None, draw)).mark('new-plan')
            if not rows:
                ui.label('No treatment plans yet.').classes('text-grey-7').mark('no-plans')
            for row in rows:
                _plan_card(host, current, patient, row, draw)

    await draw(actor)


def _plan_card(host: ui.element, actor: Actor, patient: PatientRef, row: plans.PlanRow, redraw: Redraw) -> None:
    with ui.card().classes('w-full min-w-0').props('flat bordered').mark('plan-card'):
        ui.label(f'{plans.SERVICE_LABELS[row.service]} · {plans.TYPE_LABELS[row.plan_type]} · '
                 f'{plans.STATUS_LABELS[row.status]}').classes('text-subtitle1 text-weight-medium')
        ui.label(f'{row.progress(clinic_today())} · {row.start_date:%d %b %Y} to {row.end_date:%d %b %Y}'
                 + (f' · {row.time_slot}' if row.time_slot else '')
                 + (f' · {row.clinician}' if row.clinician else '')).classes('text-body2').mark('plan-progress')
        price = inr(row.package_cost) if row.cost_per_day is None else \
            f'{inr(row.cost_per_day)} a day x {row.days} days'
        discount = f' − {inr(row.discount)} discount' if row.discount else ''
        approved = f' (approved by {row.discount_approved_by})' if row.discount_approved_by else ''
        ui.label(f'{price}{discount}{approved} = {inr(row.total)}').classes('text-body2').mark('plan-total')
        if actor.can(PLANS_EDIT) and row.status is not plans.PlanStatus.COMPLETED:
            with ui.row().classes('gap-2 flex-wrap'):
                ui.button('Edit', icon='edit', on_click=lambda: _plan_dialog(host, actor, patient, row, redraw)) \
                    .props('outline').mark('edit-plan')
                for status in sorted(plans.TRANSITIONS[row.status]):
                    ui.button(f'Mark {plans.STATUS_LABELS[status].lower()}',
                              on_click=lambda _, new=status: _set_status(row, new, redraw)) \
                        .props('outline').mark(f'plan-{status.value}')
        with ui.expansion(f'History ({len(row.revisions)})').classes('w-full').mark('plan-history'):
            for revision in reversed(row.revisions):
                ui.label(f'{clinic_time(revision.changed_at)} · {revision.changed_by or "someone"} · '
                         f'{revision.summary}{_changed(revision.changes)}').classes('text-body2')


def _changed(changes: dict[str, Any]) -> str:
    if not changes or any(isinstance(value, dict) and value.get('before') is None for value in changes.values()):
        return ''  # a new plan: its terms are on the card
    parts = [f'{FIELD_LABELS.get(name, name)} {_value(value.get("before"))} → {_value(value.get("after"))}'
             for name, value in changes.items() if isinstance(value, dict)]
    return f': {", ".join(parts)}' if parts else ''


def _value(value: Any) -> str:
    return '(none)' if value in (None, '') else str(value)


@guarded_action(PLANS_EDIT)
async def _set_status(actor: Actor, row: plans.PlanRow, status: plans.PlanStatus, redraw: Redraw) -> None:
    try:
        await plans.set_status(actor=actor, plan_id=row.id, status=status)
    except DomainError as error:
        ui.notify(error.message, type='negative')
        return
    ui.notify(f'The plan is now {plans.STATUS_LABELS[status].lower()}.', type='positive')
    await redraw(actor)


async def _plan_dialog(host: ui.element, actor: Actor, patient: PatientRef, row: plans.PlanRow | None,
                       redraw: Redraw) -> None:
    """Open the form for a new plan (with the clinic's usual prices) or to edit one."""

    @guarded_action(PLANS_EDIT)
    async def save(current: Actor) -> None:
        dialog.form.clear()
        try:
            details = plans.PlanInput(
                service=inputs['service'].value, plan_type=inputs['plan_type'].value, days=inputs['days'].value,
                cost_per_day=inputs['cost_per_day'].value, package_cost=inputs['package_cost'].value,
                discount=inputs['discount'].value, discount_approved_by=inputs['discount_approved_by'].value,
                approver_password=inputs['approver_password'].value or '',
                start_date=_day(inputs['start_date'].value, 'start_date'),
                end_date=_day(inputs['end_date'].value, 'end_date'), time_slot=inputs['time_slot'].value or '',
                clinician_id=inputs['clinician'].value)
            if row is None:
                await plans.create_plan(actor=current, patient_id=patient.id, details=details)
            else:
                await plans.update_plan(actor=current, plan_id=row.id, details=details)
        except DomainError as error:
            dialog.form.show(error)
            return
        ui.notify('The treatment plan has been saved.', type='positive')
        await redraw(current)
        dialog.close()

    def prefill() -> None:
        """Offer the clinic's usual price and days for the chosen service and type (new plans only)."""
        kind = inputs['plan_type'].value
        package = kind == plans.PlanType.PACKAGE.value
        inputs['cost_per_day'].set_visibility(not package)
        inputs['package_cost'].set_visibility(package)
        if row is not None:
            return
        usual = plans.DEFAULT_PRICES.get((plans.Service(inputs['service'].value), plans.PlanType(kind)))
        if usual:
            per_day, package_cost, days = usual
            inputs['cost_per_day'].value = '' if per_day is None else str(per_day)
            inputs['package_cost'].value = '' if package_cost is None else str(package_cost)
            inputs['days'].value = str(days)

    approvers = {choice.id: choice.name for choice in await plans.discount_approvers(actor=actor)}
    clinicians = {choice.id: choice.name for choice in await plans.clinicians(actor=actor)}
    start = row.start_date if row else clinic_today()
    with host:
        dialog = FormDialog('New treatment plan' if row is None else 'Edit treatment plan', submit_label='Save',
                            on_submit=save,
                            text=f'Discounts above {_limit()}% of the price need a doctor or an admin.')
    inputs: dict[str, Any] = {}
    with dialog.body:
        add = dialog.form.add
        inputs['service'] = add('service', ui.select({s.value: plans.SERVICE_LABELS[s] for s in plans.Service},
                                                     label='Service', value=row.service.value if row else
                                                     plans.Service.PHYSIOTHERAPY.value))
        inputs['plan_type'] = add('plan_type', ui.select({t.value: plans.TYPE_LABELS[t] for t in plans.PlanType},
                                                         label='Type', value=row.plan_type.value if row else
                                                         plans.PlanType.DAILY.value))
        inputs['cost_per_day'] = add('cost_per_day', ui.input('Cost per day (₹)', value=_text(row and
                                                                                             row.cost_per_day)))
        inputs['package_cost'] = add('package_cost', ui.input('Package cost (₹)', value=_text(row and
                                                                                             row.package_cost)))
        inputs['days'] = add('days', ui.input('Number of days', value=str(row.days) if row else ''))
        inputs['discount'] = add('discount', ui.input('Discount (₹)', value=_text(row and row.discount) or '0'))
        inputs['discount_approved_by'] = add('discount_approved_by', ui.select(
            approvers, label='Discount approved by', clearable=True,
            value=row.discount_approved_by_id if row and row.discount_approved_by_id in approvers else None))
        inputs['approver_password'] = add('approver_password', ui.input(
            "Approver's password (for a new or larger discount)", password=True,
            password_toggle_button=True).props('autocomplete=off'))
        inputs['start_date'] = add('start_date', ui.input('Start date', value=start.isoformat()).props('type=date'))
        inputs['end_date'] = add('end_date', ui.input('End date (blank: start + days)',
                                                      value=row.end_date.isoformat() if row else '')
                                 .props('type=date stack-label'))
        inputs['time_slot'] = add('time_slot', ui.input('Time slot, like 10:00-10:45',
                                                        value=row.time_slot if row else ''))
        inputs['clinician'] = add('clinician', ui.select(
            clinicians, label='Clinician', clearable=True,
            value=row.clinician_id if row and row.clinician_id in clinicians else None))
    for name in ('service', 'plan_type'):
        inputs[name].on_value_change(prefill)

    def follow_the_days() -> None:
        """The start and the number of days decide the end date: changing either moves it (it can be set after)."""
        end = _end_of(inputs['start_date'].value, inputs['days'].value)
        if end is not None:
            inputs['end_date'].value = end.isoformat()

    for name in ('start_date', 'days'):
        inputs[name].on_value_change(follow_the_days)

    def ask_for_the_approver() -> None:
        """A colleague named as approver confirms with their password; approving one's own needs nothing."""
        chosen = inputs['discount_approved_by'].value
        inputs['approver_password'].set_visibility(chosen is not None and chosen != actor.user_id)

    def approver_changed() -> None:
        inputs['approver_password'].value = ''
        ask_for_the_approver()

    inputs['discount_approved_by'].on_value_change(approver_changed)
    ask_for_the_approver()
    prefill()
    fill_width(dialog)


def _limit() -> int:
    return get_settings().discount_limit_percent


def _text(value: Any) -> str:
    return '' if value in (None, False) else f'{value:f}'


def _end_of(start: str | None, days: str | None) -> date | None:
    """The last day of a plan of `days` days from `start`, or None while either is not a real value yet."""
    try:
        first, count = date.fromisoformat(start or ''), int(str(days or '').strip())
    except ValueError:
        return None
    return first + timedelta(days=count - 1) if 1 <= count <= 1000 else None


def _day(value: str | None, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed({field: 'Enter a date like 2025-03-05.'}) from None
