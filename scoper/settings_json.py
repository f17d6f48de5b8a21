"""`.claude/settings.local.json`: merge scope's `permissions.deny` rules in and take them out.

The user's JSON is parsed strictly (no NaN, no duplicate keys, an object at the top) and every
other key, value and key order is kept. When scope has to re-serialize, it copies the file's
indent, line ending, BOM and final newline; `clear` restores the exact original bytes whenever
the user has not changed the file since.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import json_text
from .errors import WriteError

__all__ = ["DenyMerge", "dump_like", "merge_deny", "parse_settings", "unmerge_deny"]

_UTF8_BOM = b"\xef\xbb\xbf"
# Indent for a file scope creates, or one whose indent cannot be seen (a one-line file).
DEFAULT_INDENT = "  "
_INDENT_RE = re.compile(r"\n([ \t]+)\S")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    # 1e400 parses to inf, which json.dumps would write back as the non-JSON `Infinity`.
    value = float(text)
    if math.isinf(value):
        raise ValueError(f"{text} is out of range for a JSON number")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError(f"duplicate key {key!r}")
        obj[key] = value
    return obj


def parse_settings(data: bytes, display: str) -> dict[str, Any]:
    """The settings object, checked for the shape scope merges into.

    Raises:
        WriteError: not UTF-8 JSON, not an object, or `permissions`/`deny` of the wrong type.
    """
    fix = f"fix {display} (or move it away) and run again; scope left it untouched"
    try:
        text = data.removeprefix(_UTF8_BOM).decode("utf-8")
        obj = json_text.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_constant=_no_constant,
            parse_float=_finite_float,
        )
    except (UnicodeDecodeError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise WriteError(f"{display} is not valid JSON ({reason}); {fix}") from None
    if not isinstance(obj, dict):
        raise WriteError(f"{display} holds a JSON {type(obj).__name__}, not an object; {fix}")
    permissions = obj.get("permissions", {})
    if not isinstance(permissions, dict):
        raise WriteError(f'{display}: "permissions" is not an object; {fix}')
    if not isinstance(permissions.get("deny", []), list):
        raise WriteError(f'{display}: "permissions.deny" is not a list; {fix}')
    return obj


@dataclass(frozen=True)
class DenyMerge:
    """The settings with scope's rules in, and what scope had to add to get there."""

    settings: dict[str, Any]
    added: tuple[str, ...]
    created_permissions: bool
    created_deny: bool


def merge_deny(settings: dict[str, Any], rules: Sequence[str]) -> DenyMerge:
    """Append the rules not yet in `permissions.deny`, in order, creating the keys if needed."""
    created_permissions = "permissions" not in settings
    permissions = settings.setdefault("permissions", {})
    created_deny = "deny" not in permissions
    deny = permissions.setdefault("deny", [])
    added = [r for r in dict.fromkeys(rules) if r not in deny]
    deny.extend(added)
    if not added:
        if created_deny:
            del permissions["deny"]
        if created_permissions:
            del settings["permissions"]
        created_permissions = created_deny = False
    return DenyMerge(settings, tuple(added), created_permissions, created_deny)


def unmerge_deny(
    settings: dict[str, Any], added: Sequence[str], created_permissions: bool, created_deny: bool
) -> dict[str, Any]:
    """Take scope's rules out (the last copy of each), and the keys scope created if now empty."""
    permissions = settings.get("permissions")
    if not isinstance(permissions, dict) or not isinstance(permissions.get("deny"), list):
        return settings
    deny: list[Any] = permissions["deny"]
    for rule in added:
        for i in range(len(deny) - 1, -1, -1):
            if deny[i] == rule:
                del deny[i]
                break
    if created_deny and not deny:
        del permissions["deny"]
    if created_permissions and not permissions:
        del settings["permissions"]
    return settings


def dump_like(settings: dict[str, Any], original: bytes | None) -> bytes:
    """Serialize `settings` in the style of `original`: indent, EOL, BOM and final newline."""
    text = (original or b"").removeprefix(_UTF8_BOM).decode("utf-8", errors="replace")
    found = _INDENT_RE.search(text)
    indent = found.group(1) if found else DEFAULT_INDENT
    eol = "\r\n" if "\r\n" in text else "\n"
    final = eol if original is None or text.endswith("\n") else ""
    bom = _UTF8_BOM if original and original.startswith(_UTF8_BOM) else b""
    ascii_only = "\\u" in text and text.isascii()
    for escape in (ascii_only, True):  # a lone surrogate (from "\\ud800") must stay escaped
        dumped = json.dumps(settings, indent=indent, ensure_ascii=escape)
        try:
            return bom + (dumped.replace("\n", eol) + final).encode("utf-8")
        except UnicodeEncodeError:
            continue
    raise AssertionError("unreachable: ASCII JSON always encodes")
