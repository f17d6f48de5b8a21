"""`scope onboard`: the onboarding guide, and optional lazily loaded Claude Code rules."""

from __future__ import annotations

import json

import click

from scoper.guide_render import area_rules, guide_json, guide_markdown
from scoper.hints import write_rule_files
from scoper.managed_files import write_atomic
from scoper.onboard import build_guide
from scoper.workspace import open_workspace

from .hints import render_write_report
from .options import repo_option
from .output import Output

__all__ = ["onboard"]


@click.command()
@repo_option
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False),
    help="Write the guide to this file (atomically) instead of stdout.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "json"]),
    default="md",
    show_default=True,
    help="Output format.",
)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option(
    "--rules",
    is_flag=True,
    help="Also write .claude/rules/scope-area-*.md (undone by scope clear).",
)
@click.pass_obj
def onboard(
    out: Output, repo: str | None, out_path: str | None, fmt: str, as_json: bool, rules: bool
) -> None:
    """Write a guide for a new engineer: areas, central files, entry points, tests, a map."""
    with out.progress("indexing") as progress:
        ws = open_workspace(repo, progress=progress, warn=out.warn)
    guide = build_guide(ws)
    if as_json or fmt == "json":
        text = json.dumps(guide_json(guide), indent=2, ensure_ascii=False) + "\n"
    else:
        text = guide_markdown(guide)
    if out_path:
        write_atomic(out_path, text.encode("utf-8"), out_path)
        out.info(f"onboard: wrote {out_path}")
    else:
        out.text(text)
    if rules:
        report = write_rule_files(ws.root, area_rules(guide), owner="onboard")
        out.info(render_write_report(report))
