"""`scope plan FILE`: cluster queued tasks by shared context, order them, price the cache."""

from __future__ import annotations

import json

import click

from scoper.errors import InputError, WriteError
from scoper.plan import Plan, PlanCluster, PlanStep, make_plan
from scoper.plan_files import prefix_blocks, write_plan_file, write_prefix_file
from scoper.prices import default_model, price_for
from scoper.scope import DEFAULT_BUDGET
from scoper.strategies import STRATEGIES
from scoper.taskfile import STDIN_NAME, read_tasks
from scoper.workspace import open_workspace

from .options import format_options, output_format, repo_option
from .output import Output

__all__ = ["plan", "render_plan_markdown", "render_plan_table"]

# Owner name the hints writer records for blocks `--activate` writes.
HINTS_OWNER = "plan"
# Files listed per cluster in the text table before "and N more".
TABLE_FILES = 8
STRATEGY_NOTES = {
    "queue": "Claude Code, one conversation per task, queue order",
    "planned": "Claude Code, this plan's conversations and order",
    "uncached": "the queue's requests with no caching",
    "api_queue": "API, one request per task, cluster prefix cached, queue order",
    "api_planned": "API, one request per task, cluster prefix cached, planned order",
}


@click.command()
@click.argument("file", type=str)
@repo_option
@click.option("--model", default=None, help=f"Model to price (default {default_model()}).")
@click.option(
    "--ttl", type=click.Choice(["5m", "1h"]), default="5m", show_default=True, help="Cache TTL."
)
@click.option(
    "--budget",
    type=click.IntRange(min=1),
    default=DEFAULT_BUDGET,
    show_default=True,
    help="Most tokens each task's scope may hold.",
)
@format_options
@click.option("--write", "write_path", default=None, help="Write the plan as Markdown to a file.")
@click.option("--activate", type=int, default=None, help="Put cluster N into CLAUDE.local.md.")
@click.option(
    "--export-prefix", type=int, default=None, help="Print cluster N's warm context as API blocks."
)
@click.option("--export-file", default=None, help="Write --export-prefix blocks to this file.")
@click.pass_obj
def plan(
    out: Output,
    file: str,
    repo: str | None,
    model: str | None,
    ttl: str,
    budget: int,
    fmt: str,
    as_json: bool,
    write_path: str | None,
    activate: int | None,
    export_prefix: int | None,
    export_file: str | None,
) -> None:
    """Group the tasks in FILE by shared context, order them to keep the cache warm, and price
    every way of running them.

    \b
    FILE: one task a line, a Markdown checklist (- [ ] task), JSON (a list of strings or of
    objects with a title and body, as `gh issue list --json title,body` writes), or - for stdin.
    """
    if export_file is not None and export_prefix is None:
        raise click.UsageError("--export-file needs --export-prefix N")
    tasks = read_tasks(file)
    price_for(model or default_model())
    with out.progress("indexing") as progress:
        ws = open_workspace(repo, progress=progress, warn=out.warn)
    with out.progress("scoping tasks") as progress:
        result = make_plan(ws, tasks, model=model, ttl=ttl, budget=budget, progress=progress)
    source = STDIN_NAME if file == "-" else file
    for task in result.skipped:
        out.warn(f"{source}:{task.line}: skipped {task.text[:60]!r}: {task.reason}")
    if export_prefix is not None:
        cluster = _cluster(result, export_prefix, "--export-prefix")
        blocks = prefix_blocks(ws.root, [path for path, _ in cluster.warm_context])
        if export_file is None:
            out.text(json.dumps(blocks, indent=2, ensure_ascii=False))
            return
        write_prefix_file(export_file, blocks)
        out.info(f"wrote cluster {cluster.number}'s prefix ({len(blocks)} blocks) to {export_file}")
    if write_path is not None:
        write_plan_file(write_path, render_plan_markdown(result))
        out.info(f"wrote the plan to {write_path}")
    if activate is not None:
        _activate(out, ws.root, _cluster(result, activate, "--activate"), result)
    fmt = output_format(fmt, as_json)
    if fmt == "json":
        out.json(result.to_json())
    elif fmt == "md":
        out.text(render_plan_markdown(result))
    else:
        out.text(render_plan_table(result))


def _cluster(result: Plan, number: int, option: str) -> PlanCluster:
    if not 1 <= number <= len(result.clusters):
        raise InputError(
            f"{option} {number}: the plan has clusters 1 to {len(result.clusters)}; "
            "pick one of them"
        )
    return result.clusters[number - 1]


def _activate(out: Output, root: str, cluster: PlanCluster, result: Plan) -> None:
    try:
        from scoper.hints import write_managed_block
    except ImportError:
        raise WriteError(
            "this build of scope has no hints writer; --activate is unavailable"
        ) from None
    write_managed_block(root, render_cluster_hint(cluster, result), owner=HINTS_OWNER)
    out.info(f"wrote cluster {cluster.number} to CLAUDE.local.md (undo with: scope clear)")


