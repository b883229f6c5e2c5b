"""The PDF of an invoice, a credit note, a receipt or a refund voucher, for download and print; audited.

The documents are drawn in a worker thread (`asyncio.to_thread`): a page with 100 lines takes a
moment of CPU, and the event loop keeps answering the other desks meanwhile. Every download is an
audit event naming the document and the paper (A4 or the 80 mm roll).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from uuid import UUID

from app.audit import Action, EntityType, audit
from app.audit.denials import audit_denials
from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.documents.bill import BillDocument, DocumentClinic, DocumentLine, ReceiptDocument
from app.documents.billing_pdf import Paper, render_bill, render_receipt
from app.errors import DomainError
from app.services.branches import logos_dir
from app.services.invoices import InvoiceView, invoice_view
from app.services.payments import PaymentView, payment_view
from app.services.users import require
from models.billing import InvoiceKind, InvoiceStatus
from models.clinic import Branch

PAPER_LABELS = {Paper.A4: 'A4', Paper.ROLL: '80 mm roll'}


@dataclass(frozen=True, kw_only=True)
class DocumentFile:
    name: str
    content: bytes
    media_type: str = 'application/pdf'


@audit_denials(EntityType.INVOICE)
async def invoice_pdf(*, actor: Actor, invoice_id: UUID, paper: Paper | str = Paper.A4) -> DocumentFile:
    """An issued invoice or credit note as a PDF (a draft has no number, so no document yet)."""
    require(actor, Permission.BILLING_VIEW)
    sheet = _paper(paper)
    view = await invoice_view(actor=actor, invoice_id=invoice_id)
    if view.status is InvoiceStatus.DRAFT:
        raise DomainError('A draft has no document yet: issue the invoice first.')
    document = bill_document(view, clinic=await document_clinic(view.branch_id))
    content = await asyncio.to_thread(render_bill, document, paper=sheet)
    await audit.record(actor, action=Action.DOWNLOAD, entity_type=EntityType.INVOICE, entity_id=view.id,
                       patient_id=view.patient_uid, detail=f'{view.title} {view.number} as PDF ({PAPER_LABELS[sheet]})')
    return DocumentFile(name=_file_name(view.number, sheet), content=content)


@audit_denials(EntityType.PAYMENT)
async def receipt_pdf(*, actor: Actor, payment_id: UUID, paper: Paper | str = Paper.A4) -> DocumentFile:
    require(actor, Permission.BILLING_VIEW)
    sheet = _paper(paper)
    view = await payment_view(actor=actor, payment_id=payment_id)
    document = receipt_document(view, clinic=await document_clinic(view.branch_id))
    content = await asyncio.to_thread(render_receipt, document, paper=sheet)
    await audit.record(actor, action=Action.DOWNLOAD, entity_type=EntityType.PAYMENT, entity_id=view.id,
                       patient_id=view.patient_uid, detail=f'{view.title} {view.number} as PDF ({PAPER_LABELS[sheet]})')
    return DocumentFile(name=_file_name(view.number, sheet), content=content)


async def document_clinic(branch_id: int) -> DocumentClinic:
    branch = await Branch.get(id=branch_id)
    logo = logos_dir() / branch.logo_file if branch.logo_file else None
    return DocumentClinic(clinic_name=branch.clinic_name, branch_name=branch.name, address=branch.address,
                          phone=branch.phone, email=branch.email, gstin=branch.gstin, upi_id=branch.upi_id,
                          logo_path=logo if logo is not None and logo.is_file() else None)


def bill_document(view: InvoiceView, *, clinic: DocumentClinic) -> BillDocument:
    is_note = view.kind is InvoiceKind.CREDIT_NOTE
    return BillDocument(
        title=view.title, number=view.number, issued_on=view.issued_on or view.created_on, clinic=clinic,
        patient_name=view.patient_name, patient_uid=view.patient_uid, patient_phone=view.patient_phone,
        lines=[DocumentLine(description=line.description, sac=line.sac, quantity=line.quantity,
                            unit_price=line.unit_price, discount=line.discount, taxable_value=line.taxable_value,
                            tax_rate=line.tax_rate, tax=line.tax, amount=line.amount) for line in view.lines],
        gross=view.gross, discount=view.discount, taxable_value=view.taxable_value, cgst=view.cgst, sgst=view.sgst,
        igst=view.igst, total=view.total, paid=view.paid, credited=view.credited, due=view.due,
        status_text='' if is_note else view.status_label, credit_of=view.credit_of, reason=view.reason,
        issued_by=view.issued_by)


def receipt_document(view: PaymentView, *, clinic: DocumentClinic) -> ReceiptDocument:
    return ReceiptDocument(title=view.title, number=view.number, received_on=view.day, clinic=clinic,
                           patient_name=view.patient_name, patient_uid=view.patient_uid, amount=view.amount,
                           mode=view.mode_label, reference=view.reference, settles=view.settles,
                           kept_as_credit=view.kept_as_credit, received_by=view.received_by)


def _paper(paper: Paper | str) -> Paper:
    try:
        return Paper(paper)
    except ValueError:
        raise DomainError('Choose A4 or the 80 mm roll.') from None


def _file_name(number: str, paper: Paper) -> str:
    return f'{number.replace("/", "-")}{"-80mm" if paper is Paper.ROLL else ""}.pdf'
