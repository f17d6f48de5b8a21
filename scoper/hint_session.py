"""One locked pass over scope's hint files: the state, what it changed, and the shared steps."""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass, field
from typing import Any

from .errors import WriteError
from .managed_files import (
    ensure_dir,
    read_bytes,
    remove_block,
    remove_file,
    remove_orphan_block,
    resolve_inside,
    write_atomic,
)
from .state import decode_bytes, encode_bytes

__all__ = ["HintSession", "digest"]

# What _git_exclude_path says when git's exclude file lies outside the repo root.
OUTSIDE = "<outside>"
# Heads scope's git ignore lines, so a reader knows where they came from.
EXCLUDE_COMMENT = "# added by scope (scope clear removes it)"


def digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


@dataclass
class HintSession:
    """The repo, its recorded state, and the paths this pass touched (for the reports)."""

    root: str
    state: dict[str, Any]
    written: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    cleaned: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def files(self) -> dict[str, Any]:
        files: dict[str, Any] = self.state["files"]
        return files

    def make_dir(self, rel: str) -> None:
        """Create a folder (and parents), recording what scope created so clear can undo it."""
        for sub in ensure_dir(self.root, rel):
            self.state["created_dirs"].append(sub)
            self.created.append(sub + "/")

    def put(self, rel: str, current: bytes | None, new: bytes | None) -> None:
        """Make `rel` hold `new` (None: no file), atomically; notes what changed."""
        if new == current:
            return
        path = resolve_inside(self.root, rel)
        if new is None:
            remove_file(path, rel)
            self.removed.append(rel)
        else:
            write_atomic(path, new, rel)
            (self.created if current is None else self.written).append(rel)

    def read(self, rel: str) -> bytes | None:
        return read_bytes(resolve_inside(self.root, rel), rel)

    # --- appended chunks: the CLAUDE.local.md block and the git exclude line -----------------

    def user_base(self, rel: str, current: bytes | None) -> bytes | None:
        """The file as the user has it, without what scope appended (None: no file of theirs)."""
        entry = self.files.get(rel)
        if entry is not None:
            return _strip_chunk(entry, current)
        orphan_free = remove_orphan_block(current) if current is not None else None
        return current if orphan_free is None else orphan_free

    def write_chunk(
        self, rel: str, new: bytes, base: bytes | None, chunk: bytes, **extra: Any
    ) -> None:
        current = self.read(rel)
        self.put(rel, current, new)
        self.files[rel] = {
            **extra,
            "kind": "chunk",
            "original": encode_bytes(base),
            "written_sha256": digest(new),
            "chunk": encode_bytes(chunk),
        }

    def clear_chunk(self, rel: str) -> None:
        """Put the user's bytes back: exactly as they were, or with their later edits kept."""
        entry = self.files.pop(rel)
        current = self.read(rel)
        base = _strip_chunk(entry, current)
        self.put(rel, current, base)
        if base is not None and base != current:
            unchanged = digest(current) == entry["written_sha256"]
            (self.restored if unchanged else self.cleaned).append(rel)

    # --- whole files: rules scope writes -----------------------------------------------------

    def write_whole(self, rel: str, new: bytes, owner: str) -> None:
        current = self.read(rel)
        entry = self.files.get(rel)
        original = decode_bytes(entry["original"]) if entry else current
        self.put(rel, current, new)
        self.files[rel] = {
            "kind": "file",
            "owner": owner,
            "original": encode_bytes(original),
            "written_sha256": digest(new),
        }

    def clear_whole(self, rel: str) -> None:
        """Remove a file scope wrote (or put back the one it replaced) unless the user edited it."""
        entry = self.files.pop(rel)
        current = self.read(rel)
        if current is None:
            return
        if digest(current) != entry["written_sha256"]:
            self.notes.append(f"kept {rel}: it was edited after scope wrote it")
            return
        original = decode_bytes(entry["original"])
        self.put(rel, current, original)
        if original is not None:
            self.restored.append(rel)

    # --- git ---------------------------------------------------------------------------------

    def exclude_from_git(self, rel: str) -> None:
        """Add `rel` to .git/info/exclude when the repo is a git repo and nothing ignores it.

        scope's lines form one chunk after the user's text; a new path is added to that chunk.
        """
        exclude = _git_exclude_path(self.root, rel)
        if exclude == OUTSIDE:
            self.notes.append(f"git does not ignore {rel}; add it to your .gitignore")
            return
        if exclude is None:
            return
        try:
            self.make_dir(os.path.dirname(exclude))
            current = self.read(exclude)
            base = self.user_base(exclude, current)
            entry = self.files.get(exclude)
            patterns = [*(entry["patterns"] if entry else []), "/" + rel]  # root is git's top
            before = base or b""
            sep = b"\n" if before and not before.endswith(b"\n") else b""
            chunk = sep + "\n".join([EXCLUDE_COMMENT, *patterns, ""]).encode()
            self.write_chunk(exclude, before + chunk, base, chunk, patterns=patterns)
        except WriteError as exc:  # the hints are written; ignoring them is a convenience
            self.notes.append(f"could not add {rel} to {exclude} ({exc}); add it to .gitignore")


def _strip_chunk(entry: dict[str, Any], current: bytes | None) -> bytes | None:
    """`current` without scope's recorded chunk: the original bytes if nothing else changed."""
    if current is None:
        return None
    if digest(current) == entry["written_sha256"]:
        return decode_bytes(entry["original"])
    stripped = remove_block(current, decode_bytes(entry["chunk"]) or b"")
    if stripped is None:
        return current
    return None if stripped == b"" and entry["original"] is None else stripped


def _git(root: str, *args: str) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(
            ["git", "-C", root, *args], capture_output=True, text=True, check=False, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None


def _git_exclude_path(root: str, rel: str) -> str | None:
    """Repo-relative path of the exclude file, if `rel` needs adding to it (None otherwise).

    OUTSIDE when `rel` needs ignoring but the exclude file lies outside the root.
    """
    ignored = _git(root, "check-ignore", "-q", "--", rel)
    if ignored is None or ignored.returncode != 1:  # 0: ignored already; 128: not a git repo
        return None
    found = _git(root, "rev-parse", "--git-path", "info/exclude")
    if found is None or found.returncode != 0 or not found.stdout.strip():
        return None
    path = os.path.realpath(os.path.join(root, found.stdout.strip()))
    real_root = os.path.realpath(root)
    if not path.startswith(real_root + os.sep):
        return OUTSIDE  # a worktree or a repo above the root: its exclude file is not ours
    return os.path.relpath(path, real_root).replace(os.sep, "/")
