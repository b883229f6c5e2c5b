"""The "Visits" part of the patient page: a month calendar of attended, missed and upcoming days, and what is next."""

from __future__ import annotations

import calendar
from datetime import timedelta

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.clock import clinic_today
from app.services.patient_lookup import PatientRef
from app.services.patient_visits import ATTENDED_DAY, MISSED_DAY, UPCOMING_DAY, patient_month
from app.services.vocabulary import SERVICE_LABELS
from components.actions import current_actor
from components.patient_sections import patient_section

DAY_STYLES = {ATTENDED_DAY: ('bg-positive text-white', 'Attended'), MISSED_DAY: ('bg-negative text-white', 'Missed'),
              UPCOMING_DAY: ('bg-blue-8 text-white', 'Upcoming')}
WEEKDAY_HEADINGS = ('Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su')


@patient_section('visits', title='Visits', permission=Permission.SCHEDULE_VIEW, order=750, icon='event_available',
                 tab='Visits')
async def visits_section(actor: Actor, patient: PatientRef) -> None:
    month = {'shown': clinic_today().replace(day=1)}
    box = ui.column().classes('w-full gap-2')

    async def draw(step: int = 0) -> None:
        shown = month['shown']
        if step:
            shown = (shown + timedelta(days=32 * step if step > 0 else -1)).replace(day=1)
            month['shown'] = shown
        visits = await patient_month(actor=await current_actor(Permission.SCHEDULE_VIEW), patient_id=patient.id,
                                     month=shown)
        box.clear()
        with box:
            with ui.row().classes('items-center gap-2'):
                ui.button(icon='chevron_left', on_click=lambda: draw(-1)).props('flat round').tooltip('Previous month')
                ui.label(f'{shown:%B %Y}').classes('text-subtitle1 text-weight-medium').mark('visits-month')
                ui.button(icon='chevron_right', on_click=lambda: draw(1)).props('flat round').tooltip('Next month')
            with ui.grid(columns=7).classes('gap-1').style('max-width: 22rem'):
                for heading in WEEKDAY_HEADINGS:
                    ui.label(heading).classes('text-caption text-center text-grey-7')
                for week in calendar.Calendar(firstweekday=0).monthdatescalendar(shown.year, shown.month):
                    for day in week:
                        style, meaning = DAY_STYLES.get(visits.days.get(day, ''), ('', ''))
                        cell = ui.label(str(day.day) if day.month == shown.month else '') \
                            .classes(f'text-center rounded-borders q-py-xs {style}').style('min-width: 2.5rem')
                        if meaning and day.month == shown.month:
                            cell.mark(f'visit-day {visits.days[day]}')
                            cell.tooltip(meaning)
            with ui.row().classes('gap-3 text-caption'):
                for style, meaning in DAY_STYLES.values():
                    with ui.row().classes('items-center gap-1 no-wrap'):
                        ui.element('span').classes(f'inline-block rounded-borders {style}') \
                            .style('width: 12px; height: 12px')
                        ui.label(meaning)
            ui.label('Next appointments').classes('text-subtitle2 q-mt-sm')
            if not visits.upcoming:
                ui.label('None booked.').classes('text-body2')
            for row in visits.upcoming:
                ui.label(f'{row.starts:%a %d %b}, {row.time_text} · {row.clinician} · {SERVICE_LABELS[row.service]}'
                         + (f' · {row.session_text}' if row.session_text else '')).classes('text-body2') \
                    .mark('upcoming-visit')

    await draw()
