"""Session expiry rules.

A session is valid for ``Settings.session_lifetime`` after it is created.
Expired sessions are rejected by :meth:`SessionStore.get` and removed in bulk
by :func:`purge_expired_sessions`, which the cleanup cron job runs hourly.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..config import Settings, get_settings
from ..utils.dates import is_past, to_iso, utcnow

if TYPE_CHECKING:
    from .store import Session


def compute_expires_at(created_at: datetime, settings: Settings | None = None) -> datetime:
    """When a session created at ``created_at`` stops being valid."""
    return created_at + (settings or get_settings()).session_lifetime


def is_expired(session: Session, now: datetime | None = None) -> bool:
    return is_past(session.expires_at, now)


def remaining_lifetime(session: Session, now: datetime | None = None) -> timedelta:
    """Time left before ``session`` expires (zero if it already has)."""
    left = session.expires_at - (now or utcnow())
    return max(left, timedelta(0))


def cookie_max_age(session: Session, now: datetime | None = None) -> int:
    """``Max-Age`` in seconds for the session cookie."""
    return int(remaining_lifetime(session, now).total_seconds())


def purge_expired_sessions(conn: sqlite3.Connection, now: datetime | None = None) -> int:
    """Delete every expired session row; returns the number removed."""
    cursor = conn.execute(
        "DELETE FROM sessions WHERE expires_at < ?", (to_iso(now or utcnow()),)
    )
    return cursor.rowcount
