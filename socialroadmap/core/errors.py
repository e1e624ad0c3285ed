"""Errors raised by services, shown to people by the views, the API and the CLI."""


class ServiceError(Exception):
    """A request that cannot be carried out; the message says what and why."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(ServiceError):
    """The named object does not exist (or is not visible to the caller)."""
