"""Helpers for the hints tests: hand-made scope results, no index needed."""

from __future__ import annotations

from collections.abc import Sequence

from scoper.scope import ScopeResult
from scoper.select import SelectedFile

# (path, role, tokens) triples, in rank order.
FileSpec = tuple[str, str, int]

DEFAULT_FILES: tuple[FileSpec, ...] = (
    ("app/auth/login.py", "edit", 720),
    ("app/auth/users.py", "context", 1030),
    ("tests/test_login.py", "test", 646),
)


def make_result(
    files: Sequence[FileSpec] = DEFAULT_FILES,
    *,
    task: str = "fix login bug",
    also: Sequence[str] = (),
    repo: str = "/repo",
) -> ScopeResult:
    """A ScopeResult without indexing anything."""
    selected = tuple(
        SelectedFile(path, role, 1.0 / (i + 1), tokens, (f"mentions '{task.split()[-1]}'",))
        for i, (path, role, tokens) in enumerate(files)
    )
    extra = tuple(SelectedFile(p, "context", 0.01, 10, ()) for p in also)
    total = sum(f.tokens for f in selected)
    return ScopeResult(
        task=task,
        repo=repo,
        files=selected,
        also_consider=extra,
        scope_tokens=total,
        repo_tokens=total * 10,
        model="claude-sonnet-4-5",
        scope_usd=0.01,
        repo_usd=0.1,
        index_files=10,
        index_parsed=0,
        index_reused=10,
        index_seconds=0.0,
    )
