"""Billing: the price list, invoices and credit notes with their lines, payments and what each pays.

Amounts are `Decimal` INR with paise (two decimals). An invoice is a draft until it is issued; at
issue it gets its number (`DocumentSerial`), its totals are fixed and it is never edited again: a
mistake is corrected by a credit note, itself an `Invoice` row of kind `credit-note`. What has been
paid towards an invoice is the sum of its `PaymentAllocation` rows, kept on the invoice (`paid`,
`credited`) in the same transaction that changes them, so lists and dues read one row per invoice.
A payment's part not allocated to any invoice is the patient's credit (an advance); a refund pays
credit out and can never exceed it.
"""

from enum import StrEnum
from uuid import uuid4

from tortoise import fields
from tortoise.models import Model

from models.clinic import Service


class PriceKind(StrEnum):
    CONSULTATION = 'consultation'
    SESSION = 'session'  # one physiotherapy or speech-therapy session (daily or advance rate)
    PACKAGE = 'package'  # a number of sessions for one price
    TEST = 'test'  # a diagnostic test: EEG, NCV, EMG, RNS, BERA, VEP, ...
    PRODUCT = 'product'  # goods sold at the desk: a brace, a belt (usually taxable)
    OTHER = 'other'


class PriceItem(Model):
    """One thing the branch charges for, at its price, with its SAC/HSN code and GST rate."""

    id = fields.IntField(primary_key=True)
    branch = fields.ForeignKeyField('models.Branch', related_name='price_items', on_delete=fields.RESTRICT)
    code = fields.CharField(max_length=40, description='Stable key: consultation-in-clinic, physio-daily, test-eeg')
    name = fields.CharField(max_length=120, description='As printed on the bill')
    kind = fields.CharEnumField(PriceKind, max_length=12)
    service = fields.CharEnumField(Service, max_length=20, null=True)
    sac = fields.CharField(max_length=8, default='999314', description='SAC (services) or HSN (goods) code')
    tax_rate = fields.DecimalField(max_digits=5, decimal_places=2, default=0, description='GST percent; 0 = exempt')
    price = fields.DecimalField(max_digits=12, decimal_places=2)
    sessions = fields.SmallIntField(null=True, description='A package: how many sessions it holds')
    is_active = fields.BooleanField(default=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'price_item'
        unique_together = (('branch', 'code'),)
        ordering = ['kind', 'name']


class InvoiceKind(StrEnum):
    INVOICE = 'invoice'
    CREDIT_NOTE = 'credit-note'


class InvoiceStatus(StrEnum):
    DRAFT = 'draft'  # being written: lines may change, no number yet
    ISSUED = 'issued'  # numbered and fixed, nothing paid yet
    PARTLY_PAID = 'partly-paid'
    PAID = 'paid'
    CANCELLED = 'cancelled'  # credited in full by credit notes


class Invoice(Model):
    """An invoice (bill of supply, tax invoice, or both in one) or a credit note against one."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    branch = fields.ForeignKeyField('models.Branch', related_name='invoices', on_delete=fields.RESTRICT)
    patient = fields.ForeignKeyField('models.Patient', related_name='invoices', on_delete=fields.RESTRICT)
    kind = fields.CharEnumField(InvoiceKind, max_length=12, default=InvoiceKind.INVOICE)
    status = fields.CharEnumField(InvoiceStatus, max_length=12, default=InvoiceStatus.DRAFT)
    number = fields.CharField(max_length=16, null=True, unique=True, description='Assigned at issue: AND/26-27/00123')
    financial_year = fields.CharField(max_length=5, null=True, description='26-27: April 2026 to March 2027')
    serial = fields.IntField(null=True, description="Place in the branch's series for the financial year")
    issued_on = fields.DateField(null=True, description="The clinic's date of issue")
    issued_at = fields.DatetimeField(null=True)
    issued_by = fields.ForeignKeyField('models.User', related_name='invoices_issued', null=True,
                                       on_delete=fields.RESTRICT)
    # a credit note: the invoice it corrects (a plain id: aerich cannot create a table that refers to itself)
    credit_of_id = fields.UUIDField(null=True)
    reason = fields.CharField(max_length=300, default='', description='A credit note: why')
    plan = fields.ForeignKeyField('models.TreatmentPlan', related_name='invoices', null=True,
                                  on_delete=fields.RESTRICT)
    interstate = fields.BooleanField(default=False, description='Tax as IGST instead of CGST and SGST')
    invoice_discount = fields.DecimalField(max_digits=12, decimal_places=2, default=0,
                                           description='INR off the whole invoice, shared over its lines')
    discount_approved_by = fields.ForeignKeyField('models.User', related_name='invoice_discounts_approved',
                                                  null=True, on_delete=fields.RESTRICT)
    gross = fields.DecimalField(max_digits=12, decimal_places=2, default=0, description='Sum of quantity x price')
    discount = fields.DecimalField(max_digits=12, decimal_places=2, default=0, description='Line and invoice discounts')
    taxable_value = fields.DecimalField(max_digits=12, decimal_places=2, default=0)
    cgst = fields.DecimalField(max_digits=12, decimal_places=2, default=0)
    sgst = fields.DecimalField(max_digits=12, decimal_places=2, default=0)
    igst = fields.DecimalField(max_digits=12, decimal_places=2, default=0)
    total = fields.DecimalField(max_digits=12, decimal_places=2, default=0)
    paid = fields.DecimalField(max_digits=12, decimal_places=2, default=0, description='Payments allocated to it')
    credited = fields.DecimalField(max_digits=12, decimal_places=2, default=0, description='Credit notes against it')
    created_by = fields.ForeignKeyField('models.User', related_name='invoices_created', null=True,
                                        on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'invoice'
        ordering = ['-created_at']
        unique_together = (('branch', 'kind', 'financial_year', 'serial'),)
        # a patient's bills, the branch's list (newest first), its day and its dues, each by an index of its own
        indexes = (('patient_id', 'created_at'), ('branch_id', 'created_at'), ('branch_id', 'issued_on'),
                   ('branch_id', 'status', 'issued_on'))


class InvoiceLine(Model):
    """One line of an invoice; its amounts are fixed when the invoice is issued."""

    id = fields.IntField(primary_key=True)
    invoice = fields.ForeignKeyField('models.Invoice', related_name='lines', on_delete=fields.CASCADE)
    position = fields.SmallIntField()
    description = fields.CharField(max_length=200)
    sac = fields.CharField(max_length=8, default='999314')
    quantity = fields.DecimalField(max_digits=10, decimal_places=2, default=1)
    unit_price = fields.DecimalField(max_digits=12, decimal_places=2)
    line_discount = fields.DecimalField(max_digits=12, decimal_places=2, default=0, description='INR off this line')
    tax_rate = fields.DecimalField(max_digits=5, decimal_places=2, default=0)
    # the share of the invoice's discount, the taxable value and the tax, as worked out by app.services.billing_math
    shared_discount = fields.DecimalField(max_digits=12, decimal_places=2, default=0)
    taxable_value = fields.DecimalField(max_digits=12, decimal_places=2, default=0)
    tax = fields.DecimalField(max_digits=12, decimal_places=2, default=0)
    amount = fields.DecimalField(max_digits=12, decimal_places=2, default=0)
    price_item = fields.ForeignKeyField('models.PriceItem', related_name='lines', null=True,
                                        on_delete=fields.SET_NULL)
    appointment = fields.ForeignKeyField('models.Appointment', related_name='invoice_lines', null=True,
                                         on_delete=fields.RESTRICT, description='An attended session billed')
    registration = fields.ForeignKeyField('models.Registration', related_name='invoice_lines', null=True,
                                          on_delete=fields.RESTRICT, description='A consultation billed')
    diagnostic_test = fields.ForeignKeyField('models.DiagnosticTest', related_name='invoice_lines', null=True,
                                             on_delete=fields.RESTRICT, description='A test billed')

    class Meta:
        table = 'invoice_line'
        ordering = ['position']
        unique_together = (('invoice', 'position'),)


class PaymentMode(StrEnum):
    CASH = 'cash'
    CARD = 'card'
    UPI = 'upi'
    CHEQUE = 'cheque'
    BANK_TRANSFER = 'bank-transfer'
    OTHER = 'other'


class PaymentKind(StrEnum):
    RECEIPT = 'receipt'  # money in
    REFUND = 'refund'  # money out of the patient's credit


class Payment(Model):
    """Money received from a patient (a receipt) or paid back (a refund), at the desk of a branch."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    branch = fields.ForeignKeyField('models.Branch', related_name='payments', on_delete=fields.RESTRICT)
    patient = fields.ForeignKeyField('models.Patient', related_name='payments', on_delete=fields.RESTRICT)
    kind = fields.CharEnumField(PaymentKind, max_length=8, default=PaymentKind.RECEIPT)
    number = fields.CharField(max_length=16, unique=True, description='Receipt or refund voucher number')
    amount = fields.DecimalField(max_digits=12, decimal_places=2, description='Positive, in or out as its kind says')
    allocated = fields.DecimalField(max_digits=12, decimal_places=2, default=0,
                                    description='A receipt: the part applied to invoices; the rest is credit')
    mode = fields.CharEnumField(PaymentMode, max_length=14)
    reference = fields.CharField(max_length=60, default='', description='UPI reference, cheque or card slip number')
    day = fields.DateField(description="The clinic's day whose collections it counts in")
    received_at = fields.DatetimeField()
    received_by = fields.ForeignKeyField('models.User', related_name='payments_received', null=True,
                                         on_delete=fields.RESTRICT)
    reason = fields.CharField(max_length=300, default='', description='A refund: why')
    approved_by = fields.ForeignKeyField('models.User', related_name='refunds_approved', null=True,
                                         on_delete=fields.RESTRICT)
    migrated_from = fields.CharField(max_length=60, null=True, description='The consultation fee it was made from')

    class Meta:
        table = 'payment'
        ordering = ['-received_at']
        indexes = (('patient_id', 'received_at'), ('branch_id', 'day'))


class PaymentAllocation(Model):
    """The part of a payment that pays one invoice."""

    id = fields.IntField(primary_key=True)
    payment = fields.ForeignKeyField('models.Payment', related_name='allocations', on_delete=fields.RESTRICT)
    invoice = fields.ForeignKeyField('models.Invoice', related_name='allocations', on_delete=fields.RESTRICT)
    amount = fields.DecimalField(max_digits=12, decimal_places=2)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = 'payment_allocation'
        unique_together = (('payment', 'invoice'),)


class DocumentSerial(Model):
    """The last number taken in one series (invoice, credit note, receipt, refund) of a branch and year.

    Numbers are taken by one statement (`app.services.document_numbers`) inside the transaction
    that issues the document, so concurrent desks never share or skip a number, and a failed issue
    gives its number back with the rollback.
    """

    id = fields.IntField(primary_key=True)
    branch = fields.ForeignKeyField('models.Branch', related_name='document_serials', on_delete=fields.RESTRICT)
    series = fields.CharField(max_length=12)
    financial_year = fields.CharField(max_length=5)
    serial = fields.IntField()

    class Meta:
        table = 'document_serial'
        unique_together = (('branch', 'series', 'financial_year'),)


class TaxDay(Model):
    """A branch's issued lines of one day, summed per SAC/HSN code, tax rate, supply and kind, in whole paise.

    Added to in the transaction that issues an invoice or a credit note (`app.services.tax_days`); issued lines
    never change (`app.issued_records`), so a day's sums never need correcting. The tax summary report reads
    these few rows a day instead of joining every line of the range to its invoice (large demo, ten years of a
    branch: about 420 ms that way).
    """

    id = fields.IntField(primary_key=True)
    branch = fields.ForeignKeyField('models.Branch', related_name='tax_days', on_delete=fields.RESTRICT)
    day = fields.DateField(description="The clinic's date of issue")
    sac = fields.CharField(max_length=8)
    tax_rate = fields.DecimalField(max_digits=5, decimal_places=2)
    interstate = fields.BooleanField(description='IGST instead of CGST and SGST')
    kind = fields.CharEnumField(InvoiceKind, max_length=12, description='Invoices; credit notes are taken off')
    taxable_paise = fields.BigIntField(default=0)
    tax_paise = fields.BigIntField(default=0)

    class Meta:
        table = 'tax_day'
        unique_together = (('branch', 'day', 'sac', 'tax_rate', 'interstate', 'kind'),)


class DayClosing(Model):
    """A branch's collections for a day, counted and closed by a named person; a closed day never changes."""

    id = fields.IntField(primary_key=True)
    branch = fields.ForeignKeyField('models.Branch', related_name='day_closings', on_delete=fields.RESTRICT)
    day = fields.DateField()
    cash_expected = fields.DecimalField(max_digits=12, decimal_places=2)
    cash_counted = fields.DecimalField(max_digits=12, decimal_places=2)
    collected = fields.DecimalField(max_digits=12, decimal_places=2, description='All modes, net of refunds')
    note = fields.CharField(max_length=300, default='')
    closed_by = fields.ForeignKeyField('models.User', related_name='days_closed', on_delete=fields.RESTRICT)
    closed_at = fields.DatetimeField()

    class Meta:
        table = 'day_closing'
        unique_together = (('branch', 'day'),)


class ExpenseStatus(StrEnum):
    PENDING = 'pending'  # entered, waiting for an admin
    APPROVED = 'approved'
    REJECTED = 'rejected'
    PAID = 'paid'


class Expense(Model):
    """An expense voucher: what the branch spent, on what, to whom, approved (or not) by an admin."""

    id = fields.UUIDField(primary_key=True, default=uuid4)
    branch = fields.ForeignKeyField('models.Branch', related_name='expenses', on_delete=fields.RESTRICT)
    number = fields.CharField(max_length=16, unique=True, description='Voucher number: ANDV/26-27/00001')
    spent_on = fields.DateField()
    paid_to = fields.CharField(max_length=120)
    paid_by = fields.CharField(max_length=120, description='Who at the clinic paid it')
    purpose = fields.CharField(max_length=120, description='For what: rent, electricity, supplies, ...')
    description = fields.TextField(default='')
    amount = fields.DecimalField(max_digits=12, decimal_places=2)
    mode = fields.CharEnumField(PaymentMode, max_length=14)
    status = fields.CharEnumField(ExpenseStatus, max_length=10, default=ExpenseStatus.PENDING)
    bill_file = fields.CharField(max_length=200, null=True, description='The bill photo, encrypted, under uploads')
    bill_media_type = fields.CharField(max_length=40, null=True)
    decided_by = fields.ForeignKeyField('models.User', related_name='expenses_decided', null=True,
                                        on_delete=fields.RESTRICT, description='The admin who approved or rejected')
    decided_at = fields.DatetimeField(null=True)
    decision_note = fields.CharField(max_length=300, default='')
    paid_at = fields.DatetimeField(null=True)
    created_by = fields.ForeignKeyField('models.User', related_name='expenses_created', null=True,
                                        on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'expense'
        ordering = ['-spent_on', '-created_at']
        indexes = (('branch_id', 'spent_on'), ('branch_id', 'status'))
