from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from scoper.graph import index as index_module
from scoper.graph.index import RepoIndex, update_index


def _count(text: str) -> int:
    return len(text.split())


def _index(root: Path, warnings: list[str] | None = None, counter: str = "words") -> RepoIndex:
    sink = warnings if warnings is not None else []
    return update_index(str(root), _count, counter, warn=sink.append)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "auth.py").write_text('"""Login."""\ndef login_user(name):\n    return name\n')
    (root / "pkg" / "views.py").write_text("from .auth import login_user\n\nlogin_user('a')\n")
    (root / "README.md").write_text("# demo\nsome words here\n")
    return root


def test_first_run_parses_second_reuses(repo: Path) -> None:
    first = _index(repo)
    assert first.stats.parsed == 4 and first.stats.reused == 0
    second = _index(repo)
    assert second.stats.parsed == 0 and second.stats.reused == 4
    assert first.records == second.records
    auth = next(r for r in second.records if r.path == "pkg/auth.py")
    assert auth.facts.doc == "Login."
    assert [s.name for s in auth.facts.symbols] == ["login_user"]
    assert auth.tokens == _count((repo / "pkg" / "auth.py").read_text())


def test_changed_and_removed_files(repo: Path) -> None:
    _index(repo)
    (repo / "pkg" / "auth.py").write_text("def logout_user():\n    pass\n")
    (repo / "README.md").unlink()
    again = _index(repo)
    assert (again.stats.parsed, again.stats.removed) == (1, 1)
    assert [r.path for r in again.records] == ["pkg/__init__.py", "pkg/auth.py", "pkg/views.py"]


def test_touched_but_unchanged_file_is_not_reparsed(repo: Path) -> None:
    _index(repo)
    os.utime(repo / "pkg" / "auth.py", ns=(1, 1))
    assert _index(repo).stats.parsed == 0


