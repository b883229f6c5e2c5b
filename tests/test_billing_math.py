"""Money always adds up: lines, discounts, the shared invoice discount, GST and rounding, and amounts in words."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.money import amount_in_words, to_paise
from app.services.billing_math import LineTerms, credit_lines, line_gross, share_out, supplies, work_out
from app.services.invoices import status_after
from models.billing import InvoiceStatus

PAISE = st.integers(min_value=0, max_value=10_000_000).map(lambda paise: Decimal(paise) / 100)
RATES = st.sampled_from([Decimal(0), Decimal(5), Decimal(12), Decimal(18), Decimal(28)])
QUANTITIES = st.integers(min_value=1, max_value=99_900).map(lambda hundredths: Decimal(hundredths) / 100)


@st.composite
def lines(draw: st.DrawFn) -> LineTerms:
    quantity, price = draw(QUANTITIES), draw(PAISE)
    gross = to_paise(quantity * price)
    discount = draw(st.integers(min_value=0, max_value=int(gross * 100))) / Decimal(100)
    return LineTerms(quantity=quantity, unit_price=price, line_discount=discount, tax_rate=draw(RATES))


@st.composite
def invoices(draw: st.DrawFn) -> tuple[list[LineTerms], Decimal, bool]:
    terms = draw(st.lists(lines(), min_size=1, max_size=12))
    left = sum(line_gross(line) - line.line_discount for line in terms)
    discount = draw(st.integers(min_value=0, max_value=int(left * 100))) / Decimal(100)
    return terms, discount, draw(st.booleans())


@settings(max_examples=300, deadline=None)
@given(invoices())
def test_lines_discounts_tax_and_rounding_always_add_up(invoice: tuple[list[LineTerms], Decimal, bool]) -> None:
    terms, invoice_discount, interstate = invoice
    figures = work_out(terms, invoice_discount=invoice_discount, interstate=interstate)
    assert sum(line.shared_discount for line in figures.lines) == invoice_discount  # shared out exactly
    for worked, line in zip(figures.lines, terms, strict=True):
        assert worked.gross == to_paise(line.quantity * line.unit_price)
        assert worked.taxable_value == worked.gross - worked.line_discount - worked.shared_discount
        assert worked.taxable_value >= 0 and worked.shared_discount >= 0
        assert worked.amount == worked.taxable_value + worked.tax
        if interstate:
            assert worked.cgst == worked.sgst == 0
            assert worked.igst == to_paise(worked.taxable_value * line.tax_rate / 100)
        else:
            assert worked.igst == 0 and worked.cgst == worked.sgst
            assert abs(worked.cgst + worked.sgst - worked.taxable_value * line.tax_rate / 100) <= Decimal('0.01')
        for value in (worked.gross, worked.taxable_value, worked.cgst, worked.igst, worked.amount):
            assert value == to_paise(value)  # paise, never fractions of one
    assert figures.gross - figures.discount == figures.taxable_value
    assert figures.taxable_value + figures.cgst + figures.sgst + figures.igst == figures.total
    assert figures.total == sum(line.amount for line in figures.lines)


@given(st.integers(min_value=0, max_value=10_000_000).map(lambda paise: Decimal(paise) / 100),
       st.lists(st.integers(min_value=0, max_value=1_000_000).map(lambda paise: Decimal(paise) / 100), min_size=1,
                max_size=20))
def test_a_discount_is_shared_in_proportion_and_adds_up(amount: Decimal, weights: list[Decimal]) -> None:
    shares = share_out(amount, weights)
    if sum(weights) == 0:
        assert shares == [0] * len(weights)
        return
    assert sum(shares) == amount
    for share, weight in zip(shares, weights, strict=True):
        assert abs(share - amount * weight / sum(weights)) < Decimal('0.01')


@settings(max_examples=300, deadline=None)
@given(invoices(), st.data())
def test_a_credit_note_takes_back_each_sac_and_rate_in_proportion_and_adds_up(
        invoice: tuple[list[LineTerms], Decimal, bool], data: st.DataObject) -> None:
    terms, invoice_discount, interstate = invoice
    figures = work_out(terms, invoice_discount=invoice_discount, interstate=interstate)
    assume(figures.total > 0)
    amount = data.draw(st.integers(min_value=1, max_value=int(figures.total * 100))) / Decimal(100)
    sold = supplies((str(line.tax_rate), line.tax_rate, worked.amount, worked.tax)
                    for line, worked in zip(terms, figures.lines, strict=True))
    credited = credit_lines(amount, sold, interstate=interstate)
    assert sum(line.amount for line in credited) == amount
    by_supply = {(supply.sac, supply.tax_rate): supply for supply in sold}
    for line in credited:
        supply = by_supply[(line.sac, line.tax_rate)]
        assert 0 < line.amount <= supply.amount and line.taxable_value >= 0
        assert abs(line.amount - amount * supply.amount / figures.total) < Decimal('0.01')  # its share of the credit
        assert abs(line.tax - line.amount * supply.tax / supply.amount) <= Decimal('0.01')  # and of that tax
        assert (line.cgst == line.sgst == 0) if interstate else (line.igst == 0 and line.cgst == line.sgst)
    if amount == figures.total:  # all of it credited: every supply and all its tax, to within a paisa a half
        assert {(line.sac, line.tax_rate, line.amount) for line in credited} == \
            {(supply.sac, supply.tax_rate, supply.amount) for supply in sold if supply.amount}
        assert all(abs(line.tax - by_supply[(line.sac, line.tax_rate)].tax) <= Decimal('0.01') for line in credited)


@given(PAISE, st.data())
def test_paid_and_due_make_the_total_and_the_status_follows(total: Decimal, data: st.DataObject) -> None:
    credited = data.draw(st.integers(min_value=0, max_value=int(total * 100))) / Decimal(100)
    paid = data.draw(st.integers(min_value=0, max_value=int((total - credited) * 100))) / Decimal(100)
    due = total - paid - credited
    assert paid + credited + due == total and due >= 0
    status = status_after(total=total, paid=paid, credited=credited)
    if total > 0 and credited == total:
        assert status is InvoiceStatus.CANCELLED
    elif due == 0:
        assert status is InvoiceStatus.PAID
    else:
        assert status is (InvoiceStatus.PARTLY_PAID if paid > 0 else InvoiceStatus.ISSUED)


# -- amounts in words, read back ---------------------------------------------------------------------

_UNITS = {word: value for value, word in enumerate(
    ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
     'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'])}
_TENS = {word: 10 * value for value, word in enumerate(
    ['_', '_', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']) if word != '_'}
_SCALES = {'crore': 10_000_000, 'lakh': 100_000, 'thousand': 1000}


def _number(words: list[str]) -> int:
    """Read 'Twelve Crore Thirty Four Lakh Five Thousand Six Hundred Seven' back as a number."""
    total = group = 0
    for word in (word.lower() for word in words):
        if word in _UNITS:
            group += _UNITS[word]
        elif word in _TENS:
            group += _TENS[word]
        elif word == 'hundred':
            group *= 100
        elif word in _SCALES:
            total += group * _SCALES[word]
            group = 0
        else:
            raise AssertionError(f'not a number word: {word}')
    return total + group


def read_back(text: str) -> Decimal:
    words = text.split()
    assert words[-1] == 'Only'
    words = words[:-1]
    if words[0] != 'Rupees':  # paise only
        assert words[-1] == 'Paise'
        return Decimal(_number(words[:-1])) / 100
    words = words[1:]
    rupees, paise = (words, []) if 'and' not in words else (words[:words.index('and')], words[words.index('and') + 1:])
    if paise:
        assert paise[-1] == 'Paise'
        paise = paise[:-1]
    return Decimal(_number(rupees)) + Decimal(_number(paise) if paise else 0) / 100


@settings(max_examples=500)
@given(st.integers(min_value=0, max_value=99_99_99_999_99).map(lambda paise: Decimal(paise) / 100))
def test_amounts_in_words_match_the_figure(amount: Decimal) -> None:
    text = amount_in_words(amount)
    assert read_back(text) == amount, text
    assert text.count(' and ') <= 1  # the one 'and' joins the rupees to the paise


def test_amounts_in_words_the_indian_way() -> None:
    assert amount_in_words(Decimal(120000)) == 'Rupees One Lakh Twenty Thousand Only'
    assert amount_in_words(Decimal('999999999.99')) == (
        'Rupees Ninety Nine Crore Ninety Nine Lakh Ninety Nine Thousand Nine Hundred Ninety Nine and Ninety Nine Paise '
        'Only')
    assert amount_in_words(Decimal('0.50')) == 'Fifty Paise Only'
