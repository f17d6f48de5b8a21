"""Cut the ranking into a scope: roles, a knee in the scores, the budget, and what is just below.

Roles: `edit` for source files with strong direct evidence, `test` for tests of the edit files,
`context` for the rest of the scope (mostly what the edit files depend on or are used by).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .focus import Focus
from .rank import RankedFile

if TYPE_CHECKING:
    from scoper.graph.snapshot import FileGraph

__all__ = ["SelectedFile", "Selection", "select_files"]

# A file whose score falls below this share of the best one is past the knee.
KNEE_RATIO = 0.3
# Within the knee, a drop between neighbours larger than this share of the best score ends it.
KNEE_GAP = 0.25
# Edit targets need direct evidence at least this share of the best direct score.
EDIT_RATIO = 0.6
# The scope lists at most this many edit, context and test files.
MAX_EDIT = 4
# A knee right after the first file is usually noise between close candidates.
MIN_FILES = 2
# Below the knee, files tied to an edit file by the graph still join as context while their
# score is at least this share of the best, up to MAX_LINKED of them.
LINKED_RATIO = 0.15
MAX_LINKED = 2
MAX_FILES = 6
MAX_TESTS = 3
# A file imported by at most this many others is wired in there (a handler by its router, a
# store by the entry point): the importer is where a change to it gets registered.
MAX_WIRING_IMPORTERS = 2
# At most this many such importers join the scope as context.
MAX_WIRING = 2
# Beside a scoped file named for a task word (notifications/email.py for "email admins"),
# siblings that define names with that word (send_email_template, render_email) are the
# rest of that feature; at most this many join per such file, and in all.
SIBLINGS_PER_FILE = 2
MAX_SIBLINGS = 4
# Only a small folder groups one feature; a flat package of dozens of modules (click's
# src/click/, cobra's root) holds many unrelated ones.
MAX_FEATURE_FOLDER = 10
# "Also consider": this many of the best files just below the cut.
ALSO_CONSIDER = 5
# A context file (any scoped file but an edit file or a test) is at most this share of the
# edit files' tokens, or CONTEXT_FLOOR when that is more: it is read for what the edit
# files use, and on the benchmark one context file in eighteen was one the commit changed,
# yet context held half the cut's tokens. Larger related files wait in "also consider",
# where a session can open one on demand.
CONTEXT_SHARE = 0.25
CONTEXT_FLOOR = 1500
# Tests of the edit files take at most this share of the edit files' tokens together, or
# TEST_FLOOR: enough to name the tests to run without filling the scope.
TEST_SHARE = 0.5
TEST_FLOOR = 2000


@dataclass(frozen=True)
class SelectedFile:
    """A file in the scope."""

    path: str
    role: str  # edit | context | test
    score: float
    tokens: int
    reasons: tuple[str, ...]
    focus: tuple[Focus, ...] = ()  # where to start reading a large file (scoper/focus.py)


@dataclass(frozen=True)
class Selection:
    """The scope: files in rank order, and the best of the rest."""

    files: tuple[SelectedFile, ...]
    also_consider: tuple[SelectedFile, ...]


def select_files(
    ranked: Sequence[RankedFile],
    graph: FileGraph,
    budget: int,
    *,
    cut: bool = True,
    wire: bool = False,
) -> Selection:
    """Choose the scope from a ranking.

    Args:
        ranked: files best first.
        graph: the file graph (tokens per node, test links).
        budget: the most tokens the scope may hold.
        cut: stop at the knee in the scores; False fills the budget in rank order.
        wire: the task adds something: bring the files that wire the edit files in.
    """
    tokens = {p: int(graph.nodes[p].get("tokens", 0)) for p in graph.nodes}
    if cut:  # the cut weighs what the task says; recency only breaks its ties
        on_task = (replace(r, score=r.task_score) for r in ranked if r.task_score > 0)
        ranked = sorted(on_task, key=lambda r: -r.score)
    if not ranked:
        return Selection((), ())
    best_direct = max(r.direct for r in ranked)
    chosen, rest = (_knee if cut else _fill)(ranked, tokens, budget)
    edits = _edit_paths(chosen, best_direct)
    beside: dict[str, tuple[str, ...]] = {}
    if cut:
        chosen, rest = _with_context(ranked, chosen, edits, graph, tokens, budget, wire, beside)
    files = [
        _as_selected(r, "edit", tokens)
        if r.path in edits
        else _as_selected(
            r, "context", tokens, (*_relations(graph, r.path, edits), *beside.get(r.path, ()))
        )
        for r in chosen
    ]
    if cut:
        used = sum(f.tokens for f in files)
        room = min(budget - used, _share_of_edits(edits, tokens, TEST_SHARE, TEST_FLOOR))
        tests = _tests_of(edits, graph, rest, room, tokens)
        files.extend(tests)
        picked = {t.path for t in tests}
        rest = [r for r in rest if r.path not in picked]
    also = tuple(_as_selected(r, _role(r), tokens) for r in rest if not r.is_test)[:ALSO_CONSIDER]
    return Selection(tuple(files), also)


_Split = tuple[list[RankedFile], list[RankedFile]]


def _fill(ranked: Sequence[RankedFile], tokens: dict[str, int], budget: int) -> _Split:
    """Everything that fits the budget, in rank order (a file too large is skipped)."""
    chosen: list[RankedFile] = []
    rest: list[RankedFile] = []
    used = 0
    for r in ranked:
        size = tokens.get(r.path, 0)
        if used + size > budget:
            rest.append(r)
        else:
            chosen.append(r)
            used += size
    return chosen, rest


def _knee(ranked: Sequence[RankedFile], tokens: dict[str, int], budget: int) -> _Split:
    """Non-test files in rank order until the scores fall past the knee or the budget is full."""
    best = ranked[0].score
    chosen: list[RankedFile] = []
    rest: list[RankedFile] = []
    used = 0
    previous = best
    stopped = False
    for r in ranked:
        stopped = stopped or (
            r.score < KNEE_RATIO * best
            or (previous - r.score > KNEE_GAP * best and len(chosen) >= MIN_FILES)
            or len(chosen) >= MAX_FILES
        )
        size = tokens.get(r.path, 0)
        if stopped or used + size > budget or r.is_test:
            rest.append(r)
        else:
            chosen.append(r)
            used += size
        previous = r.score
    return chosen, rest


def _with_context(
    ranked: Sequence[RankedFile],
    chosen: list[RankedFile],
    edits: set[str],
    graph: FileGraph,
    tokens: dict[str, int],
    budget: int,
    wire: bool,
    beside: dict[str, tuple[str, ...]],
) -> _Split:
    """The knee's files (`chosen`) without context files too large for the edit files, then
    the linked, wiring and sibling files that fit; in rank order, and the rest of the
    ranking (where "also consider" finds the large ones)."""
    largest = _share_of_edits(edits, tokens, CONTEXT_SHARE, CONTEXT_FLOOR)
    kept = [r for r in chosen if r.path in edits or tokens.get(r.path, 0) <= largest]
    held = {r.path for r in kept}
    used = sum(tokens.get(p, 0) for p in held)
    steps: list[Callable[[list[RankedFile], int], list[RankedFile]]] = [
        lambda left, room: _linked_context(edits, graph, left, room, tokens, ranked[0].score),
        lambda left, room: _wiring(edits, graph, left, room, tokens) if wire else [],
        lambda left, room: _siblings(kept, left, room, tokens, beside),
    ]
    small = [r for r in ranked if r.path not in held and tokens.get(r.path, 0) <= largest]
    for step in steps:  # each step takes from what the earlier ones left, within budget
        taken = step(small, budget - used)
        used += sum(tokens.get(r.path, 0) for r in taken)
        held.update(r.path for r in taken)
        small = [r for r in small if r.path not in held]
        kept.extend(taken)
    order = {r.path: i for i, r in enumerate(ranked)}
    return sorted(kept, key=lambda r: order[r.path]), [r for r in ranked if r.path not in held]


def _share_of_edits(edits: set[str], tokens: dict[str, int], share: float, floor: int) -> int:
    """A share of the edit files' tokens, or the floor when that is more."""
    return max(floor, int(share * sum(tokens.get(p, 0) for p in edits)))


