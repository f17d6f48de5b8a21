"""WSGI entry point.

Production runs ``gunicorn 'pyshop.wsgi:application'``; for local development
``python -m pyshop.wsgi`` serves the app with the standard library's
:mod:`wsgiref` server. The app is created lazily on the first request so that
importing this module has no side effects.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from typing import Any
from wsgiref.simple_server import make_server

from .config import get_settings
from .web.app import App, create_app

_app: App | None = None


def get_app() -> App:
    global _app
    if _app is None:
        _app = create_app()
    return _app


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    return get_app()(environ, start_response)


def main() -> None:
    logging.basicConfig(level=logging.DEBUG if get_settings().debug else logging.INFO)
    port = int(os.environ.get("PORT", "8000"))
    with make_server("127.0.0.1", port, application) as server:
        print(f"pyshop listening on http://127.0.0.1:{port}")
        server.serve_forever()


if __name__ == "__main__":
    main()
