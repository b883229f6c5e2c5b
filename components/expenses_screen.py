"""The expenses screen (`/expenses`): today's budget, the branch's vouchers, a new voucher, and an admin's decisions.

The desk enters a voucher (with a photo of the bill when there is one) and sees, as the amount
is typed, what the day's budget would have left. Tapping a voucher opens it: every field, the
amount in words, the bill, and for admins Approve, Reject (with the reason) and Mark paid. The
screen refreshes itself when a voucher or the budget changes at another desk.
"""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any
from uuid import UUID

from nicegui import events, ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.errors import DomainError, ValidationFailed
from app.money import format_money
from app.services import expenses
from app.services.expenses import STATUS_LABELS, BillUpload, Budget, ExpenseInput, ExpenseRow, ExpenseView
from app.services.paging import Page
from app.services.uploads import MEGABYTE, shown_name
from app.wording import counted
from components.billing_dialogs import MODE_OPTIONS
from components.branch_choice import branch_chooser, first_branch
from components.date_input import DateInput
from components.dialogs import FormDialog, fill_width
from components.guard import guarded_action
from components.live import on_change
from components.money_input import MoneyInput
from components.server_table import ServerTable
from components.tables import column
from components.upload_rejections import explain_rejections
from components.when import clinic_date, clinic_time
from models.billing import ExpenseStatus, PaymentMode

EXPENSE_BILL = '/documents/expense/{expense_id}/bill'  # served by pages/expense_files.py
STATUS_COLOURS = {ExpenseStatus.PENDING: 'orange-10', ExpenseStatus.APPROVED: 'primary',
                  ExpenseStatus.REJECTED: 'grey-7', ExpenseStatus.PAID: 'positive'}
STATUS_FILTER = {'': 'Every status', **{status.value: label for status, label in STATUS_LABELS.items()}}
PURPOSES = ['Electricity', 'Rent', 'Water', 'Internet and phone', 'Cleaning', 'Housekeeping supplies',
            'Stationery', 'Printing', 'Medical supplies', 'Equipment repair', 'Maintenance', 'Tea and snacks',
            'Travel', 'Courier', 'Laundry']
COLUMNS = [column('number', 'Voucher', nowrap=True), column('date', 'Date', nowrap=True),
           column('paid_to', 'Paid to', wrap='14rem', lines=2), column('purpose', 'For', wrap='12rem', lines=2,
                                                                       hide_below=600),
           column('amount', 'Amount', align='right', nowrap=True), column('mode', 'Mode', hide_below=760),
           column('status', 'Status'), column('bill', 'Bill', hide_below=760)]
STATUS_CELL = '<q-td :props="props"><q-badge :color="props.row.colour" :label="props.value" /></q-td>'
PER_PAGE = 25


def expense_bill_url(expense_id: UUID) -> str:
    return EXPENSE_BILL.format(expense_id=expense_id)


def budget_sentence(budget: Budget) -> str:
    """The line above the list: "Today's budget ₹5,000.00 · spent ₹1,200.00 · ₹3,800.00 left"."""
    if not budget.has_budget:
        return f'No daily budget is set · spent today {format_money(budget.spent)}'
    return f"Today's budget {format_money(budget.budget)} · spent {format_money(budget.spent)} · {budget.left_text}"


