"""`scope TASK --write/--deny`: write the Claude Code hints, and the lines that say what changed."""

from __future__ import annotations

from scoper.hints import ClearReport, WriteReport, area_tokens, write_scope_hints
from scoper.scope import ScopeResult
from scoper.workspace import Workspace

from .output import Output

__all__ = ["render_clear_report", "render_write_report", "write_task_hints"]


def write_task_hints(
    out: Output, ws: Workspace, result: ScopeResult, *, deny: bool, deny_min_tokens: int
) -> WriteReport:
    """Write the scope's hints for `ws` and tell the user (on stderr) what changed."""
    areas = area_tokens((r.path, r.tokens) for r in ws.index.records)
    report = write_scope_hints(
        ws.root,
        result,
        deny=deny,
        deny_min_tokens=deny_min_tokens,
        secrets=ws.index.secrets,
        areas=areas,
    )
    out.info(render_write_report(report))
    return report


def _names(paths: tuple[str, ...]) -> str:
    return ", ".join(paths)


def render_write_report(report: WriteReport) -> str:
    """What a write did, one line per kind of change (for stderr)."""
    lines = []
    if report.created:
        lines.append(f"hints: created {_names(report.created)}")
    if report.written:
        lines.append(f"hints: updated {_names(report.written)}")
    if report.restored:
        lines.append(f"hints: restored {_names(report.restored)} (earlier deny rules taken out)")
    if report.removed:
        lines.append(f"hints: removed {_names(report.removed)}")
    if not (report.created or report.written or report.restored or report.removed):
        lines.append("hints: already up to date")
    if report.deny_rules:
        lines.append(f"hints: deny rules in force: {' '.join(report.deny_rules)}")
    lines.extend(f"hints: note: {note}" for note in report.notes)
    lines.append("hints: undo with `scope clear`")
    return "\n".join(lines)


def render_clear_report(report: ClearReport) -> str:
    """What `scope clear` did."""
    if report.nothing_to_do:
        return "clear: nothing to remove (scope has written no hints here)"
    lines = []
    if report.restored:
        lines.append(f"clear: restored {_names(report.restored)} byte for byte")
    if report.cleaned:
        lines.append(f"clear: took scope's part out of {_names(report.cleaned)} (your edits kept)")
    if report.removed:
        lines.append(f"clear: removed {_names(report.removed)}")
    lines.extend(f"clear: note: {note}" for note in report.notes)
    return "\n".join(lines)
