"""Inquiries (`/inquiries`): calls, walk-ins, test inquiries and online requests, paged on the server; edit, cancel,
register."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any
from uuid import UUID

from nicegui import ui

from app.audit.events import EntityType
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import clinic_today
from app.errors import DomainError
from app.services import inquiries, public_booking
from app.services.inquiries import COMMUNICATION_LABELS, KIND_LABELS, STATUS_LABELS, InquiryRow
from app.services.paging import Page
from app.services.patients import PAGE_SIZES, LikelyDuplicate, PatientDetails
from app.services.vocabulary import BOOKING_LABELS, GENDER_LABELS, TEST_KIND_LABELS
from components.date_input import DateInput
from components.dialogs import FormDialog, fill_width
from components.first_consultation import FirstConsultationForm
from components.frame import frame
from components.guard import guarded_action, guarded_page
from components.live import on_change
from components.server_table import ServerTable
from components.tables import column, picked
from components.when import clinic_date, clinic_time
from models.inquiries import InquiryKind, InquiryStatus

# Narrow tables drop the kind and visit date, then the details and branch; long text is cut to two lines (the
# whole text on hover). The Edit dialog shows every field.
COLUMNS = [
    column('created', 'Received', nowrap=True),
    column('kind', 'Kind', hide_below=760),
    column('full_name', 'Name', wrap='12rem'),
    column('phone', 'Phone', nowrap=True),
    column('complaint', 'Complaint', wrap='16rem', lines=2),
    column('details', 'Details', wrap='14rem', lines=2, hide_below=1040),
    column('visit', 'Visit date', nowrap=True, hide_below=760),
    column('status', 'Status', nowrap=True),
    column('patient_uid', 'Patient', nowrap=True),
]
BRANCH_COLUMN = column('branch', 'Branch', wrap='10rem', hide_below=1040)  # for the superadmin, who sees every branch
ALL = ''
PER_PAGE = 25


def _table_row(row: InquiryRow) -> dict[str, Any]:
    details = [COMMUNICATION_LABELS[row.communication_type]]
    if row.test_name:
        details.insert(0, TEST_KIND_LABELS[row.test_name] + (f', ref. {row.referred_by}' if row.referred_by else ''))
    if row.consultation_type:
        details.insert(0, BOOKING_LABELS[row.consultation_type])
    if row.referral_source:
        details.append(f'via {row.referral_source}')
    return {
        'id': str(row.id), 'created': clinic_time(row.created_at), 'kind': KIND_LABELS[row.kind],
        'kind_value': row.kind.value, 'full_name': row.full_name, 'phone': row.phone,
        'complaint': row.chief_complaint, 'details': ' · '.join(details),
        'visit': clinic_date(row.expected_visit_date),
        'visit_value': row.expected_visit_date.isoformat() if row.expected_visit_date else '',
        'status': STATUS_LABELS[row.status], 'status_value': row.status.value, 'patient_uid': row.patient_uid or '',
        'branch': row.branch_name,
    }


def _offer_booking(name: str, uid: str, visit_day: str) -> None:
    """Straight on from registering: book the new patient's first appointment in the calendar."""
    day = f'&day={visit_day}' if visit_day else ''
    dialog = FormDialog(f'{name} is registered as {uid}', submit_label='Book an appointment',
                        on_submit=lambda: ui.navigate.to(f'/calendar?patient={uid}{day}'),
                        text='Book the first appointment now? The calendar opens with the patient chosen.')
    dialog.submit.mark('book-registered')


def _whole(value: Any) -> int | None:
    return None if value is None else int(value)


@guarded_page('/inquiries', permission=Permission.INQUIRIES_VIEW, title='Inquiries', nav_label='Inquiries',
              nav_icon='contact_phone', nav_order=15)
