"""Reception's home page: today at the desk at a glance, with the three things the desk does most one tap away.

Tiles count today's appointments by where they stand, today's collections and what waits to be done
(reminders to send, inquiries to call back); the lists show the first few of each (the whole list is
one tap away). It follows the branch live: an arrival, a booking, a payment or an inquiry anywhere
draws it again (`on_change`, debounced, not audited again).
"""

from __future__ import annotations

from decimal import Decimal

from nicegui import ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import DomainError, ValidationFailed
from app.money import format_money
from app.services import appointments, desk_day, payments
from app.services.appointments import AppointmentRow
from app.services.desk_day import DeskDay
from app.services.inquiries import KIND_LABELS
from app.services.payments import MODE_LABELS
from app.wording import counted
from components.actions import guarded_action
from components.appointment_dialogs import open_booking
from components.billing_dialogs import payment_dialog
from components.dialogs import FormDialog
from components.live import RedrawnUnaudited, on_change
from components.patient_picker import PatientPicker
from components.short_list import ShortList, ShortRow, status_of
from components.tile_grid import Tile, TileGrid
from components.when import clinic_date, clinic_time
from models.scheduling import AppointmentStatus

FOLLOWED = [EntityType.APPOINTMENT, EntityType.PAYMENT, EntityType.INVOICE, EntityType.INQUIRY]


