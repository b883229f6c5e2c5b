"""The branch select of a superadmin's branch screens (day closing, dues, expenses): which branch they work on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from nicegui import ui


def first_branch(branches: dict[int, str], own: int) -> int:
    """The branch a screen opens on: the actor's own, or the first offered when their own is not (a closed one)."""
    return own if not branches or own in branches else next(iter(branches))


def branch_chooser(branches: dict[int, str], chosen: int, choose: Callable[[int], Awaitable[None]]) -> None:
    """A select of `branches` (`branches.branch_choices`); nothing for a single branch or for anyone else."""
    if len(branches) > 1:
        ui.select(branches, value=chosen, label='Branch', on_change=lambda event: choose(event.value)) \
            .props('outlined dense options-dense').classes('w-48').mark('billing-branch')