def render_cluster_hint(cluster: PlanCluster, result: Plan) -> str:
    """The CLAUDE.local.md block for one cluster: plain paths, tasks in order."""
    lines = [f"## Current work: cluster {cluster.number} of the sprint plan", ""]
    if cluster.warm_context:
        lines.append("Files these tasks share (read them first):")
        lines.extend(f"- {path}" for path, _ in cluster.warm_context)
        lines.append("")
    lines.append("Tasks, in order:")
    for n, step in enumerate(_steps_of(result, cluster.number), 1):
        lines.append(f"{n}. {step.text}")
    return "\n".join(lines) + "\n"


def _steps_of(result: Plan, number: int) -> list[PlanStep]:
    return [step for step in result.steps if step.cluster == number]


def _files(files: tuple[tuple[str, int], ...], limit: int | None = None) -> str:
    shown = files if limit is None else files[:limit]
    text = ", ".join(f"{path} ({tokens:,})" for path, tokens in shown)
    if limit is not None and len(files) > limit:
        text += f", and {len(files) - limit} more"
    return text


def _headline(result: Plan) -> str:
    conversations = sum(1 for s in result.steps if s.new_conversation)
    return (
        f"{len(result.steps)} tasks in {len(result.clusters)} clusters and {conversations} "
        f"conversations · {result.model}, {result.ttl} cache TTL"
    )


def render_plan_table(result: Plan) -> str:
    """The plan as plain text for the terminal."""
    lines = [f"scope plan: {_headline(result)}", ""]
    number = 0
    for cluster in result.clusters:
        lines.append(
            f"Cluster {cluster.number} · {len(cluster.tasks)} tasks · warm context "
            f"{cluster.warm_tokens:,} tokens"
        )
        if cluster.warm_context:
            lines.append(f"  shared: {_files(cluster.warm_context, TABLE_FILES)}")
        for step in _steps_of(result, cluster.number):
            number += 1
            if step.new_conversation and number > 1:
                lines.append("  ── /clear: start a new conversation ──")
            adds = f"+ {_files(step.adds, 3)}" if step.adds else "(nothing new to read)"
            lines.append(f"  {number:>3}. {step.text}")
            lines.append(f"       {adds}")
        lines.append("")
    lines.extend(_cost_lines(result))
    return "\n".join(lines)


def _cost_lines(result: Plan) -> list[str]:
    head = f"  {'strategy':<12}{'input':>12}{'cache write':>14}{'cache read':>14}{'usd':>11}"
    lines = ["Cost (input side, estimated Claude tokens):", head]
    for name in STRATEGIES:
        c = result.cost(name)
        lines.append(
            f"  {name:<12}{c.usage.input:>12,}{c.usage.cache_write:>14,}"
            f"{c.usage.cache_read:>14,}{c.usd:>11.4f}  {STRATEGY_NOTES[name]}"
        )
    lines.append(_saving(result))
    return lines


def _saving(result: Plan) -> str:
    queue, planned = result.cost("queue").usd, result.cost("planned").usd
    if queue <= 0:
        return "planned vs queue: nothing to compare"
    share = 100 * (queue - planned) / queue
    verb = "saves" if share >= 0 else "costs"
    return f"planned {verb} {abs(share):.1f}% against queue (${queue - planned:+.4f})"


def render_plan_markdown(result: Plan) -> str:
    """The plan as Markdown a lead can hand out: per cluster, files first, tasks, /clear points."""
    lines = ["# Sprint plan", "", _headline(result) + ".", ""]
    number = 0
    for cluster in result.clusters:
        lines.append(f"## Cluster {cluster.number} ({len(cluster.tasks)} tasks)")
        lines.append("")
        if cluster.warm_context:
            lines.append(f"Read first ({cluster.warm_tokens:,} tokens shared by these tasks):")
            lines.extend(f"- `{path}` ({tokens:,} tokens)" for path, tokens in cluster.warm_context)
            lines.append("")
        lines.append("Tasks, in this order, in one Claude Code conversation unless marked:")
        lines.append("")
        for step in _steps_of(result, cluster.number):
            number += 1
            if step.new_conversation and number > 1:
                lines.append("- **`/clear` here: start a new conversation**")
            adds = ", ".join(f"`{path}`" for path, _ in step.adds) or "nothing new"
            lines.append(f"- [ ] {step.text} — reads {adds}")
        lines.append("")
    lines.append("## Cost")
    lines.append("")
    lines.append("| strategy | input | cache write | cache read | USD |")
    lines.append("|---|---:|---:|---:|---:|")
    for name in STRATEGIES:
        c = result.cost(name)
        lines.append(
            f"| {name} | {c.usage.input:,} | {c.usage.cache_write:,} | "
            f"{c.usage.cache_read:,} | {c.usd:.4f} |"
        )
    lines.append("")
    lines.append(_saving(result) + ".")
    return "\n".join(lines) + "\n"
