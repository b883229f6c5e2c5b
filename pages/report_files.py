"""The guarded routes that serve a report as CSV or Excel (`/reports/files/<report>.csv|xlsx?from=&to=&branch=`).

Plain routes, not pages: each request re-checks the session (`admit_file`) and the service checks
`reports.view`, keeps to the actor's branches and audits the export; anyone else gets 403, an
unknown report or branch 404, a range that makes no sense 400 with its sentence; nothing is cached.
CSV streams as it is read; Excel is written to the data directory's `tmp` folder, sent, and deleted.
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import FileResponse, Response, StreamingResponse
from nicegui import app
from starlette.background import BackgroundTask

from app.audit import request_origin
from app.auth.actor import Actor
from app.auth.admission import admit_file
from app.config import get_settings
from app.dates import parse_date
from app.documents.report_files import csv_chunks, xlsx_file
from app.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from app.services import reports
from app.services.reports import ReportExport
from components.report_links import REPORT_FILE

_NO_STORE = {'Cache-Control': 'no-store'}
XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'


def add_report_file_routes() -> None:
    """Register the export routes (called by `app.web.mount`, again for each test)."""

    @app.get(REPORT_FILE, include_in_schema=False)
    async def report_file(request: Request, kind: str, extension: str, branch: str = '') -> Response:
        if extension not in ('csv', 'xlsx'):
            return Response('No such file.', status_code=404, headers=_NO_STORE)
        with request_origin(request):
            actor = await admit_file(request)
            if actor is None:
                return Response('Sign in to export this report.', status_code=403, headers=_NO_STORE)
            answer = await _exported(actor, request, kind, extension, branch)
        if isinstance(answer, Response):
            return answer
        return await _sent(answer, extension)


async def _exported(actor: Actor, request: Request, kind: str, extension: str, branch: str) -> ReportExport | Response:
    try:
        first_day, last_day = _day(request.query_params.get('from')), _day(request.query_params.get('to'))
        branch_id = int(branch) if branch.strip() else None
    except ValueError:
        return Response('Give the days as YYYY-MM-DD and the branch as its number.', status_code=400,
                        headers=_NO_STORE)
    try:
        return await reports.report_export(actor=actor, kind=kind, file_format='CSV' if extension == 'csv' else 'Excel',
                                           first_day=first_day, last_day=last_day, branch_id=branch_id)
    except PermissionDenied:
        return Response('You do not have permission to export this report.', status_code=403, headers=_NO_STORE)
    except NotFound as missing:
        return Response(missing.message, status_code=404, headers=_NO_STORE)
    except ValidationFailed as refused:
        return Response(' '.join(refused.field_errors.values()) or refused.message, status_code=400,
                        headers=_NO_STORE)
    except DomainError as refused:
        return Response(refused.message, status_code=409, headers=_NO_STORE)


async def _sent(export: ReportExport, extension: str) -> Response:
    name = f'{export.filename_stem}.{extension}'
    headers = {**_NO_STORE, 'Content-Disposition': f"attachment; filename*=UTF-8''{quote(name)}",
               'X-Content-Type-Options': 'nosniff'}
    if extension == 'csv':
        return StreamingResponse(csv_chunks(export), media_type='text/csv; charset=utf-8', headers=headers)
    path = await xlsx_file(export, get_settings().data_dir / 'tmp')
    return FileResponse(path, media_type=XLSX, headers=headers, background=BackgroundTask(_removed, path))


async def _removed(path: Path) -> None:
    await asyncio.to_thread(path.unlink, missing_ok=True)


def _day(text: str | None) -> date | None:
    return parse_date(text) if text else None
