"""Rank every file for a task: lexical and history evidence, spread over the file graph.

1. Direct evidence per file: BM25 of the task's terms over its content, matches in its path,
   in the names it defines and in its doc, BM25 over the subjects of past commits that touched
   it, how recently it changed, and exact mentions (`CliRunner`, `src/app/login.py`). Each
   signal is scaled to [0, 1] by its best file, then weighted.
2. Personalized PageRank from the best direct matches over the file graph (imports, symbol
   references, tests, co-change) finds what they need and what needs them.
3. Priors keep tests, docs, examples and data from crowding out source files.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from scoper.graph.build import is_test_path
from scoper.graph.centrality import pagerank
from scoper.graph.terms import terms

from .corpus import Corpus, FileFields
from .query import Query

if TYPE_CHECKING:
    from scoper.graph.snapshot import FileGraph

__all__ = ["RankWeights", "RankedFile", "global_rank", "is_non_source", "rank_files", "without"]

# BM25 parameters, the usual values.
BM25_K1 = 1.2
BM25_B = 0.75
# Within a path, the file's own name says more than the folders above it.
DIR_TERM_SHARE = 0.35
# Personalization uses the best direct matches only: a long tail adds noise, not recall.
SEED_COUNT = 12
# Graph scores are divided by global PageRank to this power, so hubs every walk reaches
# (the console, the types module) do not outrank the neighbours specific to the task.
HUB_DAMPING = 0.5
# Work comes in series: a file changed a few commits ago is likely to change again. Its
# recency evidence halves every ~14 commits (exp(-age / 20)), about one feature's run.
RECENT_COMMITS = 20
# Below the first files, the order fuses the combined score's ranks with the plain content and
# history ranks (reciprocal-rank fusion, weight `RankWeights.fusion`): a sum of scaled signals
# orders its head well, but deeper down graph and recency lift files the task barely names
# above files it does name. The head, where the combined score is right most often, keeps
# its order (3 of 3/5/8 tried on ten repositories, docs/ranking.md).
FUSION_HEAD = 3
# The fusion's rank offset and how deep each list counts: the benchmark's `fusion` floor's.
FUSION_K = 10
FUSION_DEPTH = 200


@dataclass(frozen=True)
class RankWeights:
    """How much each signal counts; zero switches one off (the ablation in docs/ranking.md)."""

    # Words of the task in the file's body: the broadest evidence.
    content: float = 1.0
    # Words of the task in the file's path: a strong, cheap signal.
    path: float = 0.8
    # Words of the task in the names the file defines.
    symbol: float = 0.8
    # Words of the task in the file's docstring or leading comment.
    doc: float = 0.3
    # Words of the task in subjects of past commits that touched the file.
    history: float = 1.0
    # How recently the file changed: task-blind, so it weighs half a lexical signal.
    recent: float = 0.5
    # The task names a path or an identifier the file defines.
    explicit: float = 1.5
    # Graph proximity to the best direct matches.
    graph: float = 0.6
    # Tests, docs, examples and data files as edit candidates (they stay eligible as context).
    non_source: float = 0.35
    # A generated copy of another file (zod's deno/lib/ mirror of src/): nobody edits it, and
    # it would spend the budget twice on the same code.
    copy: float = 0.1
    # Weight of the content and history ranks fused into the order below the head.
    fusion: float = 0.5


@dataclass(frozen=True)
class RankedFile:
    """One file's place in the ranking, with the evidence behind it."""

    path: str
    score: float
    # The score without recency: what the task itself says about the file.
    task_score: float
    direct: float
    reasons: tuple[str, ...]
    is_test: bool
    source: bool
    # Task words (as written, not synonyms or action words) in the file's own name, and in
    # the names it defines: what ties siblings of one feature together in the cut.
    named: frozenset[str] = frozenset()
    defines: frozenset[str] = frozenset()


@dataclass
class _Evidence:
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    reasons: dict[str, list[str]] = field(default_factory=dict)

    def add(self, signal: str, path: str, value: float, reason: str | None = None) -> None:
        if value <= 0:
            return
        bucket = self.scores.setdefault(signal, {})
        bucket[path] = bucket.get(path, 0.0) + value
        if reason:
            self.reasons.setdefault(path, []).append(reason)


