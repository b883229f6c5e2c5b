"""The database itself refuses to change an issued invoice, its lines, a payment, or a closed day's takings.

Defence in depth beside the billing services, which refuse first with a sentence for the desk:
this stops any code path, ours or a careless script's, from rewriting what an accountant relies
on. An issued invoice (or credit note) keeps its number, patient, date and figures for good; only
what is paid or credited against it, and the status that follows, may move (never back to draft),
and it is never deleted. Its lines are fixed with it. A payment is never edited in what it says
(amount, mode, day, who paid) nor deleted; only the part of it applied to invoices may change. No
payment is recorded on a day its branch has closed. An expense voucher keeps its number, day,
payee, purpose, amount and mode for good, and once approved, rejected or paid it never goes back
to pending; none is deleted. The migrations install the triggers (11, and 14 for vouchers); an
in-memory database gets them with its schema.
"""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient

_INVOICE_FIXED = ('number', 'kind', 'patient_id', 'branch_id', 'issued_on', 'financial_year', 'serial',
                  'credit_of_id', 'interstate')
_INVOICE_FIGURES = ('gross', 'discount', 'invoice_discount', 'taxable_value', 'cgst', 'sgst', 'igst', 'total')
_PAYMENT_FIXED = ('number', 'kind', 'patient_id', 'branch_id', 'day', 'mode', 'reference', 'received_at')
_EXPENSE_FIXED = ('number', 'branch_id', 'spent_on', 'paid_to', 'paid_by', 'purpose', 'mode')


def _sqlite_changed(columns: tuple[str, ...], figures: tuple[str, ...] = ('amount',)) -> str:
    plain = [f'NEW.{column} IS NOT OLD.{column}' for column in columns]
    numbers = [f'NEW.{column} + 0 <> OLD.{column} + 0' for column in figures]  # decimals are stored as text
    return ' OR '.join(plain + numbers)


def _postgres_changed(columns: tuple[str, ...], figures: tuple[str, ...] = ('amount',)) -> str:
    return ' OR '.join(f'NEW.{column} IS DISTINCT FROM OLD.{column}' for column in (*columns, *figures))


_DRAFT_OF = "(SELECT status FROM invoice WHERE id = {row}.invoice_id) <> 'draft'"
_CLOSED = 'EXISTS (SELECT 1 FROM day_closing WHERE branch_id = {row}.branch_id AND day = {row}.day)'

SQLITE_TRIGGERS = f"""
CREATE TRIGGER IF NOT EXISTS invoice_issued_fixed BEFORE UPDATE ON invoice
WHEN OLD.status <> 'draft' AND (NEW.status = 'draft' OR {_sqlite_changed(_INVOICE_FIXED, _INVOICE_FIGURES)})
BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS invoice_issued_kept BEFORE DELETE ON invoice WHEN OLD.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be deleted'); END;
CREATE TRIGGER IF NOT EXISTS invoice_line_fixed_update BEFORE UPDATE ON invoice_line WHEN {_DRAFT_OF.format(row='OLD')}
BEGIN SELECT RAISE(ABORT, 'the lines of an issued invoice cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS invoice_line_fixed_delete BEFORE DELETE ON invoice_line WHEN {_DRAFT_OF.format(row='OLD')}
BEGIN SELECT RAISE(ABORT, 'the lines of an issued invoice cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS invoice_line_fixed_insert BEFORE INSERT ON invoice_line WHEN {_DRAFT_OF.format(row='NEW')}
BEGIN SELECT RAISE(ABORT, 'the lines of an issued invoice cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS payment_fixed BEFORE UPDATE ON payment WHEN {_sqlite_changed(_PAYMENT_FIXED)}
BEGIN SELECT RAISE(ABORT, 'a payment cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS payment_kept BEFORE DELETE ON payment
BEGIN SELECT RAISE(ABORT, 'a payment cannot be deleted'); END;
CREATE TRIGGER IF NOT EXISTS payment_day_open BEFORE INSERT ON payment WHEN {_CLOSED.format(row='NEW')}
BEGIN SELECT RAISE(ABORT, 'the day is closed'); END;
"""

POSTGRES_TRIGGERS = f"""
CREATE OR REPLACE FUNCTION invoice_issued_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN RAISE EXCEPTION 'an issued invoice cannot be deleted'; END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (NEW.status = 'draft' OR {_postgres_changed(_INVOICE_FIXED, _INVOICE_FIGURES)}) THEN
    RAISE EXCEPTION 'an issued invoice cannot be changed';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS invoice_issued_fixed ON invoice;
CREATE TRIGGER invoice_issued_fixed BEFORE UPDATE OR DELETE ON invoice
FOR EACH ROW EXECUTE FUNCTION invoice_issued_fixed();
CREATE OR REPLACE FUNCTION invoice_line_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP <> 'INSERT' AND {_DRAFT_OF.format(row='OLD')}) OR (TG_OP <> 'DELETE' AND {_DRAFT_OF.format(row='NEW')}) THEN
    RAISE EXCEPTION 'the lines of an issued invoice cannot be changed';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
DROP TRIGGER IF EXISTS invoice_line_fixed ON invoice_line;
CREATE TRIGGER invoice_line_fixed BEFORE INSERT OR UPDATE OR DELETE ON invoice_line
FOR EACH ROW EXECUTE FUNCTION invoice_line_fixed();
CREATE OR REPLACE FUNCTION payment_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'a payment cannot be deleted'; END IF;
  IF TG_OP = 'INSERT' THEN
    IF {_CLOSED.format(row='NEW')} THEN RAISE EXCEPTION 'the day is closed'; END IF;
    RETURN NEW;
  END IF;
  IF {_postgres_changed(_PAYMENT_FIXED)} THEN RAISE EXCEPTION 'a payment cannot be changed'; END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS payment_fixed ON payment;
CREATE TRIGGER payment_fixed BEFORE INSERT OR UPDATE OR DELETE ON payment
FOR EACH ROW EXECUTE FUNCTION payment_fixed();
"""


SQLITE_EXPENSE_TRIGGERS = f"""
CREATE TRIGGER IF NOT EXISTS expense_fixed BEFORE UPDATE ON expense
WHEN {_sqlite_changed(_EXPENSE_FIXED)} OR (OLD.status <> 'pending' AND NEW.status = 'pending')
BEGIN SELECT RAISE(ABORT, 'an expense voucher cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS expense_kept BEFORE DELETE ON expense
BEGIN SELECT RAISE(ABORT, 'an expense voucher cannot be deleted'); END;
"""

POSTGRES_EXPENSE_TRIGGERS = f"""
CREATE OR REPLACE FUNCTION expense_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'an expense voucher cannot be deleted'; END IF;
  IF {_postgres_changed(_EXPENSE_FIXED)} OR (OLD.status <> 'pending' AND NEW.status = 'pending') THEN
    RAISE EXCEPTION 'an expense voucher cannot be changed';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS expense_fixed ON expense;
CREATE TRIGGER expense_fixed BEFORE UPDATE OR DELETE ON expense FOR EACH ROW EXECUTE FUNCTION expense_fixed();
"""


def triggers_for(dialect: str) -> str:
    if dialect == 'sqlite':
        return SQLITE_TRIGGERS + SQLITE_EXPENSE_TRIGGERS
    return POSTGRES_TRIGGERS + POSTGRES_EXPENSE_TRIGGERS


async def install(connection: BaseDBAsyncClient) -> None:
    """Add the triggers to a database whose schema was generated rather than migrated."""
    await connection.execute_script(triggers_for(connection.capabilities.dialect))