class DeskDashboard(RedrawnUnaudited):
    """Quick actions, today's tiles and the desk's short lists for the branch the receptionist works in."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.shown: DeskDay | None = None
        with ui.row().classes('w-full gap-2').mark('quick-actions'):
            if actor.can(Permission.INQUIRIES_EDIT):
                ui.button('New inquiry', icon='add_call', on_click=lambda: ui.navigate.to('/inquiries?new=quick')) \
                    .mark('quick-inquiry')
            if actor.can(Permission.SCHEDULE_EDIT):
                ui.button('Book', icon='event_available', on_click=self._book).mark('quick-book')
            if actor.can(Permission.BILLING_CREATE):
                ui.button('Take payment', icon='payments', on_click=self._choose_payer).mark('quick-payment')
            ui.button('Today at the desk', icon='today', on_click=lambda: ui.navigate.to('/today')) \
                .props('outline').mark('quick-today')
        self.body = ui.column().classes('w-full gap-3').mark('desk-day')
        on_change(FOLLOWED, self.follow, permission=Permission.SCHEDULE_VIEW, branch_id=actor.branch_id)


    async def redraw(self, actor: Actor) -> None:
        self.actor = actor
        try:
            day = await desk_day.desk_day(actor=actor, audited=self.audited)
        except DomainError as refused:
            ui.notify(refused.message, type='negative')
            return
        self.shown = day
        self.body.clear()
        with self.body:
            ui.label(f'{day.branch_name}, {clinic_date(day.day)}').classes('text-subtitle1 text-grey-8') \
                .mark('desk-date')
            _tiles(day)
            with ui.element('div').classes('w-full grid gap-3 items-start') \
                    .style('grid-template-columns: repeat(auto-fit, minmax(min(100%, 24rem), 1fr))'):
                _visits('Waiting now', 'waiting', day.waiting, total=day.count(AppointmentStatus.ARRIVED),
                        empty='Nobody is waiting.', arrived=True)
                _visits('Next up', 'next-up', day.next_up, total=day.count(*desk_day.EXPECTED),
                        empty='No one else is booked today.')
                if day.collected_by_mode is not None:
                    _collections(day)
                    self._dues(day)
                if day.inquiries_today is not None:
                    _inquiries(day)

    # -- parts that act ------------------------------------------------------------------------------

    def _dues(self, day: DeskDay) -> None:
        with _card('Dues of patients coming today', 'dues-today'):
            if not day.dues:
                ui.label('No patient coming today owes anything.').classes('text-grey-7')
                return
            ui.label(f'{counted(day.dues_patients, "patient")} owe {format_money(day.dues_total)}') \
                .classes('text-caption text-grey-8').mark('dues-summary')
            takes = self.actor.can(Permission.BILLING_CREATE)
            owed = {due.patient_uid: due.due for due in day.dues}
            ShortList([ShortRow(key=due.patient_uid, title=due.patient_name,
                                href=f'/patients/{due.patient_uid}?part=billing',
                                caption=f'{due.patient_uid} · comes at {due.first_visit:%H:%M}',
                                side=format_money(due.due), side_class='text-weight-medium text-negative',
                                tap='Take payment' if takes else '') for due in day.dues],
                      on_tap=lambda uid: self._take(uid, owed[uid])).mark('dues')
            if day.dues_patients > len(day.dues):
                ui.link('All outstanding dues', '/billing').classes('text-body2')

    def _take(self, patient_uid: str, due: Decimal) -> None:
        payment_dialog(patient_uid=patient_uid, invoice=None, due=due, then=self.redraw)

    async def _choose_payer(self) -> None:
        @guarded_action(Permission.BILLING_CREATE)
        async def chosen(current: Actor) -> None:
            if picker.chosen is None:
                dialog.form.show(ValidationFailed({'patient': 'Find the patient who is paying.'}))
                return
            try:
                owed = await payments.ledger(actor=current, patient_uid=picker.chosen.uid)
            except DomainError as refused:
                ui.notify(refused.message, type='negative')
                return
            self._take(picker.chosen.uid, owed.due)  # drawn before this dialog, and its slot, is gone
            dialog.close()

        dialog = FormDialog('Take a payment', submit_label='Next', on_submit=chosen, text='Who is paying?')
        with dialog.body:
            picker = PatientPicker()
            dialog.form.add('patient', picker.input)

    @guarded_action(Permission.SCHEDULE_EDIT)
    async def _book(self, current: Actor) -> None:
        if self.shown is None:
            return
        clinicians = await appointments.bookable_clinicians(actor=current, branch_id=self.shown.branch_id)
        await open_booking(clinicians=clinicians, branch_id=self.shown.branch_id, day=self.shown.day,
                           start_minute=None, clinician_id=None, minutes=self.shown.slot_minutes,
                           then=lambda: self.redraw(self.actor))


def _tiles(day: DeskDay) -> None:
    tiles = [
        Tile(key='waiting', label='Waiting', value=str(day.count(AppointmentStatus.ARRIVED)),
             note='arrived, not yet seen', href='/today'),
        Tile(key='to-come', label='Still to come', value=str(day.count(*desk_day.EXPECTED)),
             note='booked or confirmed', href='/today'),
        Tile(key='in-session', label='In session', value=str(day.count(AppointmentStatus.IN_SESSION)), href='/today'),
        Tile(key='done', label='Done', value=str(day.count(AppointmentStatus.COMPLETED)),
             note=counted(day.count(AppointmentStatus.NO_SHOW), 'no-show'), href='/today'),
        Tile(key='reminders', label='Reminders to send', value=str(day.reminders_unsent),
             note=f'of {counted(day.reminders_total, "appointment")} tomorrow', href='/reminders')]
    if day.inquiries_today is not None:
        tiles.append(Tile(key='inquiries', label='New inquiries', value=str(day.inquiries_today),
                          note=f'{counted(day.online_pending or 0, "online request")} waiting', href='/inquiries'))
    if day.collected_by_mode is not None:
        tiles.append(Tile(key='collected', label='Collected today', value=format_money(day.collected),
                          note='less refunds', href='/billing/closing'))
    TileGrid(tiles).mark('desk-tiles')


def _card(title: str, marker: str) -> ui.card:
    card = ui.card().props('flat bordered').classes('min-w-0 gap-1').mark(marker)
    with card:
        ui.label(title).classes('text-subtitle1 text-weight-medium')
    return card


def _visits(title: str, marker: str, rows: tuple[AppointmentRow, ...], *, total: int, empty: str,
            arrived: bool = False) -> None:
    with _card(f'{title} ({total})', marker):
        if not rows:
            ui.label(empty).classes('text-grey-7')
            return
        ShortList([ShortRow(key=row.patient_uid, lead=f'{row.starts:%H:%M}', title=row.patient_name,
                            href=f'/patients/{row.patient_uid}',
                            caption=' · '.join(part for part in (row.clinician, row.session_text,
                                                                 row.token if arrived else '') if part),
                            **status_of(row.status)) for row in rows]).mark(f'{marker}-items')
        if total > len(rows):
            ui.link(f'All {total} on the day\'s list', '/today').classes('text-body2')


def _collections(day: DeskDay) -> None:
    with _card('Today\'s collections', 'collections-today'):
        collected = {mode: amount for mode, amount in (day.collected_by_mode or {}).items() if amount}
        if not collected:
            ui.label('Nothing collected yet today.').classes('text-grey-7')
            return
        rows = [ShortRow(key=mode.value, title=MODE_LABELS[mode], side=format_money(amount), side_class='text-body1')
                for mode, amount in collected.items()]
        rows.append(ShortRow(key='total', title='Total', side=format_money(day.collected),
                             side_class='text-body1 text-weight-medium', strong=True))
        ShortList(rows, separator=False).mark('collected')


def _inquiries(day: DeskDay) -> None:
    with _card('New inquiries and online requests', 'new-inquiries'):
        if not day.inquiries:
            ui.label('No new inquiry today and no online request waiting.').classes('text-grey-7')
            return
        ShortList([ShortRow(key=str(index), title=row.full_name, caption=f'{KIND_LABELS[row.kind]} · '
                            f'{clinic_time(row.created)}' + (f' · wants {clinic_date(row.visit_day)}'
                                                             if row.visit_day else ''))
                   for index, row in enumerate(day.inquiries)]).mark('new-inquiries-items')
        ui.link('Open the inquiries', '/inquiries').classes('text-body2')
