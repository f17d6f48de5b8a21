"""User accounts: sign-up, lookup, profile and password changes.

Lockout bookkeeping (``failed_logins``/``locked_until``) lives here too; the
login flow in :mod:`pyshop.auth.login` decides when to call it.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import timedelta

from pyshop.config import Settings, get_settings
from pyshop.db.models import User
from pyshop.errors import NotFound, ValidationError
from pyshop.utils.dates import to_iso, utcnow

from .passwords import hash_password, validate_new_password
from .permissions import Role

_EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[a-zA-Z]+$")


def _clean_email(email: str) -> str:
    value = (email or "").strip().lower()
    if not _EMAIL_PATTERN.match(value):
        raise ValidationError("Invalid email address.", field="email")
    return value


def get_user(conn: sqlite3.Connection, user_id: int) -> User | None:
    row = conn.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
    return User.from_row(row) if row else None


def require_user(conn: sqlite3.Connection, user_id: int) -> User:
    user = get_user(conn, user_id)
    if user is None:
        raise NotFound(f"user {user_id} does not exist")
    return user


def get_user_by_email(conn: sqlite3.Connection, email: str) -> User | None:
    row = conn.execute(
        "SELECT * FROM users WHERE email = ?", ((email or "").strip().lower(),)
    ).fetchone()
    return User.from_row(row) if row else None


def create_user(
    conn: sqlite3.Connection,
    email: str,
    password: str,
    full_name: str = "",
    role: Role | str = Role.CUSTOMER,
) -> User:
    """Register a new account (sign up)."""
    email = _clean_email(email)
    validate_new_password(password, email)
    if get_user_by_email(conn, email) is not None:
        raise ValidationError("An account with this email already exists.", field="email")
    cursor = conn.execute(
        "INSERT INTO users (email, password_hash, full_name, role, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (email, hash_password(password), full_name.strip(), Role(role).value, to_iso(utcnow())),
    )
    return require_user(conn, int(cursor.lastrowid or 0))


def update_profile(
    conn: sqlite3.Connection,
    user_id: int,
    *,
    full_name: str | None = None,
    email: str | None = None,
) -> User:
    user = require_user(conn, user_id)
    if email is not None:
        new_email = _clean_email(email)
        other = get_user_by_email(conn, new_email)
        if other is not None and other.id != user.id:
            raise ValidationError("An account with this email already exists.", field="email")
        user.email = new_email
    if full_name is not None:
        user.full_name = full_name.strip()
    conn.execute(
        "UPDATE users SET email = ?, full_name = ? WHERE id = ?",
        (user.email, user.full_name, user.id),
    )
    return user


def set_password(conn: sqlite3.Connection, user_id: int, password: str) -> None:
    """Store a new password hash and unlock the account."""
    conn.execute(
        "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL"
        " WHERE id = ?",
        (hash_password(password), user_id),
    )


def set_role(conn: sqlite3.Connection, user_id: int, role: Role | str) -> None:
    conn.execute("UPDATE users SET role = ? WHERE id = ?", (Role(role).value, user_id))


def record_failed_login(
    conn: sqlite3.Connection, user: User, settings: Settings | None = None
) -> int:
    """Count a failed login attempt; lock the account once the limit is reached."""
    settings = settings or get_settings()
    attempts = user.failed_logins + 1
    locked_until = None
    if attempts >= settings.max_failed_logins:
        locked_until = to_iso(utcnow() + timedelta(minutes=settings.lockout_minutes))
    conn.execute(
        "UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?",
        (attempts, locked_until, user.id),
    )
    user.failed_logins = attempts
    return attempts


def clear_failed_logins(conn: sqlite3.Connection, user_id: int) -> None:
    conn.execute(
        "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?", (user_id,)
    )
