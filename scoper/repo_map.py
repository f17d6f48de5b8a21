"""A map of the indexed repository: files grouped by folder, with tokens and one-line docs."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from scoper.graph.index import FileRecord

from .errors import InputError

__all__ = ["DOC_CHARS", "MAP_FILE_LIMIT", "FolderMap", "RepoMap", "build_repo_map"]

# A one-line doc is a hint, not the docstring: long ones are cut here.
DOC_CHARS = 120
# Above this many files the map lists folders only (a whole monorepo would flood a context);
# ask for a subtree to see its files.
MAP_FILE_LIMIT = 400


@dataclass(frozen=True)
class MappedFile:
    path: str
    tokens: int
    doc: str


@dataclass(frozen=True)
class FolderMap:
    """One folder's own files (not its subfolders'), in path order."""

    folder: str
    tokens: int
    files: tuple[MappedFile, ...]


@dataclass(frozen=True)
class RepoMap:
    """The folders under `path` ("" for the whole repo), in path order."""

    repo: str
    path: str
    folders: tuple[FolderMap, ...]
    files_listed: bool

    def to_json(self) -> dict[str, Any]:
        folders = []
        for f in self.folders:
            entry: dict[str, Any] = {"folder": f.folder, "files": len(f.files), "tokens": f.tokens}
            if self.files_listed:
                entry["entries"] = [
                    {"path": m.path, "tokens": m.tokens, "doc": m.doc} for m in f.files
                ]
            folders.append(entry)
        data: dict[str, Any] = {
            "repo": self.repo,
            "path": self.path,
            "files": sum(len(f.files) for f in self.folders),
            "tokens": sum(f.tokens for f in self.folders),
            "folders": folders,
        }
        if not self.files_listed:
            data["note"] = (
                f"more than {MAP_FILE_LIMIT} files: folders only; pass a folder as path to "
                "list its files"
            )
        return data


def build_repo_map(repo: str, records: Iterable[FileRecord], path: str | None = None) -> RepoMap:
    """Group the indexed files under `path` by folder (secret files are never indexed).

    Raises:
        InputError: `path` leaves the repo or holds no indexed file.
    """
    prefix = _normalize(path)
    chosen = [
        r for r in records if not prefix or r.path == prefix or r.path.startswith(prefix + "/")
    ]
    if not chosen:
        raise InputError(f"no indexed files under {prefix!r}; pass a folder of the repo")
    groups: dict[str, list[MappedFile]] = {}
    for r in sorted(chosen, key=lambda rec: rec.path):
        folder = posixpath.dirname(r.path) or "."
        groups.setdefault(folder, []).append(MappedFile(r.path, r.tokens, _one_line(r.facts.doc)))
    folders = tuple(
        FolderMap(name, sum(m.tokens for m in files), tuple(files))
        for name, files in sorted(groups.items())
    )
    return RepoMap(repo, prefix, folders, files_listed=len(chosen) <= MAP_FILE_LIMIT)


def _normalize(path: str | None) -> str:
    """A repo-relative folder with `/` separators and no `./` or trailing slash ("" = all)."""
    if not path:
        return ""
    clean = posixpath.normpath(path.replace("\\", "/")).strip("/")
    if clean in ("", "."):
        return ""
    if path.startswith("/") or clean == ".." or clean.startswith("../"):
        raise InputError(f"{path!r} is not inside the repo; pass a repo-relative folder")
    return clean


def _under(path: str, prefix: str) -> bool:
    return not prefix or path == prefix or path.startswith(prefix + "/")


def _one_line(doc: str) -> str:
    line = next((ln.strip() for ln in doc.splitlines() if ln.strip()), "")
    return line if len(line) <= DOC_CHARS else line[: DOC_CHARS - 1] + "…"
