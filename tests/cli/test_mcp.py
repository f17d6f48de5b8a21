"""`scope mcp` through the SDK's own client over stdio: a real protocol round trip."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio
import pytest

from tests.conftest import CliResult, commit_all

mcp = pytest.importorskip("mcp", reason="the mcp extra is not installed")


@pytest.fixture
def repo(sample_repo: Callable[[str], Path]) -> Path:
    root = sample_repo("pyshop")
    (root / ".env").write_text("API_KEY=sk-mcp-canary\n")
    commit_all(root, "pyshop")
    return root


async def _session_calls(
    repo: Path, calls: list[tuple[str, dict[str, Any]]]
) -> tuple[list[str], list[Any]]:
    # cwd is the repo copy: run from the project root, `-m scoper` would import the source
    # folder (without graph/ and cli/ mapped in) instead of the installed package.
    params = mcp.StdioServerParameters(
        command=sys.executable, args=["-m", "scoper", "mcp", "--repo", str(repo)], cwd=str(repo)
    )
    async with mcp.stdio_client(params) as (read, write), mcp.ClientSession(read, write) as session:
        await session.initialize()
        listed = await session.list_tools()
        results = [await session.call_tool(name, args) for name, args in calls]
    return sorted(t.name for t in listed.tools), results


def _json(result: Any) -> dict[str, Any]:
    assert not _is_error(result), result.content
    return json.loads(result.content[0].text)


def _is_error(result: Any) -> bool:
    return bool(getattr(result, "is_error", None) or getattr(result, "isError", None))


def test_round_trip_over_stdio(repo: Path, run_cli: Callable[..., CliResult]) -> None:
    calls = [
        ("scope_task", {"task": "fix login bug"}),
        ("scope_task", {"task": "fix login bug", "budget": 500}),
        ("repo_map", {}),
        ("repo_map", {"path": "pyshop/auth"}),
        ("repo_map", {"path": "../outside"}),
        ("plan_tasks", {"tasks": ["fix login bug", "add a refund reason", "fix login lockout"]}),
        ("scope_task", {"task": "   "}),
        ("plan_tasks", {"tasks": [" "]}),
        ("scope_task", {"task": "fix login bug", "budget": 0}),
        ("scope_task", {"task": "fix login bug", "budget": -5}),
    ]
    names, results = anyio.run(_session_calls, repo, calls)

    assert names == ["plan_tasks", "repo_map", "scope_task"]
    scoped = _json(results[0])
    assert scoped["version"] == 1 and scoped["task"] == "fix login bug"
    cli = json.loads(run_cli("fix login bug", "--repo", str(repo), "--json").stdout)
    assert [f["path"] for f in scoped["files"]] == [f["path"] for f in cli["files"]]
    assert _json(results[1])["tokens"]["scope"] <= 500
    whole = _json(results[2])
    assert "pyshop/auth" in {f["folder"] for f in whole["folders"]}
    assert "sk-mcp-canary" not in results[2].content[0].text
    assert ".env" not in {e["path"] for f in whole["folders"] for e in f.get("entries", [])}
    assert {f["folder"] for f in _json(results[3])["folders"]} == {"pyshop/auth"}
    planned = _json(results[5])
    assert sorted(planned["order"]) == sorted(calls[5][1]["tasks"])
    assert planned["clusters"]
    for bad in (results[4], *results[6:]):
        assert _is_error(bad)
        assert "Error executing tool" in bad.content[0].text
    assert "budget must be at least 1 token" in results[-1].content[0].text


def test_without_the_extra_it_says_what_to_install(
    run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in [m for m in sys.modules if m == "mcp" or m.startswith("mcp.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "mcp", None)
    result = run_cli("mcp", "--repo", str(tmp_path))
    assert result.code == 1
    assert (
        result.stderr.strip()
        == "scope: error: scope mcp needs the MCP SDK: pip install 'scope[mcp]'"
    )
