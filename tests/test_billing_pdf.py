"""The bill and receipt PDFs, read back the way a person (or a UPI app) reads them.

Poppler's `pdftotext`, `pdfinfo` and `pdftoppm` read each PDF: the text it shows, its page sizes
and a picture of page 1, whose QR code zxing-cpp decodes. Without poppler the tests skip locally and
fail when `CI` is set.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import NoReturn

import pytest
import zxingcpp
from PIL import Image

from app.documents.bill import BillDocument, DocumentClinic, DocumentLine, ReceiptDocument, upi_payment_link
from app.documents.billing_pdf import Paper, render_bill, render_receipt
from app.money import amount_in_words, format_money

A4_SIZE_PT = (595.28, 841.89)
ROLL_WIDTH_PT = 80 / 25.4 * 72  # 226.77
EXEMPT_SAC = '999312'  # physiotherapy and allied health services
BRACE_HSN = '6307'


# --- poppler --------------------------------------------------------------------------------------

def running_in_ci() -> bool:
    return os.environ.get('CI', '').strip().lower() not in {'', '0', 'false', 'no', 'off'}


def unavailable(reason: str) -> NoReturn:
    """Skip locally, fail in CI: a PDF test that silently skips in CI tests nothing."""
    if running_in_ci():
        pytest.fail(f'{reason} (CI is set, so the PDF tests must run; install poppler-utils)', pytrace=False)
    pytest.skip(reason)


def poppler(tool: str) -> str:
    """The path of one of poppler's command-line tools."""
    path = shutil.which(tool)
    if path is None:
        unavailable(f'{tool} (poppler-utils) is not installed')
    return path


def run_tool(tool: str, *args: str | Path) -> str:
    return subprocess.run([poppler(tool), *map(str, args)], check=True, capture_output=True, text=True,
                          timeout=60).stdout


def write_pdf(pdf: bytes, tmp_path: Path, name: str = 'document') -> Path:
    path = tmp_path / f'{name}.pdf'
    path.write_bytes(pdf)
    return path


def shown_text(pdf: bytes, tmp_path: Path) -> str:
    """What the PDF shows, as `pdftotext -layout` reads it, with every run of whitespace made one space."""
    return ' '.join(run_tool('pdftotext', '-layout', write_pdf(pdf, tmp_path), '-').split())


def words_in_order(phrase: str, text: str) -> bool:
    """Whether the words of `phrase` appear in `text` in order: a table cell that wraps has the next
    columns' figures between its lines in a layout reading."""
    position = 0
    for word in phrase.split():
        found = text.find(word, position)
        if found < 0:
            return False
        position = found + len(word)
    return True


@dataclass(frozen=True)
class Page:
    width: float  # points
    height: float
    words: list[tuple[float, float, float, float, str]]  # x min, y min, x max, y max, text


def pages(pdf: bytes, tmp_path: Path) -> list[Page]:
    """Every page's size and the box of every word on it, from `pdftotext -bbox`."""
    html = run_tool('pdftotext', '-bbox', write_pdf(pdf, tmp_path, 'boxes'), '-')
    found = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.DOTALL):
        words = [(float(x0), float(y0), float(x1), float(y1), text) for x0, y0, x1, y1, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page[3])]
        found.append(Page(float(page[1]), float(page[2]), words))
    return found


def assert_laid_out_cleanly(pdf: bytes, tmp_path: Path) -> list[Page]:
    """No word sticks out of its page or sits on another word."""
    read = pages(pdf, tmp_path)
    for number, page in enumerate(read, start=1):
        for x0, y0, x1, y1, text in page.words:
            assert x0 >= 0 and y0 >= 0 and x1 <= page.width and y1 <= page.height, f'{text!r} off page {number}'
        boxes = sorted(page.words)
        for index, (x0, y0, x1, y1, text) in enumerate(boxes):
            for other in boxes[index + 1:]:
                if other[0] >= x1:
                    break
                overlap_x = min(x1, other[2]) - max(x0, other[0])
                overlap_y = min(y1, other[3]) - max(y0, other[1])
                assert overlap_x <= 0.5 or overlap_y <= 0.5, f'{text!r} overlaps {other[4]!r} on page {number}'
    return read


