"""An invoice's figures from its lines: discounts, the invoice discount shared over the lines, GST, totals.

Pure arithmetic in `Decimal` paise, with every rounding written out, so the totals always add up:
- a line's gross is quantity x unit price, rounded half up to the paisa;
- its own discount comes off it, then the invoice's discount is shared over the lines in proportion
  to what is left of each, the paise that proportion leaves over going to the largest remainders,
  so the shares add up to the invoice discount exactly;
- GST is charged on the taxable value that is left: CGST and SGST each at half the rate, each
  rounded to the paisa (or IGST at the whole rate for a supply to another state);
- the invoice's figures are the sums of its lines', never worked out again from the totals.
A credit note for part of an invoice takes back each of its supplies (SAC and rate) in proportion,
with the same share of that supply's tax.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from app.money import PAISE, to_paise

ZERO = Decimal('0.00')
HUNDRED = Decimal(100)


@dataclass(frozen=True, kw_only=True)
class LineTerms:
    """What a line says: how many, at what price, less what, with what GST rate (percent)."""

    quantity: Decimal
    unit_price: Decimal
    line_discount: Decimal = ZERO
    tax_rate: Decimal = ZERO


@dataclass(frozen=True, kw_only=True)
class LineFigures:
    gross: Decimal
    line_discount: Decimal
    shared_discount: Decimal
    taxable_value: Decimal
    cgst: Decimal
    sgst: Decimal
    igst: Decimal

    @property
    def tax(self) -> Decimal:
        return self.cgst + self.sgst + self.igst

    @property
    def discount(self) -> Decimal:
        return self.line_discount + self.shared_discount

    @property
    def amount(self) -> Decimal:
        return self.taxable_value + self.tax


@dataclass(frozen=True, kw_only=True)
class InvoiceFigures:
    lines: tuple[LineFigures, ...]
    gross: Decimal
    discount: Decimal
    taxable_value: Decimal
    cgst: Decimal
    sgst: Decimal
    igst: Decimal
    total: Decimal

    @property
    def tax(self) -> Decimal:
        return self.cgst + self.sgst + self.igst


def line_gross(terms: LineTerms) -> Decimal:
    return to_paise(terms.quantity * terms.unit_price)


def work_out(lines: Sequence[LineTerms], *, invoice_discount: Decimal = ZERO,
             interstate: bool = False) -> InvoiceFigures:
    """The figures of an invoice; the caller has checked that no discount is more than what it comes off."""
    after_line = [line_gross(terms) - to_paise(terms.line_discount) for terms in lines]
    shares = share_out(to_paise(invoice_discount), after_line)
    figures = []
    for terms, left, share in zip(lines, after_line, shares, strict=True):
        taxable = left - share
        if interstate:
            cgst = sgst = ZERO
            igst = to_paise(taxable * terms.tax_rate / HUNDRED)
        else:
            cgst = sgst = to_paise(taxable * terms.tax_rate / (2 * HUNDRED))
            igst = ZERO
        figures.append(LineFigures(gross=line_gross(terms), line_discount=to_paise(terms.line_discount),
                                   shared_discount=share, taxable_value=taxable, cgst=cgst, sgst=sgst, igst=igst))
    return InvoiceFigures(
        lines=tuple(figures), gross=_sum(line.gross for line in figures),
        discount=_sum(line.discount for line in figures),
        taxable_value=_sum(line.taxable_value for line in figures), cgst=_sum(line.cgst for line in figures),
        sgst=_sum(line.sgst for line in figures), igst=_sum(line.igst for line in figures),
        total=_sum(line.amount for line in figures))


def share_out(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Split `amount` (paise) over `weights` in proportion; the shares add up to it exactly.

    Each share is first rounded down to the paisa; the paise left over go one each to the largest
    remainders (the earliest line first on a tie). With no weight to share by, nothing is shared.
    """
    whole = sum(weights, ZERO)
    if amount == 0 or whole <= 0:
        return [ZERO for _ in weights]
    exact = [amount * weight / whole for weight in weights]
    shares = [value.quantize(PAISE, rounding=ROUND_DOWN) for value in exact]
    left_over = int((amount - sum(shares, ZERO)) / PAISE)
    by_remainder = sorted(range(len(weights)), key=lambda index: (-(exact[index] - shares[index]), index))
    for index in by_remainder[:left_over]:
        shares[index] += PAISE
    return shares


@dataclass(frozen=True, kw_only=True)
class Supply:
    """What an issued invoice supplied under one SAC/HSN code at one GST rate: its lines' amounts and tax, summed."""

    sac: str
    tax_rate: Decimal
    amount: Decimal
    tax: Decimal


@dataclass(frozen=True, kw_only=True)
class CreditLine:
    """One line of a credit note: the part of the credit that takes back one supply, with its share of that tax."""

    sac: str
    tax_rate: Decimal
    taxable_value: Decimal
    cgst: Decimal
    sgst: Decimal
    igst: Decimal

    @property
    def tax(self) -> Decimal:
        return self.cgst + self.sgst + self.igst

    @property
    def amount(self) -> Decimal:
        return self.taxable_value + self.tax


def supplies(lines: Iterable[tuple[str, Decimal, Decimal, Decimal]]) -> tuple[Supply, ...]:
    """An invoice's lines, given as (SAC, rate, amount, tax), summed per SAC and rate in the order they first come."""
    summed: dict[tuple[str, Decimal], tuple[Decimal, Decimal]] = {}
    for sac, rate, amount, tax in lines:
        before = summed.get((sac, rate), (ZERO, ZERO))
        summed[(sac, rate)] = (before[0] + amount, before[1] + tax)
    return tuple(Supply(sac=sac, tax_rate=rate, amount=amount, tax=tax)
                 for (sac, rate), (amount, tax) in summed.items())


def credit_lines(amount: Decimal, of: Sequence[Supply], *, interstate: bool) -> tuple[CreditLine, ...]:
    """A credit of `amount` against an invoice that supplied `of`: one line per supply it takes back.

    The credit is shared over the supplies in proportion to their amounts (`share_out`), and each share
    carries the same part of its supply's tax, so the tax summary lowers each SAC and rate by what was
    credited of it (a credited brace lowers the 12 % row, not the exempt one). The lines add up to
    `amount` exactly; a supply whose share is nothing gets no line.
    """
    shares = share_out(to_paise(amount), [supply.amount for supply in of])
    lines = []
    for supply, share in zip(of, shares, strict=True):
        if share == 0:
            continue
        if interstate:
            cgst = sgst = ZERO
            igst = to_paise(share * supply.tax / supply.amount)
        else:
            cgst = sgst = to_paise(share * supply.tax / (2 * supply.amount))
            igst = ZERO
        lines.append(CreditLine(sac=supply.sac, tax_rate=supply.tax_rate, taxable_value=share - cgst - sgst - igst,
                                cgst=cgst, sgst=sgst, igst=igst))
    return tuple(lines)


def _sum(values: object) -> Decimal:
    return sum(values, ZERO)  # type: ignore[arg-type]
