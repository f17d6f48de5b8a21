"""The repository's git history: past commit subjects and co-changes per file.

Read with one `git log` and cached in the index under the HEAD commit, so a warm run costs
nothing. A folder that is not in a git work tree, or a machine without git, has no history.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass

from .index import read_cached, write_cached

__all__ = ["Commit", "History", "head_commit", "load_history", "read_history"]

# How far back to read: enough for a file's vocabulary and co-change habits, bounded in time.
MAX_COMMITS = 5000
GIT_TIMEOUT_S = 60


@dataclass(frozen=True)
class Commit:
    """One non-merge commit: its subject and the files it touched (repo-relative)."""

    sha: str
    timestamp: int
    subject: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class History:
    """Commits newest first, as of `head`."""

    head: str
    commits: tuple[Commit, ...]

    def to_json(self) -> str:
        return json.dumps(
            {
                "head": self.head,
                "commits": [[c.sha, c.timestamp, c.subject, list(c.files)] for c in self.commits],
            },
            separators=(",", ":"),
        )

    @staticmethod
    def from_json(text: str) -> History:
        data = json.loads(text)
        return History(
            data["head"], tuple(Commit(s, t, subj, tuple(f)) for s, t, subj, f in data["commits"])
        )


def _git(root: str, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", root, *args], capture_output=True, timeout=GIT_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace")


def head_commit(root: str) -> str | None:
    """The commit HEAD points at, or None outside a git work tree (or with no commits)."""
    out = _git(root, "rev-parse", "--verify", "-q", "HEAD")
    return out.strip() if out else None


def read_history(root: str, head: str, max_commits: int = MAX_COMMITS) -> History:
    """The last `max_commits` non-merge commits reachable from `head`, paths relative to root."""
    out = _git(
        root,
        "-c",
        "core.quotepath=off",  # saludo_módulo.py, not "saludo_m\303\263dulo.py"
        "log",
        "--no-merges",
        "--relative",
        "--name-only",
        "--no-renames",
        f"-n{max_commits}",
        "--format=%x00%H%x01%ct%x01%s",
        head,
        "--",
    )
    commits = []
    for chunk in (out or "").split("\0")[1:]:
        header, _, rest = chunk.partition("\n")
        sha, timestamp, subject = [*header.split("\x01", 2), "", ""][:3]
        files = tuple(sorted({line for line in rest.splitlines() if line}))
        commits.append(Commit(sha, int(timestamp or 0), subject, files))
    return History(head, tuple(commits))


def load_history(root: str, database: str) -> History | None:
    """The history of `root` at HEAD, from the index's cache when HEAD has not moved."""
    head = head_commit(root)
    if head is None:
        return None
    cached = read_cached(database, "history")
    if cached:
        history = History.from_json(cached)
        if history.head == head:
            return history
    history = read_history(root, head)
    write_cached(database, "history", history.to_json())
    return history
