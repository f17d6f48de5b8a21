"""`scope TASK`: rank, select, count and price — the result behind every output format."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from .errors import InputError
from .focus import FOCUS_MIN_TOKENS, MAX_FOCUSED_FILES, focus_spans
from .near_terms import with_near_terms
from .prices import default_model, price_for
from .query import Query, parse_query
from .rank import RankWeights, rank_files
from .select import SelectedFile, select_files
from .tokens import claude_factor
from .workspace import Workspace

__all__ = ["DEFAULT_BUDGET", "ScopeResult", "scope_task"]

# The most tokens a scope holds unless --budget says otherwise: room for a real change's
# files and their closest context, a small share of a session's window.
DEFAULT_BUDGET = 32_000
JSON_VERSION = 1


@dataclass(frozen=True)
class ScopeResult:
    """A scoped task: the files, their tokens against the whole repo, and both costs."""

    task: str
    repo: str
    files: tuple[SelectedFile, ...]
    also_consider: tuple[SelectedFile, ...]
    scope_tokens: int
    repo_tokens: int
    model: str
    scope_usd: float
    repo_usd: float
    index_files: int
    index_parsed: int
    index_reused: int
    index_seconds: float

    @property
    def ratio(self) -> float:
        return round(self.scope_tokens / self.repo_tokens, 4) if self.repo_tokens else 0.0

    def to_json(self) -> dict[str, Any]:
        """The `--json` contract (DESIGN.md): extend it, never break it."""
        return {
            "version": JSON_VERSION,
            "task": self.task,
            "repo": self.repo,
            "files": [_file_json(f) for f in self.files],
            "also_consider": [_file_json(f) for f in self.also_consider],
            "tokens": {"scope": self.scope_tokens, "repo": self.repo_tokens, "ratio": self.ratio},
            "cost": {
                "model": self.model,
                "scope_usd": round(self.scope_usd, 4),
                "repo_usd": round(self.repo_usd, 4),
            },
            "index": {
                "files": self.index_files,
                "parsed": self.index_parsed,
                "reused": self.index_reused,
                "seconds": self.index_seconds,
            },
        }


def _file_json(f: SelectedFile) -> dict[str, Any]:
    return {
        "path": f.path,
        "role": f.role,
        "score": round(f.score, 4),
        "tokens": f.tokens,
        "reasons": list(f.reasons),
        "focus": [{"symbol": s.symbol, "lines": [s.start, s.end]} for s in f.focus],
    }


def scope_task(
    ws: Workspace,
    task: str,
    *,
    budget: int = DEFAULT_BUDGET,
    model: str | None = None,
    cut: bool = True,
    weights: RankWeights | None = None,
    focus: bool = True,
) -> ScopeResult:
    """Scope one task against an opened workspace.

    Example:
        >>> ws = open_workspace("sample_repos/pyshop")            # doctest: +SKIP
        >>> scope_task(ws, "fix login bug").files[0].path          # doctest: +SKIP
        'pyshop/auth/login.py'

    Raises:
        InputError: the task is empty, or the budget is below one token.
        ModelError: unknown model.
    """
    if budget < 1:
        raise InputError(f"budget must be at least 1 token, not {budget}")
    price = price_for(model or default_model())
    query = with_near_terms(parse_query(task), ws.corpus.vocabulary)
    ranked = rank_files(ws.corpus, ws.graph, query, weights)
    selection = select_files(ranked, ws.graph, budget, cut=cut, wire=query.adds)
    files = _with_focus(ws, selection.files, query) if focus else selection.files
    scope_tokens = sum(f.tokens for f in files)
    repo_tokens = ws.index.total_tokens
    factor = claude_factor()
    stats = ws.index.stats
    return ScopeResult(
        task=query.text,
        repo=ws.root,
        files=files,
        also_consider=selection.also_consider,
        scope_tokens=scope_tokens,
        repo_tokens=repo_tokens,
        model=price.model,
        scope_usd=price.input_usd(scope_tokens * factor),
        repo_usd=price.input_usd(repo_tokens * factor),
        index_files=stats.files,
        index_parsed=stats.parsed,
        index_reused=stats.reused,
        index_seconds=stats.seconds,
    )


def _with_focus(
    ws: Workspace, files: tuple[SelectedFile, ...], query: Query
) -> tuple[SelectedFile, ...]:
    """The files, the first few large ones (in rank order) with the definitions the task
    points at."""
    large = [f.path for f in files if f.tokens >= FOCUS_MIN_TOKENS][:MAX_FOCUSED_FILES]
    if not large:
        return files
    wanted = set(large)
    symbols = {r.path: r.facts.symbols for r in ws.index.records if r.path in wanted}
    idf = partial(ws.corpus.idf, "content")
    found = {}
    for path in large:
        text = _read_text(os.path.join(ws.root, path))
        spans = focus_spans(text, symbols.get(path, ()), query.weights, idf) if text else ()
        if spans:
            found[path] = spans
    return tuple(replace(f, focus=found[f.path]) if f.path in found else f for f in files)


def _read_text(path: str) -> str | None:
    """The file as the index parsed it (undecodable bytes replaced), or None if it is gone."""
    try:
        with open(path, "rb") as fh:
            return fh.read().decode("utf-8", "replace")
    except OSError:
        return None
