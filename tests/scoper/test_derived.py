"""The cached graph and corpus give the same scopes as freshly built ones, in any process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from scoper import derived
from scoper.derived import load_derived
from scoper.scope import scope_task
from scoper.workspace import open_workspace

TASKS = ("fix login bug", "refunds for partially paid invoices are rounded wrong")


def test_restored_workspace_scopes_like_a_fresh_one(sample_repo: Callable[[str], Path]) -> None:
    root = str(sample_repo("pyshop"))
    fresh = open_workspace(root)  # builds and caches
    assert load_derived(fresh.index, fresh.history) is not None
    restored = open_workspace(root)
    assert sorted(restored.graph.edges(data=True)) == sorted(fresh.graph.edges(data=True))
    for task in TASKS:
        a, b = scope_task(restored, task), scope_task(fresh, task)
        assert (a.files, a.also_consider, a.scope_tokens) == (
            b.files,
            b.also_consider,
            b.scope_tokens,
        )


def test_a_changed_file_invalidates_the_cache(sample_repo: Callable[[str], Path]) -> None:
    repo = sample_repo("pyshop")
    first = open_workspace(str(repo))
    (repo / "pyshop" / "auth" / "login.py").write_text("def login_user():\n    return None\n")
    second = open_workspace(str(repo))
    assert second.index.generation != first.index.generation
    assert load_derived(second.index, second.history) is not None  # rebuilt and re-cached
    assert second.graph.number_of_edges() != first.graph.number_of_edges()


def test_same_bytes_whatever_the_hash_seed(sample_repo: Callable[[str], Path]) -> None:
    """Set and dict order vary with PYTHONHASHSEED; scope's output must not."""
    repo = sample_repo("tsrelay")
    outputs = []
    for seed in ("1", "2", "3"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "scoper",
                "-q",
                "retry backoff on 429",
                "--repo",
                str(repo),
                "--json",
            ],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        data = json.loads(done.stdout)
        outputs.append(json.dumps({k: data[k] for k in ("files", "also_consider", "tokens")}))
    assert outputs[0] == outputs[1] == outputs[2]


def test_a_warm_run_loads_neither_networkx_rich_nor_tiktoken(
    sample_repo: Callable[[str], Path],
) -> None:
    """Start-up is most of a warm run: the graph comes back as a snapshot, output as JSON."""
    repo = sample_repo("pyshop")
    probe = (
        "import sys; from scoper.cli.main import main; "
        "code = main(['-q', 'fix login bug', '--repo', sys.argv[1], '--json']); "
        "print(sorted(m for m in ('networkx', 'rich', 'tiktoken') "
        "if m in sys.modules), file=sys.stderr); sys.exit(code)"
    )
    loaded = []
    for _ in ("cold", "warm"):
        done = subprocess.run(
            [sys.executable, "-c", probe, str(repo)],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        )
        loaded.append(done.stderr.strip().splitlines()[-1])
    assert "networkx" in loaded[0]  # the cold run builds the graph with networkx
    assert loaded[1] == "[]"


@pytest.mark.parametrize("changed", ["code_digest", "parser_fingerprint"])
def test_changed_graph_code_invalidates_the_cache(
    sample_repo: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, changed: str
) -> None:
    """A new resolver, query file or grammar with the same package version re-parses the
    files under an unchanged index generation; it must not reuse the old graph."""
    workspace = open_workspace(str(sample_repo("pyshop")))
    assert load_derived(workspace.index, workspace.history) is not None
    monkeypatch.setattr(derived, changed, lambda: "another build")
    assert load_derived(workspace.index, workspace.history) is None
