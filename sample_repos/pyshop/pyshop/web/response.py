"""HTTP responses and cookie helpers."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from email.utils import format_datetime
from http import HTTPStatus
from typing import Any


class Response:
    def __init__(
        self,
        body: str | bytes = b"",
        status: int = 200,
        headers: dict[str, str] | None = None,
        content_type: str = "text/html; charset=utf-8",
    ) -> None:
        self.body = body.encode("utf-8") if isinstance(body, str) else body
        self.status = status
        self.headers: dict[str, str] = {"Content-Type": content_type, **(headers or {})}
        self.cookies: list[str] = []

    @property
    def status_line(self) -> str:
        return f"{self.status} {HTTPStatus(self.status).phrase}"

    def set_cookie(
        self,
        name: str,
        value: str,
        *,
        max_age: int | None = None,
        path: str = "/",
        domain: str | None = None,
        http_only: bool = False,
        secure: bool = False,
        same_site: str | None = None,
    ) -> None:
        parts = [f"{name}={value}", f"Path={path}"]
        if max_age is not None:
            parts.append(f"Max-Age={max_age}")
        if domain:
            parts.append(f"Domain={domain}")
        if http_only:
            parts.append("HttpOnly")
        if secure:
            parts.append("Secure")
        if same_site:
            parts.append(f"SameSite={same_site}")
        self.cookies.append("; ".join(parts))

    def delete_cookie(self, name: str, path: str = "/") -> None:
        expired = format_datetime(datetime(1970, 1, 1, tzinfo=timezone.utc), usegmt=True)
        self.cookies.append(f"{name}=; Path={path}; Max-Age=0; Expires={expired}")

    def header_list(self) -> list[tuple[str, str]]:
        headers = list(self.headers.items())
        headers.append(("Content-Length", str(len(self.body))))
        headers.extend(("Set-Cookie", cookie) for cookie in self.cookies)
        return headers


def json_response(data: Any, status: int = 200) -> Response:
    return Response(
        json.dumps(data, default=str), status=status, content_type="application/json"
    )


def html_response(html: str, status: int = 200) -> Response:
    return Response(html, status=status)


def redirect(location: str, status: int = 302) -> Response:
    return Response(b"", status=status, headers={"Location": location})


def error_response(status: int, message: str, field: str | None = None) -> Response:
    payload: dict[str, Any] = {"error": message or HTTPStatus(status).phrase}
    if field:
        payload["field"] = field
    return json_response(payload, status=status)
