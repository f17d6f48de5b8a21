"""Find generated copies: files that repeat another file of the same name almost term for term.

Repositories commit build outputs beside their sources (zod's `deno/lib/` mirrors `src/`,
vendored trees, compiled bundles). A copy matches every task its original matches, so left
alone it spends half of a budget on a file nobody edits. Of a group of near-identical files
the original is the one outside build-looking folders, then the shallowest, then by path.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["BUILD_FOLDERS", "Copy", "build_depth", "find_copies"]

# Weighted Jaccard of two files' term counts at or above this: one is a copy of the other
# (a generated copy differs in import suffixes and a header line, not in its code).
MIN_SIMILARITY = 0.9
# Files with fewer terms than this (stubs, `__init__.py`, one-line re-exports) are alike by
# accident, not by copying.
MIN_TERMS = 50
# Folder names that hold generated or vendored output rather than the code people edit.
BUILD_FOLDERS = frozenset(
    "build dist out lib deno generated gen vendor vendored third_party node_modules".split()
)


@dataclass(frozen=True)
class Copy:
    """`path` repeats `original` (weighted Jaccard `similarity` of their terms)."""

    path: str
    original: str
    similarity: float


def find_copies(terms: Mapping[str, Mapping[str, int]]) -> dict[str, Copy]:
    """Every file that copies another, keyed by its path, from each file's term counts.

    Only files of one name are compared, so the cost stays near linear in the repository.
    """
    by_name: dict[str, list[str]] = defaultdict(list)
    for path, counts in terms.items():
        if sum(counts.values()) >= MIN_TERMS:
            by_name[path.rsplit("/", 1)[-1]].append(path)
    copies: dict[str, Copy] = {}
    for name in sorted(by_name):
        group = sorted(by_name[name], key=_originality)
        for i, original in enumerate(group):
            if original in copies:
                continue
            for other in group[i + 1 :]:
                if other in copies:
                    continue
                similarity = _similarity(terms[original], terms[other])
                if similarity >= MIN_SIMILARITY:
                    copies[other] = Copy(other, original, round(similarity, 3))
    return copies


def build_depth(path: str) -> int:
    """How many of the folders above `path` look like build output (0 for sources)."""
    return sum(folder.lower() in BUILD_FOLDERS for folder in path.split("/")[:-1])


def _originality(path: str) -> tuple[int, int, str]:
    return (build_depth(path), path.count("/"), path)


def _similarity(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    shared = sum(min(count, b.get(term, 0)) for term, count in a.items())
    total = sum(a.values()) + sum(b.values()) - shared
    return shared / total if total else 0.0
