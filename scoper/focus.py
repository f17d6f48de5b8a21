"""Where to start reading a large scoped file: the definitions the task's words point at.

A scope names whole files, and a 20,000-token module is still read whole (or, past Claude
Code's per-read cap, as a partial first page). For a file that large, the definitions whose
lines carry the task's words are named with their line span, so a session can read those
lines first (the Read tool takes an offset and a limit) and the rest only if it needs to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from scoper.graph.model import Symbol
from scoper.graph.terms import terms

__all__ = ["FOCUS_MIN_TOKENS", "MAX_FOCUSED_FILES", "Focus", "describe_focus", "focus_spans"]

# Below this a file is read whole: one read holds it, and a span saves little.
FOCUS_MIN_TOKENS = 4_000
# Focus is found for at most this many files per scope, in rank order: each costs a read of
# the file, and an uncut ranking (`--no-cut`) can list hundreds of large ones.
MAX_FOCUSED_FILES = 6
# At most this many spans per file: a place to start, not an outline.
MAX_SPANS = 3
# A span below this share of the best span's score is a weak lead; it is left out.
MIN_SHARE_OF_BEST = 0.5
# A definition spanning more of the file than this (the class that wraps the whole module) is
# no focus: its methods are the candidates.
MAX_FILE_SHARE = 0.4
# A one- or two-line definition (an alias, an empty exception class) is read at a glance
# wherever the session starts; it is no place to start.
MIN_SPAN_LINES = 3
# BM25 over each candidate span's terms, the usual constants.
K1 = 1.2
B = 0.75


@dataclass(frozen=True)
class Focus:
    """One definition to read first: its name (under its enclosing definition's, if any) and
    its lines (1-based, inclusive)."""

    symbol: str
    start: int
    end: int


def describe_focus(focus: Sequence[Focus]) -> str:
    """`lines 120–180 (print), 300–340 (log)`: the spans as one line, best first."""
    return "lines " + ", ".join(f"{f.start}–{f.end} ({f.symbol})" for f in focus)


def focus_spans(
    text: str,
    symbols: Sequence[Symbol],
    weights: Mapping[str, float],
    idf: Callable[[str], float],
) -> tuple[Focus, ...]:
    """The definitions in `text` that the query's `weights` (stemmed term → weight) point at,
    best first; spans overlap none before them. `idf` weighs a term (the repository's)."""
    lines = text.split("\n")  # as tree-sitter counts lines; splitlines() also breaks at \f, \x85…
    candidates = _candidates(symbols, len(lines))
    if not candidates or not weights:
        return ()
    counts = _prefix_counts(lines, weights)
    lengths = counts.pop("")
    average = sum(lengths[s.end_line] - lengths[s.line - 1] for s in candidates) / len(candidates)
    scored: list[tuple[float, Symbol]] = []
    for symbol in candidates:
        score = _score(symbol, counts, lengths, weights, idf, max(1.0, average))
        if score > 0:
            scored.append((score, symbol))
    if not scored:
        return ()
    scored.sort(key=lambda item: (-item[0], item[1].line, item[1].name))
    best = scored[0][0]
    chosen: list[Symbol] = []
    for score, symbol in scored:
        if score < MIN_SHARE_OF_BEST * best or len(chosen) == MAX_SPANS:
            break
        if not any(symbol.line <= c.end_line and c.line <= symbol.end_line for c in chosen):
            chosen.append(symbol)
    return tuple(Focus(_qualified(s, symbols), s.line, s.end_line) for s in chosen)


def _qualified(symbol: Symbol, symbols: Sequence[Symbol]) -> str:
    """`Context.__init__`, not `__init__`: the name under the innermost definition around it,
    since a module of many classes has many methods of one name."""
    around = [
        s
        for s in symbols
        if s.line <= symbol.line
        and symbol.end_line <= s.end_line
        and s != symbol
        and (s.line, s.end_line) != (symbol.line, symbol.end_line)
    ]
    if not around:
        return symbol.name
    parent = min(around, key=lambda s: (s.end_line - s.line, s.line, s.name))
    return f"{parent.name}.{symbol.name}"


def _candidates(symbols: Sequence[Symbol], line_count: int) -> list[Symbol]:
    """Definitions of MIN_SPAN_LINES or more inside the file, each under MAX_FILE_SHARE of it,
    one per span."""
    limit = MAX_FILE_SHARE * line_count
    seen: set[tuple[int, int]] = set()
    found = []
    for s in sorted(symbols, key=lambda s: (s.line, -s.end_line, s.name)):
        span = (s.line, s.end_line)
        size = s.end_line - s.line + 1
        inside = MIN_SPAN_LINES <= size <= limit and s.end_line <= line_count
        if inside and span not in seen:
            seen.add(span)
            found.append(s)
    return found


def _prefix_counts(lines: Sequence[str], weights: Mapping[str, float]) -> dict[str, list[int]]:
    """Per query term, how often it occurs in lines 1..n (index n); under "" every term."""
    wanted = set(weights)
    counts: dict[str, list[int]] = {t: [0] for t in wanted}
    counts[""] = [0]
    for line in lines:
        found = terms(line)
        counts[""].append(counts[""][-1] + len(found))
        here: dict[str, int] = {}
        for term in found:
            if term in wanted:
                here[term] = here.get(term, 0) + 1
        for term in wanted:
            counts[term].append(counts[term][-1] + here.get(term, 0))
    return counts


def _score(
    symbol: Symbol,
    counts: Mapping[str, list[int]],
    lengths: list[int],
    weights: Mapping[str, float],
    idf: Callable[[str], float],
    average: float,
) -> float:
    first, last = symbol.line - 1, symbol.end_line
    norm = K1 * (1 - B + B * (lengths[last] - lengths[first]) / average)
    named = set(terms(symbol.name))
    score = 0.0
    for term, weight in weights.items():
        tf = counts[term][last] - counts[term][first]
        if tf:
            score += weight * idf(term) * tf * (K1 + 1) / (tf + norm)
        if term in named:  # the definition is named for the task's word
            score += weight * idf(term)
    return score
