"""What the real Claude Code CLI does with scope's output (headless, against the stand-in API)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PROJECT
from tests.e2e.conftest import SECRET_CANARY, ClaudeRun, run_scope, tool_env
from tests.e2e.standin import Recorded, Reply, StandIn, read_reply

pytestmark = pytest.mark.e2e

TASK = "fix login bug"
PLUGIN = PROJECT / "plugin"
MARKETPLACE = PROJECT / ".claude-plugin" / "marketplace.json"
HOOK_HEADER = "scope: the files this task most likely needs"


def _texts(message: dict[str, Any]) -> list[str]:
    """Every text in a message: text blocks and tool_result contents."""
    content = message.get("content")
    if isinstance(content, str):
        return [content]
    found: list[str] = []
    for block in content or []:
        if block.get("type") == "text":
            found.append(block.get("text", ""))
        elif block.get("type") == "tool_result":
            inner = block.get("content")
            found.extend([inner] if isinstance(inner, str) else _texts({"content": inner}))
    return found


def _agent_turns(standin: StandIn) -> list[Recorded]:
    turns = [r for r in standin.requests if r.is_agent_turn]
    assert turns, f"Claude Code sent no agent request; saw {[r.path for r in standin.requests]}"
    return turns


def _first_user_text(standin: StandIn) -> str:
    return "\n".join(_texts(_agent_turns(standin)[0].body["messages"][0]))


def _tool_results(request: Recorded) -> list[dict[str, Any]]:
    return [
        block
        for message in request.body["messages"]
        if message["role"] == "user" and isinstance(message["content"], list)
        for block in message["content"]
        if block.get("type") == "tool_result"
    ]


def _ok(run: ClaudeRun) -> None:
    assert run.code == 0, f"claude failed ({run.code}):\n{run.stdout}\n{run.stderr}"
    assert run.result.get("is_error") is False, run.stdout


def _scope(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = run_scope(repo, *args, home=repo.parent / "scope-home")
    assert done.returncode == 0, f"scope {' '.join(args)} failed:\n{done.stderr}"
    return done


def test_written_hints_reach_the_first_request(
    e2e_repo: Path, standin: StandIn, run_claude: Any
) -> None:
    scoped = json.loads(_scope(e2e_repo, TASK, "--json").stdout)["files"]
    _scope(e2e_repo, TASK, "--write")
    standin.script()

    _ok(run_claude("Go ahead with the task in my notes.", e2e_repo))

    first = _first_user_text(standin)
    assert "CLAUDE.local.md" in first
    assert scoped, "the scope of the sample task is empty"
    for f in scoped:
        assert f["path"] in first, f"{f['path']} is not in the context Claude Code sent"


@pytest.mark.parametrize("deny", [False, True], ids=["no-deny", "deny"])
def test_denied_secret_never_leaves_the_machine(
    e2e_repo: Path, standin: StandIn, run_claude: Any, deny: bool
) -> None:
    if deny:
        _scope(e2e_repo, TASK, "--write", "--deny")
    standin.script(read_reply(str(e2e_repo / ".env")))

    _ok(run_claude("Check the payment settings.", e2e_repo))

    turns = _agent_turns(standin)
    assert len(turns) >= 2, "the scripted Read never came back to the model"
    results = _tool_results(turns[1])
    assert len(results) == 1
    leaked = any(SECRET_CANARY in r.raw for r in standin.requests)
    if deny:
        assert results[0].get("is_error") is True
        assert "denied" in " ".join(_texts({"content": [results[0]]})).lower()
        assert not leaked, "the .env content reached a request despite --deny"
    else:  # the control: without the rule the same Read sends the secret
        assert leaked


@pytest.mark.parametrize("enabled", [True, False], ids=["enabled", "disabled"])
def test_plugin_hook_scope_reaches_the_request(
    e2e_repo: Path, standin: StandIn, run_claude: Any, enabled: bool
) -> None:
    if enabled:
        _scope(e2e_repo, "hook", "--enable")
    standin.script()

    _ok(
        run_claude(
            "Fix the login bug: the lockout never resets.", e2e_repo, "--plugin-dir", str(PLUGIN)
        )
    )

    request = json.dumps(_agent_turns(standin)[0].body)
    assert (HOOK_HEADER in request) is enabled
    if enabled:
        assert "pyshop/auth/login.py" in request


@pytest.mark.parametrize("via_command", [True, False], ids=["command", "plain-prompt"])
def test_plugin_command_runs_the_cli(
    e2e_repo: Path, standin: StandIn, run_claude: Any, via_command: bool
) -> None:
    """`/scope:scope` lets Claude run `scope` with no approval; a plain prompt does not."""
    command = f"scope task --format md -- '{TASK}'"
    standin.script(Reply(tool="Bash", tool_input={"command": command, "description": "scope"}))
    prompt = f"/scope:scope {TASK}" if via_command else TASK

    run = run_claude(prompt, e2e_repo, "--plugin-dir", str(PLUGIN))

    _ok(run)
    turns = _agent_turns(standin)
    assert len(turns) >= 2
    result = _tool_results(turns[1])[0]
    output = " ".join(_texts({"content": [result]}))
    if via_command:
        assert f"Task: {TASK}" in json.dumps(turns[0].body), "the command's text did not arrive"
        assert result.get("is_error") is not True, output
        assert f"# Scope: {TASK}" in output
        assert run.result.get("permission_denials") == []
    else:
        assert result.get("is_error") is True
        assert [d["tool_name"] for d in run.result["permission_denials"]] == ["Bash"]


def test_marketplace_adds_and_installs(claude_bin: str, tmp_path: Path) -> None:
    root = tmp_path / "scope-repo"
    shutil.copytree(PLUGIN, root / "plugin")
    shutil.copytree(MARKETPLACE.parent, root / ".claude-plugin")
    home = tmp_path / "home"
    home.mkdir()
    marketplace = json.loads(MARKETPLACE.read_text())["name"]

    def claude(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [claude_bin, "plugin", *args],
            cwd=root,
            env=tool_env(home),
            capture_output=True,
            text=True,
            timeout=120,
        )

    for step in (
        ("validate", str(root / "plugin")),
        ("validate", str(root)),
        ("marketplace", "add", str(root)),
        ("install", f"scope@{marketplace}"),
    ):
        done = claude(*step)
        assert done.returncode == 0, f"claude plugin {' '.join(step)}:\n{done.stdout}{done.stderr}"
        assert "error" not in (done.stdout + done.stderr).lower(), done.stdout + done.stderr
    listed = claude("list")
    assert f"scope@{marketplace}" in listed.stdout
    assert "enabled" in listed.stdout


def test_plugin_mcp_tool_answers_through_claude_code(
    e2e_repo: Path, standin: StandIn, run_claude: Any
) -> None:
    tool = "mcp__plugin_scope_scope__scope_task"
    expected = [f["path"] for f in json.loads(_scope(e2e_repo, TASK, "--json").stdout)["files"]]
    # Claude Code connects MCP servers in the background, so the first request can leave
    # before the plugin's server is up (seen in two of three runs on a slow machine).
    # MCP_CONNECTION_NONBLOCKING=false makes it wait for the connection (the CLI reads it);
    # a run that still misses the tools says nothing about scope and is repeated.
    for _attempt in range(3):
        standin.script(Reply(tool=tool, tool_input={"task": TASK}))
        run = run_claude(
            "Which files does the login bug need?",
            e2e_repo,
            "--plugin-dir",
            str(PLUGIN),
            "--allowedTools",
            tool,
            env={"MCP_CONNECTION_NONBLOCKING": "false"},
        )
        first = _agent_turns(standin)[:1]
        if first and tool in {t["name"] for t in first[0].body.get("tools", [])}:
            break

    _ok(run)
    turns = _agent_turns(standin)
    offered = {t["name"] for t in turns[0].body["tools"]}
    assert {
        tool,
        "mcp__plugin_scope_scope__repo_map",
        "mcp__plugin_scope_scope__plan_tasks",
    } <= offered
    assert len(turns) >= 2
    result = _tool_results(turns[1])[0]
    answer = " ".join(_texts({"content": [result]}))
    assert result.get("is_error") is not True, answer
    contract = json.loads(answer)
    assert contract["task"] == TASK
    assert [f["path"] for f in contract["files"]] == expected
