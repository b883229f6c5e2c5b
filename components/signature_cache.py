"""NiceGUI asks `inspect.signature` of the same few handlers for every element it builds: remember the answer.

Every element's classes, style and props are observable collections, and each one asks
`nicegui.helpers.expects_arguments(on_change)` of a freshly bound `_update` method when it is made: three
`inspect.signature` calls per element. The load bench's profile of a busy server (20 staff, the `large` demo
clinic, py-spy) put 19 % of all the server's time there. Whether a function expects arguments depends only
on its code (which parameters it has and which have defaults) and on whether it is bound, so the answer is
kept per code object; anything else (a partial, a callable object, a decorated function whose signature is
another's) is asked afresh, exactly as NiceGUI does.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from types import CodeType, FunctionType
from typing import Any

from nicegui import helpers

_ANSWERS: dict[tuple[CodeType, bool], bool] = {}  # as many as the program has functions: it does not grow with use
_original: Callable[[Callable[..., Any]], bool] | None = None


def expects_arguments(func: Callable[..., Any]) -> bool:
    """NiceGUI's `expects_arguments`, remembered for plain functions and methods."""
    assert _original is not None
    bound = inspect.ismethod(func)
    plain = func.__func__ if bound else func  # type: ignore[attr-defined]
    if type(plain) is not FunctionType or hasattr(plain, '__wrapped__') or hasattr(plain, '__signature__'):
        return _original(func)
    key = (plain.__code__, bound)
    answer = _ANSWERS.get(key)
    if answer is None:
        answer = _ANSWERS[key] = _original(func)
    return answer


def install() -> None:
    """Put the remembering version in NiceGUI's place (every caller looks it up on `nicegui.helpers`); once."""
    global _original
    if _original is None:
        _original = helpers.expects_arguments
        helpers.expects_arguments = expects_arguments
