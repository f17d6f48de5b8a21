"""SQLite connection management.

One connection is kept per thread (SQLite connections must not be shared
between threads). Use :func:`transaction` for multi-statement writes so they
either all commit or all roll back.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from pyshop.config import get_settings

_local = threading.local()


def connect(path: str) -> sqlite3.Connection:
    """Open a new connection with the pragmas pyshop relies on."""
    conn = sqlite3.connect(path, detect_types=0, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    if path != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
    return conn


def get_connection(path: str | None = None) -> sqlite3.Connection:
    """Return this thread's connection, opening it on first use."""
    path = path or get_settings().database_path
    conns: dict[str, sqlite3.Connection] = getattr(_local, "conns", {})
    conn = conns.get(path)
    if conn is None:
        conn = connect(path)
        conns[path] = conn
        _local.conns = conns
    return conn


def close_connection(path: str | None = None) -> None:
    """Close this thread's connection(s); ``path=None`` closes all of them."""
    conns: dict[str, sqlite3.Connection] = getattr(_local, "conns", {})
    for key in list(conns):
        if path is None or key == path:
            conns.pop(key).close()


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run a block inside ``BEGIN``/``COMMIT``; nested use becomes a savepoint."""
    if conn.in_transaction:
        name = f"sp_{id(conn)}_{threading.get_ident()}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
            conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        conn.execute(f"RELEASE SAVEPOINT {name}")
        return
    conn.execute("BEGIN")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
