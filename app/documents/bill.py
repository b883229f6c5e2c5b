"""What a bill or a receipt prints, as plain values: the billing services fill these, `billing_pdf` draws them.

Kept apart from the database so a document is drawn the same way from an invoice, a credit note, a
receipt or a test's hand-made example, and so the drawing code never touches a model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from app.money import to_paise


@dataclass(frozen=True, kw_only=True)
class DocumentClinic:
    """The branch that issues the document, as its letterhead shows it."""

    clinic_name: str
    branch_name: str
    address: str = ''
    phone: str = ''
    email: str = ''
    gstin: str = ''
    upi_id: str = ''  # the branch's UPI id (name@bank); no QR code is printed without one
    logo_path: Path | None = None  # a PNG or JPEG on disk, already decrypted


@dataclass(frozen=True, kw_only=True)
class DocumentLine:
    """One line of a bill: what, how many, at what price, less what discount, with what tax."""

    description: str
    sac: str  # SAC (services) or HSN (goods) code
    quantity: Decimal
    unit_price: Decimal
    discount: Decimal  # INR off this line, the invoice's own discount included
    taxable_value: Decimal  # quantity x unit price - discount
    tax_rate: Decimal  # percent, 0 for exempt healthcare
    tax: Decimal  # CGST + SGST (or IGST) of this line
    amount: Decimal  # taxable value + tax


@dataclass(frozen=True, kw_only=True)
class BillDocument:
    """An issued invoice or a credit note, everything its PDF prints."""

    title: str  # 'Bill of supply', 'Tax invoice', 'Invoice-cum-bill of supply' or 'Credit note'
    number: str
    issued_on: date
    clinic: DocumentClinic
    patient_name: str
    patient_uid: str
    patient_phone: str = ''
    lines: list[DocumentLine] = field(default_factory=list)
    gross: Decimal  # sum of quantity x unit price
    discount: Decimal  # all discounts
    taxable_value: Decimal
    cgst: Decimal = Decimal(0)
    sgst: Decimal = Decimal(0)
    igst: Decimal = Decimal(0)
    total: Decimal
    paid: Decimal = Decimal(0)
    credited: Decimal = Decimal(0)  # credit notes against this invoice
    due: Decimal = Decimal(0)
    status_text: str = ''  # 'Paid', 'Partly paid', 'Due', 'Cancelled by credit note ...'
    credit_of: str = ''  # a credit note: the number of the invoice it corrects
    reason: str = ''  # a credit note: why
    issued_by: str = ''


@dataclass(frozen=True, kw_only=True)
class ReceiptDocument:
    """A payment received (or a refund paid out), everything its PDF prints."""

    title: str  # 'Receipt' or 'Refund voucher'
    number: str
    received_on: date
    clinic: DocumentClinic
    patient_name: str
    patient_uid: str
    amount: Decimal
    mode: str  # 'Cash', 'UPI', ...
    reference: str = ''
    settles: list[tuple[str, Decimal]] = field(default_factory=list)  # (invoice number, amount applied)
    kept_as_credit: Decimal = Decimal(0)  # the part held as the patient's credit
    received_by: str = ''


def upi_payment_link(*, upi_id: str, clinic_name: str, amount: Decimal, invoice_number: str) -> str:
    """The UPI deep link a QR code carries: any UPI app opens it with the payee, amount and note filled in.

    `upi://pay?pa=<UPI id>&pn=<clinic>&am=<amount>&tn=<invoice number>&cu=INR` (NPCI's linking
    specification); the amount is written with two decimals and no grouping, the texts URL-encoded.
    """
    return (f'upi://pay?pa={quote(upi_id, safe="@.-_")}&pn={quote(clinic_name, safe="")}'
            f'&am={to_paise(amount):.2f}&tn={quote(invoice_number, safe="")}&cu=INR')
