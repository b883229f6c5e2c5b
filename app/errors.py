"""Domain errors. Each message is a sentence a receptionist understands; pages show it as it is."""

from __future__ import annotations


class DomainError(Exception):
    """An action was refused; `str(error)` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationFailed(DomainError):
    """Input was refused; `field_errors` maps a form field to the message shown beside it."""

    def __init__(self, field_errors: dict[str, str]) -> None:
        super().__init__('Please correct the highlighted fields.')
        self.field_errors = field_errors


class PermissionDenied(DomainError):
    def __init__(self, message: str = 'You do not have permission to do that.') -> None:
        super().__init__(message)


class SessionEnded(DomainError):
    """The session behind a request is gone (signed out, expired or revoked)."""

    def __init__(self, reason: str = 'ended') -> None:
        super().__init__('Your session has ended. Please sign in again.')
        self.reason = reason


class NotFound(DomainError):
    def __init__(self, message: str = 'That record no longer exists.') -> None:
        super().__init__(message)
