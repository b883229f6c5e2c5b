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
from components.live import RedrawnUnaudited, on_change
from components.short_list import ShortList, ShortRow, status_of
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
        ShortList([ShortRow(key=str(row.id), lead=f'{row.starts:%H:%M}', title=row.patient_name,
                            href=f'/patients/{row.patient_uid}',
                            caption=' · '.join(part for part in (SERVICE_LABELS[row.service], row.session_text,
                                                                 f'{row.minutes} min') if part),
                            **status_of(row.status)) for row in day.appointments]).mark('my-appointment-items')
        if day.more_appointments:
            ui.link('More in the calendar', f'/calendar?day={day.day.isoformat()}').classes('text-body2')


def _reviews(day: ClinicianDay) -> None:
    with ui.card().props('flat bordered').classes('min-w-0 gap-1').mark('due-for-review'):
        ui.label(f'My patients due for review ({day.reviews})').classes('text-subtitle1 text-weight-medium')
        if not day.due_for_review:
            ui.label('None of your patients on an active plan is due for review.').classes('text-grey-7')
            return
        ShortList([ShortRow(key=review.patient_uid, title=review.patient_name,
                            href=f'/patients/{review.patient_uid}?part=plans',
                            caption=f'{review.patient_uid} · {review.plan}', reasons=tuple(review.reasons))
                   for review in day.due_for_review]).mark('reviews')
        if day.reviews > len(day.due_for_review):
            ui.label(f'and {counted(day.reviews - len(day.due_for_review), "more patient")}, the ones with '
                     'fewer reasons.').classes('text-caption text-grey-7')
