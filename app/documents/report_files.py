"""A report as a CSV or an Excel file, written a batch of rows at a time so memory stays flat however long it is.

CSV is streamed as it is read, UTF-8 with a byte-order mark (Excel then reads the ₹ and the names
right), text that a spreadsheet would run neutralised (`app.exports`). Excel is written by xlsxwriter
in constant-memory mode to a file in the data directory's `tmp` folder (it holds patients' names:
never the system's shared /tmp), each batch in a worker thread so the event loop keeps answering;
the caller sends the file and deletes it. Excel cells are typed: text as text (never a formula),
money and counts as numbers, dates as dates.
"""

from __future__ import annotations

import asyncio
import csv
import io
import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter

from app.exports import csv_cell
from app.services.reports import ColumnKind, ReportExport, Row

MONEY_FORMAT = '#,##0.00'
DATE_FORMAT = 'dd mmm yyyy'
MOMENT_FORMAT = 'dd mmm yyyy hh:mm'


async def csv_chunks(export: ReportExport) -> AsyncIterator[bytes]:
    """The report as CSV: the heading, then each batch as one chunk."""
    yield _csv_lines([[column.label for column in export.spec.columns]]).encode('utf-8-sig')
    async for batch in export.batches():
        yield _csv_lines([[csv_cell(value) for value in row] for row in batch]).encode('utf-8')


def _csv_lines(rows: Sequence[Sequence[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


async def xlsx_file(export: ReportExport, folder: Path) -> Path:
    """Write the report to a new .xlsx file in `folder` and return its path (the caller deletes it)."""
    await asyncio.to_thread(folder.mkdir, parents=True, exist_ok=True)
    path = folder / f'report-{uuid.uuid4().hex}.xlsx'
    book = xlsxwriter.Workbook(str(path), {'constant_memory': True, 'tmpdir': str(folder),
                                           'strings_to_formulas': False, 'strings_to_urls': False})
    try:
        sheet = book.add_worksheet(export.spec.title[:31])
        formats = {ColumnKind.MONEY: book.add_format({'num_format': MONEY_FORMAT}),
                   ColumnKind.DATE: book.add_format({'num_format': DATE_FORMAT}),
                   ColumnKind.MOMENT: book.add_format({'num_format': MOMENT_FORMAT})}
        bold = book.add_format({'bold': True})
        kinds = [column.kind for column in export.spec.columns]
        for index, column in enumerate(export.spec.columns):
            sheet.write_string(0, index, column.label, bold)
            sheet.set_column(index, index, 22 if column.kind is ColumnKind.TEXT else 16)
        written = 1
        async for batch in export.batches():
            await asyncio.to_thread(_write_rows, sheet, batch, written, kinds, formats)
            written += len(batch)
        await asyncio.to_thread(book.close)
    except BaseException:
        await asyncio.to_thread(path.unlink, missing_ok=True)
        raise
    return path


def _write_rows(sheet: Any, rows: list[Row], first: int, kinds: list[ColumnKind], formats: dict[ColumnKind, Any]) \
        -> None:
    for offset, row in enumerate(rows):
        for index, value in enumerate(row):
            _write(sheet, first + offset, index, value, formats.get(kinds[index]))


def _write(sheet: Any, row: int, col: int, value: Any, style: Any) -> None:
    if value is None:
        sheet.write_blank(row, col, None)
    elif isinstance(value, bool):
        sheet.write_string(row, col, 'Yes' if value else 'No')
    elif isinstance(value, int | float | Decimal):
        sheet.write_number(row, col, float(value), style)
    elif isinstance(value, datetime | date):
        sheet.write_datetime(row, col, value, style)  # a date or a naive clinic-time moment
    else:
        sheet.write_string(row, col, str(value))
