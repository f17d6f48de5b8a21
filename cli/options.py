"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

__all__ = ["FORMATS", "format_options", "output_format", "repo_option"]

FORMATS = click.Choice(["table", "md", "json"])


def repo_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--repo",
        type=click.Path(file_okay=True, dir_okay=True),
        default=None,
        help="Repository folder (default: the git root above the current folder).",
    )(func)


def format_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--json", "as_json", is_flag=True, help="Same as --format json.")(func)
    return click.option(
        "--format", "fmt", type=FORMATS, default="table", show_default=True, help="Output format."
    )(func)


def output_format(fmt: str, as_json: bool) -> str:
    """The format in force: --json wins over --format."""
    return "json" if as_json else fmt