class ExpensesScreen:
    """The page's body: the budget line and buttons, the status filter, and the voucher list."""

    def __init__(self, actor: Actor, *, branches: dict[int, str]) -> None:
        """`branches`: those a superadmin may choose between (`branches.branch_choices`), none for anyone else."""
        self.actor = actor
        self.approver = actor.can(Permission.EXPENSES_APPROVE)
        self.budget: Budget | None = None
        self.branch_id = first_branch(branches, actor.branch_id)
        self.root = ui.column().classes('w-full gap-3')
        with self.root:
            branch_chooser(branches, self.branch_id, self._choose_branch)
            with ui.card().props('flat bordered').classes('w-full q-pa-sm'), \
                    ui.row().classes('w-full items-center gap-2 wrap'):
                ui.icon('savings', size='sm').classes('text-grey-8')
                self.budget_line = ui.label().classes('text-subtitle1 text-weight-medium').mark('budget-line')
                ui.space()
                if self.approver:
                    ui.button('Set budget', icon='edit', on_click=self.budget_dialog).props('flat no-caps') \
                        .mark('set-budget')
            with ui.row().classes('w-full items-center gap-3'):
                self.status = ui.select(STATUS_FILTER, value='', label='Show', on_change=self._filtered) \
                    .props('outlined dense').classes('w-56').mark('expense-status-filter')
                self.summary = ui.label().classes('text-body2 text-grey-8').mark('expense-count')
                ui.space()
                ui.button('New voucher', icon='add', on_click=self.new_voucher).props('unelevated') \
                    .mark('new-voucher')
            self.listing = ServerTable(COLUMNS, read=self._read, shown=_cells, permission=Permission.EXPENSES_ENTER,
                                       sizes=expenses.PER_PAGE_SIZES, per_page=PER_PAGE, selectable=False)
            self.listing.table.classes('cursor-pointer').mark('expenses')
            self.listing.table.add_slot('body-cell-status', STATUS_CELL)
            self.listing.table.props('no-data-label="No vouchers yet."')
            self.listing.table.on('rowClick', self._tapped, [[], ['id'], None])
            ui.label('Tap a voucher to see it' + (', approve, reject or mark it paid.' if self.approver else '.')) \
                .classes('text-caption text-grey-8')
        on_change([EntityType.EXPENSE], self.refresh, permission=Permission.EXPENSES_ENTER)

    async def refresh(self, actor: Actor) -> None:
        """Read the budget and the current page of vouchers again."""
        self.actor = actor
        self.budget = budget = await expenses.budget_today(actor=actor, branch_id=self.branch_id)
        self.budget_line.text = budget_sentence(budget)
        self.budget_line.classes(replace='text-subtitle1 text-weight-medium'
                                 + (' text-negative' if budget.has_budget and budget.remaining < 0 else ''))
        await self.listing.refresh(actor)

    async def _choose_branch(self, branch_id: int) -> None:
        @guarded_action(Permission.EXPENSES_ENTER)
        async def choose(current: Actor) -> None:
            self.branch_id = branch_id
            await self.refresh(current)

        await choose()

    # -- the list ------------------------------------------------------------------------------

    async def _read(self, actor: Actor, page: int, per_page: int) -> Page[ExpenseRow]:
        found = await expenses.expenses_page(actor=actor, page=page, per_page=per_page,
                                             status=self.status.value or None, branch_id=self.branch_id)
        self.summary.text = counted(found.total, 'voucher')
        return found

    async def _filtered(self) -> None:
        @guarded_action(Permission.EXPENSES_ENTER)
        async def again(current: Actor) -> None:
            await self.listing.first_page(current)

        await again()

    async def _tapped(self, event: events.GenericEventArguments) -> None:
        row = event.args[1] if len(event.args) > 1 and isinstance(event.args[1], dict) else {}
        try:
            expense_id = UUID(str(row.get('id')))
        except ValueError:  # not a row of ours
            return
        await self.open_voucher(expense_id)

    # -- one voucher ---------------------------------------------------------------------------

    async def open_voucher(self, expense_id: UUID) -> None:
        @guarded_action(Permission.EXPENSES_ENTER)
        async def show(current: Actor) -> None:
            try:
                view = await expenses.expense_view(actor=current, expense_id=expense_id)
            except DomainError as gone:
                ui.notify(gone.message, type='negative')
                return
            with self.root:
                VoucherDialog(view, screen=self)

        await show()

    async def new_voucher(self) -> None:
        @guarded_action(Permission.EXPENSES_ENTER)
        async def start(current: Actor) -> None:
            today = await expenses.budget_today(actor=current, branch_id=self.branch_id)
            with self.root:
                NewVoucherDialog(self, today)

        await start()

    def budget_dialog(self) -> None:
        @guarded_action(Permission.EXPENSES_APPROVE)
        async def submit(current: Actor) -> None:
            await dialog.attempt(lambda: expenses.set_daily_budget(actor=current, amount=amount.value,
                                                                   branch_id=self.branch_id),
                                 done=lambda budget: f'The daily budget is now {format_money(budget.budget)}.'
                                 if budget.has_budget else 'The branch has no daily budget now.',
                                 then=lambda _: self.refresh(current))

        with self.root:
            dialog = FormDialog('Daily expense budget', submit_label='Save', on_submit=submit,
                                text='What the branch may spend in a day: all the day\'s vouchers together, except '
                                     'rejected ones. 0 means no budget.')
            with dialog.body:
                amount = MoneyInput('Budget a day', noun='daily budget')
                dialog.form.add('amount', amount)
            fill_width(dialog)
        amount.amount = self.budget.budget if self.budget is not None else 0


