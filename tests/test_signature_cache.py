"""The remembered `expects_arguments` answers as NiceGUI's own does, for every kind of handler."""

from __future__ import annotations

import functools
from typing import Any

from nicegui import helpers
from nicegui.helpers.functions import expects_arguments as niceguis_own

from components import signature_cache


class _Handlers:
    def takes_event(self, event: Any) -> None: ...

    def takes_nothing(self) -> None: ...

    def __call__(self, event: Any) -> None: ...


def _decorated(func: Any) -> Any:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)
    return wrapper


def test_every_kind_of_handler_gets_niceguis_answer() -> None:
    signature_cache.install()
    assert helpers.expects_arguments is signature_cache.expects_arguments
    handlers = _Handlers()

    def made_in_a_loop(number: int) -> list[Any]:
        return [lambda: number, lambda event: number, lambda event=None: number]

    cases = [handlers.takes_event, handlers.takes_nothing, _Handlers.takes_event, handlers,
             functools.partial(_Handlers.takes_event, handlers), _decorated(handlers.takes_nothing),
             _decorated(lambda event: None), print, *made_in_a_loop(1), *made_in_a_loop(2)]
    for _ in range(2):  # the second round is answered from what the first remembered
        assert [helpers.expects_arguments(case) for case in cases] == [niceguis_own(case) for case in cases]
    assert [helpers.expects_arguments(case) for case in cases][:4] == [True, False, True, True]

