"""SQLite-backed session storage.

Sessions hold a small JSON ``data`` dict (cart contents, flash messages, the
login timestamp) and an optional ``user_id``. Anonymous visitors get a session
object immediately, but it is only written to the database once something is
stored in it.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..config import Settings, get_settings
from ..utils.dates import parse_iso, to_iso, utcnow
from .expiry import compute_expires_at, is_expired

SESSION_ID_BYTES = 32


def new_session_id() -> str:
    return secrets.token_urlsafe(SESSION_ID_BYTES)


@dataclass
class Session:
    id: str
    user_id: int | None
    data: dict[str, Any]
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    is_new: bool = field(default=False, compare=False)
    modified: bool = field(default=False, compare=False)
    deleted: bool = field(default=False, compare=False)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def set(self, key: str, value: Any) -> None:
        self.data[key] = value
        self.modified = True

    def pop(self, key: str, default: Any = None) -> Any:
        self.modified = True
        return self.data.pop(key, default)

    def mark_deleted(self) -> None:
        self.deleted = True
        self.data.clear()


class SessionStore:
    """Create, load, save and delete sessions in the ``sessions`` table."""

    def __init__(self, conn: sqlite3.Connection, settings: Settings | None = None) -> None:
        self.conn = conn
        self.settings = settings or get_settings()

    def new(self, user_id: int | None = None, data: dict[str, Any] | None = None) -> Session:
        """Build an unsaved session (used for anonymous visitors)."""
        now = utcnow()
        return Session(
            id=new_session_id(),
            user_id=user_id,
            data=dict(data or {}),
            created_at=now,
            last_seen_at=now,
            expires_at=compute_expires_at(now, self.settings),
            is_new=True,
        )

    def create(self, user_id: int | None = None, data: dict[str, Any] | None = None) -> Session:
        """Build and immediately persist a session."""
        session = self.new(user_id, data)
        self.save(session)
        return session

    def get(self, session_id: str) -> Session | None:
        """Load a session by id; expired sessions are deleted and ``None`` returned."""
        row = self.conn.execute(
            "SELECT * FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            return None
        session = Session(
            id=row["id"],
            user_id=row["user_id"],
            data=json.loads(row["data"] or "{}"),
            created_at=parse_iso(row["created_at"]) or utcnow(),
            last_seen_at=parse_iso(row["last_seen_at"]) or utcnow(),
            expires_at=parse_iso(row["expires_at"]) or utcnow(),
        )
        if is_expired(session):
            self.delete(session.id)
            return None
        return session

    def save(self, session: Session) -> None:
        self.conn.execute(
            "INSERT INTO sessions (id, user_id, data, created_at, last_seen_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET user_id = excluded.user_id,"
            " data = excluded.data, last_seen_at = excluded.last_seen_at,"
            " expires_at = excluded.expires_at",
            (
                session.id,
                session.user_id,
                json.dumps(session.data, sort_keys=True),
                to_iso(session.created_at),
                to_iso(session.last_seen_at),
                to_iso(session.expires_at),
            ),
        )
        session.is_new = False
        session.modified = False

    def touch(self, session: Session, now: datetime | None = None) -> None:
        """Record activity on ``session`` (updates ``last_seen_at``)."""
        session.last_seen_at = now or utcnow()
        self.conn.execute(
            "UPDATE sessions SET last_seen_at = ? WHERE id = ?",
            (to_iso(session.last_seen_at), session.id),
        )

    def delete(self, session_id: str) -> None:
        self.conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    def delete_for_user(self, user_id: int, except_id: str | None = None) -> int:
        """Log a user out everywhere (optionally keeping one session)."""
        cursor = self.conn.execute(
            "DELETE FROM sessions WHERE user_id = ? AND id != ?", (user_id, except_id or "")
        )
        return cursor.rowcount
