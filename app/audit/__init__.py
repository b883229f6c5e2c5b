"""The audit trail: one logger (`audit`), a tamper-evident chain, and its verification.

See `app.audit.logger` for how events are written and `app.audit.chain` for the chain.
"""

from app.audit.events import Action, EntityType, Origin, Outcome, Who, request_origin, system_actor, who_of
from app.audit.logger import audit

__all__ = ['Action', 'EntityType', 'Origin', 'Outcome', 'Who', 'audit', 'request_origin', 'system_actor', 'who_of']
