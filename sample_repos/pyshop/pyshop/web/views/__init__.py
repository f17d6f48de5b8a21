"""Request handlers, grouped by area. Each module exposes ``register(router)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...sessions.store import Session
    from ..app import App
    from ..request import Request


def app_of(request: Request) -> App:
    if request.app is None:
        raise RuntimeError("request is not bound to an App")
    return request.app


def session_of(request: Request) -> Session:
    if request.session is None:
        raise RuntimeError("session middleware did not run")
    return request.session
