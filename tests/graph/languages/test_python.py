from __future__ import annotations

import pytest

from scoper.graph.languages import ProjectFiles
from scoper.graph.languages.python import PYTHON, resolve
from scoper.graph.model import ImportRef
from scoper.graph.parse import parse_source

SOURCE = b'''"""Sessions: create, refresh and expire them."""
import os, pkg.util as u
from ..db.connection import get_connection, Pool as P
from . import passwords
from .tokens import *

TIMEOUT = 30

class Store(Base):
    @cached
    def get(self, key: Key) -> int:
        return self.backend.fetch(key)

def expire(session):
    return get_connection().delete(session)
'''


def test_parse_definitions_references_imports_and_doc() -> None:
    facts = parse_source("app/sessions/store.py", SOURCE, PYTHON)
    assert facts.doc == "Sessions: create, refresh and expire them."
    assert [(s.name, s.kind) for s in facts.symbols] == [
        ("TIMEOUT", "constant"),
        ("Store", "class"),
        ("get", "method"),
        ("expire", "function"),
    ]
    assert {"Base", "cached", "Key", "fetch", "get_connection", "delete"} <= set(facts.references)
    assert facts.imports == (
        ImportRef("os"),
        ImportRef("pkg.util"),
        ImportRef("db.connection", ("get_connection", "Pool"), 2),
        ImportRef("", ("passwords",), 1),
        ImportRef("tokens", (), 1),  # a wildcard import names the module itself
    )
    assert facts.error == ""


def test_syntax_error_degrades() -> None:
    facts = parse_source("x.py", b"def broken(:\n  pass\ndef fine():\n  pass\n", PYTHON)
    assert facts.error == "syntax error"
    assert "fine" in [s.name for s in facts.symbols]


PROJECT = ProjectFiles(
    "/nonexistent",
    frozenset(
        {
            "app/__init__.py",
            "app/db/__init__.py",
            "app/db/connection.py",
            "app/sessions/__init__.py",
            "app/sessions/store.py",
            "app/sessions/passwords.py",
            "app/sessions/tokens.py",
            "src/lib/__init__.py",
            "src/lib/core.py",
            "src/lib/sub/__init__.py",
            "src/lib/sub/deep.py",
            "tests/test_core.py",
            "tests/helpers.py",
            "scripts/tool.py",
        }
    ),
)


@pytest.mark.parametrize(
    ("importer", "ref", "expected"),
    [
        (
            "app/sessions/store.py",
            ImportRef("db.connection", ("get_connection",), 2),
            ("app/db/connection.py",),
        ),
        ("app/sessions/store.py", ImportRef("", ("passwords",), 1), ("app/sessions/passwords.py",)),
        (
            "app/sessions/store.py",
            ImportRef("", ("nothing_here",), 1),
            ("app/sessions/__init__.py",),
        ),
        ("app/sessions/store.py", ImportRef("tokens", ("*",), 1), ("app/sessions/tokens.py",)),
        ("app/sessions/store.py", ImportRef("app.db.connection"), ("app/db/connection.py",)),
        ("app/sessions/store.py", ImportRef("app.db", ("connection",)), ("app/db/connection.py",)),
        ("tests/test_core.py", ImportRef("lib.core", ("run",)), ("src/lib/core.py",)),
        ("tests/test_core.py", ImportRef("lib.sub.deep"), ("src/lib/sub/deep.py",)),
        ("tests/test_core.py", ImportRef("lib"), ("src/lib/__init__.py",)),
        ("tests/test_core.py", ImportRef("helpers"), ("tests/helpers.py",)),
        ("tests/test_core.py", ImportRef("os.path"), ()),
        ("tests/test_core.py", ImportRef("requests", ("get",)), ()),
    ],
)
def test_resolve(importer: str, ref: ImportRef, expected: tuple[str, ...]) -> None:
    assert resolve(PROJECT, importer, ref) == expected