def test_index_lives_in_dot_scope_which_ignores_itself(repo: Path) -> None:
    result = _index(repo)
    assert result.database == str(repo / ".scope" / "index.sqlite3")
    assert (repo / ".scope" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_schema_change_rebuilds_with_a_warning(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _index(repo)
    monkeypatch.setattr(index_module, "SCHEMA_VERSION", index_module.SCHEMA_VERSION + 1)
    warnings: list[str] = []
    assert _index(repo, warnings).stats.parsed == 4
    assert any("schema or parser changed" in w for w in warnings)


def test_counter_change_recounts(repo: Path) -> None:
    _index(repo)
    warnings: list[str] = []
    assert _index(repo, warnings, counter="other").stats.parsed == 4
    assert any("token counter changed" in w for w in warnings)


def test_corrupt_database_rebuilds_with_a_warning(repo: Path) -> None:
    first = _index(repo)
    for suffix in ("-wal", "-shm"):
        Path(first.database + suffix).unlink(missing_ok=True)
    Path(first.database).write_bytes(b"this is not a database" * 100)
    warnings: list[str] = []
    again = _index(repo, warnings)
    assert again.stats.parsed == 4
    assert any("corrupt" in w for w in warnings)
    with sqlite3.connect(again.database) as conn:
        assert conn.execute("SELECT count(*) FROM files").fetchone()[0] == 4


def test_binary_non_utf8_and_syntax_errors_degrade(repo: Path) -> None:
    (repo / "blob.dat").write_bytes(b"\x00\x01\x02" * 100)
    (repo / "latin1.py").write_bytes("name = 'caf\xe9'\n".encode("latin-1"))
    (repo / "broken.py").write_text("def oops(:\n    return\nclass Fine:\n    pass\n")
    result = _index(repo)
    paths = [r.path for r in result.records]
    assert "blob.dat" not in paths and result.stats.binary == 1
    assert "latin1.py" in paths
    broken = next(r for r in result.records if r.path == "broken.py")
    assert broken.facts.error == "syntax error"
    assert "Fine" in [s.name for s in broken.facts.symbols]


def test_unwritable_repo_falls_back_to_the_user_cache(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_makedirs = os.makedirs

    def refuse_scope_folder(path: str, *args: object, **kwargs: object) -> None:
        if str(path).endswith(".scope"):
            raise PermissionError(13, "Permission denied", path)
        real_makedirs(path, *args, **kwargs)  # type: ignore[arg-type]

    # Running as root makes a chmod-ed folder writable anyway, so refuse at the call instead.
    monkeypatch.setattr(index_module.os, "makedirs", refuse_scope_folder)
    result = _index(repo)
    assert result.database.startswith(os.environ["XDG_CACHE_HOME"])
    assert result.stats.files == 4
    assert not (repo / ".scope").exists()


_CONCURRENT = """
import sys
from scoper.graph.index import update_index
result = update_index(sys.argv[1], lambda t: len(t.split()), "words")
print(result.stats.files)
"""


class _LockedAtFirst:
    """A connection whose switch to WAL is refused `refusals` times with `error`, as SQLite
    refuses the loser of two processes creating the index at once (no busy wait: a deadlock)."""

    def __init__(self, refusals: int, error: str = "database is locked") -> None:
        self.refusals, self.error, self.switches = refusals, error, 0

    def execute(self, sql: str) -> _LockedAtFirst:
        if sql == "PRAGMA journal_mode=WAL":
            self.switches += 1
            if self.switches <= self.refusals:
                raise sqlite3.OperationalError(self.error)
        return self

    def fetchone(self) -> tuple[str]:
        return ("delete",)


@pytest.mark.parametrize("refusals", [0, 1, 5])
def test_switching_to_wal_waits_out_another_process(
    refusals: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "WAL_RETRY_S", 0.001)
    conn = _LockedAtFirst(refusals)
    index_module._use_wal(conn)  # type: ignore[arg-type]
    assert conn.switches == refusals + 1


@pytest.mark.parametrize(
    ("refusals", "error"), [(1, "disk I/O error"), (10**6, "database is locked")]
)
def test_switching_to_wal_gives_up_on_other_errors_and_after_the_timeout(
    refusals: int, error: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "WAL_RETRY_S", 0.001)
    monkeypatch.setattr(index_module, "BUSY_TIMEOUT_S", 0.05)
    with pytest.raises(sqlite3.OperationalError, match=error):
        index_module._use_wal(_LockedAtFirst(refusals, error))  # type: ignore[arg-type]


def test_two_processes_indexing_at_once_both_succeed(repo: Path) -> None:
    for i in range(60):
        (repo / "pkg" / f"mod{i}.py").write_text(f"def f{i}():\n    return {i}\n" * 20)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _CONCURRENT, str(repo)],
            cwd=repo,  # not the project root, whose scoper/ folder would shadow the package
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert [out.strip() for out, _ in outputs] == ["64", "64"]
    assert _index(repo).stats.parsed == 0


@pytest.mark.parametrize(
    "head",
    [
        "-----BEGIN OPENSSH PRIVATE KEY-----",
        "\n-----BEGIN RSA PRIVATE KEY-----",
        "-----BEGIN PGP PRIVATE KEY BLOCK-----",
    ],
)
def test_a_private_key_under_an_innocent_name_is_a_secret(repo: Path, head: str) -> None:
    (repo / "deploy").mkdir()
    (repo / "deploy" / "server").write_text(f"{head}\nFAKEKEYMATERIAL\n-----END-----\n")
    # a source file quoting a key in a test is still source
    (repo / "pkg" / "certs.py").write_text(f'KEY = """{head}"""\n')
    index = _index(repo)
    assert index.secrets == ("deploy/server",)
    assert index.stats.secrets == 1
    assert "deploy/server" not in {r.path for r in index.records}
    assert "pkg/certs.py" in {r.path for r in index.records}
    assert _index(repo).secrets == ("deploy/server",)  # and on a warm run