async def inquiries_page(actor: Actor, new: str = '') -> None:
    """`?new=quick` (or `test`) opens the new-inquiry form at once: the home page's quick action."""
    can_edit = actor.can(Permission.INQUIRIES_EDIT)
    can_register = can_edit and actor.can(Permission.PATIENTS_EDIT)

    async def read(current: Actor, page: int, per_page: int) -> Page[InquiryRow]:
        return await inquiries.list_inquiries(
            actor=current, kind=kind_filter.value or None, status=status_filter.value or None,
            created_from=date_from.date_or_none, created_to=date_to.date_or_none,
            branch_id=(branch_filter.value or None) if branch_filter is not None else None,
            page=page, per_page=per_page)

    async def refresh(current: Actor) -> None:
        """Load the current page of the filtered list from the server (after a save or a live change)."""
        await listing.refresh(current)

    @guarded_action(Permission.INQUIRIES_VIEW)
    async def filter_changed(current: Actor) -> None:
        await listing.first_page(current)

    def chosen() -> dict[str, Any] | None:
        return picked(listing.table, what='an inquiry')

    async def branch_choices() -> dict[int, str]:
        if not actor.is_superadmin:
            return {actor.branch_id: actor.branch_name}
        return {branch.id: branch.name for branch in await public_booking.open_branches()}

    def detail_fields(dialog: FormDialog, kind: InquiryKind, row: InquiryRow | None) -> dict[str, Any]:
        form = dialog.form
        with dialog.body:
            fields: dict[str, Any] = {
                'full_name': form.add('full_name', ui.input('Name', value=row.full_name if row else '')),
                'phone': form.add('phone', ui.input('Phone', value=row.phone if row else '')
                                  .props('type=tel inputmode=tel')),
            }
            with ui.row().classes('w-full no-wrap gap-2'):
                fields['age_years'] = form.add('age_years', ui.number(  # no min/max: they would change 250 to 120
                    'Age', value=row.age_years if row else None).props('inputmode=numeric').classes('grow'))
                fields['gender'] = form.add('gender', ui.select(
                    {g.value: label for g, label in GENDER_LABELS.items()}, label='Gender', clearable=True,
                    value=row.gender.value if row and row.gender else None).classes('grow'))
            if kind is InquiryKind.TEST:
                fields['test_name'] = form.add('test_name', ui.select(
                    {t.value: label for t, label in TEST_KIND_LABELS.items()}, label='Test',
                    value=row.test_name.value if row and row.test_name else None))
                fields['referred_by'] = form.add('referred_by', ui.input(
                    'Referred by (doctor)', value=row.referred_by if row else ''))
            fields['chief_complaint'] = form.add('chief_complaint', ui.textarea(
                'Chief complaint' if kind is not InquiryKind.ONLINE else 'Condition',
                value=row.chief_complaint if row else '').props('autogrow'))
            fields['referral_source'] = form.add('referral_source', ui.input(
                'Referral source (how they heard of us)', value=row.referral_source if row else ''))
            fields['communication_type'] = form.add('communication_type', ui.select(
                {c.value: label for c, label in COMMUNICATION_LABELS.items()}, label='Contacted us by',
                value=row.communication_type.value if row else 'call'))
            today = clinic_today()
            fields['expected_visit_date'] = form.add('expected_visit_date', DateInput(
                'Expected visit date', value=row.expected_visit_date if row else None, min=today,
                max=today + timedelta(days=inquiries.FURTHEST_VISIT_DAYS),
                min_message='The expected visit date cannot be in the past.',
                max_message='Choose an expected visit date within the next year.'))
        return fields

    def values_of(fields: dict[str, Any]) -> dict[str, Any]:
        values = {name: element.value for name, element in fields.items()}
        values['expected_visit_date'] = fields['expected_visit_date'].date
        for name in ('full_name', 'phone', 'chief_complaint', 'referral_source', 'referred_by'):
            if name in values:
                values[name] = values[name] or ''
        return values

    async def open_create(kind: InquiryKind) -> None:
        @guarded_action(Permission.INQUIRIES_EDIT)
        async def create(current: Actor) -> None:
            await dialog.attempt(
                lambda: inquiries.create_inquiry(actor=current, kind=kind.value, branch_id=branch.value,
                                                 **values_of(fields)),
                done=lambda row: f'The inquiry of {row.full_name} has been saved.',
                then=lambda _: refresh(current))

        title = 'New test inquiry' if kind is InquiryKind.TEST else 'New quick inquiry'
        options = await branch_choices()
        dialog = FormDialog(title, submit_label='Save', on_submit=create)
        fields = detail_fields(dialog, kind, None)
        with dialog.body:
            branch = dialog.form.add('branch', ui.select(
                options, label='Branch', value=actor.branch_id if actor.branch_id in options else None))
        fill_width(dialog)

    @guarded_action(Permission.INQUIRIES_VIEW)
    async def open_edit(current: Actor) -> None:
        if (picked_row := chosen()) is None:
            return
        try:
            row = await inquiries.get_inquiry(actor=current, inquiry_id=UUID(picked_row['id']))
        except DomainError as error:
            ui.notify(error.message, type='negative')
            return

        @guarded_action(Permission.INQUIRIES_EDIT)
        async def save(current: Actor) -> None:
            await dialog.attempt(
                lambda: inquiries.update_inquiry(actor=current, inquiry_id=row.id, **values_of(fields)),
                done='The changes have been saved.',
                then=lambda _: refresh(current))

        dialog = FormDialog(f'Edit the inquiry of {row.full_name}', submit_label='Save', on_submit=save)
        fields = detail_fields(dialog, row.kind, row)
        fill_width(dialog)

    async def confirm_status(change: Callable[..., Awaitable[Any]], *, question: str, submit_label: str,
                             text: str, done: str, submit_color: str = 'primary') -> None:
        """Ask, then cancel or reopen the chosen inquiry; a refusal shows in the dialog."""
        if (row := chosen()) is None:
            return

        @guarded_action(Permission.INQUIRIES_EDIT)
        async def confirmed(current: Actor) -> None:
            try:
                await change(actor=current, inquiry_id=UUID(row['id']))
            except DomainError as error:
                dialog.form.show(error)
                return
            ui.notify(done.format(name=row['full_name']), type='positive')
            await refresh(current)
            dialog.close()

        dialog = FormDialog(question.format(name=row['full_name']), submit_label=submit_label, on_submit=confirmed,
                            submit_color=submit_color, text=text)

    async def open_cancel() -> None:
        await confirm_status(inquiries.cancel_inquiry, question='Cancel the inquiry of {name}?',
                             submit_label='Cancel inquiry', submit_color='negative',
                             text='It stays in the list, marked cancelled.', done='The inquiry of {name} is cancelled.')

    async def open_reopen() -> None:
        await confirm_status(inquiries.reopen_inquiry, question='Reopen the inquiry of {name}?', submit_label='Reopen',
                             text='A cancelled inquiry goes back to pending, for reception to follow up.',
                             done='The inquiry of {name} is pending again.')

    @guarded_action(Permission.PATIENTS_EDIT)
    async def open_register(current: Actor) -> None:
        if (row := chosen()) is None:
            return
        try:
            prefill = await inquiries.registration_prefill(actor=current, inquiry_id=UUID(row['id']))
        except DomainError as error:
            ui.notify(error.message, type='negative')
            return

        @guarded_action(Permission.PATIENTS_EDIT)
        async def register(current: Actor) -> None:
            dialog.form.clear()
            details = PatientDetails(full_name=full_name.value or '', phone=phone.value or '',
                                     gender=gender.value or '', age_years=_whole(age.value))
            consultation = first.details()
            try:
                uid = await inquiries.convert_to_registration(
                    actor=current, inquiry_id=UUID(row['id']), details=details, first_consultation=consultation,
                    confirm_not_duplicate=bool(confirm.value))
            except LikelyDuplicate as duplicate:
                confirm.set_visibility(True)
                dialog.form.show(duplicate)
                return
            except DomainError as error:
                dialog.form.show(error)
                return
            ui.notify(f'{details.full_name} is registered as patient {uid}.', type='positive')
            await refresh(current)
            client = ui.context.client
            dialog.close()  # deletes the slot this handler runs in: the next dialog goes in the page's own
            if current.can(Permission.SCHEDULE_EDIT):
                with client.content:
                    _offer_booking(details.full_name, uid, row.get('visit_value') or '')

        dialog = FormDialog(f'Register {row["full_name"]}', submit_label='Register', on_submit=register,
                            text='The inquiry is marked visited and linked to the new patient.')
        with dialog.body:
            full_name = dialog.form.add('full_name', ui.input('Name', value=prefill.patient.full_name))
            phone = dialog.form.add('phone', ui.input('Phone', value=prefill.patient.phone).props('type=tel'))
            with ui.row().classes('w-full no-wrap gap-2'):
                age = dialog.form.add('age_years', ui.number('Age', value=prefill.patient.age_years)
                                      .props('inputmode=numeric').classes('grow'))
                gender = dialog.form.add('gender', ui.select(
                    {g.value: label for g, label in GENDER_LABELS.items()}, label='Gender',
                    value=str(prefill.patient.gender) or None).classes('grow'))
            if prefill.complaint_details:
                ui.label(f'Complaint: {prefill.complaint_details}').classes('text-body2').mark('carried-complaint')
            first = FirstConsultationForm(dialog, consultation_type=prefill.consultation_type,
                                          complaint_details=prefill.complaint_details,
                                          referral_source=prefill.referral_source,
                                          referring_doctor=prefill.referring_doctor)
            confirm = dialog.form.add('confirm_not_duplicate',
                                      ui.checkbox('This is a different person: register anyway'))
            confirm.set_visibility(False)
        fill_width(dialog)

    with frame(actor, 'Inquiries'):
        with ui.row().classes('w-full items-center gap-2'):
            kind_filter = ui.select({ALL: 'All kinds', **{k.value: label for k, label in KIND_LABELS.items()}},
                                    value=ALL, label='Kind').props('outlined dense').classes('w-40') \
                .mark('filter-kind')
            status_filter = ui.select({ALL: 'Any status', **{s.value: label for s, label in STATUS_LABELS.items()}},
                                      value=InquiryStatus.PENDING.value, label='Status') \
                .props('outlined dense').classes('w-40').mark('filter-status')
            date_from = DateInput('Received from').props('outlined dense').classes('w-44').mark('filter-from')
            date_to = DateInput('Received to').props('outlined dense').classes('w-44').mark('filter-to')
            branch_filter = None
            if actor.is_superadmin:  # everyone else sees only their own branch's inquiries
                branch_filter = ui.select({ALL: 'All branches', **await branch_choices()}, value=ALL,
                                          label='Branch').props('outlined dense').classes('w-40').mark('filter-branch')
            for element in (kind_filter, status_filter, date_from, date_to, branch_filter):
                if element is not None:
                    element.on_value_change(filter_changed)
        if can_edit:
            with ui.row().classes('gap-2'):
                ui.button('New quick inquiry', icon='add_call', on_click=lambda: open_create(InquiryKind.QUICK)) \
                    .mark('new-quick')
                ui.button('New test inquiry', icon='biotech', on_click=lambda: open_create(InquiryKind.TEST)) \
                    .mark('new-test')
                ui.button('Edit', icon='edit', on_click=open_edit).props('outline').mark('edit-inquiry')
                if can_register:
                    ui.button('Register', icon='how_to_reg', on_click=open_register).props('outline') \
                        .mark('register-inquiry')
                ui.button('Cancel inquiry', icon='cancel', on_click=open_cancel).props('outline color=negative') \
                    .mark('cancel-inquiry')
                ui.button('Reopen', icon='undo', on_click=open_reopen).props('outline').mark('reopen-inquiry')
        # Paged on the server, so no column sorts: a sort would reorder only the page shown.
        listing = ServerTable([*COLUMNS, BRANCH_COLUMN] if actor.is_superadmin else COLUMNS, read=read,
                              shown=_table_row, permission=Permission.INQUIRIES_VIEW, sizes=PAGE_SIZES,
                              per_page=PER_PAGE)
        listing.table.mark('inquiries-table')
        ui.label('Tap a row to select it, then choose an action.').classes('text-caption text-grey-7')
        await refresh(actor)
        on_change([EntityType.INQUIRY], refresh, permission=Permission.INQUIRIES_VIEW)  # a desk or /book elsewhere
        if can_edit and new in {InquiryKind.QUICK, InquiryKind.TEST}:
            await open_create(InquiryKind(new))

