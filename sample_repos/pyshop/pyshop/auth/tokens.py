"""Password reset tokens.

A reset token is a random URL-safe string mailed to the user. Only an HMAC of
the token is stored, so a leaked database cannot be used to reset passwords.
Tokens are single use: :func:`consume_reset_token` marks them used and logs the
user out of every existing session.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from datetime import datetime
from urllib.parse import urlencode

from pyshop.config import Settings, get_settings
from pyshop.db.connection import transaction
from pyshop.db.models import User
from pyshop.errors import ValidationError
from pyshop.notifications.dispatcher import Dispatcher, get_dispatcher
from pyshop.sessions.store import SessionStore
from pyshop.utils.dates import to_iso, utcnow

from .passwords import validate_new_password
from .users import get_user_by_email, require_user, set_password

TOKEN_BYTES = 32
INVALID_TOKEN = "This password reset link is invalid or has expired."


def hash_token(token: str, settings: Settings | None = None) -> str:
    key = (settings or get_settings()).secret_key.encode("utf-8")
    return hmac.new(key, token.encode("utf-8"), hashlib.sha256).hexdigest()


def create_reset_token(
    conn: sqlite3.Connection,
    user_id: int,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> str:
    """Create a password reset token for ``user_id``; older unused ones are revoked."""
    settings = settings or get_settings()
    now = now or utcnow()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction(conn):
        conn.execute(
            "DELETE FROM password_reset_tokens WHERE user_id = ? AND used_at IS NULL",
            (user_id,),
        )
        conn.execute(
            "INSERT INTO password_reset_tokens (token_hash, user_id, created_at, expires_at)"
            " VALUES (?, ?, ?, ?)",
            (
                hash_token(token, settings),
                user_id,
                to_iso(now),
                to_iso(now + settings.reset_token_ttl),
            ),
        )
    return token


def verify_reset_token(
    conn: sqlite3.Connection, token: str, settings: Settings | None = None
) -> int | None:
    """Return the user id a reset token belongs to, or ``None`` if it is not usable."""
    if not token:
        return None
    row = conn.execute(
        "SELECT user_id, expires_at, used_at FROM password_reset_tokens WHERE token_hash = ?",
        (hash_token(token, settings),),
    ).fetchone()
    if row is None or row["used_at"] is not None:
        return None
    return int(row["user_id"])


def consume_reset_token(
    conn: sqlite3.Connection,
    token: str,
    new_password: str,
    settings: Settings | None = None,
) -> User:
    """Set a new password using a reset token, then invalidate the token."""
    user_id = verify_reset_token(conn, token, settings)
    if user_id is None:
        raise ValidationError(INVALID_TOKEN, field="token")
    user = require_user(conn, user_id)
    validate_new_password(new_password, user.email)
    with transaction(conn):
        set_password(conn, user_id, new_password)
        conn.execute(
            "UPDATE password_reset_tokens SET used_at = ? WHERE token_hash = ?",
            (to_iso(utcnow()), hash_token(token, settings)),
        )
        SessionStore(conn, settings).delete_for_user(user_id)
    return user


def reset_url(token: str, settings: Settings | None = None) -> str:
    settings = settings or get_settings()
    return f"{settings.base_url}/reset-password?{urlencode({'token': token})}"


def request_password_reset(
    conn: sqlite3.Connection,
    email: str,
    dispatcher: Dispatcher | None = None,
    settings: Settings | None = None,
) -> bool:
    """Email a reset link if an account exists.

    Returns whether an email was sent; callers must not reveal this to the
    visitor, otherwise the form can be used to probe for registered emails.
    """
    user = get_user_by_email(conn, email)
    if user is None:
        return False
    token = create_reset_token(conn, user.id, settings)
    (dispatcher or get_dispatcher()).notify_password_reset(user, reset_url(token, settings))
    return True