def page_count(pdf: bytes, tmp_path: Path) -> int:
    return int(re.search(r'^Pages:\s+(\d+)', run_tool('pdfinfo', write_pdf(pdf, tmp_path, 'info')), re.M)[1])


def decoded_qr_codes(pdf: bytes, tmp_path: Path) -> list[str]:
    """The texts of the QR codes on page 1, rendered at 200 dpi."""
    source = write_pdf(pdf, tmp_path, 'scan')
    run_tool('pdftoppm', '-png', '-r', '200', '-f', '1', '-l', '1', '-singlefile', source, tmp_path / 'page')
    with Image.open(tmp_path / 'page.png') as image:
        return [code.text for code in zxingcpp.read_barcodes(image)]


# --- example documents ----------------------------------------------------------------------------

CLINIC = DocumentClinic(
    clinic_name='ProSpine Physiotherapy & Rehab Clinic', branch_name='Andheri West branch',
    address='2nd floor, Sai Krupa Building, S. V. Road\nAndheri West, Mumbai 400058', phone='+91 98200 12345',
    email='andheri@prospine.example', upi_id='prospine.andheri@okaxis')


def exempt_line(description: str, quantity: int, unit_price: int, discount: int = 0) -> DocumentLine:
    taxable = Decimal(quantity * unit_price - discount)
    return DocumentLine(description=description, sac=EXEMPT_SAC, quantity=Decimal(quantity),
                        unit_price=Decimal(unit_price), discount=Decimal(discount), taxable_value=taxable,
                        tax_rate=Decimal(0), tax=Decimal(0), amount=taxable)


def bill_of_supply(**changes: object) -> BillDocument:
    """Two exempt lines, ₹1,20,000 in all, ₹20,000 paid."""
    lines = [exempt_line('Spine rehabilitation package – 40 sessions', 1, 100_000),
             exempt_line('Speech therapy session', 20, 1_100, discount=2_000)]
    document = BillDocument(
        title='Bill of supply', number='AND/26-27/00123', issued_on=date(2026, 12, 1), clinic=CLINIC,
        patient_name='Ramesh D’Souza', patient_uid='PS-000482', patient_phone='+91 98765 43210', lines=lines,
        gross=Decimal(122_000), discount=Decimal(2_000), taxable_value=Decimal(120_000), total=Decimal(120_000),
        paid=Decimal(20_000), due=Decimal(100_000), status_text='Partly paid', issued_by='Priya Nair')
    return replace(document, **changes)


def tax_invoice() -> BillDocument:
    """An exempt package and a lumbar brace at 12 % GST (CGST 6 % + SGST 6 %), ₹1,20,000 in all, unpaid."""
    brace = DocumentLine(description='Lumbo-sacral support brace (size L)', sac=BRACE_HSN, quantity=Decimal(1),
                         unit_price=Decimal(1_000), discount=Decimal(0), taxable_value=Decimal(1_000),
                         tax_rate=Decimal(12), tax=Decimal(120), amount=Decimal(1_120))
    lines = [exempt_line('Spine rehabilitation package', 1, 118_880), brace]
    return BillDocument(
        title='Invoice-cum-bill of supply', number='AND/26-27/00124', issued_on=date(2026, 12, 2),
        clinic=replace(CLINIC, gstin='27ABCDE1234F1Z5'), patient_name='Anjali Kulkarni', patient_uid='PS-000517',
        lines=lines, gross=Decimal(119_880), discount=Decimal(0), taxable_value=Decimal(119_880),
        cgst=Decimal(60), sgst=Decimal(60), total=Decimal(120_000), due=Decimal(120_000), status_text='Due')


