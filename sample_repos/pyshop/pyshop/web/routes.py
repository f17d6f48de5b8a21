"""URL routing.

Patterns look like ``/products/<slug:slug>`` or ``/orders/<int:order_id>``;
converters are ``str`` (default), ``int`` and ``slug``. A path that exists but
does not accept the request method raises ``MethodNotAllowed`` (405) rather
than ``NotFound`` (404).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import MethodNotAllowed, NotFound

Handler = Callable[..., Any]

_PARAM = re.compile(r"<(?:(int|str|slug):)?([a-zA-Z_]\w*)>")
_CONVERTER_REGEX = {"str": r"[^/]+", "int": r"\d+", "slug": r"[a-z0-9]+(?:-[a-z0-9]+)*"}


def compile_pattern(pattern: str) -> tuple[re.Pattern[str], dict[str, str]]:
    converters: dict[str, str] = {}
    regex = ""
    last = 0
    for match in _PARAM.finditer(pattern):
        kind, name = match.group(1) or "str", match.group(2)
        regex += re.escape(pattern[last : match.start()])
        regex += f"(?P<{name}>{_CONVERTER_REGEX[kind]})"
        converters[name] = kind
        last = match.end()
    regex += re.escape(pattern[last:])
    return re.compile(f"^{regex}/?$"), converters


@dataclass
class Route:
    method: str
    pattern: str
    handler: Handler
    name: str
    regex: re.Pattern[str] = field(init=False)
    converters: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.regex, self.converters = compile_pattern(self.pattern)

    def match(self, path: str) -> dict[str, Any] | None:
        found = self.regex.match(path)
        if found is None:
            return None
        return {
            name: int(value) if self.converters[name] == "int" else value
            for name, value in found.groupdict().items()
        }


class Router:
    def __init__(self) -> None:
        self.routes: list[Route] = []

    def add(self, method: str, pattern: str, handler: Handler, name: str | None = None) -> Route:
        route = Route(method.upper(), pattern, handler, name or handler.__name__)
        self.routes.append(route)
        return route

    def route(
        self, pattern: str, methods: tuple[str, ...] = ("GET",), name: str | None = None
    ) -> Callable[[Handler], Handler]:
        def decorator(handler: Handler) -> Handler:
            for method in methods:
                self.add(method, pattern, handler, name)
            return handler

        return decorator

    def match(self, method: str, path: str) -> tuple[Route, dict[str, Any]]:
        allowed: list[str] = []
        for route in self.routes:
            params = route.match(path)
            if params is None:
                continue
            if route.method == method.upper() or (method == "HEAD" and route.method == "GET"):
                return route, params
            allowed.append(route.method)
        if allowed:
            raise MethodNotAllowed(f"Use {', '.join(sorted(set(allowed)))} for {path}.")
        raise NotFound(f"No page at {path}.")

    def url_for(self, name: str, **params: Any) -> str:
        for route in self.routes:
            if route.name == name:
                return _PARAM.sub(lambda m: str(params[m.group(2)]), route.pattern)
        raise KeyError(f"no route named {name!r}")
