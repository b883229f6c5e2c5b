"""The one date field: typed as DD/MM/YYYY whatever the browser's language, or picked from a calendar.

A native `type=date` field follows the browser's locale: a US-English browser asks for mm/dd/yyyy,
and 05/12/2026 then means 12 May. This is a text field read by `app.dates.parse_date` (which also
takes 5/12/2026, 05-12-2026 and ISO 2026-12-05), with Quasar's date picker in a menu on a calendar
icon (NiceGUI's "Input element with date picker"), writing DD/MM/YYYY.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Self

from nicegui import ui

from app.dates import parse_date, typed_date
from app.errors import ValidationFailed
from components.when import clinic_date

_PICKER_DAY = '%Y/%m/%d'  # how Quasar's date picker names a day to its `options` function


class DateInput(ui.input):
    """A date field; `.date` is the date typed (None when blank) and refuses text that is no date.

    `min` and `max` limit the calendar and give a message under the field when it is left; the
    service makes the same check on save, so pass its words as `min_message` / `max_message`.
    `years_first` opens the calendar on the years (for a date of birth).
    The field's name for messages is its first marker (the one `FormErrors.add` gives it).
    """

    def __init__(self, label: str, *, value: date | None = None, min: date | None = None,
                 max: date | None = None, min_message: str | None = None, max_message: str | None = None,
                 years_first: bool = False) -> None:
        super().__init__(label, value=typed_date(value), placeholder='DD/MM/YYYY', validation=self._problem)
        self.without_auto_validation()  # judged when the field is left, not at every key
        self.props('hide-bottom-space')  # no empty space below it; a long message takes two lines, not the next field
        self.field_name = 'date'
        self._opening = False
        self.min, self.max = min, max
        self.min_message = min_message or f'The {label.lower()} cannot be before {clinic_date(min)}.'
        self.max_message = max_message or f'The {label.lower()} cannot be after {clinic_date(max)}.'
        self.props('stack-label autocomplete=off')
        with self, ui.menu().props('no-parent-event anchor="bottom right" self="top right"') as self.menu:
            # minimal: Quasar's header would write the day the US way ('Tue, Dec 1'). Wider than Quasar's
            # 290 px: the days are 44 px touch targets (prospine.css), seven to a row.
            self.picker = ui.date(mask='DD/MM/YYYY', on_change=self._picked).props('minimal') \
                .style('width: 340px')
            if years_first:  # a date of birth: choose the year, then the month and the day
                self.picker.props('default-view=Years')
            self._limit_picker()
        with self.add_slot('append'):
            opener = ui.button(icon='event', on_click=self.open_picker).props('flat round dense') \
                .classes('text-grey-8')
            opener.props['aria-label'] = f'Choose the {label.lower()} on a calendar'
        self.on('blur', self._left)
        self.on_value_change(self._changed)

    def mark(self, *markers: str) -> Self:
        if markers and self.field_name == 'date':
            self.field_name = markers[0]
        return super().mark(*markers)

    @property
    def date(self) -> date | None:
        """The date typed, None when blank; raise `ValidationFailed` for this field when it is not a date."""
        try:
            return parse_date(_text(self.value))
        except ValueError as error:
            raise ValidationFailed({self.field_name: str(error)}) from None

    @date.setter
    def date(self, day: date | None) -> None:
        self.value = typed_date(day)

    @property
    def date_or_none(self) -> date | None:
        """The date typed, or None while the field holds none yet (for filters that follow every key)."""
        try:
            return parse_date(_text(self.value))
        except ValueError:
            return None

    def open_picker(self) -> None:
        """Open the calendar at the date typed (or this month when there is none); not on a read-only field."""
        if self.props.get('readonly') or self.props.get('disable'):
            return
        try:
            day = parse_date(_text(self.value))
        except ValueError:
            day = None
        self._opening = True  # showing the date typed is not choosing one: the calendar stays open
        try:
            self.picker.value = typed_date(day) or None
        finally:
            self._opening = False
        self.menu.open()

    def _limit_picker(self) -> None:
        checks = [f"day >= '{self.min:{_PICKER_DAY}}'"] if self.min else []
        checks += [f"day <= '{self.max:{_PICKER_DAY}}'"] if self.max else []
        if checks:
            self.picker.props[':options'] = f'day => {" && ".join(checks)}'
        if self.min:
            self.picker.props['navigation-min-year-month'] = f'{self.min:%Y/%m}'
        if self.max:
            self.picker.props['navigation-max-year-month'] = f'{self.max:%Y/%m}'

    def _problem(self, value: Any) -> str | None:
        try:
            day = parse_date(_text(value))
        except ValueError as error:
            return str(error)
        if day is not None and self.min and day < self.min:
            return self.min_message
        if day is not None and self.max and day > self.max:
            return self.max_message
        return None

    def _picked(self) -> None:
        """A day chosen on the calendar goes into the field and the calendar closes."""
        chosen = self.picker.value
        if self._opening:
            return
        if chosen and chosen != _text(self.value):
            try:
                same = parse_date(chosen) == parse_date(_text(self.value))
            except ValueError:
                same = False
            if not same:
                self.value = chosen
                self.validate()
        if chosen:
            self.menu.close()

    def _left(self) -> None:
        """Say what is wrong, or write the date out in full (5/1/2027 becomes 05/01/2027)."""
        if self._problem(self.value):
            self.validate()
            return
        day = parse_date(_text(self.value))
        if day is not None and _text(self.value) != typed_date(day):
            self.value = typed_date(day)

    def _changed(self) -> None:
        if self.error is not None:  # a message of ours goes as soon as the date is right
            self.validate()


def _text(value: Any) -> str:
    return '' if value is None else str(value)
