"""`scope TASK`: rank, select, count and price — the result behind every output format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .prices import default_model, price_for
from .query import parse_query
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
    }


def scope_task(
    ws: Workspace,
    task: str,
    *,
    budget: int = DEFAULT_BUDGET,
    model: str | None = None,
    cut: bool = True,
    weights: RankWeights | None = None,
) -> ScopeResult:
    """Scope one task against an opened workspace.

    Example:
        >>> ws = open_workspace("sample_repos/pyshop")            # doctest: +SKIP
        >>> scope_task(ws, "fix login bug").files[0].path          # doctest: +SKIP
        'pyshop/auth/login.py'

    Raises:
        InputError: the task is empty.
        ModelError: unknown model.
    """
    price = price_for(model or default_model())
    query = parse_query(task)
    ranked = rank_files(ws.corpus, ws.graph, query, weights)
    selection = select_files(ranked, ws.graph, budget, cut=cut, wire=query.adds)
    scope_tokens = sum(f.tokens for f in selection.files)
    repo_tokens = ws.index.total_tokens
    factor = claude_factor()
    stats = ws.index.stats
    return ScopeResult(
        task=query.text,
        repo=ws.root,
        files=selection.files,
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