def _linked_context(
    edits: set[str],
    graph: FileGraph,
    rest: Sequence[RankedFile],
    room: int,
    tokens: dict[str, int],
    best: float,
) -> list[RankedFile]:
    """Files below the knee that an edit file depends on, or that depend on it, best first."""
    linked: list[RankedFile] = []
    for r in rest:
        if len(linked) >= MAX_LINKED or r.score < LINKED_RATIO * best:
            break
        size = tokens.get(r.path, 0)
        if r.is_test or not r.source or size > room:
            continue
        if any(graph.has_edge(e, r.path) or graph.has_edge(r.path, e) for e in edits):
            kinds = {k for e in edits for k in _kinds(graph, e, r.path)}
            if kinds & _CONTEXT_KINDS:
                linked.append(r)
                room -= size
    return linked


def _wiring(
    edits: set[str],
    graph: FileGraph,
    rest: Sequence[RankedFile],
    room: int,
    tokens: dict[str, int],
) -> list[RankedFile]:
    """The files that import an edit file few others import: where it is wired in."""
    importers: set[str] = set()
    for e in edits:
        found = _source_importers(graph, e)
        if len(found) <= MAX_WIRING_IMPORTERS:
            importers.update(found)
    return _take(rest, room, tokens, MAX_WIRING, lambda r: r.path in importers and r.source)


