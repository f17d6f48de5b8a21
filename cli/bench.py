"""`scope bench`: how well scope works on this repository's own history."""

from __future__ import annotations

import click

from scoper.evaluate import BenchReport, mine_tasks, run_bench
from scoper.workspace import find_repo_root

from .options import format_options, output_format, repo_option
from .output import Output

__all__ = ["bench"]


@click.command()
@repo_option
@click.option(
    "--commits",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="How many past commits to replay as tasks.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Sampling seed.")
@format_options
@click.pass_obj
def bench(out: Output, repo: str | None, commits: int, seed: int, fmt: str, as_json: bool) -> None:
    """Replay past commits as tasks and measure recall and tokens saved.

    Each commit's subject is the task and the source files it modified are the answer; scope
    runs at the commit's parent in a private checkout (your work tree is never touched).
    """
    root = find_repo_root(repo)
    tasks = mine_tasks(root, commits, seed)
    with out.progress("replaying commits") as progress:
        report = run_bench(root, tasks, progress=progress, warn=out.warn)
    if output_format(fmt, as_json) == "json":
        out.json(report.to_json())
    else:
        out.text(render_bench(report))


def render_bench(report: BenchReport) -> str:
    """The summary as aligned text lines."""
    summary = report.summary()
    lines = [f"scope bench: {summary['tasks']} past commits replayed as tasks"]
    for key, value in summary.items():
        if key == "tasks":
            continue
        shown = f"{value:.1%}" if isinstance(value, float) else f"{value:,}"
        lines.append(f"  {key.replace('_', ' '):<22} {shown}")
    return "\n".join(lines)
