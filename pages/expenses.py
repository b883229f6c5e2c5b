"""Expenses (`/expenses`): the branch's vouchers and today's budget; the desk enters, an admin decides."""

from __future__ import annotations

from app.auth.actor import Actor
from app.auth.permissions import Permission
from app.services.branches import branch_choices
from components.expenses_screen import ExpensesScreen
from components.frame import frame
from components.guard import guarded_page


@guarded_page('/expenses', permission=Permission.EXPENSES_ENTER, title='Expenses', nav_label='Expenses',
              nav_icon='request_quote', nav_order=45)
async def expenses_page(actor: Actor) -> None:
    with frame(actor, 'Expenses'):
        await ExpensesScreen(actor, branches=await branch_choices(actor=actor)).refresh(actor)
