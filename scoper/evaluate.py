"""`scope bench`: measure scoping on the user's own git history.

Each sampled commit is a task: its subject is the task text and the non-test source files it
modified are the gold (not dotfiles, nor a build folder's copy of a file changed beside it). As
in the shared benchmark, a merge is a task too (a pull request's title is its text, its changes
against its first parent the gold), and the `(#123)` GitHub appends to a merged pull request's
subject is dropped. scope runs at the commit's parent in a private checkout (a temporary git
repository borrowing the user's objects), so the user's work tree is never touched and the
ranking never sees the commit or anything after it. The checkout moves from commit to commit, so
the index re-parses only what changed in between.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from scoper.graph.build import is_test_path
from scoper.graph.copies import build_depth

from .errors import InputError, RepoError
from .focus import FOCUS_MIN_TOKENS
from .rank import is_non_source
from .scope import DEFAULT_BUDGET, scope_task
from .select import SelectedFile
from .workspace import open_workspace

__all__ = ["BenchReport", "BenchTask", "changed_lines", "mine_tasks", "run_bench"]

# Subjects of routine commits that describe no code change a user would ask for.
_CHORE = re.compile(
    r"^(merge|revert|release|bump|version|v?\d+\.\d+|prepare|changelog|update changelog|"
    r"docs?\b|typo|format|lint|style|ci\b|chore|deps?\b|build\(deps|pre-commit|"
    r"\[pre-commit|update (copyright|readme|dependencies))",
    re.IGNORECASE,
)
# A GitHub merge of a pull request, whose title is the first line of the body.
_PULL_MERGE = re.compile(r"^Merge pull request #\d+ from \S+")
# The pull request number GitHub appends to a squashed or merged subject: not task text.
_PULL_REF = re.compile(r"(?:\s*\(?#\d+\)?,?)+\s*$")
# A hunk header of `git diff -U0`: where the change starts in the old file, how many lines.
_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? ", re.MULTILINE)
# Commits changing more gold files than this are sweeping refactors, not tasks.
MAX_GOLD_FILES = 6
# Budgets recall is reported at.
BUDGETS = (8_000, 16_000, 32_000)
# How much of the ranking is scored: well past the largest budget, so a large file filling the
# list early cannot hide the smaller files after it, which a smaller budget would still take.
RANK_DEPTH = 100_000


@dataclass(frozen=True)
class BenchTask:
    """A commit turned into a task."""

    commit: str
    parent: str
    subject: str
    gold: tuple[str, ...]


@dataclass(frozen=True)
class TaskScore:
    task: BenchTask
    recall_at: tuple[float, ...]
    cut_recall: float
    cut_tokens: int
    repo_tokens: int
    focus_files: int = 0  # large gold files in the cut (FOCUS_MIN_TOKENS or more)
    focus_hits: int = 0  # of those, the ones whose focus holds a line the commit changed


@dataclass(frozen=True)
class BenchReport:
    """Recall at each budget, the all-gold rate of scope's own cut, and tokens saved."""

    budgets: tuple[int, ...]
    scores: tuple[TaskScore, ...]

    def summary(self) -> dict[str, object]:
        n = len(self.scores)
        if not n:
            return {"tasks": 0}
        recall = {
            f"recall@{b // 1000}k": round(sum(s.recall_at[i] for s in self.scores) / n, 3)
            for i, b in enumerate(self.budgets)
        }
        ratios = [s.cut_tokens / s.repo_tokens for s in self.scores if s.repo_tokens]
        focus_files = sum(s.focus_files for s in self.scores)
        focus = {"large_gold_files": focus_files}
        if focus_files:
            focus["focus_hit"] = round(sum(s.focus_hits for s in self.scores) / focus_files, 3)
        return {
            "tasks": n,
            **recall,
            "cut_recall": round(sum(s.cut_recall for s in self.scores) / n, 3),
            "all_gold": round(sum(1 for s in self.scores if s.cut_recall == 1.0) / n, 3),
            "median_scope_tokens": int(statistics.median(s.cut_tokens for s in self.scores)),
            "median_repo_tokens": int(statistics.median(s.repo_tokens for s in self.scores)),
            "median_tokens_saved": round(1 - statistics.median(ratios), 4) if ratios else 0.0,
            **focus,
        }

    def to_json(self) -> dict[str, object]:
        return {
            "summary": self.summary(),
            "tasks": [
                {
                    "commit": s.task.commit,
                    "task": s.task.subject,
                    "gold": list(s.task.gold),
                    "recall": dict(
                        zip((f"{b // 1000}k" for b in self.budgets), s.recall_at, strict=True)
                    ),
                    "cut_recall": s.cut_recall,
                    "cut_tokens": s.cut_tokens,
                }
                for s in self.scores
            ],
        }