def rank_files(
    corpus: Corpus,
    graph: FileGraph,
    query: Query,
    weights: RankWeights | None = None,
) -> list[RankedFile]:
    """Every file with positive evidence, best first (ties by path)."""
    w = weights or RankWeights()
    evidence = _Evidence()
    for f in corpus.files:
        _lexical(corpus, f, query, evidence)
        _explicit(f, query, evidence)
    _history(corpus, query, evidence)
    on_task = _combine(evidence, w)
    # Recency orders the ranking, but it seeds no walk and names no edit target: those take
    # evidence from the task.
    recent = _recency(corpus, evidence) if w.recent else {}
    graph_scores = _spread(graph, on_task) if w.graph else {}
    final: dict[str, float] = {}
    task_final: dict[str, float] = {}
    priors: dict[str, float] = {}
    for path in set(on_task) | set(graph_scores) | set(recent):
        prior = priors[path] = _prior(corpus, query, path, w)
        task_final[path] = (on_task.get(path, 0.0) + w.graph * graph_scores.get(path, 0.0)) * prior
        final[path] = task_final[path] + w.recent * recent.get(path, 0.0) * prior
    order = sorted(final, key=lambda p: (-final[p], p))
    if w.fusion:
        order = _fused(order, evidence, priors, w)
    ranked = [(path, final[path]) for path in order]
    return [
        RankedFile(
            path=path,
            score=round(score, 6),
            task_score=round(task_final[path], 6),
            direct=round(on_task.get(path, 0.0), 6),
            reasons=_reasons(evidence, corpus, path),
            is_test=is_test_path(path),
            source=not is_non_source(path) and path not in corpus.copies,
            named=_task_words(query, corpus.by_path[path].name_terms),
            defines=_task_words(query, corpus.by_path[path].symbol_terms),
        )
        for path, score in ranked
        if score > 0
    ]


def _fused(
    order: list[str], evidence: _Evidence, priors: Mapping[str, float], w: RankWeights
) -> list[str]:
    """The order below its head, by reciprocal-rank fusion of it with the content and history
    ranks (each file's prior applied); files past every list's depth keep their place."""
    lists = [(order, 1.0)]
    for signal in ("content", "history"):
        scores = evidence.scores.get(signal, {}) if getattr(w, signal) else {}
        lists.append((sorted(scores, key=lambda p: (-scores[p], p)), w.fusion))
    known = set(order)
    fused: dict[str, float] = {}
    for ranking, share in lists:
        for i, path in enumerate(ranking[:FUSION_DEPTH]):
            if path in known:
                fused[path] = fused.get(path, 0.0) + share / (FUSION_K + i)
    head = order[:FUSION_HEAD]
    kept = set(head)
    tail = sorted((p for p in fused if p not in kept), key=lambda p: (-fused[p] * priors[p], p))
    placed = kept.union(tail)
    return [*head, *tail, *(p for p in order if p not in placed)]


def _prior(corpus: Corpus, query: Query, path: str, w: RankWeights) -> float:
    if path in _mentioned(query, path):
        return 1.0
    prior = w.non_source if is_non_source(path) else 1.0
    return prior * w.copy if path in corpus.copies else prior


def _task_words(query: Query, found: Collection[str]) -> frozenset[str]:
    return frozenset(t for t, weight in query.weights.items() if weight >= 1.0 and t in found)


def _reasons(evidence: _Evidence, corpus: Corpus, path: str) -> tuple[str, ...]:
    found = evidence.reasons.get(path, [])
    if path in corpus.copies:
        found = [f"copy of {corpus.copies[path].original}", *found]
    return tuple(dict.fromkeys(found))


def _lexical(corpus: Corpus, f: FileFields, query: Query, evidence: _Evidence) -> None:
    norm = BM25_K1 * (1 - BM25_B + BM25_B * f.length / max(1.0, corpus.average_length))
    content = 0.0
    hits: list[tuple[float, str]] = []
    for term, weight in query.weights.items():
        tf = f.content.get(term, 0)
        if tf:
            gain = weight * corpus.idf("content", term) * tf * (BM25_K1 + 1) / (tf + norm)
            content += gain
            hits.append((gain, term))
    if hits:
        best = [t for _, t in sorted(hits, key=lambda h: (-h[0], h[1]))[:6]]
        evidence.add("content", f.path, content, "mentions " + _quoted(query, best))
    path_terms = [t for t in query.weights if t in f.name_terms or t in f.dir_terms]
    path_score = sum(
        query.weights[t]
        * (corpus.idf("name", t) if t in f.name_terms else DIR_TERM_SHARE * corpus.idf("dir", t))
        for t in path_terms
    )
    if path_terms:
        evidence.add("path", f.path, path_score, f"path matches {_quoted(query, path_terms)}")
    symbol_hits = [t for t in query.weights if t in f.symbol_terms]
    if symbol_hits:
        score = sum(query.weights[t] * corpus.idf("symbol", t) for t in symbol_hits)
        names = sorted(
            {n for t in symbol_hits for n in f.symbol_terms[t]}, key=lambda n: (len(n), n)
        )[:2]
        evidence.add("symbol", f.path, score, "defines " + ", ".join(names))
    doc_hits = [t for t in query.weights if t in f.doc_terms]
    if doc_hits:
        score = sum(query.weights[t] * corpus.idf("doc", t) for t in doc_hits)
        evidence.add("doc", f.path, score, "doc mentions " + _quoted(query, doc_hits))


def _quoted(query: Query, found: list[str]) -> str:
    words = dict.fromkeys(query.word(t) for t in found)
    return ", ".join(f"'{w}'" for w in list(words)[:3])


