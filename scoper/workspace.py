"""Open a repository for scoping: index it, read its history, build its graph and corpus."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass

from scoper.graph.build import EdgeWeights, build_graph
from scoper.graph.history import History, load_history
from scoper.graph.index import RepoIndex, update_index
from scoper.graph.snapshot import FileGraph

from .corpus import Corpus
from .derived import load_derived, save_derived
from .errors import RepoError
from .rank import global_rank
from .tokens import ENCODING, count_tokens

__all__ = ["Workspace", "find_repo_root", "index_repo", "open_workspace"]


@dataclass(frozen=True)
class Workspace:
    """Everything a query needs about one repository, built once and reused."""

    root: str
    index: RepoIndex
    graph: FileGraph
    corpus: Corpus
    history: History | None


def find_repo_root(path: str | None) -> str:
    """`path` as given, or the git root above the current folder, else the current folder.

    Raises:
        RepoError: `path` is missing or not a folder.
    """
    if path is not None:
        if not os.path.exists(path):
            raise RepoError(f"{path} does not exist; pass --repo a repository folder")
        if not os.path.isdir(path):
            raise RepoError(f"{path} is not a folder; pass --repo a repository folder")
        return os.path.abspath(path)
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False
        )
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    except OSError:
        pass
    return os.getcwd()


def index_repo(
    repo: str | None,
    *,
    progress: Callable[[int, int], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> RepoIndex:
    """Bring the index of `repo` up to date, without building anything on top of it."""
    return update_index(find_repo_root(repo), count_tokens, ENCODING, progress=progress, warn=warn)


def open_workspace(
    repo: str | None,
    *,
    progress: Callable[[int, int], None] | None = None,
    warn: Callable[[str], None] | None = None,
    use_history: bool = True,
    edge_weights: EdgeWeights | None = None,
) -> Workspace:
    """Index `repo` (incrementally) and build what ranking needs.

    Raises:
        RepoError: not a folder.
        IndexError_: nowhere to keep the index.
    """
    root = find_repo_root(repo)
    index = update_index(root, count_tokens, ENCODING, progress=progress, warn=warn)
    history = load_history(root, index.database) if use_history else None
    if edge_weights is None:  # experiments with other weights always build afresh
        restored = load_derived(index, history)
        if restored is not None:
            return Workspace(root, index, restored[0], restored[1], history)
    graph = build_graph(root, index.records, history, edge_weights)
    corpus = Corpus.build(index.records, history)
    if edge_weights is None:
        save_derived(index, history, graph, corpus, global_rank(graph))
    return Workspace(root, index, graph, corpus, history)
