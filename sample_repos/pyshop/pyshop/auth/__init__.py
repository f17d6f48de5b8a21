"""Authentication: password hashing, login/logout, password reset, roles."""

from .login import authenticate, login_user, logout_user
from .passwords import hash_password, verify_password

__all__ = ["authenticate", "hash_password", "login_user", "logout_user", "verify_password"]
