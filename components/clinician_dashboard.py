"""The home page of doctors and junior doctors: my appointments today and my patients due for review.

The notes awaiting the clinician's signature or co-signature are `waiting_notes`, drawn beside it
by the home page. It follows the branch's appointments, plans and scores live (not audited again).
"""

from __future__ import annotations

from nicegui import ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import DomainError
from app.services import clinician_day
from app.services.clinician_day import ClinicianDay
from app.services.vocabulary import SERVICE_LABELS
from app.wording import counted
from components.calendar_screen import status_badge
from components.live import RedrawnUnaudited, on_change
from components.when import clinic_date

FOLLOWED = [EntityType.APPOINTMENT, EntityType.TREATMENT_PLAN, EntityType.OUTCOME]


class ClinicianDashboard(RedrawnUnaudited):
    def __init__(self, actor: Actor) -> None:
        self.body = ui.element('div').classes('w-full grid gap-3 items-start') \
            .style('grid-template-columns: repeat(auto-fit, minmax(min(100%, 24rem), 1fr))').mark('clinician-day')
        on_change(FOLLOWED, self.follow, permission=Permission.SCHEDULE_OWN, branch_id=actor.branch_id)


    async def redraw(self, actor: Actor) -> None:
        try:
            day = await clinician_day.clinician_day(actor=actor, audited=self.audited)
        except DomainError as refused:
            ui.notify(refused.message, type='negative')
            return
        self.body.clear()
        with self.body:
            _appointments(day)
            if actor.can(Permission.PLANS_VIEW):
                _reviews(day)


def _appointments(day: ClinicianDay) -> None:
    with ui.card().props('flat bordered').classes('min-w-0 gap-1').mark('my-appointments'):
        with ui.row().classes('w-full items-center no-wrap'):
            ui.label(f'My appointments, {clinic_date(day.day)} ({len(day.appointments)})') \
                .classes('text-subtitle1 text-weight-medium')
            ui.space()
            ui.link('Calendar', f'/calendar?day={day.day.isoformat()}').classes('text-body2')
        if not day.appointments:
            ui.label('You have no appointments today.').classes('text-grey-7')
            return
        with ui.list().props('separator dense').classes('w-full'):
            for row in day.appointments:
                with ui.item().classes('q-px-none').mark('my-appointment'):
                    with ui.item_section().props('side').style('min-width: 3.5rem'):
                        ui.label(f'{row.starts:%H:%M}').classes('text-body1 text-weight-medium')
                    with ui.item_section():
                        ui.link(row.patient_name, f'/patients/{row.patient_uid}').classes('text-body1')
                        details = [SERVICE_LABELS[row.service], row.session_text, f'{row.minutes} min']
                        ui.item_label(' · '.join(part for part in details if part)).props('caption')
                    with ui.item_section().props('side'):
                        status_badge(row.status)
        if day.more_appointments:
            ui.link('More in the calendar', f'/calendar?day={day.day.isoformat()}').classes('text-body2')


def _reviews(day: ClinicianDay) -> None:
    with ui.card().props('flat bordered').classes('min-w-0 gap-1').mark('due-for-review'):
        ui.label(f'My patients due for review ({day.reviews})').classes('text-subtitle1 text-weight-medium')
        if not day.due_for_review:
            ui.label('None of your patients on an active plan is due for review.').classes('text-grey-7')
            return
        with ui.list().props('separator dense').classes('w-full'):
            for review in day.due_for_review:
                with ui.item().classes('q-px-none').mark(f'review {review.patient_uid}'), ui.item_section():
                    ui.link(review.patient_name, f'/patients/{review.patient_uid}?part=plans') \
                        .classes('text-body1')
                    ui.item_label(f'{review.patient_uid} · {review.plan}').props('caption')
                    with ui.row().classes('gap-1'):
                        for reason in review.reasons:
                            ui.badge(reason).props('outline color=deep-orange-9').classes('q-px-sm') \
                                .mark('review-reason')
        if day.reviews > len(day.due_for_review):
            ui.label(f'and {counted(day.reviews - len(day.due_for_review), "more patient")}, the ones with '
                     'fewer reasons.').classes('text-caption text-grey-7')
