"""Turn repositories' histories into a task file for the shared harness.

The dev set is five repositories; the targets are checked again on others. This mines more
with `scope bench`'s own rules (a commit's subject is the task, the non-test source files it
modified are the gold; chores, sweeping commits and subjects that name a changed file are
dropped; seeded sampling) and writes them in the harness's format, so
`../shared/bench/run_bench.py --tasks FILE` scores scope beside bm25 and fusion on them.

    python benchmarks/mine_tasks.py --mirrors MIRRORS --out benchmarks/outside.jsonl \\
        BurntSushi/ripgrep google/gson encode/httpx urfave/cli sindresorhus/execa

MIRRORS holds OWNER+NAME/repo git folders, as the harness expects (the search tool's `fetch`
makes them).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
from collections import Counter

from scoper.evaluate import BenchTask, mine_tasks

# The harness's `lang` field, from the gold files' extensions.
LANGUAGES = {
    ".py": "python",
    ".go": "go",
    ".rs": "rust",
    ".java": "java",
    ".rb": "ruby",
    ".rake": "ruby",
    ".js": "javascript",
    ".mjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".tsx": "typescript",
}


def language(gold: tuple[str, ...]) -> str:
    found = Counter(LANGUAGES.get(os.path.splitext(p)[1], "other") for p in gold)
    return min(found, key=lambda lang: (-found[lang], lang))


def extractable(root: str, commit: str) -> bool:
    """Whether the harness can extract the commit: a fetched snapshot may lack its largest
    blobs, and a task whose base cannot be checked out would stop the whole run."""
    done = subprocess.run(
        ["git", f"--git-dir={root}", "archive", "--format=tar", commit],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return done.returncode == 0


def sample(root: str, count: int, seed: int) -> list[BenchTask]:
    """`count` tasks whose base can be extracted. The seeded shuffle does not depend on the
    count, so asking for more extends the same sample; a task that cannot be extracted is
    replaced by the next one."""
    wanted = count
    while True:
        tasks = mine_tasks(root, wanted, seed)
        usable = [t for t in tasks if extractable(root, t.parent)]
        if len(usable) >= count or len(tasks) < wanted:
            return usable
        wanted += count - len(usable)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("repos", nargs="+", help="owner/name of each repository")
    ap.add_argument("--mirrors", required=True, help="folder holding OWNER+NAME/repo")
    ap.add_argument("--out", required=True)
    ap.add_argument("--commits", type=int, default=40, help="tasks per repository")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    lines = []
    for repo in args.repos:
        root = os.path.join(args.mirrors, repo.replace("/", "+"), "repo")
        for task in sample(root, args.commits, args.seed):
            record = {
                "id": f"{repo.split('/')[1]}-{task.commit[:10]}",
                "repo": repo,
                "base": task.parent,
                "commit": task.commit,
                "task": task.subject,
                "gold": list(task.gold),
                "added": [],
                "lang": language(task.gold),
            }
            lines.append(json.dumps(record))
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"{len(lines)} tasks from {len(args.repos)} repositories → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
