"""The on-disk index: one SQLite database per repository, re-parsing only changed files.

It lives in `<repo>/.scope/index.sqlite3` (the folder ignores itself), or in the per-user cache
folder when the repository is not writable. A file is reused when its size and mtime are
unchanged, or when its content hash is. A schema change, a different token counter or a
corrupt database means a rebuild with a warning. Two processes may index one repository at
once: SQLite's WAL journal and a busy timeout serialise the writes, and both write the same rows.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Mapping
from contextlib import closing
from dataclasses import dataclass

from .discover import discover
from .errors import IndexError_
from .languages import language_for
from .model import Discovery, FileFacts, ImportRef, SkipCounts, SourceFile, Symbol
from .parse import parse_source, parser_fingerprint
from .terms import count_terms

__all__ = [
    "FileRecord",
    "IndexStats",
    "RepoIndex",
    "index_location",
    "read_cached",
    "update_index",
    "write_cached",
]

# Bump when the stored facts or the terms change shape: older databases are rebuilt.
SCHEMA_VERSION = 6
# A file is binary when its first 8 KiB hold a NUL byte (git's own rule).
BINARY_PROBE_BYTES = 8192
# A file that opens with a PEM, OpenSSH or PGP private key is a secret whatever its name.
_PRIVATE_KEY = re.compile(rb"\s*-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----")
# Seconds a writer waits for another process holding the database.
BUSY_TIMEOUT_S = 60
# Seconds between attempts to switch a new database to WAL while another process holds it.
WAL_RETRY_S = 0.05

TokenCounter = Callable[[str], int]
Progress = Callable[[int, int], None]
Warn = Callable[[str], None]


@dataclass(frozen=True)
class FileRecord:
    """One indexed text file: its size in tokens, parsed facts and content terms."""

    path: str
    size: int
    tokens: int
    facts: FileFacts
    terms: Mapping[str, int]


@dataclass(frozen=True)
class IndexStats:
    """What one index update did."""

    files: int
    parsed: int
    reused: int
    removed: int
    binary: int
    secrets: int
    seconds: float
    location: str
    skipped: SkipCounts


@dataclass(frozen=True)
class RepoIndex:
    """The indexed repository: text files in path order, the secret files, and statistics."""

    root: str
    records: tuple[FileRecord, ...]
    secrets: tuple[str, ...]
    stats: IndexStats
    database: str
    # A digest of every indexed file's path and content: equal generations, equal index.
    generation: str = ""

    @property
    def total_tokens(self) -> int:
        return sum(r.tokens for r in self.records)


def index_location(root: str) -> str:
    """Where the index of `root` lives: `.scope/` in the repo, else the per-user cache."""
    local = os.path.join(root, ".scope")
    try:
        os.makedirs(local, exist_ok=True)
        ignore = os.path.join(local, ".gitignore")
        if not os.path.exists(ignore):
            with open(ignore, "w", encoding="utf-8") as fh:
                fh.write("# scope's index and state; never committed\n*\n")
        probe = os.path.join(local, f".probe-{os.getpid()}")
        with open(probe, "w", encoding="utf-8"):
            pass
        os.remove(probe)
        return os.path.join(local, "index.sqlite3")
    except OSError:
        return os.path.join(_user_cache(root), "index.sqlite3")


def _user_cache(root: str) -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    digest = hashlib.sha1(os.path.realpath(root).encode()).hexdigest()[:16]
    folder = os.path.join(base, "scope", digest)
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise IndexError_(
            f"cannot write an index in {root}/.scope or {folder}: {exc.strerror}; "
            "set XDG_CACHE_HOME to a writable folder"
        ) from exc
    return folder


def update_index(
    root: str,
    count_tokens: TokenCounter,
    counter_name: str,
    *,
    max_bytes: int | None = None,
    progress: Progress | None = None,
    warn: Warn | None = None,
) -> RepoIndex:
    """Discover `root`, re-parse what changed since the last run, and return the index.

    Args:
        root: the repository folder.
        count_tokens: turns text into a token count (the caller's tokenizer).
        counter_name: names the tokenizer; a different name means recounting everything.
        max_bytes: files larger than this are skipped and reported.
        progress: called with (done, total) while changed files are parsed.
        warn: receives one-line warnings (rebuilds, fallbacks).

    Raises:
        RepoError: `root` is not a folder.
        IndexError_: no writable place for the index.
    """
    start = time.perf_counter()
    found = discover(root, max_bytes) if max_bytes else discover(root)
    database = index_location(root)
    say = warn or (lambda _msg: None)
    with closing(_open(database, say)) as db:
        stored = _load_rows(db, counter_name, say)
        plan = _Plan.make(found, stored)
        fresh = _parse_changed(root, plan.changed, count_tokens, stored, progress)
        _store(db, fresh, plan.touched, plan.removed)
    rows = {**{p: stored[p] for p in plan.unchanged}, **{r.path: r for r in fresh}}
    texts = tuple(_record(rows[p]) for p in sorted(rows) if rows[p].kind == "text")
    binary = sum(1 for r in rows.values() if r.kind == "binary")
    by_content = {p for p, r in rows.items() if r.kind == "secret"}
    secrets = tuple(sorted(set(found.secrets) | by_content))
    stats = IndexStats(
        files=len(texts),
        parsed=sum(1 for r in fresh if r.reparsed),
        reused=len(plan.unchanged) + sum(1 for r in fresh if not r.reparsed),
        removed=len(plan.removed),
        binary=binary,
        secrets=len(secrets),
        seconds=round(time.perf_counter() - start, 3),
        location=database,
        skipped=found.skipped,
    )
    generation = hashlib.sha1(
        "\n".join(f"{p}\0{rows[p].digest}" for p in sorted(rows)).encode()
    ).hexdigest()
    return RepoIndex(root, texts, secrets, stats, database, generation)


@dataclass(frozen=True)
class _Row:
    path: str
    size: int
    mtime_ns: int
    digest: str
    kind: str  # text | binary | secret (a private key: known, never searched)
    tokens: int
    facts: str
    terms: str
    reparsed: bool = False


@dataclass(frozen=True)
class _Plan:
    changed: tuple[SourceFile, ...]
    unchanged: tuple[str, ...]
    touched: tuple[str, ...]
    removed: tuple[str, ...]

    @staticmethod
    def make(found: Discovery, stored: Mapping[str, _Row]) -> _Plan:
        changed, unchanged = [], []
        current = {f.path for f in found.files if not f.secret}
        for f in found.files:
            if f.secret:
                continue
            row = stored.get(f.path)
            if row and row.size == f.size and row.mtime_ns == f.mtime_ns:
                unchanged.append(f.path)
            else:
                changed.append(f)
        removed = tuple(sorted(set(stored) - current))
        return _Plan(tuple(changed), tuple(unchanged), tuple(f.path for f in changed), removed)


def _open(database: str, warn: Warn) -> sqlite3.Connection:
    """Open the database, rebuilding it once if it is corrupt or not a database at all."""
    for attempt in (1, 2):
        conn = None
        try:
            conn = sqlite3.connect(database, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            _use_wal(conn)
            conn.execute("PRAGMA synchronous=NORMAL")
            _ensure_schema(conn, warn)
            conn.execute("SELECT count(*) FROM files").fetchone()
            return conn
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            busy = isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)
            if attempt == 2 or busy:
                raise IndexError_(f"the index {database} is unusable: {exc}") from exc
            warn(f"index {database} was corrupt ({exc}); rebuilding it")
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    os.remove(database + suffix)
    raise AssertionError("unreachable")


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch a new database to WAL (the mode persists in the file). Two processes creating
    the index at once race for the exclusive lock the switch takes, and SQLite answers the
    loser "locked" at once rather than through the busy timeout, so it waits here instead."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(WAL_RETRY_S)


def _ensure_schema(conn: sqlite3.Connection, warn: Warn) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        version = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        wanted = f"{SCHEMA_VERSION}:{parser_fingerprint()}"
        if version is None or version[0] != wanted:
            if version is not None:
                warn("index schema or parser changed; rebuilding it")
            conn.execute("DROP TABLE IF EXISTS files")
            conn.execute("DELETE FROM meta")
            conn.execute(
                "CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER,"
                " digest TEXT, kind TEXT, tokens INTEGER, facts TEXT, terms TEXT)"
            )
            conn.execute("INSERT INTO meta VALUES ('schema', ?)", (wanted,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _load_rows(conn: sqlite3.Connection, counter_name: str, warn: Warn) -> dict[str, _Row]:
    counter = conn.execute("SELECT value FROM meta WHERE key='counter'").fetchone()
    if counter is not None and counter[0] != counter_name:
        warn(f"token counter changed ({counter[0]} → {counter_name}); recounting")
        return {}
    rows = conn.execute(
        "SELECT path, size, mtime_ns, digest, kind, tokens, facts, terms FROM files"
    ).fetchall()
    # Only after the read is done: a write from inside an open read (the cursor not yet
    # drained) fails at once, without the busy timeout, when another process wrote meanwhile.
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('counter', ?)", (counter_name,))
    return {row[0]: _Row(*row) for row in rows}


def _parse_changed(
    root: str,
    changed: tuple[SourceFile, ...],
    count_tokens: TokenCounter,
    stored: Mapping[str, _Row],
    progress: Progress | None,
) -> list[_Row]:
    rows = []
    for done, f in enumerate(changed, 1):
        row = _read_file(root, f, count_tokens, stored.get(f.path))
        if row is not None:
            rows.append(row)
        if progress:
            progress(done, len(changed))
    return rows


def _read_file(
    root: str, f: SourceFile, count_tokens: TokenCounter, previous: _Row | None
) -> _Row | None:
    try:
        with open(os.path.join(root, f.path), "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    digest = hashlib.sha1(data).hexdigest()
    if previous and previous.digest == digest:  # touched, not changed
        return _Row(
            f.path,
            f.size,
            f.mtime_ns,
            digest,
            previous.kind,
            previous.tokens,
            previous.facts,
            previous.terms,
        )
    if b"\0" in data[:BINARY_PROBE_BYTES]:
        return _Row(f.path, f.size, f.mtime_ns, digest, "binary", 0, "", "", reparsed=True)
    if _PRIVATE_KEY.match(data):  # a key under an innocent name (deploy/server, cert.txt)
        return _Row(f.path, f.size, f.mtime_ns, digest, "secret", 0, "", "", reparsed=True)
    text = data.decode("utf-8", errors="replace")
    facts = _parse(f.path, data)
    terms = dict(sorted(count_terms(text).items()))
    return _Row(
        f.path,
        f.size,
        f.mtime_ns,
        digest,
        "text",
        count_tokens(text),
        json.dumps(_facts_to_json(facts), separators=(",", ":")),
        json.dumps(terms, separators=(",", ":")),
        reparsed=True,
    )


def _parse(path: str, data: bytes) -> FileFacts:
    spec = language_for(path)
    if spec is None:
        return FileFacts(path=path, language="text")
    try:
        return parse_source(path, data, spec)
    except Exception as exc:  # a grammar crash degrades this file, never the run
        return FileFacts(path=path, language=spec.name, error=f"parse failed: {exc}")


def _store(
    conn: sqlite3.Connection, rows: list[_Row], touched: tuple[str, ...], removed: tuple[str, ...]
) -> None:
    if not rows and not removed:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (r.path, r.size, r.mtime_ns, r.digest, r.kind, r.tokens, r.facts, r.terms)
                for r in rows
            ],
        )
        gone = set(touched) - {r.path for r in rows}  # vanished between walk and read
        conn.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in (*removed, *gone)])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _record(row: _Row) -> FileRecord:
    return FileRecord(
        path=row.path,
        size=row.size,
        tokens=row.tokens,
        facts=_facts_from_json(row.path, json.loads(row.facts)),
        terms=json.loads(row.terms),
    )


def _facts_to_json(facts: FileFacts) -> dict[str, object]:
    return {
        "l": facts.language,
        "s": [[s.name, s.kind, s.line, s.end_line] for s in facts.symbols],
        "r": list(facts.references),
        "i": [[i.module, list(i.names), i.level] for i in facts.imports],
        "d": facts.doc,
        "e": facts.error,
    }


def _facts_from_json(path: str, data: dict[str, object]) -> FileFacts:
    return FileFacts(
        path=path,
        language=str(data["l"]),
        symbols=tuple(Symbol(*s) for s in data["s"]),  # type: ignore[attr-defined]
        references=tuple(data["r"]),  # type: ignore[arg-type]
        imports=tuple(ImportRef(m, tuple(n), lv) for m, n, lv in data["i"]),  # type: ignore[attr-defined]
        doc=str(data["d"]),
        error=str(data["e"]),
    )


def read_cached(database: str, key: str) -> str | None:
    """A value cached beside the index (such as the parsed git history), or None."""
    try:
        with closing(sqlite3.connect(database, timeout=BUSY_TIMEOUT_S)) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (f"cache:{key}",)).fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def write_cached(database: str, key: str, value: str) -> None:
    """Cache a value beside the index; failures only cost a recomputation next time."""
    try:
        with closing(sqlite3.connect(database, timeout=BUSY_TIMEOUT_S)) as conn:
            conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"cache:{key}", value))
            conn.commit()
    except sqlite3.Error:
        pass
