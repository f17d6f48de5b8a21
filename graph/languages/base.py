"""What every language module provides, and the project view resolvers work against."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from tree_sitter import Node

from ..model import ImportRef

__all__ = ["LanguageSpec", "ProjectFiles", "closest_to", "load_jsonc", "node_text"]


class ProjectFiles:
    """The repository's file set, with lazy reads of the few config files resolvers need."""

    def __init__(self, root: str, paths: frozenset[str]) -> None:
        self.root = root
        self.paths = paths
        self._texts: dict[str, str | None] = {}
        # Per-language resolvers keep their derived tables here, built once per graph.
        self.cache: dict[str, Any] = {}

    def read_text(self, path: str) -> str | None:
        """The text of a repo file (cached), or None when missing or unreadable."""
        if path not in self._texts:
            try:
                with open(os.path.join(self.root, path), encoding="utf-8", errors="replace") as fh:
                    self._texts[path] = fh.read()
            except OSError:
                self._texts[path] = None
        return self._texts[path]

    @cached_property
    def directories(self) -> dict[str, tuple[str, ...]]:
        """Folder path ("" for the root) → the files directly in it, sorted."""
        folders: dict[str, list[str]] = {}
        for path in sorted(self.paths):
            folders.setdefault(path.rpartition("/")[0], []).append(path)
        return {folder: tuple(files) for folder, files in folders.items()}

    def named(self, filename: str) -> tuple[str, ...]:
        """Every file with this base name, sorted (config files such as go.mod, tsconfig.json)."""
        return self._by_name.get(filename, ())

    @cached_property
    def _by_name(self) -> dict[str, tuple[str, ...]]:
        names: dict[str, list[str]] = {}
        for path in sorted(self.paths):
            names.setdefault(path.rpartition("/")[2], []).append(path)
        return {name: tuple(paths) for name, paths in names.items()}


@dataclass(frozen=True)
class LanguageSpec:
    """A parsed language.

    Attributes:
        name: short name, also the query file's stem (`queries/<query>.scm`).
        extensions: file extensions, lower case with the dot.
        grammar: returns the tree-sitter language capsule from the grammar wheel.
        query: stem of the query file.
        extract_imports: turns one `@import` capture into import references.
        resolve: maps (project, importing file, reference) to repo paths.
        test_path: recognises test files of this language by path.
        doc_text: turns the nodes of one `@doc` capture into the doc's raw text; by default
            the first node's (a docstring, a block comment).
    """

    name: str
    extensions: tuple[str, ...]
    grammar: Callable[[], object]
    query: str
    extract_imports: Callable[[Node], list[ImportRef]]
    resolve: Callable[[ProjectFiles, str, ImportRef], tuple[str, ...]]
    test_path: re.Pattern[str] = field(default=re.compile(r"(^|/)(tests?|__tests__)/"))
    doc_text: Callable[[Sequence[Node]], str] = field(default=lambda nodes: node_text(nodes[0]))


def closest_to(paths: Sequence[str], importer: str) -> tuple[str, ...]:
    """Of several candidate files, the one sharing the longest folder prefix with the importer
    (then the shortest path, then by path); one or no candidate comes back as it is."""
    if len(paths) <= 1:
        return tuple(paths)
    importer_parts = importer.split("/")

    def shared(path: str) -> int:
        common = 0
        for a, b in zip(path.split("/"), importer_parts, strict=False):
            if a != b:
                break
            common += 1
        return common

    return (min(paths, key=lambda p: (-shared(p), len(p), p)),)


def node_text(node: Node | None) -> str:
    """The source text of a node ("" for None)."""
    if node is None or node.text is None:
        return ""
    return node.text.decode("utf-8", "replace")


_JSONC_COMMENT = re.compile(r'("(?:\\.|[^"\\])*")|//[^\n]*|/\*.*?\*/', re.S)
_TRAILING_COMMA = re.compile(r'("(?:\\.|[^"\\])*")|,(\s*[}\]])')


def load_jsonc(text: str) -> Any:
    """Parse JSON with comments and trailing commas (tsconfig.json); None when invalid."""
    text = _JSONC_COMMENT.sub(lambda m: m.group(1) or "", text)
    text = _TRAILING_COMMA.sub(lambda m: m.group(1) or m.group(2), text)
    try:
        return json.loads(text)
    except ValueError:
        return None
