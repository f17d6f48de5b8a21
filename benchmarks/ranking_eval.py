"""In-process ranking evaluation and ablation on the shared benchmark's task set.

The shared harness (../shared/bench/run_bench.py) is the authority: it runs `scope` as a user
would and its numbers go in the notes. This script reuses the bases the harness extracted
(its cache folder) and scores many ranking configurations per opened workspace, so an
ablation of every signal costs one indexing pass per task instead of one per configuration.

    python benchmarks/ranking_eval.py --tasks ../shared/bench/dev.jsonl \
        --cache /tmp/scope-bench-cache --ablate
    python benchmarks/ranking_eval.py --tasks ../shared/bench/dev.jsonl --vary graph=0.4,0.8
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import fields, replace

from scoper.graph.build import EdgeWeights, build_graph
from scoper.rank import RankWeights, without
from scoper.scope import scope_task
from scoper.workspace import Workspace, open_workspace

BUDGETS = (8_000, 16_000, 32_000)
# How much of the ranking to score: well past the largest budget, so a huge file filling the
# list early cannot hide the smaller files ranked after it (the harness skips what does not fit).
RANK_DEPTH = 100_000


def recall_at(paths: list[str], sizes: dict[str, int], gold: set[str], budget: int) -> float:
    used = found = 0
    for path in paths:
        size = sizes.get(path, 0)
        if used + size > budget:
            continue
        used += size
        found += path in gold
    return found / len(gold)


def tokens_to_full(paths: list[str], sizes: dict[str, int], gold: set[str]) -> float:
    used, left = 0, set(gold)
    for path in paths:
        used += sizes.get(path, 0)
        left.discard(path)
        if not left:
            return used
    return float("inf")


def configs(ablate: bool, vary: str | None = None) -> dict[str, tuple[RankWeights, EdgeWeights]]:
    base = (RankWeights(), EdgeWeights())
    found = {"full": base}
    if vary:  # "size=0.1,0.2": the full ranking with one weight at each value
        name, values = vary.split("=", 1)
        for v in values.split(","):
            found[f"{name}={v}"] = (replace(base[0], **{name: float(v)}), base[1])
    if ablate:
        for f in fields(RankWeights):
            found[f"-{f.name}"] = (without(base[0], f.name), base[1])
        for f in fields(EdgeWeights):
            found[f"-edge:{f.name}"] = (base[0], replace(base[1], **{f.name: 0.0}))
    return found


def evaluate(ws: Workspace, task: dict, rank_w: RankWeights, edge_w: EdgeWeights) -> dict:
    if edge_w != EdgeWeights():
        graph = build_graph(ws.root, ws.index.records, ws.history, edge_w)
        ws = replace(ws, graph=graph)
    ranked = scope_task(ws, task["task"], budget=RANK_DEPTH, cut=False, weights=rank_w, focus=False)
    cut = scope_task(ws, task["task"], weights=rank_w, focus=False)
    sizes = {r.path: r.tokens for r in ws.index.records}
    paths = [f.path for f in ranked.files]
    gold = set(task["gold"])
    cut_paths = {f.path for f in cut.files}
    return {
        **{f"R@{b // 1000}k": recall_at(paths, sizes, gold, b) for b in BUDGETS},
        "tok_full": tokens_to_full(paths, sizes, gold),
        "cut_recall": len(gold & cut_paths) / len(gold),
        "all_gold": float(gold <= cut_paths),
        "ratio": cut.scope_tokens / max(1, cut.repo_tokens),
    }


def summarize(rows: list[dict]) -> dict:
    keys = [f"R@{b // 1000}k" for b in BUDGETS] + ["cut_recall", "all_gold"]
    out = {k: round(sum(r[k] for r in rows) / len(rows), 3) for k in keys}
    out["tok_full"] = statistics.median(r["tok_full"] for r in rows)
    out["ratio"] = round(statistics.median(r["ratio"] for r in rows), 4)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tasks", required=True)
    ap.add_argument("--cache", default="/tmp/scope-bench-cache")
    ap.add_argument("--repos", help="comma list of repo names to keep")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--ablate", action="store_true", help="switch each signal off in turn")
    ap.add_argument("--vary", help="NAME=V1,V2: score the ranking with one weight at each value")
    ap.add_argument("--out", help="write per-task rows as JSON")
    args = ap.parse_args()
    with open(args.tasks, encoding="utf-8") as fh:
        tasks = [json.loads(line) for line in fh if line.strip()]
    if args.repos:
        keep = set(args.repos.split(","))
        tasks = [t for t in tasks if t["repo"].split("/")[1] in keep]
    if args.limit:
        per_repo: dict[str, int] = {}
        tasks = [
            t
            for t in tasks
            if per_repo.setdefault(t["repo"], 0) < args.limit
            and not per_repo.__setitem__(t["repo"], per_repo[t["repo"]] + 1)
        ]
    variants = configs(args.ablate, args.vary)
    rows: dict[str, list[dict]] = {name: [] for name in variants}
    by_repo: dict[str, dict[str, list[dict]]] = {}
    seconds = []
    for task in tasks:
        root = os.path.join(args.cache, task["repo"].replace("/", "+"), task["base"] + "+git")
        if not os.path.isdir(root):
            print(f"skip {task['id']}: base not extracted (run the harness once)", file=sys.stderr)
            continue
        ws = open_workspace(root)
        for name, (rank_w, edge_w) in variants.items():
            start = time.perf_counter()
            row = evaluate(ws, task, rank_w, edge_w)
            if name == "full":
                seconds.append(time.perf_counter() - start)
            row["id"] = task["id"]
            rows[name].append(row)
            by_repo.setdefault(task["repo"].split("/")[1], {}).setdefault(name, []).append(row)
    header = ["config", "R@8k", "R@16k", "R@32k", "tok_full", "cut_recall", "all_gold", "ratio"]
    print(" ".join(f"{h:>12}" for h in header))
    for name, found in rows.items():
        if found:
            s = summarize(found)
            print(" ".join(f"{v:>12}" for v in [name, *(s[h] for h in header[1:])]))
    print()
    for repo, named in sorted(by_repo.items()):
        s = summarize(named["full"])
        print(f"{repo:>12} " + " ".join(f"{s[h]!s:>12}" for h in header[1:]))
    print(f"median query seconds (warm): {statistics.median(seconds):.3f}" if seconds else "")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, indent=1, default=str)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
