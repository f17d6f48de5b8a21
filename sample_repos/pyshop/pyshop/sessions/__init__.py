"""Server-side sessions stored in SQLite and tracked with a cookie."""

from .store import Session, SessionStore

__all__ = ["Session", "SessionStore"]
