"""Files `scope plan` writes on request: the PLAN.md hand-out and a cluster's API prefix.

Policy: a plan file is written atomically (a temporary file renamed over the target) and only
when the target is absent or was written by `scope plan` before (its first line is
`PLAN_MARKER`); anything else is refused, never overwritten. An exported prefix follows the
same rule, recognising its own earlier output by shape. Secret files are never exported.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Sequence
from typing import Any

from scoper.graph.discover import is_secret_path

from .errors import InputError, WriteError

__all__ = ["PLAN_MARKER", "prefix_blocks", "write_plan_file", "write_prefix_file"]

# The first line of every plan scope writes; HTML comments do not show in rendered Markdown.
PLAN_MARKER = "<!-- written by scope plan; edits are lost when it is written again -->"


def write_plan_file(path: str, text: str) -> None:
    """Write a plan to `path`, refusing to replace a file scope did not write.

    Raises:
        WriteError: the file exists and is not a plan of scope's, or cannot be written.
    """
    existing = _read_existing(path)
    if existing is not None and not existing.startswith(PLAN_MARKER):
        raise WriteError(
            f"{path} exists and was not written by scope plan; choose another file or remove it"
        )
    _write_atomic(path, f"{PLAN_MARKER}\n{text}")


def write_prefix_file(path: str, blocks: Sequence[dict[str, Any]]) -> None:
    """Write exported content blocks as JSON, replacing only an earlier export.

    Raises:
        WriteError: the file exists and is not an export of scope's, or cannot be written.
    """
    existing = _read_existing(path)
    if existing is not None and not _is_export(existing):
        raise WriteError(
            f"{path} exists and is not a prefix exported by scope plan; "
            "choose another file or remove it"
        )
    _write_atomic(path, json.dumps(list(blocks), indent=2, ensure_ascii=False) + "\n")


def prefix_blocks(root: str, paths: Sequence[str]) -> list[dict[str, Any]]:
    """Messages API text blocks holding `paths` (in the given order), a breakpoint on the last.

    Raises:
        InputError: nothing to export, or a file can no longer be read.
    """
    blocks: list[dict[str, Any]] = []
    for path in paths:
        if is_secret_path(path):
            continue
        try:
            with open(os.path.join(root, path), encoding="utf-8") as fh:
                content = fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(
                f"cannot read {path} for the prefix: {exc}; re-run scope plan"
            ) from None
        blocks.append({"type": "text", "text": f"File: {path}\n\n{content}"})
    if not blocks:
        raise InputError("the cluster shares no files, so it has no prefix to export")
    blocks[-1]["cache_control"] = {"type": "ephemeral"}
    return blocks


def _is_export(text: str) -> bool:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return False
    return isinstance(data, list) and all(
        isinstance(b, dict) and b.get("type") == "text" for b in data
    )


def _read_existing(path: str) -> str | None:
    if not os.path.lexists(path):
        return None
    if not os.path.isfile(path):
        raise WriteError(f"{path} is not a regular file; choose another file")
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except (OSError, UnicodeDecodeError):
        return ""


def _write_atomic(path: str, text: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".scope-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror}; check the folder exists") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteError(f"cannot write {path}: {exc.strerror}") from None
