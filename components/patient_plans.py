"""The "Treatment plans" section: each plan with its progress, price and history; forms for `plans.edit`.

A role that sees no money (junior doctors) gets the plans without prices, and a form without the price,
discount and approver fields: the service prices what they write.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import clinic_today
from app.config import get_settings
from app.dates import parse_date
from app.errors import DomainError
from app.money import format_money
from app.services import appointments
from app.services import treatment_plans as plans
from app.services.paging import Page
from app.services.patient_lookup import PatientRef
from app.services.session_time import SESSION_LENGTHS, clock_text
from app.services.vocabulary import SERVICE_LABELS
from components.card_pager import CardPager
from components.date_input import DateInput
from components.dialogs import FormDialog, fill_width
from components.guard import guarded_action
from components.money_input import MoneyInput
from components.patient_sections import patient_section
from components.series_dialog import open_series
from components.when import clinic_date, clinic_time

Redraw = Callable[[Actor], Awaitable[None]]
PLANS_PER_PAGE = 5  # each plan is a card with its buttons and history
FIELD_LABELS = {'service': 'service', 'plan_type': 'type', 'cost_per_day': 'cost per day',
                'package_cost': 'package cost', 'days': 'days', 'discount': 'discount',
                'discount_approved_by_id': 'discount approved by', 'total': 'total', 'start_date': 'start',
                'end_date': 'end', 'session_start_minute': 'session start', 'session_minutes': 'session length',
                'clinician_id': 'clinician', 'status': 'status'}
_AMOUNTS = {'cost_per_day', 'package_cost', 'discount', 'total'}  # shown in a revision as ₹...
_DATES = {'start_date', 'end_date'}
_UNPRICED_NEW = "The plan is priced at the clinic's usual rate; a doctor can change it, the desk can discount the bill."
_UNPRICED_EDIT = 'The plan keeps its price; a doctor can change it.'


@patient_section('plans', title='Treatment plans', permission=Permission.PLANS_VIEW, order=800,
                 icon='calendar_month', tab='Plans')
async def plans_section(actor: Actor, patient: PatientRef) -> None:
    host = ui.element('div')  # dialogs live here, outside what a redraw clears

    async def read(current: Actor, page: int, per_page: int) -> Page[plans.PlanRow]:
        return await plans.list_plans(actor=current, patient_id=patient.id, page=page, per_page=per_page)

    async def draw(current: Actor) -> None:
        await listing.refresh(current)

    if actor.can(Permission.PLANS_EDIT):
        ui.button('New plan', icon='add', on_click=lambda: _plan_dialog(host, actor, patient, None, draw)) \
            .mark('new-plan')
    listing = CardPager(read=read, draw=lambda current, row: _plan_card(host, current, patient, row, draw),
                        permission=Permission.PLANS_VIEW, per_page=PLANS_PER_PAGE, empty='No treatment plans yet.')
    listing.box.classes('gap-3 min-w-0').mark('plans')
    await draw(actor)


def _lengths(row: plans.PlanRow | None) -> list[int]:
    """The session lengths offered: the usual ones, and the plan's own if it is another."""
    own = row.session_minutes if row else None
    return sorted({*SESSION_LENGTHS, *([own] if own else [])})


def _plan_card(host: ui.element, actor: Actor, patient: PatientRef, row: plans.PlanRow, redraw: Redraw) -> None:
    with ui.card().classes('w-full min-w-0').props('flat bordered').mark('plan-card'):
        ui.label(f'{SERVICE_LABELS[row.service]} · {plans.TYPE_LABELS[row.plan_type]} · '
                 f'{plans.STATUS_LABELS[row.status]}').classes('text-subtitle1 text-weight-medium')
        ui.label(f'{row.progress(clinic_today())} · {clinic_date(row.start_date)} to {clinic_date(row.end_date)}'
                 + (f' · {row.session_time}' if row.session_time else '')
                 + (f' · {row.clinician}' if row.clinician else '')).classes('text-body2').mark('plan-progress')
        if row.total is not None:
            price = format_money(row.package_cost or 0) if row.cost_per_day is None else \
                f'{format_money(row.cost_per_day)} a day x {row.days} days'
            discount = f' − {format_money(row.discount)} discount' if row.discount else ''
            approved = f' (approved by {row.discount_approved_by})' if row.discount_approved_by else ''
            ui.label(f'{price}{discount}{approved} = {format_money(row.total)}').classes('text-body2') \
                .mark('plan-total')
        if actor.can(Permission.PLANS_EDIT) and row.status is not plans.PlanStatus.COMPLETED:
            with ui.row().classes('gap-2 flex-wrap'):
                ui.button('Edit', icon='edit', on_click=lambda: _plan_dialog(host, actor, patient, row, redraw)) \
                    .props('outline').mark('edit-plan')
                for status in sorted(plans.TRANSITIONS[row.status]):
                    ui.button(f'Mark {plans.STATUS_LABELS[status].lower()}',
                              on_click=lambda _, new=status: _set_status(row, new, redraw)) \
                        .props('outline').mark(f'plan-{status.value}')
        if row.status is plans.PlanStatus.ACTIVE and (actor.can(Permission.SCHEDULE_EDIT) or
                                                      actor.can(Permission.SCHEDULE_OWN)):
            ui.button('Book sessions', icon='event_repeat', on_click=lambda: _book_sessions(row, patient, redraw)) \
                .props('outline').mark('book-sessions')
        with ui.expansion(f'History ({len(row.revisions)})').classes('w-full').mark('plan-history'):
            for revision in reversed(row.revisions):
                ui.label(f'{clinic_time(revision.changed_at)} · {revision.changed_by or "someone"} · '
                         f'{revision.summary}{_changed(revision)}').classes('text-body2')


