"""`scope mcp`: serve scope's tools to Claude Code (or any MCP client) over stdio."""

from __future__ import annotations

import click

from scoper.mcp_server import run_server

from .options import repo_option

__all__ = ["mcp"]


@click.command()
@repo_option
def mcp(repo: str | None) -> None:
    """Run a stdio MCP server with the tools scope_task and repo_map (needs scope[mcp])."""
    run_server(repo)