def credit_note() -> BillDocument:
    """Unused sessions of a package credited back; nothing is due on a credit note."""
    return BillDocument(
        title='Credit note', number='AND/CN/26-27/00007', issued_on=date(2026, 12, 15), clinic=CLINIC,
        patient_name='Ramesh D’Souza', patient_uid='PS-000482',
        lines=[exempt_line('Unused sessions of the spine rehabilitation package', 30, 2_500)],
        gross=Decimal(75_000), discount=Decimal(0), taxable_value=Decimal(75_000), total=Decimal(75_000),
        credit_of='AND/26-27/00123', reason='Package stopped after 10 of 40 sessions – the patient moved to Pune',
        issued_by='Priya Nair')


def receipt() -> ReceiptDocument:
    """₹1,20,000 by UPI: two invoices settled, ₹5,000 kept as credit."""
    return ReceiptDocument(
        title='Receipt', number='AND/RC/26-27/00311', received_on=date(2026, 12, 3), clinic=CLINIC,
        patient_name='Ramesh D’Souza', patient_uid='PS-000482', amount=Decimal(120_000), mode='UPI',
        reference='UTR 412345678901', settles=[('AND/26-27/00123', Decimal(100_000)),
                                               ('AND/26-27/00124', Decimal(15_000))],
        kept_as_credit=Decimal(5_000), received_by='Priya Nair')


def link_for(document: BillDocument) -> str:
    return upi_payment_link(upi_id=document.clinic.upi_id, clinic_name=document.clinic.clinic_name,
                            amount=document.due, invoice_number=document.number)


BILLS = {'bill of supply': bill_of_supply, 'tax invoice': tax_invoice, 'credit note': credit_note}
PAPERS = list(Paper)


# --- what a bill shows ----------------------------------------------------------------------------

@pytest.mark.parametrize('paper', PAPERS)
@pytest.mark.parametrize('kind', BILLS)
def test_a_bill_shows_its_number_patient_lines_and_total(kind: str, paper: Paper, tmp_path: Path) -> None:
    document = BILLS[kind]()
    pdf = render_bill(document, paper=paper)
    text = shown_text(pdf, tmp_path)
    for expected in (document.title, document.number, document.patient_name, f'UID {document.patient_uid}',
                     format_money(document.total), amount_in_words(document.total), document.clinic.clinic_name,
                     document.clinic.branch_name, document.clinic.phone, document.clinic.email,
                     'Computer-generated document'):
        assert expected in text, f'{expected!r} missing from the {kind} on {paper}'
    for line in document.lines:
        assert words_in_order(line.description, text), line.description
    assert_laid_out_cleanly(pdf, tmp_path)


@pytest.mark.parametrize('paper', PAPERS)
def test_a_bill_of_supply_says_why_there_is_no_gst(paper: Paper, tmp_path: Path) -> None:
    text = shown_text(render_bill(bill_of_supply(), paper=paper), tmp_path)
    assert words_in_order('Healthcare services by a clinical establishment, exempt from GST', text)
    assert '01 Dec 2026' in text
    for absent in ('CGST', 'SGST', 'IGST', 'GSTIN'):
        assert absent not in text
    for shown in ('Gross amount ₹1,22,000.00', 'Discount ₹2,000.00', 'Paid ₹20,000.00', 'Due ₹1,00,000.00',
                  'Partly paid', 'Issued by Priya Nair'):
        assert shown in text


@pytest.mark.parametrize('paper', PAPERS)
def test_a_tax_invoice_shows_the_gstin_and_only_the_taxes_charged(paper: Paper, tmp_path: Path) -> None:
    text = shown_text(render_bill(tax_invoice(), paper=paper), tmp_path)
    assert 'GSTIN 27ABCDE1234F1Z5' in text
    assert 'CGST ₹60.00' in text and 'SGST ₹60.00' in text
    assert 'IGST' not in text
    assert '12%' in text and BRACE_HSN in text
    assert 'Lines marked Exempt' in text  # the package is exempt, the brace is not


@pytest.mark.parametrize('paper', PAPERS)
def test_a_credit_note_names_the_invoice_it_corrects_and_why(paper: Paper, tmp_path: Path) -> None:
    document = credit_note()
    text = shown_text(render_bill(document, paper=paper), tmp_path)
    assert f'Credit note against invoice {document.credit_of}' in text
    assert words_in_order(f'Reason: {document.reason}', text)
    assert 'Due' not in text  # a credit note settles nothing itself


