"""`scope mcp`: a stdio MCP server on the official `mcp` SDK (the optional extra `scope[mcp]`).

Tools: `scope_task(task, budget?)` returns the `scope TASK --json` contract; `repo_map(path?)`
returns the repo's files grouped by folder with tokens and one-line docs; `plan_tasks(tasks,
model?)` returns the `scope plan --json` contract. The workspace is
re-opened on every call, so answers follow the files as they change (the index is incremental).
stdout carries the protocol, so nothing else may print there.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import InputError, ScopeError
from .plan import make_plan
from .repo_map import build_repo_map
from .scope import DEFAULT_BUDGET, scope_task
from .taskfile import QueuedTask
from .workspace import find_repo_root, open_workspace

__all__ = ["INSTALL_HINT", "SERVER_NAME", "build_server", "run_server"]

SERVER_NAME = "scope"
INSTALL_HINT = "scope mcp needs the MCP SDK: pip install 'scope[mcp]'"

_INSTRUCTIONS = (
    "scope ranks the files a coding task needs. Before reading files for a task, call "
    "scope_task with the task in plain words and read its files first (edit targets, then "
    "context, then tests); call repo_map for an overview of a folder, plan_tasks to order a "
    "queue of tasks."
)


@dataclass(frozen=True)
class _Sdk:
    """The SDK's high-level server class and the error a tool raises to report a failure."""

    server: Any
    tool_error: type[Exception]


def _load_sdk() -> _Sdk:
    """MCPServer from mcp 2.x, else FastMCP from mcp 1.x.

    Raises:
        ScopeError: the `mcp` extra is not installed.
    """
    try:
        from mcp.server.mcpserver import MCPServer
        from mcp.server.mcpserver.exceptions import ToolError

        return _Sdk(MCPServer, ToolError)
    except ImportError:
        pass
    try:
        from mcp.server.fastmcp import FastMCP
        from mcp.server.fastmcp.exceptions import ToolError as FastToolError

        return _Sdk(FastMCP, FastToolError)
    except ImportError as exc:
        raise ScopeError(INSTALL_HINT) from exc


def build_server(repo: str | None) -> Any:
    """An MCP server answering for `repo` (default: the git root above the cwd).

    Raises:
        ScopeError: no `mcp` extra, or `repo` is not a folder.
    """
    sdk = _load_sdk()
    root = find_repo_root(repo)
    server = sdk.server(SERVER_NAME, instructions=_INSTRUCTIONS, log_level="WARNING")

    def answer(work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """Run a tool body; a ScopeError reaches the model as the tool's error message."""
        try:
            return work()
        except ScopeError as exc:
            raise sdk.tool_error(str(exc)) from exc

    @server.tool(name="scope_task")
    def scope_task_tool(task: str, budget: int | None = None) -> dict[str, Any]:
        """Rank and select the files a coding task needs: paths, roles (edit/context/test),
        reasons, tokens and cost. Same JSON as `scope TASK --json`."""
        return answer(lambda: _scope_json(root, task, DEFAULT_BUDGET if budget is None else budget))

    @server.tool()
    def repo_map(path: str | None = None) -> dict[str, Any]:
        """The repository's files grouped by folder, with tokens and one-line docs; pass a
        repo-relative folder as `path` to map only that subtree."""
        return answer(lambda: _map_json(root, path))

    @server.tool()
    def plan_tasks(tasks: list[str], model: str | None = None) -> dict[str, Any]:
        """Plan a queue of tasks: clusters that share context, an order that keeps each
        cluster's context warm in the prompt cache, and the cost of the plan against the queue
        order. Same JSON as `scope plan FILE --json`."""
        return answer(lambda: _plan_json(root, tasks, model))

    return server


def run_server(repo: str | None) -> None:
    """Serve over stdio until the client closes the connection."""
    build_server(repo).run("stdio")


def _scope_json(root: str, task: str, budget: int) -> dict[str, Any]:
    ws = open_workspace(root, warn=_warn)
    return scope_task(ws, task, budget=budget).to_json()


def _map_json(root: str, path: str | None) -> dict[str, Any]:
    ws = open_workspace(root, warn=_warn, use_history=False)
    return build_repo_map(ws.root, ws.index.records, path).to_json()


def _plan_json(root: str, tasks: list[str], model: str | None) -> dict[str, Any]:
    queue = [QueuedTask(t.strip(), "", n) for n, t in enumerate(tasks, 1) if t.strip()]
    if not queue:
        raise InputError("plan_tasks needs at least one non-empty task")
    ws = open_workspace(root, warn=_warn)
    return make_plan(ws, queue, model=model).to_json()


def _warn(message: str) -> None:
    sys.stderr.write(f"scope: warning: {message}\n")
