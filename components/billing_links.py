"""Where bills and receipts open as PDF: the paths `pages/billing_files.py` serves, for links and buttons."""

from __future__ import annotations

from uuid import UUID

INVOICE_DOCUMENT = '/documents/invoice/{invoice_id}.pdf'
RECEIPT_DOCUMENT = '/documents/receipt/{payment_id}.pdf'


def invoice_document_url(invoice_id: UUID, *, roll: bool = False) -> str:
    return INVOICE_DOCUMENT.format(invoice_id=invoice_id) + ('?paper=roll' if roll else '')


def receipt_document_url(payment_id: UUID, *, roll: bool = False) -> str:
    return RECEIPT_DOCUMENT.format(payment_id=payment_id) + ('?paper=roll' if roll else '')