# --- the UPI QR code ------------------------------------------------------------------------------

@pytest.mark.parametrize('paper', PAPERS)
@pytest.mark.parametrize('kind', ['bill of supply', 'tax invoice'])
def test_the_qr_code_asks_any_upi_app_for_the_due(kind: str, paper: Paper, tmp_path: Path) -> None:
    document = BILLS[kind]()
    pdf = render_bill(document, paper=paper)
    assert decoded_qr_codes(pdf, tmp_path) == [link_for(document)]
    assert f'Scan with any UPI app to pay {format_money(document.due)}' in shown_text(pdf, tmp_path)


@pytest.mark.parametrize('paper', PAPERS)
@pytest.mark.parametrize('document', [
    bill_of_supply(paid=Decimal(120_000), due=Decimal(0), status_text='Paid'),
    bill_of_supply(clinic=replace(CLINIC, upi_id='')),
    credit_note(),
], ids=['nothing due', 'no UPI id', 'credit note'])
def test_no_qr_code_without_a_due_or_a_upi_id(document: BillDocument, paper: Paper, tmp_path: Path) -> None:
    pdf = render_bill(document, paper=paper)
    assert decoded_qr_codes(pdf, tmp_path) == []
    assert 'Scan with any UPI app' not in shown_text(pdf, tmp_path)


# --- paper ----------------------------------------------------------------------------------------

@pytest.mark.parametrize('render', [lambda: render_bill(bill_of_supply(), paper=Paper.ROLL),
                                    lambda: render_receipt(receipt(), paper=Paper.ROLL)], ids=['bill', 'receipt'])
def test_a_roll_is_80_mm_wide_and_as_long_as_its_content(render, tmp_path: Path) -> None:
    [page] = assert_laid_out_cleanly(render(), tmp_path)
    assert page.width == pytest.approx(ROLL_WIDTH_PT, abs=0.01)
    assert page.height < A4_SIZE_PT[1]
    lowest = max(word[3] for word in page.words)
    assert 0 < page.height - lowest < 30, 'the roll should end just below its last line'


def test_an_a4_bill_is_a4(tmp_path: Path) -> None:
    [page] = pages(render_bill(bill_of_supply(), paper=Paper.A4), tmp_path)
    assert (page.width, page.height) == pytest.approx(A4_SIZE_PT, abs=0.01)


def test_sixty_lines_flow_onto_more_a4_pages_with_the_heading_repeated(tmp_path: Path) -> None:
    lines = [exempt_line(f'Session {number:02d} – manual therapy', 1, 2_000) for number in range(1, 61)]
    document = bill_of_supply(lines=lines, gross=Decimal(120_000), discount=Decimal(0))
    pdf = render_bill(document, paper=Paper.A4)
    read = assert_laid_out_cleanly(pdf, tmp_path)
    assert page_count(pdf, tmp_path) == len(read) > 1
    text = shown_text(pdf, tmp_path)
    for line in lines:
        assert line.description in text
    pages_with_lines = [page for page in read if any(word[4] == 'Session' for word in page.words)]
    assert len(pages_with_lines) > 1
    for page in pages_with_lines:
        headings = [word[1] for word in page.words if word[4] == 'Description']
        first_line = min(word[1] for word in page.words if word[4] == 'Session')
        assert headings and headings[0] < first_line, 'every page of lines starts with the table heading'
    assert f'Page {len(read)} of {len(read)}' in text
    assert decoded_qr_codes(pdf, tmp_path) == []  # the QR code comes with the totals, on the last page


def test_sixty_lines_on_a_roll_make_one_long_page(tmp_path: Path) -> None:
    lines = [exempt_line(f'Physiotherapy session {number:02d}', 1, 2_000) for number in range(1, 61)]
    pdf = render_bill(bill_of_supply(lines=lines), paper=Paper.ROLL)
    [page] = assert_laid_out_cleanly(pdf, tmp_path)
    assert page.height > A4_SIZE_PT[1]
    text = shown_text(pdf, tmp_path)
    assert all(line.description in text for line in lines)


