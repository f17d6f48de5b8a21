"""The WSGI application and its factory.

:func:`create_app` opens the database, applies migrations, wires the session
middleware, the payment gateway and the notification dispatcher, and
registers every view module's routes.
"""

from __future__ import annotations

import logging
import mimetypes
import sqlite3
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..billing.gateways import PaymentGateway, get_gateway
from ..config import Settings, get_settings
from ..db.connection import get_connection
from ..db.migrations import migrate
from ..errors import PyshopError, ValidationError
from ..notifications.dispatcher import Dispatcher, set_dispatcher
from ..sessions.middleware import SessionMiddleware
from .request import Request
from .response import Response, error_response
from .routes import Router
from .views import account_views, admin_views, auth_views, shop_views

log = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).with_name("static")


class App:
    def __init__(
        self,
        conn: sqlite3.Connection,
        settings: Settings | None = None,
        dispatcher: Dispatcher | None = None,
        gateway: PaymentGateway | None = None,
    ) -> None:
        self.conn = conn
        self.settings = settings or get_settings()
        self.router = Router()
        self.sessions = SessionMiddleware(conn, settings=self.settings)
        self.dispatcher = dispatcher or Dispatcher(conn=conn, settings=self.settings)
        self.gateway = gateway or get_gateway(self.settings)

    def handle(self, request: Request) -> Response:
        request.app = self
        try:
            if request.path.startswith("/static/"):
                return serve_static(request.path.removeprefix("/static/"))
            self.sessions.load(request)
            route, params = self.router.match(request.method, request.path)
            request.params = params
            response = route.handler(request, **params)
        except ValidationError as exc:
            response = error_response(exc.status_code, exc.message, exc.field)
        except PyshopError as exc:
            response = error_response(exc.status_code, exc.message)
        except Exception:
            log.exception("unhandled error on %s %s", request.method, request.path)
            detail = traceback.format_exc() if self.settings.debug else "Internal server error"
            response = error_response(500, detail)
        return self.sessions.commit(request, response)

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        try:
            request = Request.from_environ(environ)
            response = self.handle(request)
        except ValidationError as exc:
            response = error_response(400, exc.message)
        start_response(response.status_line, response.header_list())
        return [response.body] if request_method(environ) != "HEAD" else [b""]


def request_method(environ: dict[str, Any]) -> str:
    return str(environ.get("REQUEST_METHOD", "GET")).upper()


def serve_static(name: str) -> Response:
    path = (STATIC_DIR / name).resolve()
    if STATIC_DIR.resolve() not in path.parents or not path.is_file():
        return error_response(404, "Not found")
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return Response(
        path.read_bytes(),
        content_type=content_type,
        headers={"Cache-Control": "public, max-age=3600"},
    )


def create_app(
    settings: Settings | None = None,
    conn: sqlite3.Connection | None = None,
    dispatcher: Dispatcher | None = None,
    gateway: PaymentGateway | None = None,
) -> App:
    settings = settings or get_settings()
    conn = conn or get_connection(settings.database_path)
    migrate(conn)
    app = App(conn, settings, dispatcher, gateway)
    set_dispatcher(app.dispatcher)
    for views in (auth_views, shop_views, account_views, admin_views):
        views.register(app.router)
    return app
