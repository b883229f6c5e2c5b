"""Form helpers: show a service's field messages beside the fields they concern."""

from __future__ import annotations

from nicegui import ui

from app.errors import DomainError, ValidationFailed


class FormErrors:
    """Maps field names to inputs; shows `ValidationFailed` messages under them, clears them on retry."""

    def __init__(self) -> None:
        self.fields: dict[str, ui.element] = {}

    def add(self, name: str, element: ui.element) -> ui.element:
        self.fields[name] = element
        element.mark(name)
        return element

    def clear(self) -> None:
        for element in self.fields.values():
            element.props.pop('error', None)
            element.props.pop('error-message', None)
            element.update()

    def show(self, error: DomainError) -> None:
        """Put each message beside its field; a message with no field becomes a notification."""
        self.clear()
        if isinstance(error, ValidationFailed):
            unplaced = []
            for name, message in error.field_errors.items():
                element = self.fields.get(name)
                if element is None:
                    unplaced.append(message)
                    continue
                element.props['error'] = True
                element.props['error-message'] = message
                element.update()
            for message in unplaced:
                ui.notify(message, type='negative')
            ui.notify(error.message, type='warning')
            return
        ui.notify(error.message, type='negative')