def _changed(revision: plans.RevisionRow) -> str:
    changes = revision.changes
    if not changes or revision.summary == plans.CREATED:
        return ''  # a new plan: its terms are on the card
    parts = [f'{FIELD_LABELS.get(name, name)} {_value(name, value.get("before"))} → '
             f'{_value(name, value.get("after"))}' for name, value in changes.items() if isinstance(value, dict)]
    return f': {", ".join(parts)}' if parts else ''


def _value(name: str, value: Any) -> str:
    """A changed value as the card shows it: amounts as ₹1,20,000.00, days as 05 Dec 2026."""
    if value in (None, ''):
        return '(none)'
    try:
        if name in _AMOUNTS:
            return format_money(Decimal(str(value)))
        if name in _DATES:
            return clinic_date(date.fromisoformat(str(value)))
        if name == 'session_start_minute':
            return clock_text(int(value))
        if name == 'session_minutes':
            return f'{int(value)} min'
    except (ArithmeticError, ValueError):
        pass  # an older revision's odd value is shown as it was stored
    return str(value)


@guarded_action(Permission.SCHEDULE_VIEW)
async def _book_sessions(actor: Actor, row: plans.PlanRow, patient: PatientRef, redraw: Redraw) -> None:
    clinicians = await appointments.bookable_clinicians(actor=actor)
    open_series(plan=row, patient_id=patient.id, clinicians=clinicians, redraw=lambda: redraw(actor))