def _explicit(f: FileFields, query: Query, evidence: _Evidence) -> None:
    for ident in query.identifiers:
        if ident.lower() in f.symbol_names:
            evidence.add("explicit", f.path, 1.0, f"defines `{ident}`")
    for mention in query.paths:
        if f.path == mention or f.path.endswith("/" + mention):
            evidence.add("explicit", f.path, 2.0, f"named in the task ({mention})")


def _history(corpus: Corpus, query: Query, evidence: _Evidence) -> None:
    if not corpus.history_terms:
        return
    lengths = corpus.history_lengths
    average = sum(lengths.values()) / max(1, len(lengths))
    for path, counts in corpus.history_terms.items():
        norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths[path] / max(1.0, average))
        score = 0.0
        for term, weight in query.weights.items():
            tf = counts.get(term, 0)
            if tf:
                score += weight * corpus.idf("history", term) * tf * (BM25_K1 + 1) / (tf + norm)
        if score > 0:
            evidence.add("history", path, score, _history_reason(corpus, path, query))


def _history_reason(corpus: Corpus, path: str, query: Query) -> str | None:
    for subject in corpus.history_subjects.get(path, ()):
        if set(terms(subject)) & set(query.weights):
            return f"past commit: {subject[:70]!r}"
    return None


def _recency(corpus: Corpus, evidence: _Evidence) -> dict[str, float]:
    """How recently each file changed, scaled to [0, 1] by the newest; a reason when recent.
    Kept apart from `evidence.scores`, which is the task's evidence."""
    for path, age in corpus.commits_ago.items():
        if age < RECENT_COMMITS:
            ago = "in the last commit" if age == 0 else f"{age} commit{'s' * (age > 1)} ago"
            evidence.reasons.setdefault(path, []).append(f"changed {ago}")
    newest = min(corpus.commits_ago.values(), default=0)
    return {p: math.exp((newest - age) / RECENT_COMMITS) for p, age in corpus.commits_ago.items()}


def _combine(evidence: _Evidence, w: RankWeights) -> dict[str, float]:
    direct: dict[str, float] = {}
    for signal, scores in evidence.scores.items():
        weight = getattr(w, signal)
        top = max(scores.values(), default=0.0)
        if not weight or top <= 0:
            continue
        scale = 1.0 if signal == "explicit" else top
        for path, value in scores.items():
            direct[path] = direct.get(path, 0.0) + weight * value / scale
    return direct


def _spread(graph: FileGraph, direct: Mapping[str, float]) -> dict[str, float]:
    seeds = sorted(direct.items(), key=lambda kv: (-kv[1], kv[0]))[:SEED_COUNT]
    personalization = {p: s for p, s in seeds if p in graph}
    if not personalization:
        return {}
    ranks = pagerank(graph, personalization)
    if HUB_DAMPING:
        prior = global_rank(graph)
        ranks = {p: r / (prior[p] * len(prior)) ** HUB_DAMPING for p, r in ranks.items()}
    top = max(ranks.values(), default=0.0)
    return {p: r / top for p, r in ranks.items() if r > 0} if top > 0 else {}


def global_rank(graph: FileGraph) -> dict[str, float]:
    """Global PageRank, computed once per graph (a plan scopes many tasks on one graph)."""
    cached: dict[str, float] | None = graph.graph.get("global_rank")
    if cached is None:
        cached = pagerank(graph)
        graph.graph["global_rank"] = cached
    return cached


_NON_SOURCE_PARTS = (
    "docs/",
    "doc/",
    "examples/",
    "example/",
    "samples/",
    "benchmarks/",
    "bench/",
    "fixtures/",
    "testdata/",
    "scripts/",
    "site/",
    "website/",
    ".github/",
)
_NON_SOURCE_SUFFIXES = (
    ".md",
    ".rst",
    ".txt",
    ".json",
    ".yaml",
    ".yml",
    ".toml",
    ".cfg",
    ".ini",
    ".lock",
    ".csv",
    ".svg",
    ".html",
    ".css",
    ".xml",
    ".snap",
    ".golden",
    ".log",
)


def is_non_source(path: str) -> bool:
    """Tests, docs, examples, data and config: context for a change, rarely its target."""
    lowered = path.lower()
    if is_test_path(path) or lowered.endswith(_NON_SOURCE_SUFFIXES):
        return True
    name = lowered.rsplit("/", 1)[-1]
    if name.startswith(("changelog", "changes", "license", "readme", "contributing")):
        return True
    return any(lowered.startswith(p) or f"/{p}" in lowered for p in _NON_SOURCE_PARTS)


def _mentioned(query: Query, path: str) -> set[str]:
    return {path for m in query.paths if path == m or path.endswith("/" + m)}


# Signals that multiply a score: off means 1, not 0.
_PRIORS = frozenset({"non_source", "copy"})


def without(weights: RankWeights, signal: str) -> RankWeights:
    """`weights` with one signal switched off (for the ablation)."""
    return replace(weights, **{signal: 1.0 if signal in _PRIORS else 0.0})