class NewVoucherDialog:
    """The voucher form; the line under the amount says what the day's budget would have left."""

    def __init__(self, screen: ExpensesScreen, today: Budget) -> None:
        self.screen, self.budget, self.today = screen, today, today.day
        self.bill: BillUpload | None = None
        earliest = today.day - timedelta(days=expenses.MOST_DAYS_BACK)
        self.dialog = FormDialog('New expense voucher', submit_label='Save voucher', on_submit=self._submit,
                                 text='An admin approves it before it is paid.')
        form = self.dialog.form
        with self.dialog.body:
            with ui.row().classes('w-full no-wrap gap-2'):
                self.spent_on = form.add('spent_on', DateInput(
                    'Date spent', value=today.day, min=earliest, max=today.day,
                    min_message=f'A voucher can be at most {expenses.MOST_DAYS_BACK} days old: the earliest date '
                                f'is {clinic_date(earliest)}.',
                    max_message='The date cannot be in the future.')).classes('col')
                self.amount = form.add('amount', MoneyInput('Amount')).classes('col')
            self.hint = ui.label().mark('voucher-budget')
            texts = [form.add('paid_to', ui.input('Paid to', placeholder='Sharma Electricals')),
                     form.add('purpose', ui.input('For', placeholder='Electricity, rent, supplies, ...',
                                                  autocomplete=PURPOSES)),
                     form.add('paid_by', ui.input('Paid by (at the clinic)', value=screen.actor.full_name)),
                     form.add('description', ui.textarea('Details (optional)').props('autogrow'))]
            ui.label('Paid how').classes('text-caption text-grey-8 q-mb-none')
            form.add('mode', ui.toggle(MODE_OPTIONS, value=PaymentMode.CASH.value).props('spread no-caps')
                     .classes('w-full'))
            self.upload = ui.upload(label=f'Photo or PDF of the bill (optional, at most '
                                          f'{expenses.BILL_MAX_BYTES // MEGABYTE} MB)', auto_upload=True,
                                    max_file_size=expenses.BILL_MAX_BYTES, on_upload=self._received) \
                .props('accept="image/jpeg,image/png,image/webp,application/pdf" flat bordered') \
                .classes('w-full').style('max-width: 100%')
            explain_rejections(self.upload, kinds='JPEG, PNG, WebP or PDF',
                               max_mb=expenses.BILL_MAX_BYTES // MEGABYTE, noun='bill photo')
            self.upload.mark('bill-upload')  # not a form field: a refused bill is said beside it, below
            self.chosen = ui.row().classes('w-full items-center gap-2 no-wrap')
        for field in (self.spent_on, self.amount, *texts):
            field.props('outlined')
        for field in texts:
            field.classes('w-full')
        self.amount.on_value_change(self._show_hint)
        self.spent_on.on_value_change(self._day_changed)
        self._show_hint()

    async def _day_changed(self) -> None:
        day = self.spent_on.date_or_none
        if day is None or day == self.budget.day:
            return

        @guarded_action(Permission.EXPENSES_ENTER)
        async def read(current: Actor) -> None:
            self.budget = await expenses.budget_today(actor=current, day=day, branch_id=self.screen.branch_id)
            self._show_hint()

        await read()

    def _show_hint(self) -> None:
        budget = self.budget
        when = 'today' if budget.day == self.today else f'on {clinic_date(budget.day)}'
        amount = self.amount.amount
        if amount is None:
            text = (f'{_capital(budget.left_text)} {when}, of the {format_money(budget.budget)} budget.'
                    if budget.has_budget else f'Spent {when} so far: {format_money(budget.spent)}. '
                                              'No daily budget is set.')
            over = budget.has_budget and budget.remaining < 0
        else:
            after = budget.with_voucher(amount)
            text = f'With this voucher: spent {format_money(after.spent)}' + ('' if when == 'today' else f' {when}') \
                   + (f' of {format_money(after.budget)} · {after.left_text}' if after.has_budget else '')
            over = after.has_budget and after.remaining < 0
        self.hint.text = text
        self.hint.classes(replace='text-body2 ' + ('text-negative text-weight-medium' if over else 'text-grey-8'))

    async def _received(self, event: events.UploadEventArguments) -> None:
        """Check a chosen bill at once (it is saved with the voucher); a refused one says why beside the box."""
        try:
            if problem := expenses.bill_size_problem(event.file.size(), event.file.name):
                raise ValidationFailed({'bill': problem})
            bill = BillUpload(await event.file.read(), event.file.name)
            media_type = expenses.check_bill(bill)
        except ValidationFailed as refused:
            message = refused.field_errors.get('bill', refused.message)
            self.chosen.clear()
            with self.chosen:
                ui.icon('error', size='sm').classes('text-negative')
                ui.label(message).classes('text-body2 text-negative col').mark('bill-problem')
            ui.notify(message, type='negative')
            return
        finally:
            self.upload.reset()
        self.bill = bill
        self._show_bill(media_type)
        self.upload.set_visibility(False)  # one bill per voucher: Remove brings the box back

    def _show_bill(self, media_type: str) -> None:
        self.chosen.clear()
        with self.chosen:
            if media_type.startswith('image/'):
                encoded = base64.b64encode(self.bill.content).decode()
                ui.image(f'data:{media_type};base64,{encoded}').classes('w-16 h-16 rounded-borders') \
                    .props('fit=cover').mark('bill-preview')
            else:
                ui.icon('picture_as_pdf', size='md').classes('text-grey-8')
            ui.label(f'{shown_name(self.bill.filename)} will be kept with the voucher.') \
                .classes('text-body2 col ellipsis').mark('bill-chosen')
            ui.button('Remove', icon='close', on_click=self._drop_bill).props('flat no-caps').mark('bill-remove')

    def _drop_bill(self) -> None:
        self.bill = None
        self.chosen.clear()
        self.upload.set_visibility(True)

    async def _submit(self) -> None:
        @guarded_action(Permission.EXPENSES_ENTER)
        async def enter(current: Actor) -> None:
            await self.dialog.attempt(lambda: self._enter(current), done=_entered,
                                      then=lambda _: self.screen.refresh(current))

        await enter()

    async def _enter(self, actor: Actor) -> ExpenseView:
        fields = self.dialog.form.fields
        try:
            day, typo = self.spent_on.date, {}
        except ValidationFailed as mistyped:
            day, typo = None, mistyped.field_errors
        try:
            return await expenses.enter_expense(actor=actor, details=ExpenseInput(
                spent_on=day, paid_to=fields['paid_to'].value or '', paid_by=fields['paid_by'].value or '',
                purpose=fields['purpose'].value or '', amount=self.amount.value, mode=fields['mode'].value,
                description=fields['description'].value or '', bill=self.bill), branch_id=self.screen.branch_id)
        except ValidationFailed as refused:
            raise ValidationFailed({**refused.field_errors, **typo}) from None


class VoucherDialog:
    """One voucher: every field, the amount in words, the bill, and an admin's buttons."""

    def __init__(self, view: ExpenseView, *, screen: ExpensesScreen) -> None:
        self.view, self.screen = view, screen
        self.dialog = FormDialog(f'Voucher {view.number}')
        with self.dialog.body:
            with ui.row().classes('w-full items-center gap-2'):
                ui.label(format_money(view.amount)).classes('text-h5').mark('voucher-amount')
                ui.badge(view.status_label, color=STATUS_COLOURS[view.status]).classes('text-body2 q-px-sm') \
                    .mark('voucher-status')
            ui.label(view.amount_in_words).classes('text-body2 text-italic').mark('voucher-words')
            with ui.grid(columns='repeat(auto-fit, minmax(12rem, 1fr))').classes('w-full gap-x-4 gap-y-2'):
                for label, value in _facts(view):
                    with ui.column().classes('gap-0'):
                        ui.label(label).classes('text-caption text-grey-8')
                        ui.label(value).classes('text-body2').style('overflow-wrap: anywhere')
            if view.has_bill:
                self._bill()
            if view.may_decide or view.may_pay:
                with ui.row().classes('w-full gap-2 q-mt-sm'):
                    if view.may_decide:
                        ui.button('Approve', icon='check', color='positive', on_click=self._approve).mark('approve')
                        ui.button('Reject', icon='block', on_click=self._reject) \
                            .props('outline color=negative').mark('reject')
                    if view.may_pay:
                        ui.button('Mark paid', icon='payments', on_click=self._paid).mark('mark-paid')

    def _bill(self) -> None:
        url = expense_bill_url(self.view.id)
        with ui.row().classes('w-full items-center gap-3 no-wrap'):
            if self.view.bill_is_image:
                with ui.link(target=url, new_tab=True).mark('bill-image-link'):
                    ui.image(url).classes('w-24 h-24 rounded-borders').props('fit=cover').mark('bill-image')
            else:
                ui.icon('picture_as_pdf', size='lg').classes('text-grey-8')
            link = ui.link('Open the bill', url, new_tab=True).classes('text-body1').mark('bill-link')
            link.props['aria-label'] = f'Open the bill of voucher {self.view.number}'

    async def _approve(self) -> None:
        @guarded_action(Permission.EXPENSES_APPROVE)
        async def approve(current: Actor) -> None:
            await self._decided(current, expenses.decide_expense(actor=current, expense_id=self.view.id,
                                                                 approve=True), 'is approved')

        await approve()

    async def _paid(self) -> None:
        @guarded_action(Permission.EXPENSES_APPROVE)
        async def paid(current: Actor) -> None:
            await self._decided(current, expenses.mark_paid(actor=current, expense_id=self.view.id), 'is marked paid')

        await paid()

    async def _decided(self, actor: Actor, change: Any, outcome: str) -> None:
        try:
            done = await change
        except DomainError as refused:
            ui.notify(refused.message, type='negative')
            return
        ui.notify(f'Voucher {done.number} {outcome}.', type='positive')  # before closing: it needs this slot
        self.dialog.close()
        await self.screen.refresh(actor)

    def _reject(self) -> None:
        view, screen = self.view, self.screen

        @guarded_action(Permission.EXPENSES_APPROVE)
        async def submit(current: Actor) -> None:
            await dialog.attempt(lambda: expenses.decide_expense(actor=current, expense_id=view.id, approve=False,
                                                                 note=note.value or ''),
                                 done=f'Voucher {view.number} is rejected.', then=lambda _: screen.refresh(current))

        self.dialog.close()
        with screen.root:
            dialog = FormDialog(f'Reject voucher {view.number}?', submit_label='Reject', submit_color='negative',
                                on_submit=submit, text=f'{format_money(view.amount)} to {view.paid_to}. The desk '
                                                       'sees the reason; a corrected voucher is entered again.')
            with dialog.body:
                note = dialog.form.add('note', ui.input('Reason', placeholder='No bill, entered twice, ...'))
            fill_width(dialog)


# -- inside ----------------------------------------------------------------------------------------

def _cells(row: ExpenseRow) -> dict[str, Any]:
    return {'id': str(row.id), 'number': row.number, 'date': clinic_date(row.spent_on), 'paid_to': row.paid_to,
            'purpose': row.purpose, 'amount': format_money(row.amount), 'mode': row.mode_label,
            'status': row.status_label, 'colour': STATUS_COLOURS[row.status], 'bill': 'Yes' if row.has_bill else ''}


def _facts(view: ExpenseView) -> list[tuple[str, str]]:
    facts = [('Date spent', clinic_date(view.spent_on)), ('Paid to', view.paid_to), ('For', view.purpose),
             ('Mode', view.mode_label), ('Paid by', view.paid_by),
             ('Entered by', ' · '.join(part for part in (view.entered_by, clinic_time(view.entered_at)) if part))]
    if view.description:
        facts.insert(3, ('Details', view.description))
    if view.decided_by or view.decided_at:
        verb = 'Rejected by' if view.status is ExpenseStatus.REJECTED else 'Approved by'
        facts.append((verb, ' · '.join(part for part in (view.decided_by, clinic_time(view.decided_at)) if part)))
    if view.decision_note:
        facts.append(('Reason' if view.status is ExpenseStatus.REJECTED else 'Note', view.decision_note))
    if view.paid_at:
        facts.append(('Paid', clinic_time(view.paid_at)))
    return facts


def _entered(view: ExpenseView) -> str:
    return f'Voucher {view.number} is entered for {format_money(view.amount)}: it waits for an admin to approve it.'


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
