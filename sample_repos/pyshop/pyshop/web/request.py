"""HTTP request wrapper built from a WSGI environ."""

from __future__ import annotations

import json
from http.cookies import CookieError, SimpleCookie
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from ..errors import ValidationError

if TYPE_CHECKING:
    from ..db.models import User
    from ..sessions.store import Session
    from .app import App

MAX_BODY_BYTES = 1_000_000


def parse_cookies(header: str) -> dict[str, str]:
    cookie = SimpleCookie()
    try:
        cookie.load(header or "")
    except CookieError:
        return {}
    return {key: morsel.value for key, morsel in cookie.items()}


def _first_values(query: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(query, keep_blank_values=True).items()}


class Request:
    def __init__(
        self,
        method: str,
        path: str,
        query: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        body: bytes = b"",
        cookies: dict[str, str] | None = None,
        remote_addr: str = "",
    ) -> None:
        self.method = method.upper()
        self.path = path or "/"
        self.query = query or {}
        self.headers = {k.lower(): v for k, v in (headers or {}).items()}
        self.body = body
        self.cookies = cookies if cookies is not None else parse_cookies(
            self.headers.get("cookie", "")
        )
        self.remote_addr = remote_addr
        # Filled in by the app and the session middleware.
        self.app: App | None = None
        self.session: Session | None = None
        self.user: User | None = None
        self.params: dict[str, Any] = {}

    @classmethod
    def from_environ(cls, environ: dict[str, Any]) -> Request:
        headers = {
            key[5:].replace("_", "-").lower(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > MAX_BODY_BYTES:
            raise ValidationError("Request body too large.")
        body = environ["wsgi.input"].read(length) if length else b""
        return cls(
            method=environ.get("REQUEST_METHOD", "GET"),
            path=environ.get("PATH_INFO", "/"),
            query=_first_values(environ.get("QUERY_STRING", "")),
            headers=headers,
            body=body,
            remote_addr=environ.get("REMOTE_ADDR", ""),
        )

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def is_json(self) -> bool:
        return self.content_type == "application/json"

    def json(self) -> dict[str, Any]:
        if not self.body:
            return {}
        try:
            data = json.loads(self.body)
        except ValueError:
            raise ValidationError("Malformed JSON body.") from None
        if not isinstance(data, dict):
            raise ValidationError("JSON body must be an object.")
        return data

    def form(self) -> dict[str, str]:
        return _first_values(self.body.decode("utf-8", errors="replace"))

    def data(self) -> dict[str, Any]:
        """Request payload, whether it was sent as JSON or as a form."""
        return self.json() if self.is_json else self.form()
