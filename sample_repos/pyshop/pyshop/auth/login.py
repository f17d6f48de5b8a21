"""Login and logout.

``login_user`` checks the email/password pair, enforces the failed-login
lockout and returns a fresh :class:`~pyshop.sessions.store.Session` bound to
the user. The previous (anonymous) session is replaced rather than reused, to
prevent session fixation, but its data (e.g. the cart) is carried over.
"""

from __future__ import annotations

import functools
import sqlite3

from pyshop.config import Settings, get_settings
from pyshop.db.models import User
from pyshop.errors import AccountLocked, AuthenticationError
from pyshop.sessions.store import Session, SessionStore
from pyshop.utils.dates import is_past, to_iso, utcnow

from .passwords import hash_password, needs_rehash, verify_password
from .users import get_user, get_user_by_email, record_failed_login, set_password

INVALID_CREDENTIALS = "Invalid email or password."


@functools.lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password("not-a-real-password")


def authenticate(
    conn: sqlite3.Connection,
    email: str,
    password: str,
    settings: Settings | None = None,
) -> User:
    """Return the user for valid credentials or raise ``AuthenticationError``."""
    settings = settings or get_settings()
    user = get_user_by_email(conn, email)
    if user is None:
        # Burn the same CPU time as a real check so response timing does not
        # reveal which email addresses have accounts.
        verify_password(password, _dummy_hash())
        raise AuthenticationError(INVALID_CREDENTIALS)

    if user.locked_until is not None and not is_past(user.locked_until):
        raise AccountLocked("Too many failed login attempts. Try again later.")

    if not verify_password(password, user.password_hash):
        attempts = record_failed_login(conn, user, settings)
        if attempts >= settings.max_failed_logins:
            raise AccountLocked("Too many failed login attempts. Try again later.")
        raise AuthenticationError(INVALID_CREDENTIALS)

    if needs_rehash(user.password_hash, settings.password_hash_iterations):
        set_password(conn, user.id, password)
    return user


def login_user(
    conn: sqlite3.Connection,
    store: SessionStore,
    email: str,
    password: str,
    current: Session | None = None,
) -> Session:
    """Authenticate and start a new logged-in session for the user."""
    user = authenticate(conn, email, password, store.settings)
    data = dict(current.data) if current is not None else {}
    if current is not None and not current.is_new:
        store.delete(current.id)
    data["login_at"] = to_iso(utcnow())
    return store.create(user_id=user.id, data=data)


def logout_user(store: SessionStore, session: Session, everywhere: bool = False) -> None:
    """End ``session``; with ``everywhere=True`` end all of the user's sessions."""
    if everywhere and session.user_id is not None:
        store.delete_for_user(session.user_id)
    else:
        store.delete(session.id)
    session.mark_deleted()


def current_user(conn: sqlite3.Connection, session: Session | None) -> User | None:
    """The user a session belongs to, or ``None`` for anonymous sessions."""
    if session is None or session.user_id is None:
        return None
    return get_user(conn, session.user_id)