@pytest.mark.parametrize('paper', PAPERS)
def test_a_long_description_wraps_inside_the_page(paper: Paper, tmp_path: Path) -> None:
    description = ('Home visit: lumbar spine mobilisation, dry needling of the left piriformis, kinesio taping, '
                   'a graded walking programme and ergonomic advice for work from home – reviewed with the '
                   'patient’s caregiver, Mrs Shalini Venkataraghavan, who will supervise the exercises. '
                   'Unbreakable-reference-' + 'X' * 60)
    document = bill_of_supply(lines=[exempt_line(description, 1, 120_000)], gross=Decimal(120_000),
                              discount=Decimal(0))
    pdf = render_bill(document, paper=paper)
    assert_laid_out_cleanly(pdf, tmp_path)
    text = shown_text(pdf, tmp_path)
    assert words_in_order(description.replace('-', ' ').replace('X' * 60, 'XXXXXXXX'), text.replace('-', ' '))


def test_a_logo_is_printed_and_an_unreadable_one_left_out(tmp_path: Path) -> None:
    logo = tmp_path / 'logo.png'
    Image.new('RGB', (600, 200), (20, 90, 160)).save(logo)
    broken = tmp_path / 'broken.png'
    broken.write_bytes(b'not a picture')
    for paper in PAPERS:
        with_logo = render_bill(bill_of_supply(clinic=replace(CLINIC, logo_path=logo)), paper=paper)
        assert b'/Subtype /Image' in with_logo
        without = render_bill(bill_of_supply(clinic=replace(CLINIC, logo_path=broken)), paper=paper)
        assert b'/Subtype /Image' not in without
        assert CLINIC.clinic_name in shown_text(without, tmp_path)


def test_the_pdf_title_names_the_document_and_rendering_is_repeatable(tmp_path: Path) -> None:
    pdf = render_bill(bill_of_supply(), paper=Paper.A4)
    info = run_tool('pdfinfo', write_pdf(pdf, tmp_path))
    assert re.search(r'^Title:\s+Bill of supply AND/26-27/00123$', info, re.M)
    assert re.search(r'^Author:\s+ProSpine Physiotherapy & Rehab Clinic$', info, re.M)
    assert pdf == render_bill(bill_of_supply(), paper=Paper.A4)
    assert render_receipt(receipt(), paper=Paper.ROLL) == render_receipt(receipt(), paper=Paper.ROLL)


# --- receipts -------------------------------------------------------------------------------------

@pytest.mark.parametrize('paper', PAPERS)
def test_a_receipt_shows_the_amount_and_what_it_settles(paper: Paper, tmp_path: Path) -> None:
    document = receipt()
    pdf = render_receipt(document, paper=paper)
    text = shown_text(pdf, tmp_path)
    for expected in ('Receipt', document.number, '3 Dec 2026', document.patient_name, f'UID {document.patient_uid}',
                     f'Amount received {format_money(document.amount)}', amount_in_words(document.amount), 'Mode UPI',
                     'Reference UTR 412345678901', 'Invoice AND/26-27/00123 ₹1,00,000.00',
                     'Invoice AND/26-27/00124 ₹15,000.00', 'Kept as credit ₹5,000.00', 'Received by Priya Nair',
                     document.clinic.clinic_name):
        assert expected in text, f'{expected!r} missing from the receipt on {paper}'
    assert_laid_out_cleanly(pdf, tmp_path)
    assert decoded_qr_codes(pdf, tmp_path) == []


def test_a_receipt_without_settlements_or_credit_leaves_them_out(tmp_path: Path) -> None:
    document = replace(receipt(), settles=[], kept_as_credit=Decimal(0), reference='', received_by='')
    text = shown_text(render_receipt(document, paper=Paper.A4), tmp_path)
    for absent in ('Applied to', 'Kept as credit', 'Reference', 'Received by'):
        assert absent not in text
