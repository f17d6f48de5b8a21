"""Roles and permissions.

Every user has exactly one role. Roles map to a set of permission strings of
the form ``<area>:<action>``; handlers guard themselves with
:func:`require_permission`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

from pyshop.errors import AuthenticationError, PermissionDenied

if TYPE_CHECKING:
    from pyshop.db.models import Order, User


class Role(str, Enum):
    CUSTOMER = "customer"
    SUPPORT = "support"
    ADMIN = "admin"


_CUSTOMER = frozenset({"orders:view_own", "invoices:view_own", "profile:edit"})
_SUPPORT = _CUSTOMER | {"orders:view_any", "invoices:view_any", "orders:ship"}
_ADMIN = _SUPPORT | {"refunds:issue", "catalog:edit", "inventory:edit", "users:manage"}

PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.CUSTOMER: _CUSTOMER,
    Role.SUPPORT: _SUPPORT,
    Role.ADMIN: _ADMIN,
}

F = TypeVar("F", bound=Callable[..., Any])


def role_of(user: User | None) -> Role | None:
    if user is None:
        return None
    try:
        return Role(user.role)
    except ValueError:
        return None


def has_permission(user: User | None, permission: str) -> bool:
    role = role_of(user)
    return role is not None and permission in PERMISSIONS[role]


def can_view_order(user: User | None, order: Order) -> bool:
    """Owners can see their own orders; support and admins can see any order."""
    if user is None:
        return False
    if order.user_id == user.id:
        return has_permission(user, "orders:view_own")
    return has_permission(user, "orders:view_any")


def require_permission(permission: str) -> Callable[[F], F]:
    """Decorator for web handlers: ``handler(request, **params)``."""

    def decorator(handler: F) -> F:
        @functools.wraps(handler)
        def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            user = getattr(request, "user", None)
            if user is None:
                raise AuthenticationError("Please log in.")
            if not has_permission(user, permission):
                raise PermissionDenied(f"Missing permission {permission}.")
            return handler(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


def require_login(handler: F) -> F:
    @functools.wraps(handler)
    def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
        if getattr(request, "user", None) is None:
            raise AuthenticationError("Please log in.")
        return handler(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]
