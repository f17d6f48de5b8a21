"""The onboarding guide as Markdown, as JSON, and as lazily loaded Claude Code rules."""

from __future__ import annotations

from typing import Any

from .onboard import Area, Guide

__all__ = ["area_rules", "guide_json", "guide_markdown"]

# "Where to start reading" skips files larger than this (tables, generated data) after the first.
START_MAX_TOKENS = 15_000


def guide_markdown(guide: Guide) -> str:
    """ONBOARDING.md: stable text, no timings or absolute paths."""
    lines = [f"# Onboarding: {guide.name}", ""]
    if guide.description:
        lines += [guide.description, ""]
    share = guide.core_tokens / guide.total_tokens if guide.total_tokens else 0.0
    lines += [
        f"{guide.files:,} files, {guide.total_tokens:,} tokens to read everything; the central "
        f"files below are {guide.core_tokens:,} tokens ({share:.1%}).",
        "",
        "## Areas",
        "",
        "| area | files | tokens | what it is |",
        "|---|---:|---:|---|",
    ]
    lines += [
        f"| `{a.name}` | {a.files} | {a.tokens:,} | {a.purpose or '—'} |" for a in guide.areas
    ]
    lines += ["", "## How the areas depend on each other", "", *_mermaid(guide), ""]
    for area in guide.areas:
        lines += _area_section(area)
    lines += ["## Tests", ""]
    if guide.test_files:
        folders = ", ".join(f"`{f}`" for f in guide.test_folders)
        lines.append(f"{guide.test_files} test files, mostly in {folders}.")
    else:
        lines.append("No test files found.")
    if guide.test_command:
        lines += ["", f"Run them with `{guide.test_command}`."]
    lines += ["", "## Where to start reading", ""]
    for area in guide.areas[:3]:
        # Start with code, not data: files far larger than a reading session are left for later.
        start = [f for i, f in enumerate(area.central) if i == 0 or f.tokens <= START_MAX_TOKENS][
            :3
        ]
        cost = sum(f.tokens for f in start)
        path = " → ".join(f"`{f.path}`" for f in start)
        lines.append(f"- **{area.name}** ({cost:,} tokens): {path}")
    return "\n".join(lines) + "\n"


def _area_section(area: Area) -> list[str]:
    lines = [f"## {area.name}", ""]
    if area.purpose:
        lines += [area.purpose, ""]
    lines.append(f"{area.files} files, {area.tokens:,} tokens. Central files:")
    lines.append("")
    for f in area.central:
        summary = f" — {f.summary}" if f.summary else ""
        lines.append(f"- `{f.path}` ({f.tokens:,} tokens){summary}")
    if area.entry_points:
        lines += ["", "Entry points: " + ", ".join(f"`{p}`" for p in area.entry_points)]
    return [*lines, ""]


def _mermaid(guide: Guide) -> list[str]:
    ids = {a.name: f"A{i}" for i, a in enumerate(guide.areas, 1)}
    lines = ["```mermaid", "graph LR"]
    lines += [f'    {ids[a.name]}["{a.name} ({a.files})"]' for a in guide.areas]
    for source, target, weight in guide.links:
        lines.append(f"    {ids[source]} -->|{int(weight)}| {ids[target]}")
    return [*lines, "```"]


def guide_json(guide: Guide) -> dict[str, Any]:
    return {
        "name": guide.name,
        "description": guide.description,
        "files": guide.files,
        "tokens": {"total": guide.total_tokens, "core": guide.core_tokens},
        "areas": [
            {
                "name": a.name,
                "globs": list(a.globs),
                "files": a.files,
                "tokens": a.tokens,
                "purpose": a.purpose,
                "central": [
                    {"path": f.path, "tokens": f.tokens, "summary": f.summary} for f in a.central
                ],
                "entry_points": list(a.entry_points),
            }
            for a in guide.areas
        ],
        "links": [{"from": a, "to": b, "imports": int(w)} for a, b, w in guide.links],
        "tests": {
            "files": guide.test_files,
            "folders": list(guide.test_folders),
            "command": guide.test_command,
        },
    }


def area_rules(guide: Guide) -> dict[str, str]:
    """`.claude/rules/scope-area-<slug>.md` files: each loads only when Claude reads the area."""
    rules: dict[str, str] = {}
    for area in guide.areas:
        globs = "\n".join(f'  - "{g}"' for g in area.globs)
        central = "\n".join(
            f"- {f.path}{' — ' + f.summary if f.summary else ''}" for f in area.central
        )
        body = [f"# Area: {area.name}", ""]
        if area.purpose:
            body += [area.purpose, ""]
        body += ["Central files (read these first):", central, ""]
        if guide.test_command:
            body += [f"Tests: `{guide.test_command}`", ""]
        rules[f"scope-area-{area.slug}.md"] = f"---\npaths:\n{globs}\n---\n" + "\n".join(body)
    return rules
