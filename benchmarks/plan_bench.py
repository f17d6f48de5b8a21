"""Planning benchmark: strategy costs, distance to the exhaustive optimum, and plan speed.

Not a test. Run:
    mkdir -p /tmp/click && git --git-dir=/work/.mirror/pallets+click/repo archive HEAD \
        | tar -x -C /tmp/click
    python benchmarks/plan_bench.py --repo /tmp/click \
        --dev /work/shared/bench/dev.jsonl --dev-repo pallets/click \
        --git-dir /work/.mirror/pallets+click/repo

Queues are shuffled with fixed seeds; every number is printed as Markdown tables.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from scoper import plan as plan_module
from scoper.cluster import ScopedTask
from scoper.optimum import exhaustive_optimum
from scoper.plan import Plan, _work_items, build_plan, scope_tasks, steps_cost
from scoper.prices import price_for
from scoper.strategies import STRATEGIES, warm_base
from scoper.taskfile import QueuedTask, read_tasks
from scoper.workload import DEFAULT_SHAPE
from scoper.workspace import open_workspace

SEEDS = range(5)
SMALL_SIZES = (4, 5, 6, 7, 8)
SMALL_SEEDS = range(6)


def _dev_tasks(path: str, repo: str) -> list[QueuedTask]:
    rows = [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
    return [QueuedTask(r["task"], "", n) for n, r in enumerate(rows, 1) if r["repo"] == repo]


def _subjects(git_dir: str, n: int) -> list[QueuedTask]:
    done = subprocess.run(
        ["git", f"--git-dir={git_dir}", "log", "--no-merges", "--format=%s", f"-{n * 2}"],
        capture_output=True,
        text=True,
        check=True,
    )
    subjects = [s for s in dict.fromkeys(done.stdout.splitlines()) if len(s.split()) >= 3]
    return [QueuedTask(s, "", i) for i, s in enumerate(subjects[:n], 1)]


def _optimum_rows(scoped: Sequence[ScopedTask], model: str, label: str) -> list[str]:
    price = price_for(model)
    base = warm_base(DEFAULT_SHAPE, price, "5m")
    rows, gaps = [], []
    for size in SMALL_SIZES:
        size_gaps = []
        for seed in SMALL_SEEDS:
            queue = random.Random(seed * 100 + size).sample(list(scoped), size)
            plan = build_plan(queue, price)
            canon = sorted(queue, key=lambda t: (t.text, t.files))
            best = exhaustive_optimum(_work_items(canon, DEFAULT_SHAPE), base, DEFAULT_SHAPE, price)
            size_gaps.append(steps_cost(plan, queue, price_for(model)) / best.usd - 1)
        gaps.extend(size_gaps)
        rows.append(
            f"| {label} | {size} | {len(size_gaps)} | {100 * sum(size_gaps) / len(size_gaps):.2f}% "
            f"| {100 * max(size_gaps):.2f}% |"
        )
    rows.append(
        f"| {label} | all | {len(gaps)} | {100 * sum(gaps) / len(gaps):.2f}% "
        f"| {100 * max(gaps):.2f}% |"
    )
    return rows


def _cost_row(label: str, plan: Plan) -> str:
    cells = " | ".join(f"{plan.cost(name).usd:.3f}" for name in STRATEGIES)
    queue, planned = plan.cost("queue").usd, plan.cost("planned").usd
    hits = sum(1 for s in plan.steps if s.new_conversation)
    return (
        f"| {label} | {len(plan.steps)} | {len(plan.clusters)} | {hits} | {cells} "
        f"| {100 * (queue - planned) / queue:.1f}% |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repo", required=True)
    parser.add_argument("--dev", default="/work/shared/bench/dev.jsonl")
    parser.add_argument("--dev-repo", default="pallets/click")
    parser.add_argument("--git-dir", default=None)
    parser.add_argument("--samples", default="sample_repos")
    parser.add_argument("--model", default="claude-sonnet-4-5")
    args = parser.parse_args()
    price = price_for(args.model)

    ws = open_workspace(args.repo)
    started = time.perf_counter()
    ws = open_workspace(args.repo)
    print(
        f"warm workspace open: {time.perf_counter() - started:.2f} s, {ws.index.stats.files} files"
    )
    dev = scope_tasks(ws, _dev_tasks(args.dev, args.dev_repo))

    print("\n## Planned vs exhaustive optimum (dev tasks, Claude Code conversations)\n")
    print("| planner | tasks | queues | mean gap | worst gap |\n|---|---:|---:|---:|---:|")
    print("\n".join(_optimum_rows(dev, args.model, "shipped")))
    exact = plan_module.EXACT_MAX_TASKS
    plan_module.EXACT_MAX_TASKS = 0  # the heuristic alone: Smith's rule order + DP breaks
    print("\n".join(_optimum_rows(dev, args.model, "heuristic only")))
    plan_module.EXACT_MAX_TASKS = exact

    header = " | ".join(STRATEGIES)
    print("\n## Strategy costs (USD, input side)\n")
    print(f"| queue | tasks | clusters | conversations | {header} | planned vs queue |")
    print("|---|---:|---:|---:|" + "---:|" * (len(STRATEGIES) + 1))
    for ttl in ("5m", "1h"):
        for seed in SEEDS:
            queue = random.Random(seed).sample(dev, min(24, len(dev)))
            plan = build_plan(queue, price, ttl=ttl)
            print(_cost_row(f"{args.dev_repo} 24 seed {seed} {ttl}", plan))
    for sample in sorted(Path(args.samples).glob("*.tasks.jsonl")):
        name = sample.name.removesuffix(".tasks.jsonl")
        sample_ws = open_workspace(str(Path(args.samples) / name))
        tasks = list(read_tasks(str(sample)))
        random.Random(0).shuffle(tasks)
        plan = build_plan(scope_tasks(sample_ws, tasks), price)
        print(_cost_row(f"{name} (all, shuffled)", plan))

    if args.git_dir:
        tasks = _subjects(args.git_dir, 200)
        started = time.perf_counter()
        scoped = scope_tasks(ws, tasks)
        scoped_at = time.perf_counter()
        plan = build_plan(scoped, price)
        done = time.perf_counter()
        print(f"\n## Speed: {len(tasks)} tasks (commit subjects) on a warm index\n")
        print(
            f"scope all: {scoped_at - started:.2f} s; plan: {done - scoped_at:.2f} s; "
            f"total {done - started:.2f} s"
        )
        print(_cost_row(f"{args.dev_repo} {len(tasks)} subjects", plan))


if __name__ == "__main__":
    main()
