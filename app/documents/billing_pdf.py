"""Invoices, credit notes and payment receipts as PDF, on A4 paper or on an 80 mm receipt roll.

`render_bill` and `render_receipt` draw a `BillDocument` or a `ReceiptDocument` (plain values, see
`bill.py`) with fpdf2, in Noto Sans: the font has the rupee sign, dashes and curly quotes, which the
PDF core fonts (Latin-1) lack. Amounts are shown with `format_money` (₹1,20,000.00), inside the
table of lines with `money_text` (1,20,000.00, the column heading says ₹), and in words with
`amount_in_words`.

An A4 document flows onto more pages when its lines do (the table heading is repeated, every page
has a footer with the page number). A roll has no pages: it is one page 80 mm wide, exactly as long
as the document, so the drawing runs twice, once to measure the length and once on a page of it.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from enum import StrEnum
from importlib import resources
from pathlib import Path

import segno
from fontTools import ttLib
from fontTools.varLib import instancer
from fpdf import FPDF, FontFace, XPos, YPos
from fpdf.drawing import PaintedPath
from fpdf.enums import MethodReturnValue, PathPaintRule, TableBordersLayout, VAlign
from fpdf.errors import FPDFException
from PIL import Image

from app.dates import shown_date
from app.documents.bill import BillDocument, DocumentClinic, DocumentLine, ReceiptDocument, upi_payment_link
from app.money import amount_in_words, format_money, money_text


class Paper(StrEnum):
    """What the document is printed on."""

    A4 = 'a4'
    ROLL = 'roll'  # an 80 mm thermal receipt roll


@dataclass(frozen=True, kw_only=True)
class _Layout:
    """The measures of one paper: millimetres for lengths, points for font sizes."""

    width: float
    margin: float  # left and right
    top: float
    bottom: float  # where an A4 page breaks; below the last line on a roll
    body: float
    small: float
    clinic_name: float
    title: float
    qr_size: float


_LAYOUTS = {
    Paper.A4: _Layout(width=210, margin=13, top=13, bottom=18, body=9, small=7.5, clinic_name=16, title=14,
                      qr_size=30),
    Paper.ROLL: _Layout(width=80, margin=4, top=5, bottom=8, body=8, small=7, clinic_name=12, title=11,
                        qr_size=36),
}
_A4_HEIGHT = 297
_ROLL_PROBE_HEIGHT = 5000  # mm, the first pass of a roll: longer than any bill, within PDF's 200-inch page
_PT = 25.4 / 72  # one point in millimetres
_LINE_SPACING = 1.35  # line height as a multiple of the font size
_FONT = 'NotoSans'
_FONT_FILE = 'NotoSans[wdth,wght].ttf'  # a variable font: weight 100-900, width 62.5-100
_REGULAR_AXES = {'wght': 400.0, 'wdth': 100.0}
_BOLD_AXES = {'wght': 700.0, 'wdth': 100.0}
_LAYOUT_TABLES = ('GSUB', 'GPOS', 'GDEF')  # unused by fpdf2 without text shaping, and slow to instance
_CONTROL_CHARACTERS = {code: ' ' for code in (*range(0x20), 0x7F) if code != 0x0A}  # all but the line feed
_GREY_RULE = 200
_GREY_TEXT = 90
_HEADING_FILL = 238
_IST = timezone(timedelta(hours=5, minutes=30), 'IST')
_LOGO_BOX = {Paper.A4: (36.0, 20.0), Paper.ROLL: (50.0, 16.0)}  # the largest logo, width and height
_QR_QUIET = 4  # mm of blank around a QR code: at least the four modules the standard asks
_A4_SIDE_COLUMN = 72  # mm: the number and date beside the title, the totals, the amounts due beside the QR code
_EXEMPT_NOTE = ('Healthcare services by a clinical establishment, exempt from GST '
                '(Notification 12/2017-Central Tax (Rate), entry 74).')
_LINE_COLUMNS = (  # heading, A4 width in mm (0: the rest), alignment
    ('Description', 0, 'LEFT'), ('SAC', 13, 'LEFT'), ('Qty', 9, 'RIGHT'), ('Rate (₹)', 19, 'RIGHT'),
    ('Discount (₹)', 18, 'RIGHT'), ('Taxable value (₹)', 19, 'RIGHT'), ('GST', 13, 'RIGHT'),
    ('Tax (₹)', 16, 'RIGHT'), ('Amount (₹)', 20, 'RIGHT'),
)


def render_bill(document: BillDocument, *, paper: Paper) -> bytes:
    """The PDF of an invoice or a credit note."""
    return _render(lambda sheet: _draw_bill(sheet, document), paper=paper, title=document.title,
                   number=document.number, issued_on=document.issued_on, clinic=document.clinic)


def render_receipt(document: ReceiptDocument, *, paper: Paper) -> bytes:
    """The PDF of a payment receipt or a refund voucher."""
    return _render(lambda sheet: _draw_receipt(sheet, document), paper=paper, title=document.title,
                   number=document.number, issued_on=document.received_on, clinic=document.clinic)


# --- fonts -----------------------------------------------------------------------------------------

_font_lock = threading.Lock()


def _variable_font() -> Path:
    """The Noto Sans file of the `fontpkg_noto_sans` package: one variable font for every weight and width."""
    return Path(str(resources.files('fontpkg_noto_sans').joinpath('files', _FONT_FILE)))


def prepare_fonts() -> tuple[Path, Path]:
    """Noto Sans Regular and Bold as static font files, made from the variable font once per process.

    fpdf2 can instance the variable font itself (`add_font(variations=...)`), but it would do so for
    every document, with the OpenType layout tables, which takes seconds; without those tables
    (fpdf2 only uses them for text shaping, which is off) both weights take about a second, once.
    The first document of a process waits for that; a server can call this when it starts.
    """
    with _font_lock:  # two first bills at once make the fonts once
        return _static_fonts()


@functools.cache
def _static_fonts() -> tuple[Path, Path]:
    """Instance the variable font into a private temporary folder, removed when the process exits."""
    folder = Path(tempfile.mkdtemp(prefix='prospine-fonts-'))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    regular = _instance(_REGULAR_AXES, folder / 'NotoSans-Regular.ttf')
    return regular, _instance(_BOLD_AXES, folder / 'NotoSans-Bold.ttf')


def _instance(axes: dict[str, float], path: Path) -> Path:
    """Save the variable font pinned at `axes`, without its layout tables, as a static font at `path`."""
    font = ttLib.TTFont(_variable_font(), lazy=True, recalcTimestamp=False)
    for tag in _LAYOUT_TABLES:
        if tag in font:
            del font[tag]
    instancer.instantiateVariableFont(font, axes, inplace=True, static=True)
    font.save(path)
    return path


# --- the sheet ------------------------------------------------------------------------------------

class _Sheet(FPDF):
    """An fpdf2 document with the paper's margins, the fonts, and on A4 a running header and footer."""

    def __init__(self, *, paper: Paper, height: float, label: str) -> None:
        self.paper = paper
        self.layout = _LAYOUTS[paper]
        self.label = label  # 'Bill of supply AND/26-27/00123': the PDF title and the A4 page footer
        super().__init__(unit='mm', format=(self.layout.width, height))
        self.set_margins(self.layout.margin, self.layout.top, self.layout.margin)
        self.set_auto_page_break(True, margin=self.layout.bottom)
        self.c_margin = 0
        self.oversized_images = 'DOWNSCALE'  # a logo photographed at 4000 pixels is stored at print size
        regular, bold = prepare_fonts()
        self.add_font(_FONT, '', regular)
        self.add_font(_FONT, 'B', bold)
        self.set_font(_FONT, size=self.layout.body)
        self.set_draw_color(_GREY_RULE)
        self.set_line_width(0.2)
        self.add_page()

    @property
    def is_roll(self) -> bool:
        return self.paper is Paper.ROLL

    def header(self) -> None:
        """A continued A4 page says what it continues."""
        if self.is_roll or self.page_no() == 1:
            return
        self.set_font(_FONT, '', self.layout.small)
        self.set_text_color(_GREY_TEXT)
        self.cell(0, _line(self.layout.small), f'{self.label} (continued)', new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)
        self.ln(2)

    def footer(self) -> None:
        """Every A4 page: the document and the page number, in small grey print."""
        if self.is_roll:
            return
        self.set_y(-self.layout.bottom + 6)
        self.set_font(_FONT, '', self.layout.small)
        self.set_text_color(_GREY_TEXT)
        self.cell(self.epw / 2, _line(self.layout.small), self.label)
        self.cell(0, _line(self.layout.small), f'Page {self.page_no()} of {{nb}}', align='R')
        self.set_text_color(0)

    def text_line(self, text: str, *, size: float | None = None, bold: bool = False, align: str = 'L',
                  width: float = 0, grey: bool = False) -> None:
        """A paragraph that wraps within `width` (0: to the right margin); the next one starts below it."""
        size = size or self.layout.body
        self.set_font(_FONT, 'B' if bold else '', size)
        self.set_text_color(_GREY_TEXT if grey else 0)
        self.multi_cell(width, _line(size), _printable(text), align=align, new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_text_color(0)

    def text_height(self, text: str, *, width: float, size: float | None = None, bold: bool = False) -> float:
        """How tall `text_line` would draw a paragraph."""
        size = size or self.layout.body
        self.set_font(_FONT, 'B' if bold else '', size)
        return self.multi_cell(width, _line(size), _printable(text), dry_run=True, output=MethodReturnValue.HEIGHT)

    def pair(self, label: str, value: str, *, width: float, bold: bool = False, size: float | None = None) -> None:
        """A label on the left and an amount on the right of a `width` wide row; either wraps if it must."""
        size = size or self.layout.body
        label, value = _printable(label), _printable(value)
        left, top = self.get_x(), self.get_y()
        self.set_font(_FONT, 'B' if bold else '', size)
        value_width = min(self.get_string_width(value) + 1, width * 0.6)
        label_height = self.text_height(label, width=width - value_width, size=size, bold=bold)
        self.multi_cell(width - value_width, _line(size), label, new_x=XPos.RIGHT, new_y=YPos.TOP)
        self.multi_cell(value_width, _line(size), value, align='R', new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_xy(left, max(self.get_y(), top + label_height))

    def gap(self, height: float) -> None:
        """Move down by `height`, staying in the current column (`ln` would go back to the left margin)."""
        self.set_xy(self.get_x(), self.get_y() + height)

    def rule(self, *, gap: float = 2.0) -> None:
        """A thin grey line across the page, with a little space above and below."""
        self.ln(gap)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(gap)

    def keep_together(self, height: float) -> None:
        """Start a new page when a block of `height` would not fit on this one (A4 only)."""
        if not self.is_roll and self.will_page_break(height):
            self.add_page()


def _printable(text: str) -> str:
    """Text as typed, without the control characters a font has no glyph for: tabs become spaces."""
    return text.replace('\r\n', '\n').translate(_CONTROL_CHARACTERS)


def _line(size_pt: float) -> float:
    """The line height, in millimetres, of text of `size_pt` points."""
    return size_pt * _PT * _LINE_SPACING


def _render(draw: Callable[[_Sheet], None], *, paper: Paper, title: str, number: str, issued_on: date,
            clinic: DocumentClinic) -> bytes:
    """Draw a document on its paper and return the PDF; a roll is measured first, then drawn to length."""
    paper = Paper(paper)
    label = _printable(f'{title} {number}')
    height, measured = _A4_HEIGHT, False
    if paper is Paper.ROLL:
        probe = _Sheet(paper=paper, height=_ROLL_PROBE_HEIGHT, label=label)
        draw(probe)
        measured = probe.page_no() == 1  # else a roll of over 5 m: it stays in 5 m pages
        height = probe.get_y() + probe.layout.bottom if measured else _ROLL_PROBE_HEIGHT
    sheet = _Sheet(paper=paper, height=height, label=label)
    if measured:
        sheet.set_auto_page_break(False)  # the page is as long as the first pass measured, to the last line
    _set_metadata(sheet, label=label, issued_on=issued_on, clinic=clinic)
    draw(sheet)
    return bytes(sheet.output())


def _set_metadata(sheet: _Sheet, *, label: str, issued_on: date, clinic: DocumentClinic) -> None:
    """Title, author and a creation date of the document's own day, so the same document gives the same bytes."""
    sheet.set_title(label)
    sheet.set_author(clinic.clinic_name)
    sheet.set_creator('ProSpine Clinic Dashboard')
    sheet.set_lang('en-IN')
    sheet.set_creation_date(datetime.combine(issued_on, time(), _IST))


# --- shared blocks --------------------------------------------------------------------------------

def _shown_date(day: date) -> str:
    """A date as the documents print it, as every screen shows dates: 01 Dec 2026."""
    return shown_date(day)


def _number_text(value: Decimal) -> str:
    """A quantity or a tax rate without trailing zeros: 1, 1.5, 12."""
    text = f'{value:f}'
    return text.rstrip('0').rstrip('.') if '.' in text else text


def _letterhead_rows(clinic: DocumentClinic) -> list[tuple[str, str]]:
    """The clinic's lines under its name, each with its style ('' or 'B')."""
    rows = [(clinic.branch_name, 'B')] if clinic.branch_name else []
    rows += [(line, '') for line in clinic.address.splitlines() if line.strip()]
    contact = ' · '.join(part for part in (clinic.phone, clinic.email) if part)
    if contact:
        rows.append((contact, ''))
    if clinic.gstin:
        rows.append((f'GSTIN {clinic.gstin}', ''))
    return rows


def _draw_logo(sheet: _Sheet, path: Path | None, *, x: float | None, y: float) -> tuple[float, float]:
    """The clinic's logo fitted into the paper's logo box, at `x` (None: centred); its width and height.

    A logo that cannot be read is left out: the bill matters more than its letterhead.
    """
    if path is None:
        return 0.0, 0.0
    box_width, box_height = _LOGO_BOX[sheet.paper]
    try:
        with Image.open(path) as image:
            image.load()
            scale = min(box_width / image.width, box_height / image.height)
            width, height = image.width * scale, image.height * scale
            left = (sheet.w - width) / 2 if x is None else x
            sheet.image(image, x=left, y=y, w=width, h=height)
    except (OSError, ValueError, FPDFException):
        return 0.0, 0.0
    return width, height


def _draw_letterhead(sheet: _Sheet, clinic: DocumentClinic, *, width: float) -> None:
    """The clinic's name, bigger and bold, then branch, address, phone and email, GSTIN."""
    align = 'C' if sheet.is_roll else 'L'
    sheet.text_line(clinic.clinic_name, size=sheet.layout.clinic_name, bold=True, align=align, width=width)
    sheet.gap(0.5)
    for text, style in _letterhead_rows(clinic):
        sheet.text_line(text, bold=style == 'B', align=align, width=width)


def _draw_heading(sheet: _Sheet, clinic: DocumentClinic, *, title: str, details: list[str]) -> None:
    """The letterhead, a rule, then the document's title with its number and date."""
    top = sheet.get_y()
    if sheet.is_roll:
        _, logo_height = _draw_logo(sheet, clinic.logo_path, x=None, y=top)
        sheet.set_y(top + logo_height + (2 if logo_height else 0))
        _draw_letterhead(sheet, clinic, width=sheet.epw)
        sheet.rule()
        sheet.text_line(title, size=sheet.layout.title, bold=True, align='C')
        for text in details:
            sheet.text_line(text, align='C')
        return
    logo_width, logo_height = _draw_logo(sheet, clinic.logo_path, x=sheet.l_margin, y=top)
    indent = logo_width + 5 if logo_width else 0
    sheet.set_xy(sheet.l_margin + indent, top)
    _draw_letterhead(sheet, clinic, width=sheet.epw - indent)
    sheet.set_xy(sheet.l_margin, max(sheet.get_y(), top + logo_height))
    sheet.rule(gap=3)
    _draw_title_band(sheet, title=title, details=details)


def _draw_title_band(sheet: _Sheet, *, title: str, details: list[str]) -> None:
    """On A4: the title on the left, the number and date right-aligned beside it."""
    top = sheet.get_y()
    sheet.text_line(title, size=sheet.layout.title, bold=True, width=sheet.epw - _A4_SIDE_COLUMN - 4)
    title_bottom = sheet.get_y()
    sheet.set_xy(sheet.w - sheet.r_margin - _A4_SIDE_COLUMN, top)
    for text in details:
        sheet.text_line(text, align='R', width=_A4_SIDE_COLUMN)
    sheet.set_xy(sheet.l_margin, max(title_bottom, sheet.get_y()))
    sheet.gap(2)


def _draw_patient(sheet: _Sheet, *, name: str, uid: str, phone: str, label: str = 'Patient') -> None:
    """Who the document is for: name, UID and phone."""
    sheet.text_line(label, size=sheet.layout.small, grey=True)
    sheet.text_line(name, size=sheet.layout.body + 1, bold=True)
    identity = ' · '.join(part for part in (uid and f'UID {uid}', phone and f'Phone {phone}') if part)
    if identity:
        sheet.text_line(identity)


def _draw_qr(sheet: _Sheet, link: str, *, x: float, y: float, size: float) -> None:
    """A QR code of `link`, `size` mm square, drawn as one vector path (no seams between modules).

    The code needs a quiet zone of four modules (under 4 mm here) around it: the callers leave that blank.
    """
    code = segno.make(link, error='m', micro=False)
    step = size / len(code.matrix)
    path = PaintedPath()
    path.style.paint_rule = PathPaintRule.FILL_NONZERO
    path.style.fill_color = '#000000'
    for row_index, row in enumerate(code.matrix):
        for start, length in _dark_runs(row):
            path.rectangle(x + start * step, y + row_index * step, length * step, step)
    sheet.draw_path(path, copy=False)  # a copy of its thousand rectangles would take longer than the bill


def _dark_runs(row: bytearray) -> list[tuple[int, int]]:
    """The runs of dark modules in one row of a QR code, as (first column, length)."""
    runs: list[tuple[int, int]] = []
    start = None
    for column, dark in enumerate([*row, 0]):
        if dark and start is None:
            start = column
        elif not dark and start is not None:
            runs.append((start, column - start))
            start = None
    return runs


def _draw_closing(sheet: _Sheet, *, person_label: str, person: str) -> None:
    """Who issued the document, and that it needs no signature."""
    sheet.ln(3)
    if person:
        sheet.text_line(f'{person_label} {person}', align='C' if sheet.is_roll else 'L')
    sheet.text_line('Computer-generated document, no signature required.', size=sheet.layout.small, grey=True,
                    align='C' if sheet.is_roll else 'L')


# --- bills ----------------------------------------------------------------------------------------

def _draw_bill(sheet: _Sheet, document: BillDocument) -> None:
    """Everything a bill prints, top to bottom."""
    _draw_heading(sheet, document.clinic, title=document.title,
                  details=[f'No. {document.number}', f'Date {_shown_date(document.issued_on)}'])
    sheet.rule()
    _draw_patient(sheet, name=document.patient_name, uid=document.patient_uid, phone=document.patient_phone)
    if document.credit_of or document.reason:
        sheet.ln(1.5)
        if document.credit_of:
            sheet.text_line(f'Credit note against invoice {document.credit_of}', bold=True)
        if document.reason:
            sheet.text_line(f'Reason: {document.reason}')
    sheet.rule()
    if sheet.is_roll:
        _draw_roll_lines(sheet, document.lines)
    else:
        _draw_a4_lines(sheet, document.lines)
    _draw_totals(sheet, document)
    _draw_settlement(sheet, document)
    _draw_small_print(sheet, document)
    _draw_closing(sheet, person_label='Issued by', person=document.issued_by)


def _a4_column_widths(sheet: _Sheet) -> list[float]:
    """The widths of the A4 table's columns: the description takes what the others leave."""
    fixed = sum(width for _, width, _ in _LINE_COLUMNS)
    return [width or sheet.epw - fixed for _, width, _ in _LINE_COLUMNS]


def _line_cells(line: DocumentLine) -> list[str]:
    """One row of the A4 table."""
    rate = f'{_number_text(line.tax_rate)}%' if line.tax_rate else 'Exempt'
    return [_printable(line.description), _printable(line.sac), _number_text(line.quantity),
            money_text(line.unit_price), money_text(line.discount), money_text(line.taxable_value), rate,
            money_text(line.tax), money_text(line.amount)]


def _draw_a4_lines(sheet: _Sheet, lines: list[DocumentLine]) -> None:
    """The table of lines, its heading repeated on every page it runs onto."""
    size = sheet.layout.body - 1
    sheet.set_font(_FONT, '', size)
    heading_style = FontFace(emphasis='BOLD', size_pt=size, fill_color=_HEADING_FILL)
    with sheet.table(col_widths=_a4_column_widths(sheet), text_align=[align for _, _, align in _LINE_COLUMNS],
                     borders_layout=TableBordersLayout.HORIZONTAL_LINES, headings_style=heading_style,
                     line_height=_line(size), padding=(1.2, 1), v_align=VAlign.T, width=sheet.epw,
                     repeat_headings=1) as table:
        table.row([heading for heading, _, _ in _LINE_COLUMNS])
        for line in lines:
            table.row(_line_cells(line))
    sheet.ln(3)


def _draw_roll_lines(sheet: _Sheet, lines: list[DocumentLine]) -> None:
    """The lines, compact: the description, then quantity x rate and the amount, then SAC and tax."""
    small = sheet.layout.small
    for line in lines:
        sheet.text_line(line.description, bold=True)
        price = f'{_number_text(line.quantity)} × {format_money(line.unit_price)}'
        if line.discount:
            price += f' − {format_money(line.discount)} discount'
        sheet.pair(price, format_money(line.amount), width=sheet.epw)
        tax = f'GST {_number_text(line.tax_rate)}% {format_money(line.tax)} on {format_money(line.taxable_value)}'
        details = ' · '.join(part for part in (line.sac and f'SAC {line.sac}', tax if line.tax_rate else 'Exempt')
                             if part)
        sheet.text_line(details, size=small, grey=True)
        sheet.ln(1.2)
    sheet.rule(gap=1)


def _total_rows(document: BillDocument) -> list[tuple[str, Decimal]]:
    """Gross to taxable value, then the taxes that apply."""
    rows = [('Gross amount', document.gross), ('Discount', document.discount),
            ('Taxable value', document.taxable_value)]
    rows += [(name, tax) for name, tax in (('CGST', document.cgst), ('SGST', document.sgst),
                                           ('IGST', document.igst)) if tax]
    return rows


def _settlement_rows(document: BillDocument) -> list[tuple[str, Decimal]]:
    """Paid, credited and due; a credit note settles nothing itself, so it shows only what is not zero."""
    is_credit_note = bool(document.credit_of)
    rows = [('Paid', document.paid)] if document.paid or not is_credit_note else []
    if document.credited:
        rows.append(('Credited', document.credited))
    if document.due or not is_credit_note:
        rows.append(('Due', document.due))
    return rows


def _draw_totals(sheet: _Sheet, document: BillDocument) -> None:
    """The totals, right-aligned on A4, then the total in words across the page."""
    width = sheet.epw if sheet.is_roll else _A4_SIDE_COLUMN
    left = sheet.l_margin if sheet.is_roll else sheet.w - sheet.r_margin - width
    rows = _total_rows(document)
    words = f'Amount in words: {amount_in_words(document.total)}'
    row_height = _line(sheet.layout.body)
    height = row_height * (len(rows) + 2) + sheet.text_height(words, width=sheet.epw, bold=True) + 8
    sheet.keep_together(height + _a4_settlement_height(sheet, document))  # the amounts due stay with the total
    sheet.set_x(left)
    for label, amount in rows:
        sheet.pair(label, format_money(amount), width=width)
    sheet.gap(0.8)
    sheet.line(left, sheet.get_y(), left + width, sheet.get_y())
    sheet.gap(0.8)
    sheet.pair('Total', format_money(document.total), width=width, bold=True, size=sheet.layout.body + 1.5)
    sheet.set_xy(sheet.l_margin, sheet.get_y() + 1.5)
    sheet.text_line(words, bold=True, width=sheet.epw)
    sheet.rule()


def _payment_caption(document: BillDocument) -> str:
    """The words beside the QR code."""
    return f'Scan with any UPI app to pay {format_money(document.due)}\nUPI ID {document.clinic.upi_id}'


def _payment_link(document: BillDocument) -> str:
    """The UPI link of the QR code: pay the due of this bill to the branch."""
    return upi_payment_link(upi_id=document.clinic.upi_id, clinic_name=document.clinic.clinic_name,
                            amount=document.due, invoice_number=document.number)


def _wants_qr(document: BillDocument) -> bool:
    """A QR code is printed for an amount due to a branch with a UPI id."""
    return document.due > 0 and bool(document.clinic.upi_id)


def _draw_settlement(sheet: _Sheet, document: BillDocument) -> None:
    """Paid, credited, due and the status; beside them (below them on a roll) the UPI QR code for the due."""
    rows = _settlement_rows(document)
    if not rows and not document.status_text and not _wants_qr(document):
        return
    if sheet.is_roll:
        _draw_roll_settlement(sheet, document, rows)
    else:
        _draw_a4_settlement(sheet, document, rows)


def _draw_status_rows(sheet: _Sheet, document: BillDocument, rows: list[tuple[str, Decimal]], *, width: float) -> None:
    """The settlement rows and the status text, in a column of `width` starting at the current x."""
    left = sheet.get_x()
    for label, amount in rows:
        sheet.set_x(left)
        sheet.pair(label, format_money(amount), width=width, bold=label == 'Due')
    if document.status_text:
        sheet.set_x(left)
        sheet.text_line(f'Status: {document.status_text}', bold=True, width=width,
                        align='C' if sheet.is_roll else 'R')


def _a4_settlement_height(sheet: _Sheet, document: BillDocument) -> float:
    """How tall the A4 settlement block is: the QR code with its quiet zone, or the column of amounts."""
    qr_height = sheet.layout.qr_size + 2 * _QR_QUIET if _wants_qr(document) else 0
    rows_height = _line(sheet.layout.body) * len(_settlement_rows(document))
    if document.status_text:
        rows_height += sheet.text_height(f'Status: {document.status_text}', width=_A4_SIDE_COLUMN, bold=True)
    return max(qr_height, rows_height) + 1


def _draw_a4_settlement(sheet: _Sheet, document: BillDocument, rows: list[tuple[str, Decimal]]) -> None:
    """On A4: the QR code and its caption on the left, the settlement column on the right."""
    layout = sheet.layout
    qr_height = layout.qr_size if _wants_qr(document) else 0
    sheet.keep_together(_a4_settlement_height(sheet, document))
    top = sheet.get_y()
    bottom = top
    if qr_height:
        _draw_qr(sheet, _payment_link(document), x=sheet.l_margin, y=top + _QR_QUIET, size=qr_height)
        sheet.set_xy(sheet.l_margin + qr_height + 5, top + _QR_QUIET + qr_height / 2 - _line(layout.body))
        sheet.text_line(_payment_caption(document), width=sheet.epw - _A4_SIDE_COLUMN - qr_height - 10)
        bottom = top + qr_height + 2 * _QR_QUIET
    sheet.set_xy(sheet.w - sheet.r_margin - _A4_SIDE_COLUMN, top)
    _draw_status_rows(sheet, document, rows, width=_A4_SIDE_COLUMN)
    sheet.set_xy(sheet.l_margin, max(sheet.get_y(), bottom))
    sheet.gap(1)


def _draw_roll_settlement(sheet: _Sheet, document: BillDocument, rows: list[tuple[str, Decimal]]) -> None:
    """On a roll: the settlement rows, the status, then the QR code centred with its caption under it."""
    sheet.set_x(sheet.l_margin)
    _draw_status_rows(sheet, document, rows, width=sheet.epw)
    if _wants_qr(document):
        size = sheet.layout.qr_size
        top = sheet.get_y() + _QR_QUIET
        _draw_qr(sheet, _payment_link(document), x=(sheet.w - size) / 2, y=top, size=size)
        sheet.set_xy(sheet.l_margin, top + size + _QR_QUIET)
        sheet.text_line(_payment_caption(document), align='C')
        sheet.gap(1)


def _draw_small_print(sheet: _Sheet, document: BillDocument) -> None:
    """Why exempt lines carry no GST."""
    exempt = [line for line in document.lines if not line.tax_rate]
    if not exempt:
        return
    note = _EXEMPT_NOTE if len(exempt) == len(document.lines) else f'Lines marked Exempt: {_EXEMPT_NOTE}'
    sheet.ln(1)
    sheet.text_line(note, size=sheet.layout.small, grey=True, width=sheet.epw, align='C' if sheet.is_roll else 'L')


# --- receipts -------------------------------------------------------------------------------------

def _is_refund(document: ReceiptDocument) -> bool:
    return document.title.lower().startswith('refund')


def _draw_receipt(sheet: _Sheet, document: ReceiptDocument) -> None:
    """Everything a receipt prints, top to bottom."""
    _draw_heading(sheet, document.clinic, title=document.title,
                  details=[f'No. {document.number}', f'Date {_shown_date(document.received_on)}'])
    sheet.rule()
    _draw_patient(sheet, name=document.patient_name, uid=document.patient_uid, phone='',
                  label='Paid to' if _is_refund(document) else 'Received from')
    sheet.rule()
    width = sheet.epw if sheet.is_roll else _A4_SIDE_COLUMN + 30
    label = 'Amount refunded' if _is_refund(document) else 'Amount received'
    sheet.pair(label, format_money(document.amount), width=width, bold=True, size=sheet.layout.title)
    sheet.text_line(amount_in_words(document.amount), bold=True)
    sheet.ln(1.5)
    sheet.pair('Mode', document.mode, width=width)
    if document.reference:
        sheet.pair('Reference', document.reference, width=width)
    _draw_applied(sheet, document, width=width)
    _draw_closing(sheet, person_label='Paid by' if _is_refund(document) else 'Received by',
                  person=document.received_by)


def _draw_applied(sheet: _Sheet, document: ReceiptDocument, *, width: float) -> None:
    """The invoices the payment settles, and the part kept as the patient's credit."""
    if not document.settles and not document.kept_as_credit:
        return
    sheet.ln(2)
    if document.settles:
        sheet.text_line('Applied to', size=sheet.layout.small, grey=True)
    for invoice_number, amount in document.settles:
        sheet.pair(f'Invoice {invoice_number}', format_money(amount), width=width)
    if document.kept_as_credit:
        sheet.pair('Kept as credit', format_money(document.kept_as_credit), width=width)
