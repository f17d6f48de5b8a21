"""Does the focus of a large file (scoper/focus.py) point at the lines the commit changed?

For every task's gold file of at least FOCUS_MIN_TOKENS tokens, the focus is computed from the
task at the base commit, and the commit's own diff (from the mirror) says which lines of that
file it changed. Reported per repository, against two baselines measured on the same files:
`head`, the file's first lines, as many as the focus spans (what a partial first read shows),
and `defs`, whether any definition holds a changed line at all (the most any span can hit).

    python benchmarks/focus_eval.py --tasks ../shared/bench/dev.jsonl \
        --cache /tmp/scope-bench-cache --mirrors MIRRORS
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from functools import partial

from scoper.evaluate import changed_lines
from scoper.focus import FOCUS_MIN_TOKENS, _candidates, focus_spans
from scoper.query import parse_query
from scoper.workspace import open_workspace


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tasks", required=True)
    ap.add_argument("--cache", default="/tmp/scope-bench-cache")
    ap.add_argument("--mirrors", required=True, help="folder of OWNER+NAME/repo git mirrors")
    args = ap.parse_args()
    with open(args.tasks, encoding="utf-8") as fh:
        tasks = [json.loads(line) for line in fh if line.strip()]
    rows: dict[str, list[dict]] = {}
    for task in tasks:
        slug = task["repo"].replace("/", "+")
        root = os.path.join(args.cache, slug, task["base"] + "+git")
        mirror = os.path.join(args.mirrors, slug, "repo")
        if not os.path.isdir(root) or not os.path.isdir(mirror):
            print(f"skip {task['id']}: base or mirror missing", file=sys.stderr)
            continue
        ws = open_workspace(root)
        query = parse_query(task["task"])
        by_path = {r.path: r for r in ws.index.records}
        for path in task["gold"]:
            record = by_path.get(path)
            if record is None or record.tokens < FOCUS_MIN_TOKENS:
                continue
            changed = changed_lines(mirror, task["base"], task["commit"], path)
            if not changed:
                continue
            with open(os.path.join(root, path), encoding="utf-8", errors="replace") as fh:
                text = fh.read()
            lines = max(1, len(text.split("\n")))
            spans = focus_spans(
                text, record.facts.symbols, query.weights, partial(ws.corpus.idf, "content")
            )
            covered = {n for s in spans for n in range(s.start, s.end + 1)}
            head = len(covered)
            defs = {
                n
                for s in _candidates(record.facts.symbols, lines)
                for n in range(s.line, s.end_line + 1)
            }
            rows.setdefault(task["repo"].split("/")[1], []).append(
                {
                    "id": task["id"],
                    "path": path,
                    "spans": len(spans),
                    "share": len(covered) / lines,
                    "hit": bool(changed & covered),
                    "head_hit": bool(head and min(changed) <= head),
                    "defs_hit": bool(changed & defs),
                    "lines_in": len(changed & covered) / len(changed),
                }
            )
    header = ["repo", "files", "focused", "hit", "head_hit", "defs_hit", "lines_in", "share"]
    print(" ".join(f"{h:>9}" for h in header))
    every = [r for found in rows.values() for r in found]
    for name, found in [*sorted(rows.items()), ("ALL", every)]:
        if not found:
            continue
        focused = [r for r in found if r["spans"]]
        keys = ("hit", "head_hit", "defs_hit", "lines_in")
        means = [statistics.fmean(r[k] for r in found) for k in keys]
        share = statistics.median(r["share"] for r in focused) if focused else 0.0
        values = [
            name,
            len(found),
            len(focused),
            *(f"{v:.2f}" for v in means),
            f"{share:.3f}",
        ]
        print(" ".join(f"{v!s:>9}" for v in values))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
