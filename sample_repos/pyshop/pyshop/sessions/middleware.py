"""Session cookie handling for the web layer.

:class:`SessionMiddleware` runs around every request: ``load`` reads the
session cookie and attaches ``request.session`` (and ``request.user``), and
``commit`` saves the session and writes the ``Set-Cookie`` header.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from ..auth.login import current_user
from ..config import Settings, get_settings
from .expiry import cookie_max_age
from .store import SessionStore

if TYPE_CHECKING:
    from ..web.request import Request
    from ..web.response import Response


class SessionMiddleware:
    def __init__(
        self,
        conn: sqlite3.Connection,
        store: SessionStore | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.conn = conn
        self.settings = settings or get_settings()
        self.store = store or SessionStore(conn, self.settings)

    @property
    def cookie_name(self) -> str:
        return self.settings.session_cookie_name

    def load(self, request: Request) -> None:
        """Attach the visitor's session (new and unsaved if there is none)."""
        session_id = request.cookies.get(self.cookie_name)
        session = self.store.get(session_id) if session_id else None
        if session is None:
            session = self.store.new()
        else:
            self.store.touch(session)
        request.session = session
        request.user = current_user(self.conn, session)

    def commit(self, request: Request, response: Response) -> Response:
        """Persist the session and set or clear the cookie on ``response``."""
        session = request.session
        if session is None:
            return response
        if session.deleted:
            response.delete_cookie(self.cookie_name, path="/")
            return response
        if session.is_new and not session.data and session.user_id is None:
            # Anonymous visitor with nothing to remember: no cookie, no row.
            return response
        if session.is_new or session.modified:
            self.store.save(session)
        response.set_cookie(
            self.cookie_name,
            session.id,
            max_age=cookie_max_age(session),
            path="/",
            http_only=True,
        )
        return response
