"""Exception hierarchy shared by every pyshop package.

The web layer maps these to HTTP status codes in :mod:`pyshop.web.app`, so
domain code raises them freely without knowing anything about HTTP.
"""

from __future__ import annotations


class PyshopError(Exception):
    """Base class for all expected, user-facing errors."""

    status_code = 500

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class ValidationError(PyshopError):
    """Input failed validation; ``field`` names the offending field if known."""

    status_code = 400

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(PyshopError):
    status_code = 404


class MethodNotAllowed(PyshopError):
    status_code = 405


class AuthenticationError(PyshopError):
    """Wrong email/password, or a missing/expired session."""

    status_code = 401


class AccountLocked(AuthenticationError):
    """Too many failed logins; the account is temporarily locked."""


class PermissionDenied(PyshopError):
    status_code = 403


class OutOfStock(PyshopError):
    status_code = 409

    def __init__(self, sku: str, requested: int, available: int) -> None:
        super().__init__(f"{sku}: requested {requested}, only {available} available")
        self.sku = sku
        self.requested = requested
        self.available = available


class PaymentError(PyshopError):
    """The payment provider declined or failed to process a charge or refund."""

    status_code = 402
