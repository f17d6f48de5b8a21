"""Speed and memory of indexing and querying, as ratios to a baseline measured in the same run.

The baseline is the least any tool must do: read every file discovery keeps and tokenize it
once. scope's cold index (parse + facts + SQLite) is reported as a multiple of it; the warm
re-index (nothing changed) and a query should be small fractions of it.

    python benchmarks/speed.py --repo /path/to/repo            # a real repository
    python benchmarks/speed.py --generate 3000                 # a generated one, 3000 files
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from scoper.graph.discover import discover
from scoper.scope import scope_task
from scoper.tokens import count_tokens
from scoper.workspace import open_workspace

TASKS = ("fix login bug", "retry the request on timeout", "add a parser option for colors")


def generate(root: str, files: int, seed: int = 0) -> None:
    """A Python package tree of `files` modules that import each other."""
    rng = random.Random(seed)
    words = [
        "login",
        "session",
        "retry",
        "parse",
        "render",
        "cache",
        "token",
        "config",
        "user",
        "invoice",
        "color",
        "table",
        "stream",
        "queue",
        "worker",
        "route",
    ]
    for i in range(files):
        package = f"pkg{i % 40}"
        os.makedirs(os.path.join(root, "src", package), exist_ok=True)
        init = os.path.join(root, "src", package, "__init__.py")
        if not os.path.exists(init):
            open(init, "w").close()
        imports = "\n".join(
            f"from src.pkg{j % 40}.mod{j} import f{j}" for j in rng.sample(range(files), 3) if j < i
        )
        body = "\n\n".join(
            f"def {rng.choice(words)}_{rng.choice(words)}_{k}(value):\n"
            f'    """{rng.choice(words)} the {rng.choice(words)}."""\n'
            f"    return value * {k}\n"
            for k in range(8)
        )
        with open(os.path.join(root, "src", package, f"mod{i}.py"), "w") as fh:
            fh.write(
                f'"""Module {i}: {rng.choice(words)} helpers."""\n{imports}\n\n'
                f"def f{i}():\n    return {i}\n\n{body}\n"
            )


def baseline(root: str) -> float:
    """Seconds to read and tokenize every file discovery keeps, once."""
    start = time.perf_counter()
    for f in discover(root).files:
        if not f.secret:
            with open(os.path.join(root, f.path), "rb") as fh:
                count_tokens(fh.read().decode("utf-8", "replace"))
    return time.perf_counter() - start


def measure(root: str) -> dict[str, float]:
    shutil.rmtree(os.path.join(root, ".scope"), ignore_errors=True)
    base = baseline(root)
    start = time.perf_counter()
    ws = open_workspace(root)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    ws = open_workspace(root)
    warm = time.perf_counter() - start
    queries = []
    for task in TASKS:
        start = time.perf_counter()
        scope_task(ws, task)
        queries.append(time.perf_counter() - start)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "files": ws.index.stats.files,
        "baseline_s": base,
        "cold_index_s": cold,
        "warm_index_s": warm,
        "query_s": statistics.median(queries),
        "cold_vs_baseline": cold / base,
        "warm_vs_baseline": warm / base,
        "query_vs_baseline": statistics.median(queries) / base,
        "cold_vs_warm": cold / warm,
        "peak_rss_mib": peak_mib,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--repo", help="a repository folder to measure")
    ap.add_argument("--generate", type=int, help="generate a repository with this many files")
    args = ap.parse_args()
    if not args.repo and not args.generate:
        ap.error("give --repo or --generate")
    folder = None
    root = args.repo
    if args.generate:
        folder = tempfile.mkdtemp(prefix="scope-speed-")
        root = folder
        generate(root, args.generate)
        subprocess.run(["git", "init", "-q", root], check=False)
    try:
        result = measure(root)
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
    for key, value in result.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"{key:>18}  {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