def _git(root: str, *args: str) -> str:
    done = subprocess.run(["git", "-C", root, *args], capture_output=True, check=False)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        command = next(a for a in args if not a.startswith("-") and "=" not in a)
        raise RepoError(f"git {command} failed in {root}: {message[-1] if message else '?'}")
    return done.stdout.decode("utf-8", "replace")


def _require_history(root: str) -> None:
    """Fail with what is missing when `root` has no commits for `scope bench` to replay."""
    inside = subprocess.run(
        ["git", "-C", root, "rev-parse", "--is-inside-work-tree"], capture_output=True, check=False
    )
    if inside.returncode != 0:
        raise RepoError(f"{root} is not a git repository; scope bench replays its past commits")
    head = subprocess.run(
        ["git", "-C", root, "rev-parse", "--verify", "--quiet", "HEAD"],
        capture_output=True,
        check=False,
    )
    if head.returncode != 0:
        raise RepoError(f"{root} has no commits yet; scope bench replays past commits")


def mine_tasks(root: str, count: int, seed: int) -> list[BenchTask]:
    """Sample `count` task-like commits from the history of `root` (seeded, oldest first).

    Raises:
        RepoError: `root` is not a git repository with history.
    """
    _require_history(root)
    log = _git(
        root,
        "-c",
        "core.quotepath=off",  # saludo_módulo.py, not "saludo_m\303\263dulo.py"
        "log",
        "--diff-merges=first-parent",  # what a merged pull request brought to its base
        "--format=%x00%H %P%x01%s%x01%b%x02",
        "--name-status",
        "--no-renames",
        "HEAD",
    )
    candidates = []
    for chunk in log.split("\0")[1:]:
        header, _, changes = chunk.partition("\x02")
        shas, _, message = header.partition("\x01")
        parts = shas.split()
        first_line, _, body = message.partition("\x01")
        subject = _task_text(first_line, body)
        if len(parts) < 2 or not subject or _CHORE.match(subject):
            continue
        gold = _gold(changes)
        if not gold or len(gold) > MAX_GOLD_FILES or _names_a_file(subject, gold):
            continue
        candidates.append(BenchTask(parts[0], parts[1], subject, gold))
    order = {c.commit: i for i, c in enumerate(reversed(candidates))}  # git log is newest first
    random.Random(seed).shuffle(candidates)
    return sorted(candidates[:count], key=lambda t: order[t.commit])


def _task_text(subject: str, body: str) -> str:
    """The task a commit describes: a merged pull request's title, without its number."""
    subject = subject.strip()
    if _PULL_MERGE.match(subject):
        subject = next((line.strip() for line in body.splitlines() if line.strip()), "")
    return _PULL_REF.sub("", subject.rstrip(". ")).rstrip(". ")


def _gold(name_status: str) -> tuple[str, ...]:
    files = []
    for line in name_status.splitlines():
        status, _, path = line.partition("\t")
        if status == "M" and not is_test_path(path) and not is_non_source(path):
            files.append(path)
    # Dotfiles (.gitignore, .eslintrc.js) configure tools; the benchmark leaves them out too.
    files = [p for p in files if not os.path.basename(p).startswith(".")]
    return tuple(sorted(p for p in files if not _regenerated(p, files)))


