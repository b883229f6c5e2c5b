"""The guarded route that serves a patient's attachment for the in-page preview.

A plain route, not a page: it re-checks the session cookie and the permission on every request
(the service audits the download and refuses roles without the clinical permission), answers
403 or 404 otherwise, and forbids caching. Same-origin framing is allowed so a PDF can be
previewed inside the patient page.
"""

from __future__ import annotations

from urllib.parse import quote
from uuid import UUID

from fastapi import Request
from fastapi.responses import Response
from nicegui import app

from app.audit import request_origin
from app.auth.admission import admit_file
from app.errors import NotFound, PermissionDenied
from app.services import attachments

_NO_FILE = {'Cache-Control': 'no-store'}


def add_file_routes() -> None:
    """Register the preview route (called by `app.web.mount`, again for each test)."""

    @app.get('/patients/{uid}/files/{attachment_id}', include_in_schema=False)
    async def patient_file(request: Request, uid: str, attachment_id: str) -> Response:
        with request_origin(request):
            actor = await admit_file(request)
            if actor is None:
                return Response('Sign in to see this file.', status_code=403, headers=_NO_FILE)
            try:
                file_id = UUID(attachment_id)
            except ValueError:
                return Response('No such file.', status_code=404, headers=_NO_FILE)
            try:
                file = await attachments.open_attachment(actor=actor, patient_uid=uid, attachment_id=file_id)
            except PermissionDenied:
                return Response('You do not have permission to see this file.', status_code=403, headers=_NO_FILE)
            except NotFound:
                return Response('No such file.', status_code=404, headers=_NO_FILE)
        return Response(file.content, media_type=file.media_type, headers={
            'Cache-Control': 'no-store',
            'Content-Disposition': f"inline; filename*=UTF-8''{quote(file.name)}",
            'X-Frame-Options': 'SAMEORIGIN',
            'Content-Security-Policy': "frame-ancestors 'self'",
        })
