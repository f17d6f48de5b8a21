"""What the hints say: the CLAUDE.local.md block for a scope, and the deny rules for `--deny`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from .focus import describe_focus
from .scope import ScopeResult
from .select import SelectedFile

__all__ = [
    "DEFAULT_DENY_MIN_TOKENS",
    "MAX_BLOCK_LINES",
    "area_tokens",
    "deny_rules",
    "large_areas",
    "neutralize_markers",
    "render_task_block",
]

# A top-level area smaller than this costs little if Claude wanders in; only bigger ones are
# worth listing as "need not read" and denying. `--deny-min-tokens` overrides it.
DEFAULT_DENY_MIN_TOKENS = 20_000
# CLAUDE.local.md is loaded into every request of the session; keep the block short.
MAX_BLOCK_LINES = 60
# A task or reason longer than this is cut: the block is a pointer, not a copy of the ticket.
MAX_TASK_CHARS = 200
MAX_REASON_CHARS = 120
# At most this many areas are listed as not needed (the largest first).
MAX_AREAS = 10
# Lines of the block that are not the body: the begin and end markers and scope's comment.
BLOCK_FRAME_LINES = 3
_SPACE_RE = re.compile(r"\s+")
# Characters with a meaning in the gitignore syntax of Read(...) rules.
_GLOB_CHARS_RE = re.compile(r"([\\*?\[\]])")


def neutralize_markers(text: str) -> str:
    """Text that cannot open or close an HTML comment (so it cannot fake scope's markers)."""
    return text.replace("<!--", "&lt;!--").replace("-->", "--&gt;")


def _one_line(text: str, limit: int) -> str:
    flat = neutralize_markers(_SPACE_RE.sub(" ", text).strip())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def area_tokens(files: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Tokens per top-level folder, from (repo-relative path, tokens); root files are no area."""
    areas: dict[str, int] = {}
    for path, tokens in files:
        head, sep, _ = path.partition("/")
        if sep:
            areas[head] = areas.get(head, 0) + tokens
    return dict(sorted(areas.items()))


def large_areas(
    areas: Mapping[str, int], scope_paths: Iterable[str], min_tokens: int
) -> tuple[tuple[str, int], ...]:
    """Top-level areas of at least `min_tokens` holding no scope file: largest first, then name."""
    used = {p.partition("/")[0] for p in scope_paths if "/" in p}
    big = [(a, t) for a, t in areas.items() if t >= min_tokens and a not in used]
    return tuple(sorted(big, key=lambda item: (-item[1], item[0])))


def _escape_rule_path(path: str) -> str:
    return _GLOB_CHARS_RE.sub(r"\\\1", path)


def deny_rules(areas: Sequence[str], secrets: Iterable[str]) -> tuple[str, ...]:
    """`Read(...)` rules: each area's whole tree, then each secret file, in a stable order."""
    rules = [f"Read(./{_escape_rule_path(a)}/**)" for a in sorted(areas)]
    rules += [f"Read(./{_escape_rule_path(s)})" for s in sorted(set(secrets))]
    return tuple(dict.fromkeys(rules))


def _file_line(f: SelectedFile) -> str:
    why = _one_line("; ".join(f.reasons[:2]), MAX_REASON_CHARS)
    head = f"- `{_one_line(f.path, 400)}` ({f.role}, {f.tokens:,} tokens)"
    line = f"{head}: {why}" if why else head
    if f.focus:
        line += f". Read first: {_one_line(describe_focus(f.focus), MAX_REASON_CHARS)}"
    return line


def _file_lines(files: Sequence[SelectedFile], room: int) -> list[str]:
    """Edit targets, then context, in rank order; context is cut first when room runs out."""
    ordered = [f for f in files if f.role == "edit"] + [f for f in files if f.role == "context"]
    if len(ordered) <= room:
        return [_file_line(f) for f in ordered]
    shown = ordered[: max(room - 1, 1)]
    rest = len(ordered) - len(shown)
    return [*(_file_line(f) for f in shown), f"- … and {rest} more (run scope for the full list)"]


def render_task_block(result: ScopeResult, areas: Sequence[tuple[str, int]]) -> str:
    """The body of the CLAUDE.local.md block for one scoped task (at most MAX_BLOCK_LINES)."""
    tests = [f for f in result.files if f.role == "test"]
    shown_areas = list(areas[:MAX_AREAS])
    head = [
        f"## Current task: {_one_line(result.task, MAX_TASK_CHARS)}",
        "",
        "Files to read first (ranked by scope; widen only if they are not enough):",
    ]
    tail: list[str] = []
    if tests:
        tail += ["", "Tests to run:"]
        tail += [f"- `{_one_line(t.path, 400)}` ({t.tokens:,} tokens)" for t in tests]
        if all(t.path.endswith(".py") for t in tests):
            tail.append("  e.g. `pytest " + " ".join(t.path for t in tests) + "`")
    if shown_areas:
        tail += ["", "Large areas this task need not read:"]
        tail += [f"- `{_one_line(a, 400)}/` ({t:,} tokens)" for a, t in shown_areas]
    if result.also_consider:
        names = ", ".join(f"`{_one_line(f.path, 400)}`" for f in result.also_consider)
        tail += ["", f"If those are not enough, also consider: {names}"]
    room = MAX_BLOCK_LINES - BLOCK_FRAME_LINES - len(head) - len(tail)
    body = head + (_file_lines(result.files, room) or ["- (no files matched the task)"]) + tail
    return "\n".join(body) + "\n"
