"""Printable documents made on the server: invoices, credit notes and receipts as PDF (A4 and 80 mm roll)."""
