"""The file graph: a weighted networkx DiGraph whose edges say why two files belong together.

Edge kinds (each edge keeps the kinds that made it, and the sum of their weights):
- import: the importer depends on the imported file;
- reference: a file uses a name another file defines, resolved through imports where possible,
  bare-name matches weighted down by how many files define the name;
- test: a test and the file it tests, both ways;
- cochange: files changed in the same commits, recent commits counting more.
Reverse-import and same-folder edges were measured and bought nothing (docs/ranking.md).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .history import History
from .index import FileRecord
from .languages import ProjectFiles, language_for

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["EdgeWeights", "build_graph", "is_test_path", "resolve_imports"]


@dataclass(frozen=True)
class EdgeWeights:
    """Weights per edge kind; a zero weight switches the kind off (used by the ablation)."""

    # Importing a file is the strongest structural tie.
    imports: float = 1.0
    # Using a name defined elsewhere, resolved through an import.
    reference: float = 0.5
    # Tests and their subjects travel together.
    test: float = 0.8
    # Files changed together before tend to change together again.
    cochange: float = 0.8


# A name defined in more files than this is too generic to link files by.
MAX_DEFINERS = 4
# Bare-name matches (no import backs them) count this much of a resolved reference.
BARE_NAME_FACTOR = 0.3
# Commits touching more files than this are sweeping changes, not evidence of coupling.
MAX_COCHANGE_FILES = 20
# Co-change evidence halves every this many commits back.
COCHANGE_HALF_LIFE = 400

_GENERIC_TEST = re.compile(
    r"(^|/)(tests?|__tests__|spec|testing)/|(^|/)test_[^/]*$|_test\.[a-z]+$|\.(test|spec)\.[a-z]+$"
    r"|Tests?\.java$|(^|/)conftest\.py$"
)


def is_test_path(path: str) -> bool:
    """True for test files, by the conventions of the languages scope parses."""
    spec = language_for(path)
    if spec is not None and spec.test_path.search(path):
        return True
    return bool(_GENERIC_TEST.search(path))


def resolve_imports(root: str, records: Sequence[FileRecord]) -> dict[str, tuple[str, ...]]:
    """Each file's in-repo imports, resolved to repo paths (itself excluded)."""
    project = ProjectFiles(root, frozenset(r.path for r in records))
    resolved: dict[str, tuple[str, ...]] = {}
    for record in records:
        spec = language_for(record.path)
        targets: set[str] = set()
        if spec is not None:
            for ref in record.facts.imports:
                targets.update(spec.resolve(project, record.path, ref))
        targets.discard(record.path)
        resolved[record.path] = tuple(sorted(targets))
    return resolved


def build_graph(
    root: str,
    records: Sequence[FileRecord],
    history: History | None,
    weights: EdgeWeights | None = None,
) -> nx.DiGraph:
    """The weighted file graph of an indexed repository.

    Nodes are repo paths with `tokens` and `test` attributes; edges carry `weight` and `kinds`.
    """
    import networkx as nx  # here: a warm run restores a snapshot and never builds

    w = weights or EdgeWeights()
    graph = nx.DiGraph()
    for record in records:
        graph.add_node(record.path, tokens=record.tokens, test=is_test_path(record.path))
    imports = resolve_imports(root, records)
    for source, targets in imports.items():
        for target in targets:
            _link(graph, source, target, w.imports, "import")
    for (source, target), strength in _references(records, imports).items():
        _link(graph, source, target, w.reference * strength, "reference")
    for test, subject in _tests(records, imports):
        _link(graph, test, subject, w.test, "test")
        _link(graph, subject, test, w.test, "test")
    if history is not None:
        for (a, b), strength in _cochanges(history, graph).items():
            _link(graph, a, b, w.cochange * strength, "cochange")
            _link(graph, b, a, w.cochange * strength, "cochange")
    return graph


def _link(graph: nx.DiGraph, source: str, target: str, weight: float, kind: str) -> None:
    if weight <= 0 or source == target:
        return
    data = graph.get_edge_data(source, target)
    if data is None:
        graph.add_edge(source, target, weight=weight, kinds=(kind,))
    else:
        data["weight"] += weight
        if kind not in data["kinds"]:
            data["kinds"] = tuple(sorted((*data["kinds"], kind)))


def _definers(records: Iterable[FileRecord]) -> dict[str, tuple[str, ...]]:
    table: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for symbol in record.facts.symbols:
            if len(symbol.name) >= 3 and not symbol.name.startswith("__"):
                table[symbol.name].add(record.path)
    return {name: tuple(sorted(paths)) for name, paths in table.items()}


def _references(
    records: Sequence[FileRecord], imports: Mapping[str, tuple[str, ...]]
) -> dict[tuple[str, str], float]:
    """(user, definer) → strength: log-damped count of the names one uses from the other."""
    definers = _definers(records)
    counts: dict[tuple[str, str], float] = defaultdict(float)
    for record in records:
        imported = set(imports.get(record.path, ()))
        for name in record.facts.references:
            files = [p for p in definers.get(name, ()) if p != record.path]
            if not files or len(files) > MAX_DEFINERS:
                continue
            through_import = [p for p in files if p in imported]
            if through_import:
                for path in through_import:
                    counts[(record.path, path)] += 1.0 / len(through_import)
            else:
                for path in files:
                    counts[(record.path, path)] += BARE_NAME_FACTOR / len(files)
    return {pair: math.log1p(count) for pair, count in counts.items()}


def _stem(path: str) -> str:
    name = path.rsplit("/", 1)[-1].split(".", 1)[0]
    for affix in ("test_", "_test", "_spec", "Tests", "Test"):
        name = name.removeprefix(affix) if affix.endswith("_") else name.removesuffix(affix)
    return name.lower()


def _tests(
    records: Sequence[FileRecord], imports: Mapping[str, tuple[str, ...]]
) -> list[tuple[str, str]]:
    """(test, subject) pairs: what a test imports, and the file its name points at."""
    tests = [r.path for r in records if is_test_path(r.path)]
    test_set = set(tests)
    by_stem: dict[str, list[str]] = defaultdict(list)
    for record in records:
        if record.path not in test_set:
            by_stem[_stem(record.path)].append(record.path)
    pairs: set[tuple[str, str]] = set()
    for test in tests:
        pairs.update((test, s) for s in imports.get(test, ()) if s not in test_set)
        named = by_stem.get(_stem(test), [])
        if 0 < len(named) <= MAX_DEFINERS:
            pairs.update((test, s) for s in named)
    return sorted(pairs)


def _cochanges(history: History, graph: nx.DiGraph) -> dict[tuple[str, str], float]:
    """Unordered file pairs → recency-weighted co-change strength, log-damped."""
    strength: dict[tuple[str, str], float] = defaultdict(float)
    for age, commit in enumerate(history.commits):
        files = [f for f in commit.files if f in graph]
        if len(files) < 2 or len(commit.files) > MAX_COCHANGE_FILES:
            continue
        decay = 0.5 ** (age / COCHANGE_HALF_LIFE) / (len(files) - 1)
        for i, a in enumerate(files):
            for b in files[i + 1 :]:
                strength[(a, b)] += decay
    return {pair: math.log1p(value) for pair, value in strength.items()}
