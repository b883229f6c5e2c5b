"""The "who accessed this record" section: visits to the patient's record, from the audit trail."""

from __future__ import annotations

from nicegui import ui

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.services import patient_access
from app.services.patient_lookup import PatientRef
from components.patient_sections import patient_section
from components.tables import column
from components.when import clinic_time

COLUMNS = [column('time', 'When', nowrap=True), column('user', 'Who', wrap='10rem'),
           column('action', 'What', wrap='10rem'),
           column('record', 'Parts of the record', wrap='20rem'), column('origin', 'From', nowrap=True, hide_below=600)]


@patient_section('access', title='Who accessed this record', permission=Permission.PATIENT_ACCESS_LOG, order=900,
                 icon='visibility', tab='Access log')
async def access_section(actor: Actor, patient: PatientRef) -> None:
    visits = await patient_access.recent_visits(actor=actor, patient_uid=patient.uid)
    rows = [{'seq': visit.newest_seq, 'time': clinic_time(visit.last_at, seconds=True),
             'user': f'{visit.username} ({visit.role})' if visit.role else visit.username,
             'action': _what(visit),
             'record': ', '.join(visit.parts), 'origin': visit.client_ip} for visit in visits]
    ui.table(columns=COLUMNS, rows=rows, row_key='seq', pagination={'rowsPerPage': 10}) \
        .classes('w-full').props('flat bordered wrap-cells').mark('access-log')


ACTION_WORDS = {'view': 'viewed', 'create': 'added', 'update': 'changed', 'delete': 'removed', 'export': 'exported',
                'print': 'printed', 'download': 'downloaded', 'permission-denied': 'refused'}


def _what(visit: patient_access.Visit) -> str:
    done = ', '.join(ACTION_WORDS.get(action, action) for action in visit.actions)
    return done if visit.outcome == 'success' else f'{done} ({visit.outcome})'