@guarded_action(Permission.PLANS_EDIT)
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

    money = actor.sees_money

    def typed(name: str) -> Any:
        """What a field holds; None for the money fields a role that sees no money is not shown."""
        return inputs[name].value if name in inputs else None

    @guarded_action(Permission.PLANS_EDIT)
    async def save(current: Actor) -> None:
        def change() -> Awaitable[plans.PlanRow]:
            details = plans.PlanInput(  # the date fields refuse a date that is no date here, beside themselves
                service=inputs['service'].value, plan_type=inputs['plan_type'].value, days=inputs['days'].value,
                cost_per_day=typed('cost_per_day'), package_cost=typed('package_cost'),
                discount=typed('discount') or 0, discount_approved_by=typed('discount_approved_by'),
                approver_password=typed('approver_password') or '',
                start_date=inputs['start_date'].date, end_date=inputs['end_date'].date,
                session_start=inputs['session_start'].value or '', session_minutes=inputs['session_minutes'].value,
                clinician_id=inputs['clinician'].value)
            if row is None:
                return plans.create_plan(actor=current, patient_id=patient.id, details=details)
            return plans.update_plan(actor=current, plan_id=row.id, details=details)

        await dialog.attempt(change, done='The treatment plan has been saved.', then=lambda _: redraw(current))

    def prefill() -> None:
        """Offer the clinic's usual price and days for the chosen service and type (new plans only)."""
        kind = inputs['plan_type'].value
        package = kind == plans.PlanType.PACKAGE.value
        if money:
            inputs['cost_per_day'].set_visibility(not package)
            inputs['package_cost'].set_visibility(package)
        if row is not None:
            return
        usual = plans.DEFAULT_PRICES.get((plans.Service(inputs['service'].value), plans.PlanType(kind)))
        if usual:
            per_day, package_cost, days = usual
            if money:
                inputs['cost_per_day'].amount = per_day
                inputs['package_cost'].amount = package_cost
            inputs['days'].value = str(days)

    approvers = {choice.id: choice.name for choice in await plans.discount_approvers(actor=actor)} if money else {}
    clinicians = {choice.id: choice.name for choice in await plans.clinicians(
        actor=actor, branch_id=row.branch_id if row else None)}
    start = row.start_date if row else clinic_today()
    with host:
        dialog = FormDialog('New treatment plan' if row is None else 'Edit treatment plan', submit_label='Save',
                            on_submit=save,
                            text=f'Discounts above {_limit()}% of the price need a doctor or an admin.' if money else
                            _UNPRICED_NEW if row is None else _UNPRICED_EDIT)
    inputs: dict[str, Any] = {}
    with dialog.body:
        add = dialog.form.add
        inputs['service'] = add('service', ui.select({s.value: SERVICE_LABELS[s] for s in plans.Service},
                                                     label='Service', value=row.service.value if row else
                                                     plans.Service.PHYSIOTHERAPY.value))
        inputs['plan_type'] = add('plan_type', ui.select({t.value: plans.TYPE_LABELS[t] for t in plans.PlanType},
                                                         label='Type', value=row.plan_type.value if row else
                                                         plans.PlanType.DAILY.value))
        if money:
            inputs['cost_per_day'] = add('cost_per_day', MoneyInput('Cost per day', value=row and row.cost_per_day))
            inputs['package_cost'] = add('package_cost', MoneyInput('Package cost', value=row and row.package_cost))
        inputs['days'] = add('days', ui.input('Number of days', value=str(row.days) if row else ''))
        if money:
            inputs['discount'] = add('discount', MoneyInput('Discount', value=row.discount if row else 0))
            inputs['discount_approved_by'] = add('discount_approved_by', ui.select(
                approvers, label='Discount approved by', clearable=True,
                value=row.discount_approved_by_id if row and row.discount_approved_by_id in approvers else None))
            inputs['approver_password'] = add('approver_password', ui.input(
                "Approver's password (for a new or larger discount)", password=True,
                password_toggle_button=True).props('autocomplete=off'))
        inputs['start_date'] = add('start_date', DateInput('Start date', value=start))
        inputs['end_date'] = add('end_date', DateInput('End date (blank: start + days)',
                                                       value=row.end_date if row else None))
        with ui.row().classes('w-full gap-2 no-wrap items-start'):
            start_text = clock_text(row.session_start_minute) if row and row.session_start_minute is not None else ''
            inputs['session_start'] = add('session_start', ui.input(
                'Sessions start at', value=start_text, placeholder='10:00').props('inputmode=numeric hide-bottom-space')
                .classes('grow'))
            inputs['session_minutes'] = add('session_minutes', ui.select(
                {minutes: f'{minutes} min' for minutes in _lengths(row)}, label='Each lasts', clearable=True,
                value=row.session_minutes if row else None).classes('grow').props('hide-bottom-space'))
        inputs['clinician'] = add('clinician', ui.select(
            clinicians, label='Clinician', clearable=True,
            value=row.clinician_id if row and row.clinician_id in clinicians else None))
    for name in ('service', 'plan_type'):
        inputs[name].on_value_change(prefill)

    def follow_the_days() -> None:
        """The start and the number of days decide the end date: changing either moves it (it can be set after)."""
        end = _end_of(inputs['start_date'].value, inputs['days'].value)
        if end is not None:
            inputs['end_date'].date = end

    for name in ('start_date', 'days'):
        inputs[name].on_value_change(follow_the_days)

    def ask_for_the_approver() -> None:
        """A colleague named as approver confirms with their password; approving one's own needs nothing."""
        chosen = inputs['discount_approved_by'].value
        inputs['approver_password'].set_visibility(chosen is not None and chosen != actor.user_id)

    def approver_changed() -> None:
        inputs['approver_password'].value = ''
        ask_for_the_approver()

    if money:
        inputs['discount_approved_by'].on_value_change(approver_changed)
        ask_for_the_approver()
    prefill()
    fill_width(dialog)


def _limit() -> int:
    return get_settings().discount_limit_percent


def _end_of(start: str | None, days: str | None) -> date | None:
    """The last day of a plan of `days` days from `start`, or None while either is not a real value yet."""
    try:
        first, count = parse_date(start), int(str(days or '').strip())
    except ValueError:
        return None
    return first + timedelta(days=count - 1) if first and 1 <= count <= 1000 else None
