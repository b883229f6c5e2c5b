"""The day at the desk: today's appointments in order, each with one-tap Arrived, In session, Done and No-show.

Marking a patient arrived gives the visit its token (printable on an 80 mm receipt printer) and
counts toward the plan's "day X of N". The list follows any change to an appointment of the branch,
so two desks and the clinicians' tablets agree. It follows by the visit: a card whose appointment
shows the same is kept and only moved into place, so a change at another desk rebuilds one card, not
the day (the load bench found whole-day redraws of every open desk a quarter of a busy server's time).
A busy day is shown a page of visits at a time (`VISITS_PER_PAGE`), opening on the page of the first
visit still to be seen, so the page's size does not grow with the day's (a card is one element,
`components.visit_card`).
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from nicegui import ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.dates import shown_date
from app.errors import DomainError
from app.services import appointments
from app.services.appointments import STATUS_LABELS, AppointmentRow, may_change
from app.services.vocabulary import SERVICE_LABELS
from app.wording import counted
from components.actions import current_actor
from components.appointment_dialogs import status_step
from components.calendar_screen import NO_COLOUR, STATUS_COLOURS
from components.dialogs import FormDialog, fill_width
from components.live import on_change
from components.visit_card import REMARKS, VisitCard, VisitFace, VisitTap
from models.accounts import Role
from models.scheduling import AppointmentStatus

# The desk's one-tap actions, in the order of a visit (the dialog in the calendar has the rest).
DESK_STATUSES = (AppointmentStatus.ARRIVED, AppointmentStatus.IN_SESSION, AppointmentStatus.COMPLETED,
                 AppointmentStatus.NO_SHOW)
VISITS_PER_PAGE = 10
# a visit the desk still has to act on: the day opens on the page of the first of them
OPEN_STATUSES = (AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED, AppointmentStatus.ARRIVED,
                 AppointmentStatus.IN_SESSION)


class TodayScreen:
    """Today's list for one branch; a junior doctor sees their own visits first (all with the switch)."""

    def __init__(self, actor: Actor, *, day: date) -> None:
        self.actor = actor
        self.day = day
        self.only_mine = actor.role in (Role.DOCTOR, Role.JRDOCTOR)
        self.page: int | None = None  # None: the page of the first visit still to be seen
        with ui.row().classes('w-full items-center gap-2'):
            ui.label(shown_date(day)).classes('text-h6').mark('today-date')
            ui.space()
            if actor.can(Permission.SCHEDULE_OWN):
                ui.switch('Only my patients', value=self.only_mine, on_change=self._mine).mark('only-mine')
            ui.button('Calendar', icon='calendar_month',
                      on_click=lambda: ui.navigate.to(f'/calendar?day={day.isoformat()}')).props('flat')
        self.summary = ui.label().classes('text-body2 text-grey-8').mark('today-summary')
        self.empty = ui.label('No appointments today.').classes('text-body1')
        self.empty.set_visibility(False)
        self.pager = ui.pagination(1, 1, direction_links=True, on_change=lambda event: self._turn(event.value)) \
            .props('boundary-links max-pages=7').mark('today-pages')
        self.pager.set_visibility(False)
        self.list = ui.column().classes('w-full gap-2')
        self.cards: dict[UUID, tuple[AppointmentRow, bool, VisitCard]] = {}  # what each drawn card shows
        on_change([EntityType.APPOINTMENT], self.follow, permission=Permission.SCHEDULE_VIEW)

    async def follow(self, actor: Actor) -> None:
        """A change elsewhere: the same day again, not audited again (the opening of the day stands)."""
        await self.redraw(actor, audited=False)

    async def redraw(self, actor: Actor, *, audited: bool = True) -> None:
        self.actor = actor
        try:
            shown = await appointments.calendar_range(actor=actor, first_day=self.day, last_day=self.day,
                                                      clinician_id=actor.user_id if self.only_mine else None,
                                                      audited=audited)
        except DomainError as refused:
            ui.notify(refused.message, type='negative')
            return
        day = shown.appointments
        waiting = sum(row.status is AppointmentStatus.ARRIVED for row in day)
        done = sum(row.status is AppointmentStatus.COMPLETED for row in day)
        pages = max(1, -(-len(day) // VISITS_PER_PAGE))
        if self.page is None:
            first_open = next((index for index, row in enumerate(day) if row.status in OPEN_STATUSES), 0)
            self.page = first_open // VISITS_PER_PAGE + 1
        self.page = min(self.page, pages)
        start = (self.page - 1) * VISITS_PER_PAGE
        rows = day[start:start + VISITS_PER_PAGE]
        shown_part = f' · showing {start + 1}-{start + len(rows)}' if pages > 1 else ''
        self.summary.set_text(f'{counted(len(day), "appointment")} · {waiting} waiting · {done} done{shown_part}')
        self.empty.set_visibility(not day)
        self.pager.max = pages
        self.pager.value = self.page
        self.pager.set_visibility(pages > 1)
        drawn, self.cards = self.cards, {}
        for index, row in enumerate(rows):
            changeable = may_change(self.actor, row.clinician_id)
            before = drawn.pop(row.id, None)
            if before is not None and before[:2] == (row, changeable):
                card = before[2]
            else:
                if before is not None:
                    before[2].delete()
                with self.list:
                    card = self._visit(row, changeable=changeable)
            if self.list.default_slot.children.index(card) != index:
                card.move(target_index=index)
            self.cards[row.id] = (row, changeable, card)
        for _, _, gone in drawn.values():
            gone.delete()

    def _visit(self, row: AppointmentRow, *, changeable: bool) -> VisitCard:
        taps = tuple(VisitTap(key=new.value, label=label, outlined=outlined)
                     for new in DESK_STATUSES if changeable and new in appointments.NEXT_STATUSES[row.status]
                     for label, outlined in [status_step(row.status, new)])
        details = [row.clinician, SERVICE_LABELS[row.service], row.session_text]
        printable = changeable and bool(row.token)
        card = VisitCard(VisitFace(
            time=f'{row.starts:%H:%M}', minutes=f'{row.minutes} min', name=row.patient_name,
            href=f'/patients/{row.patient_uid}', line=f'{row.patient_uid} · {row.patient_phone}',
            details=' · '.join(part for part in details if part), status=STATUS_LABELS[row.status],
            colour=STATUS_COLOURS.get(row.status, NO_COLOUR), token=row.token or '', taps=taps,
            remarks='Remarks' if changeable else '', print_label='Token' if printable else '',
            print_link=f'/token/{row.id}' if printable else ''))
        card.on('act', lambda event, row=row, card=card: self._act(row, card, event.args))
        return card.mark(f'visit {row.patient_uid}')

    async def _act(self, row: AppointmentRow, card: VisitCard, key: object) -> None:
        """A tap on a card: only one the card offered is acted on (the service checks the permission again)."""
        if not isinstance(key, str) or key not in card.offered:
            return
        if key == REMARKS:
            await self._remarks(row)
        else:
            await self._mark(row, AppointmentStatus(key))

    async def _mark(self, row: AppointmentRow, status: AppointmentStatus) -> None:
        try:
            marked = await appointments.set_status(actor=await current_actor(Permission.SCHEDULE_VIEW),
                                                   appointment_id=row.id, status=status)
        except DomainError as refused:
            ui.notify(refused.message, type='negative')
            return
        ui.notify(f'{marked.patient_name}: {STATUS_LABELS[marked.status].lower()}'
                  + (f', token {marked.token}.' if status is AppointmentStatus.ARRIVED and marked.token else '.'),
                  type='positive')
        await self.redraw(self.actor)

    async def _remarks(self, row: AppointmentRow) -> None:
        details = await appointments.appointment_details(actor=await current_actor(Permission.SCHEDULE_VIEW),
                                                         appointment_id=row.id)

        async def save() -> None:
            async def change() -> AppointmentRow:
                return await appointments.set_remarks(actor=await current_actor(Permission.SCHEDULE_VIEW),
                                                      appointment_id=row.id, remarks=text.value or '')

            await dialog.attempt(change, done='Remarks saved.', then=lambda _: self.redraw(self.actor))

        dialog = FormDialog(f'Remarks: {row.patient_name}', submit_label='Save', on_submit=save)
        with dialog.body:
            text = dialog.form.add('remarks', ui.textarea('How the patient came, what the clinician should know',
                                                          value=details.remarks).props('autogrow'))
        fill_width(dialog)

    async def _turn(self, page: int) -> None:
        if page == self.page:
            return  # the redraw itself setting the pager
        self.page = page
        await self.redraw(await current_actor(Permission.SCHEDULE_VIEW), audited=False)

    async def _mine(self, event: object) -> None:
        self.only_mine = bool(getattr(event, 'value', False))
        self.page = None
        await self.redraw(await current_actor(Permission.SCHEDULE_VIEW))
