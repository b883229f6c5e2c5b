"""The "who opened this record" section: the patient's events from the audit trail."""

from __future__ import annotations

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import PATIENT_ACCESS_LOG
from app.services import patient_access
from app.services.patient_lookup import PatientRef
from components.patient_sections import patient_section
from components.when import clinic_time

COLUMNS = [{'name': name, 'label': label, 'field': name, 'align': 'left'} for name, label in
           (('time', 'When'), ('user', 'Who'), ('action', 'What'), ('record', 'Record'), ('origin', 'From'))]


@patient_section('access', title='Who accessed this record', permission=PATIENT_ACCESS_LOG, order=900)
async def access_section(actor: Actor, patient: PatientRef) -> None:
    events = await patient_access.recent_access(actor=actor, patient_uid=patient.uid)
    rows = [{'seq': event.seq, 'time': clinic_time(event.occurred_at, seconds=True),
             'user': f'{event.username} ({event.role})' if event.role else event.username,
             'action': event.action, 'record': event.entity_type,
             'origin': event.client_ip} for event in events]
    ui.table(columns=COLUMNS, rows=rows, row_key='seq', pagination={'rowsPerPage': 10}) \
        .classes('w-full').props('flat bordered').mark('access-log')
