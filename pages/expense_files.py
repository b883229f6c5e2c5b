"""The guarded route that serves an expense voucher's bill photo (or PDF), to open in a tab or the voucher.

A plain route, not a page: each request re-checks the session (`admit_file`) and the service checks
`expenses.enter`, keeps to the actor's branch and audits the download; anyone else gets 403, an
unknown voucher (or one without a bill) 404, and nothing is cached.
"""

from __future__ import annotations

from urllib.parse import quote
from uuid import UUID

from fastapi import Request
from fastapi.responses import Response
from nicegui import app

from app.audit import request_origin
from app.auth.admission import admit_file
from app.errors import DomainError, NotFound, PermissionDenied
from app.services import expenses
from components.expenses_screen import EXPENSE_BILL

_NO_STORE = {'Cache-Control': 'no-store'}


def add_expense_file_routes() -> None:
    """Register the bill route (called by `app.web.mount`, again for each test)."""

    @app.get(EXPENSE_BILL, include_in_schema=False)
    async def expense_bill(request: Request, expense_id: str, download: bool = False) -> Response:
        with request_origin(request):
            actor = await admit_file(request)
            if actor is None:
                return Response('Sign in to see this bill.', status_code=403, headers=_NO_STORE)
            try:
                media_type, content, name = await expenses.expense_bill(actor=actor, expense_id=UUID(expense_id))
            except ValueError:
                return Response('No such bill.', status_code=404, headers=_NO_STORE)
            except PermissionDenied:
                return Response('You do not have permission to see this bill.', status_code=403, headers=_NO_STORE)
            except NotFound:
                return Response('No such bill.', status_code=404, headers=_NO_STORE)
            except DomainError as refused:
                return Response(refused.message, status_code=409, headers=_NO_STORE)
        disposition = 'attachment' if download else 'inline'
        return Response(content, media_type=media_type, headers={
            'Cache-Control': 'no-store',
            'Content-Disposition': f"{disposition}; filename*=UTF-8''{quote(name)}",
            'X-Frame-Options': 'SAMEORIGIN',
            'Content-Security-Policy': "frame-ancestors 'self'",
        })