def _regenerated(path: str, changed: Sequence[str]) -> bool:
    """A file in a build-looking folder changed beside a same-named file outside one is the
    build's copy of it (zod's `deno/lib/types.ts` of `src/types.ts`): nobody edits it, and the
    shared benchmark leaves it out of the gold."""
    name, depth = os.path.basename(path), build_depth(path)
    return depth > 0 and any(
        os.path.basename(other) == name and build_depth(other) < depth for other in changed
    )


def _names_a_file(subject: str, gold: Sequence[str]) -> bool:
    """A subject quoting a changed file's name (`Update login.py`) gives the answer away."""
    lowered = subject.lower()
    return any(os.path.basename(p).lower() in lowered for p in gold)


@contextmanager
def private_checkout(root: str) -> Iterator[Callable[[str], str]]:
    """A temporary repository borrowing `root`'s objects; yields `move(commit) -> folder`."""
    objects = os.path.join(root, _git(root, "rev-parse", "--git-common-dir").strip(), "objects")
    folder = tempfile.mkdtemp(prefix="scope-bench-")
    try:
        _git(folder, "init", "-q", "-b", "main")
        with open(os.path.join(folder, ".git", "objects", "info", "alternates"), "w") as fh:
            fh.write(os.path.abspath(objects) + "\n")

        def move(commit: str) -> str:
            _git(folder, "update-ref", "refs/heads/main", commit)
            _git(folder, "read-tree", "-u", "--reset", commit)
            return folder

        yield move
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_bench(
    root: str,
    tasks: Sequence[BenchTask],
    *,
    budgets: Sequence[int] = BUDGETS,
    progress: Callable[[int, int], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> BenchReport:
    """Scope each task at its parent commit and score the ranking against the gold files."""
    if not tasks:
        raise InputError(
            "no task-like commits found in the history (need commits that modify "
            "source files with a descriptive subject)"
        )
    scores = []
    with private_checkout(root) as move:
        for done, task in enumerate(tasks, 1):
            folder = move(task.parent)
            ws = open_workspace(folder, warn=warn)
            ranked = scope_task(
                ws, task.subject, budget=max(RANK_DEPTH, *budgets), cut=False, focus=False
            )
            cut = scope_task(ws, task.subject, budget=DEFAULT_BUDGET)
            paths = [f.path for f in ranked.files]
            sizes = {f.path: f.tokens for f in ranked.files}
            gold = set(task.gold)
            recall_at = tuple(_recall(paths, sizes, gold, b) for b in budgets)
            cut_paths = {f.path for f in cut.files}
            large = [f for f in cut.files if f.path in gold and f.tokens >= FOCUS_MIN_TOKENS]
            hits = sum(1 for f in large if _focus_holds_a_change(folder, task, f))
            scores.append(
                TaskScore(
                    task,
                    recall_at,
                    len(gold & cut_paths) / len(gold),
                    cut.scope_tokens,
                    cut.repo_tokens,
                    len(large),
                    hits,
                )
            )
            if progress:
                progress(done, len(tasks))
    return BenchReport(tuple(budgets), tuple(scores))


def _recall(paths: Sequence[str], sizes: dict[str, int], gold: set[str], budget: int) -> float:
    """Recall of the greedy ranked prefix that fits the budget (the harness's rule)."""
    used, found = 0, 0
    for path in paths:
        if used + sizes[path] > budget:
            continue
        used += sizes[path]
        found += path in gold
    return found / len(gold) if gold else 0.0


def _focus_holds_a_change(folder: str, task: BenchTask, f: SelectedFile) -> bool:
    changed = changed_lines(folder, task.parent, task.commit, f.path)
    return any(span.start <= line <= span.end for span in f.focus for line in changed)


def changed_lines(root: str, base: str, commit: str, path: str) -> set[int]:
    """Lines of `path` at `base` that `commit` changed; for a pure insertion, the line it
    follows (`git diff -U0` hunk headers)."""
    diff = _git(root, "diff", "-U0", "--no-color", base, commit, "--", path)
    found: set[int] = set()
    for start, count in _HUNK.findall(diff):
        first, n = int(start), int(count) if count else 1
        found.update(range(first, first + n) if n else [max(1, first)])
    return found
