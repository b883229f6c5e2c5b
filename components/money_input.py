"""The one field for a rupee amount: text with the ₹ sign before it, read by `app.money.parse_money`.

Not `ui.number`: a number field works in floats, clamps what was typed to its min and max unseen,
and refuses the commas a receptionist writes (₹1,20,000). The service reads the text again on save.
"""

from __future__ import annotations

from decimal import Decimal

from nicegui import ui

from app.money import MoneyRefused, money_text, parse_money


class MoneyInput(ui.input):
    """A rupee amount typed as '1,20,000', '599.50' or '₹750'; a message under it when it is not one."""

    def __init__(self, label: str, *, value: Decimal | int | str | None = None, noun: str | None = None) -> None:
        self.noun = noun or label.lower()
        super().__init__(label, value=_text(value), validation=self._problem)
        self.without_auto_validation()  # judged when the field is left, not at every key
        self.props('hide-bottom-space')  # no empty space below it; a long message takes two lines, not the next field
        self.props('inputmode=decimal autocomplete=off')
        self.props['prefix'] = '₹'  # (the props string drops a non-ASCII value)
        self.on('blur', self._left)
        self.on_value_change(self._changed)

    @property
    def amount(self) -> Decimal | None:
        """The amount typed, or None when the field is blank or holds no amount."""
        try:
            return parse_money(self.value, label=self.noun) if str(self.value or '').strip() else None
        except MoneyRefused:
            return None

    @amount.setter
    def amount(self, amount: Decimal | int | None) -> None:
        self.value = _text(amount)

    def _problem(self, value: object) -> str | None:
        if value is None or not str(value).strip():
            return None  # whether it may be blank is the form's rule, said on save
        try:
            parse_money(value, label=self.noun)
        except MoneyRefused as refused:
            return refused.message
        return None

    def _left(self) -> None:
        """Say what is wrong, or write the amount out grouped (5000 becomes 5,000.00)."""
        if self._problem(self.value):
            self.validate()
        elif self.amount is not None:
            self.value = money_text(self.amount)

    def _changed(self) -> None:
        if self.error is not None:  # a message of ours goes as soon as the amount is right
            self.validate()


def _text(value: Decimal | int | str | None) -> str:
    if value is None or value == '':
        return ''
    return value if isinstance(value, str) else money_text(Decimal(value))