def _siblings(
    chosen: Sequence[RankedFile],
    rest: Sequence[RankedFile],
    room: int,
    tokens: dict[str, int],
    beside: dict[str, tuple[str, ...]],
) -> list[RankedFile]:
    """Files beside a scoped file named for a task word that define names with that word;
    `beside` gets, for each, the reason naming that file."""
    named = [c for c in chosen if c.named and c.source]
    if not named:
        return []
    sizes = _folder_sizes(tokens)
    anchors = [c for c in named if sizes[_folder(c.path)] <= MAX_FEATURE_FOLDER]
    taken = dict.fromkeys((a.path for a in anchors), 0)

    def accept(r: RankedFile) -> bool:
        if r.is_test or not r.source:
            return False
        for a in anchors:
            if (
                taken[a.path] < SIBLINGS_PER_FILE
                and _folder(a.path) == _folder(r.path)
                and r.defines & a.named
            ):
                taken[a.path] += 1
                beside[r.path] = (f"next to {a.path}",)
                return True
        return False

    return _take(rest, room, tokens, MAX_SIBLINGS, accept)


def _take(
    rest: Sequence[RankedFile],
    room: int,
    tokens: dict[str, int],
    limit: int,
    accept: Callable[[RankedFile], bool],
) -> list[RankedFile]:
    """Up to `limit` files of `rest`, best first, that fit the room left and `accept` takes
    (asked only of files that fit)."""
    taken: list[RankedFile] = []
    for r in rest:
        if len(taken) >= limit:
            break
        size = tokens.get(r.path, 0)
        if size <= room and accept(r):
            taken.append(r)
            room -= size
    return taken


def _folder(path: str) -> str:
    return path.rpartition("/")[0]


def _folder_sizes(tokens: dict[str, int]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for path in tokens:
        sizes[_folder(path)] = sizes.get(_folder(path), 0) + 1
    return sizes


def _source_importers(graph: FileGraph, path: str) -> list[str]:
    return [
        p
        for p in graph.predecessors(path)
        if "import" in graph[p][path]["kinds"] and not graph.nodes[p].get("test")
    ]


# Ties that make a file context for an edit: code it uses or code that uses it.
_CONTEXT_KINDS = frozenset({"import", "reference", "cochange"})


def _kinds(graph: FileGraph, a: str, b: str) -> set[str]:
    kinds: set[str] = set()
    for source, target in ((a, b), (b, a)):
        data = graph.get_edge_data(source, target)
        if data:
            kinds.update(data["kinds"])
    return kinds


def _edit_paths(chosen: Sequence[RankedFile], best_direct: float) -> set[str]:
    candidates = [r for r in chosen if r.source and r.direct >= EDIT_RATIO * best_direct]
    if not candidates:
        candidates = [r for r in chosen if r.source][:1] or list(chosen[:1])
    return {r.path for r in candidates[:MAX_EDIT]}


def _tests_of(
    edits: set[str],
    graph: FileGraph,
    rest: Sequence[RankedFile],
    room: int,
    tokens: dict[str, int],
) -> list[SelectedFile]:
    """Tests linked to the edit files, best ranked first, while they fit."""
    linked = {
        t
        for e in edits
        for t, data in graph[e].items()
        if "test" in data.get("kinds", ()) and graph.nodes[t].get("test")
    }
    picked = _take(rest, room, tokens, MAX_TESTS, lambda r: r.path in linked)
    return [_as_selected(r, "test", tokens) for r in picked]


def _role(r: RankedFile) -> str:
    return "test" if r.is_test else "context"


def _as_selected(
    r: RankedFile, role: str, tokens: dict[str, int], extra: tuple[str, ...] = ()
) -> SelectedFile:
    reasons = tuple(dict.fromkeys((*extra, *r.reasons)))[:4]
    return SelectedFile(r.path, role, r.score, tokens.get(r.path, 0), reasons)


# How a context file relates to an edit file, by the kind of the edge edit → file, and of
# the edge file → edit.
_RELATION = {
    "import": "imported by {}",
    "reference": "defines names {} uses",
    "test": "tests {}",
    "cochange": "changed together with {}",
}
_REVERSE_RELATION = {"import": "imports {}", "reference": "uses names {} defines"}


def _relations(graph: FileGraph, path: str, edits: set[str]) -> tuple[str, ...]:
    """Why a context file belongs with the edit files, strongest tie first."""
    found: list[tuple[float, str]] = []
    for edit in sorted(edits):
        for source, target, phrases in ((edit, path, _RELATION), (path, edit, _REVERSE_RELATION)):
            data = graph.get_edge_data(source, target)
            kind = next((k for k in data["kinds"] if k in phrases), None) if data else None
            if data and kind:
                found.append((data["weight"], phrases[kind].format(edit)))
                break
    return tuple(text for _, text in sorted(found, key=lambda f: (-f[0], f[1]))[:2])
