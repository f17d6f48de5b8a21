"""The graph and history fields built from an index, cached beside it as JSON.

A warm run on an unchanged repository would otherwise rebuild them (import resolution,
references, co-change, global PageRank, per-file history terms) on every call. The cache is
plain JSON in the index database, keyed by the index generation, the HEAD commit, a digest
of the code that builds them and the parser's fingerprint (a changed resolver, query file or
grammar must not reuse an old graph: the generation digests file contents only, and the
package version is not bumped for every change); anything else (edge-weight experiments)
builds afresh.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import scoper.graph
from scoper.graph.history import History
from scoper.graph.index import RepoIndex, read_cached, write_cached
from scoper.graph.parse import parser_fingerprint
from scoper.graph.snapshot import FileGraph, GraphSnapshot

from .corpus import Corpus

__all__ = ["load_derived", "save_derived"]

# Bump when what is cached changes shape.
DERIVED_VERSION = 4
_CACHE_KEY = "derived"


def _key(index: RepoIndex, history: History | None) -> str:
    head = history.head if history else "-"
    return f"{DERIVED_VERSION}:{code_digest()}:{parser_fingerprint()}:{index.generation}:{head}"


@cache
def code_digest() -> str:
    """A digest of the modules the graph and corpus are built by: the graph package and this
    package's corpus (read once per process, about 1 ms)."""
    digest = hashlib.sha1()
    graph_dir = Path(scoper.graph.__file__).parent
    sources = [*sorted(graph_dir.rglob("*.py")), Path(__file__).with_name("corpus.py")]
    for path in sources:
        digest.update(path.relative_to(graph_dir.parent).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_derived(index: RepoIndex, history: History | None) -> tuple[FileGraph, Corpus] | None:
    """The cached graph and corpus of this exact index state, or None."""
    text = read_cached(index.database, _CACHE_KEY)
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if data.get("key") != _key(index, history):
        return None
    edges: dict[str, dict[str, dict[str, Any]]] = {}
    for a, b, w, k in data["edges"]:
        edges.setdefault(a, {})[b] = {"weight": w, "kinds": tuple(k)}
    graph = GraphSnapshot(
        {p: {"tokens": t, "test": test} for p, t, test in data["nodes"]},
        edges,
        {"global_rank": data["global_rank"]},
    )
    corpus = Corpus.build(index.records, None)
    corpus.history_terms = {p: Counter(c) for p, c in data["history_terms"].items()}
    corpus.history_subjects = {p: tuple(s) for p, s in data["history_subjects"].items()}
    corpus.commits_ago = dict(data["commits_ago"])
    return graph, corpus


def save_derived(
    index: RepoIndex,
    history: History | None,
    graph: FileGraph,
    corpus: Corpus,
    global_rank: dict[str, float],
) -> None:
    """Cache the graph and corpus history fields for the next run on the same state."""
    data: dict[str, Any] = {
        "key": _key(index, history),
        "nodes": [[p, d.get("tokens", 0), d.get("test", False)] for p, d in graph.nodes(data=True)],
        "edges": [[a, b, d["weight"], list(d["kinds"])] for a, b, d in graph.edges(data=True)],
        "global_rank": global_rank,
        "history_terms": {p: dict(c) for p, c in corpus.history_terms.items()},
        "history_subjects": {p: list(s) for p, s in corpus.history_subjects.items()},
        "commits_ago": corpus.commits_ago,
    }
    write_cached(index.database, _CACHE_KEY, json.dumps(data, separators=(",", ":")))
