"""Dialogs built when needed and removed when closed, so a page never holds stale forms."""

from __future__ import annotations

import weakref
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from nicegui import events, ui

from app.errors import DomainError
from components.forms import FormErrors

Submit = Callable[[], Awaitable[Any] | Any]
T = TypeVar('T')


async def settled(result: Any) -> Any:
    """A callback's result, awaited when the callback was async (pages pass either kind)."""
    return await result if isinstance(result, Awaitable) else result


class FormDialog:
    """A form in a dialog: fields go into `body`, their messages via `form`; open at once.

    Usage: `dialog = FormDialog('Add staff member', submit_label='Create', on_submit=save)`,
    then `with dialog.body: dialog.form.add('username', ui.input('Username'))`.
    The submit button is disabled while `on_submit` runs, so a double tap saves once.
    `on_submit` hands its service call to `attempt`, the one way a dialog saves.
    """

    def __init__(self, title: str, *, submit_label: str | None = None, on_submit: Submit | None = None,
                 submit_color: str = 'primary', text: str = '', max_width: str = '480px') -> None:
        """`max_width` for a dialog that shows a list rather than a form."""
        self.form = FormErrors()
        self._on_submit = on_submit
        self._client = weakref.ref(ui.context.client)  # weakly: its buttons' handlers hold this dialog
        with ui.dialog(value=True) as self.dialog, ui.card().classes('w-full gap-2') as card:
            card.style['max-width'] = max_width
            ui.label(title).classes('text-h6').mark('dialog-title')
            if text:
                ui.label(text).classes('text-body2')
            self.body = ui.column().classes('w-full gap-2')
            with ui.row().classes('w-full justify-end gap-2 q-mt-sm'):
                ui.button('Cancel' if submit_label else 'Close', on_click=self.close).props('flat') \
                    .mark('dialog-cancel')
                self.submit = ui.button(submit_label or '', on_click=self._submit, color=submit_color) \
                    .mark('dialog-submit')
                self.submit.set_visibility(bool(submit_label and on_submit))
        self.dialog.on_value_change(self._closed)

    def close(self) -> None:
        self.dialog.close()

    async def attempt(self, change: Callable[[], Awaitable[T]], *, done: str | Callable[[T], str],
                      then: Callable[[T], Awaitable[Any] | Any] | None = None) -> bool:
        """Save through a service call that `change` makes (so reading the form can refuse too): a refusal
        shows beside its fields and keeps the dialog open; success says `done` (a sentence, or one made
        from the call's result), closes, and runs `then` (usually the page's refresh, which draws into
        its own container). Tells whether it saved.

        The toast is shown before closing: it needs the slot the submit button's handler runs in,
        which closing deletes.
        """
        self.form.clear()
        try:
            result = await change()
        except DomainError as error:
            self.form.show(error)
            return False
        ui.notify(done(result) if callable(done) else done, type='positive')
        if not self.dialog.is_deleted:
            self.close()
        client = self._client()
        if then is not None and client is not None:
            with client.content:
                await settled(then(result))
        return True

    async def _submit(self) -> None:
        self.submit.disable()
        try:
            await settled(self._on_submit() if self._on_submit else None)
        finally:
            if not self.submit.is_deleted:
                self.submit.enable()

    def _closed(self, event: events.ValueChangeEventArguments) -> None:
        if not event.value:
            self.dialog.delete()


def fill_width(dialog: FormDialog) -> None:
    """Stretch every field of a dialog's form across the dialog."""
    for element in dialog.form.fields.values():
        element.classes('w-full').props('outlined')
