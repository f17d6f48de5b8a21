"""Per-repository search fields built once and shared by every query against it.

Fields per file: content terms (from the index), path terms, defined-symbol terms, the
leading doc, the subjects of past commits that touched the file, and how many commits ago it
last changed. Document frequencies are counted lazily, per term, and remembered — a plan of
200 tasks pays for each term once.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from scoper.graph.copies import Copy, find_copies
from scoper.graph.history import History
from scoper.graph.index import FileRecord
from scoper.graph.terms import count_terms, identifier_parts, terms

from .near_terms import Vocabulary, vocabulary_of

__all__ = ["Corpus", "FileFields"]

# Commits touching more files than this say little about any one of them.
HISTORY_MAX_FILES = 30


@dataclass(frozen=True)
class FileFields:
    """The searchable fields of one file."""

    path: str
    tokens: int
    content: Mapping[str, int]
    length: int
    name_terms: frozenset[str]
    dir_terms: frozenset[str]
    symbol_terms: Mapping[str, tuple[str, ...]]  # term → symbol names carrying it
    symbol_names: frozenset[str]  # lower-cased exact names
    doc_terms: frozenset[str]


@dataclass
class Corpus:
    """The fields of every indexed file, with cached document frequencies."""

    files: tuple[FileFields, ...]
    history_terms: dict[str, Counter[str]] = field(default_factory=dict)
    history_subjects: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Commits since the file last changed (0: in the newest commit), among focused commits.
    commits_ago: dict[str, int] = field(default_factory=dict)
    _df: dict[tuple[str, str], int] = field(default_factory=dict)

    @staticmethod
    def build(records: Sequence[FileRecord], history: History | None) -> Corpus:
        corpus = Corpus(tuple(_fields(r) for r in records))
        if history is not None:
            corpus._add_history(history)
        return corpus

    @cached_property
    def by_path(self) -> dict[str, FileFields]:
        return {f.path: f for f in self.files}

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """Every term the files or their past commit subjects use."""
        return vocabulary_of([*(f.content for f in self.files), *self.history_terms.values()])

    @cached_property
    def copies(self) -> dict[str, Copy]:
        """Files that repeat another file almost term for term (generated mirrors)."""
        return find_copies({f.path: f.content for f in self.files})

    @cached_property
    def average_length(self) -> float:
        return sum(f.length for f in self.files) / max(1, len(self.files))

    @cached_property
    def history_lengths(self) -> dict[str, float]:
        return {p: float(sum(c.values())) for p, c in self.history_terms.items()}

    def idf(self, fieldname: str, term: str) -> float:
        """BM25's idf of `term` in a field (content, name, dir, symbol, doc, history)."""
        key = (fieldname, term)
        if key not in self._df:
            self._df[key] = self._count_df(fieldname, term)
        df = self._df[key]
        n = len(self.files)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def _count_df(self, fieldname: str, term: str) -> int:
        if fieldname == "history":
            return sum(1 for c in self.history_terms.values() if term in c)
        attr = {
            "content": "content",
            "name": "name_terms",
            "dir": "dir_terms",
            "symbol": "symbol_terms",
            "doc": "doc_terms",
        }[fieldname]
        return sum(1 for f in self.files if term in getattr(f, attr))

    def _add_history(self, history: History) -> None:
        known = set(self.by_path)
        subjects: dict[str, list[str]] = defaultdict(list)
        for age, commit in enumerate(history.commits):
            touched = [p for p in commit.files if p in known]
            if not touched or len(commit.files) > HISTORY_MAX_FILES:
                continue  # sweeping commits (releases, regenerated copies) say nothing
            subject_terms = count_terms(commit.subject)
            for path in touched:
                self.commits_ago.setdefault(path, age)
                self.history_terms.setdefault(path, Counter()).update(subject_terms)
                subjects[path].append(commit.subject)
        self.history_subjects = {p: tuple(s) for p, s in subjects.items()}


def _fields(record: FileRecord) -> FileFields:
    folder, _, name = record.path.rpartition("/")
    symbol_terms: dict[str, list[str]] = defaultdict(list)
    for symbol in record.facts.symbols:
        for term in terms(symbol.name):
            if symbol.name not in symbol_terms[term]:
                symbol_terms[term].append(symbol.name)
    return FileFields(
        path=record.path,
        tokens=record.tokens,
        content=record.terms,
        length=sum(record.terms.values()),
        name_terms=frozenset(terms(name.rsplit(".", 1)[0])) | _compound(name),
        dir_terms=frozenset(terms(folder)),
        symbol_terms={t: tuple(names) for t, names in symbol_terms.items()},
        symbol_names=frozenset(s.name.lower() for s in record.facts.symbols),
        doc_terms=frozenset(terms(record.facts.doc)),
    )


def _compound(name: str) -> frozenset[str]:
    stemless = name.rsplit(".", 1)[0]
    return frozenset({"".join(identifier_parts(stemless))} - {""})
