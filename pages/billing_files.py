"""The guarded routes that serve bills and receipts as PDF, for download and for the printer.

Plain routes, not pages: each request re-checks the session (`admit_file`) and the service checks
`billing.view` and audits the download; anyone else gets 403, an unknown document 404, and
nothing is cached. `?paper=roll` gives the 80 mm receipt-printer width, A4 otherwise.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import quote
from uuid import UUID

from fastapi import Request
from fastapi.responses import Response
from nicegui import app

from app.audit import request_origin
from app.auth.admission import admit_file
from app.errors import DomainError, NotFound, PermissionDenied
from app.services import billing_documents
from app.services.billing_documents import DocumentFile
from components.billing_links import INVOICE_DOCUMENT, RECEIPT_DOCUMENT

_NO_STORE = {'Cache-Control': 'no-store'}


def add_billing_file_routes() -> None:
    """Register the document routes (called by `app.web.mount`, again for each test)."""

    @app.get(INVOICE_DOCUMENT, include_in_schema=False)
    async def invoice_document(request: Request, invoice_id: str, paper: str = 'a4',
                               download: bool = False) -> Response:
        return await _serve(request, invoice_id, download, lambda actor, record_id: billing_documents.invoice_pdf(
            actor=actor, invoice_id=record_id, paper=paper))

    @app.get(RECEIPT_DOCUMENT, include_in_schema=False)
    async def receipt_document(request: Request, payment_id: str, paper: str = 'a4',
                               download: bool = False) -> Response:
        return await _serve(request, payment_id, download, lambda actor, record_id: billing_documents.receipt_pdf(
            actor=actor, payment_id=record_id, paper=paper))


async def _serve(request: Request, record_id: str, download: bool,
                 make: Callable[..., Awaitable[DocumentFile]]) -> Response:
    with request_origin(request):
        actor = await admit_file(request)
        if actor is None:
            return Response('Sign in to see this document.', status_code=403, headers=_NO_STORE)
        try:
            document = await make(actor, UUID(record_id))
        except ValueError:
            return Response('No such document.', status_code=404, headers=_NO_STORE)
        except PermissionDenied:
            return Response('You do not have permission to see this document.', status_code=403, headers=_NO_STORE)
        except NotFound:
            return Response('No such document.', status_code=404, headers=_NO_STORE)
        except DomainError as refused:
            return Response(refused.message, status_code=409, headers=_NO_STORE)
    disposition = 'attachment' if download else 'inline'
    return Response(document.content, media_type=document.media_type, headers={
        'Cache-Control': 'no-store',
        'Content-Disposition': f"{disposition}; filename*=UTF-8''{quote(document.name)}",
        'X-Frame-Options': 'SAMEORIGIN',
        'Content-Security-Policy': "frame-ancestors 'self'",
    })
