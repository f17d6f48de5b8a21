"""Task words the repository never uses, matched to words it does use that look like them.

A task is typed in a hurry ("platfrom", "markip") and the light stemmer keeps derived forms
apart ("suggest" / "suggestion", "invariance" / "invariant"). A word no file contains finds
nothing, so it is matched to the repository's nearest words: one edit away, or sharing most
of a long prefix. They join the query at a synonym's weight, below what the task wrote.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from .query import SYNONYM_WEIGHT, Query

__all__ = ["Vocabulary", "vocabulary_of", "with_near_terms"]

# Shorter words have too many neighbours one edit away ("max", "map", "may").
MIN_NEAR_LENGTH = 5
# A shared prefix this long, covering this share of the shorter word, is one word's family:
# "suggest"/"suggestion", "invarianc"/"invariant", "detection"/"detect".
MIN_SHARED_PREFIX = 6
PREFIX_SHARE = 0.75
# ... and differ in length by at most this: a longer word is a compound name, not a form.
MAX_FAMILY_GROWTH = 5
# At most this many near words per task word: a lead, not a flood.
MAX_NEAR = 3


@dataclass(frozen=True)
class Vocabulary:
    """Every term the repository's files use, with how many files use it."""

    counts: dict[str, int]

    @cached_property
    def sorted_terms(self) -> list[str]:
        return sorted(self.counts)

    @cached_property
    def by_length(self) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        for term in self.sorted_terms:
            found.setdefault(len(term), []).append(term)
        return found

    def near(self, term: str) -> tuple[str, ...]:
        """The repository's words nearest `term` (itself unused), most used first."""
        if len(term) < MIN_NEAR_LENGTH or not term.isalpha():
            return ()
        found = set(self._one_edit(term)) | set(self._same_family(term))
        found.discard(term)
        ranked = sorted(found, key=lambda t: (-self.counts[t], len(t), t))
        return tuple(ranked[:MAX_NEAR])

    def _one_edit(self, term: str) -> list[str]:
        return [
            t
            for n in (len(term) - 1, len(term), len(term) + 1)
            if n >= MIN_NEAR_LENGTH
            for t in self.by_length.get(n, ())
            if t[0] == term[0] and _within_one_edit(term, t)
        ]

    def _same_family(self, term: str) -> list[str]:
        if len(term) < MIN_SHARED_PREFIX:
            return []
        start = term[:MIN_SHARED_PREFIX]
        terms = self.sorted_terms
        found = []
        for t in terms[bisect.bisect_left(terms, start) :]:
            if not t.startswith(start):
                break
            shared = _shared_prefix(term, t)
            close = abs(len(t) - len(term)) <= MAX_FAMILY_GROWTH
            if close and shared >= PREFIX_SHARE * min(len(t), len(term)):
                found.append(t)
        return found


def vocabulary_of(fields: Sequence[Collection[str]]) -> Vocabulary:
    """The vocabulary of files given as their term collections."""
    counts: dict[str, int] = {}
    for terms in fields:
        for term in terms:
            counts[term] = counts.get(term, 0) + 1
    return Vocabulary(counts)


def with_near_terms(query: Query, vocabulary: Vocabulary) -> Query:
    """`query` with each written term the repository never uses widened to its near words."""
    weights = dict(query.weights)
    words = dict(query.words)
    for term, weight in query.weights.items():
        if term in vocabulary.counts or weight <= SYNONYM_WEIGHT:
            continue  # a synonym is already a guess; no guesses from guesses
        for near in vocabulary.near(term):
            if near not in weights:
                weights[near] = SYNONYM_WEIGHT * weight
                words.setdefault(near, near)
    if len(weights) == len(query.weights):
        return query
    return replace(query, weights=weights, words=words)


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _within_one_edit(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours turns `a` into `b`."""
    if a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = _shared_prefix(a, b)
    if len(a) == len(b):
        if a[i + 1 :] == b[i + 1 :]:
            return True  # substitution
        swapped = a[:i] + a[i + 1 : i + 2] + a[i : i + 1] + a[i + 2 :]
        return swapped == b  # neighbours swapped
    return len(b) - len(a) == 1 and a[i:] == b[i + 1 :]  # insertion
