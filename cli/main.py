"""The `scope` command group. `scope "fix login bug"` is `scope task "fix login bug"`.

Errors become one-line messages here and only here: a `ScopeError` exits 1, a usage error 2.
Set `SCOPE_RAISE_ERRORS=1` (or pass `--debug`) to see tracebacks instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from scoper import __version__
from scoper.errors import ScopeError
from scoper.prices import default_model
from scoper.scope import DEFAULT_BUDGET, scope_task
from scoper.workspace import open_workspace

from .output import Output

__all__ = ["EXIT_OK", "EXIT_USAGE", "EXIT_USER_ERROR", "cli", "main"]

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_USAGE = 2

FORMATS = click.Choice(["table", "md", "json"])


class DefaultGroup(click.Group):
    """A group that runs `task` when the first argument is not a command name."""

    default_command = "task"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_command, *args]
        elif not args:
            args = ["--help"]
        return super().parse_args(ctx, args)


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


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scope")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or notes on stderr.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, quiet: bool) -> None:
    """Load only the context a coding task needs.

    \b
    scope "fix login bug"            rank the files the task needs
    scope index                      index the repository, print statistics
    """
    if debug:
        os.environ["SCOPE_RAISE_ERRORS"] = "1"
    ctx.obj = Output(quiet=quiet)


@cli.command()
@click.argument("task", nargs=-1, required=True)
@repo_option
@click.option(
    "--budget",
    type=click.IntRange(min=1),
    default=DEFAULT_BUDGET,
    show_default=True,
    help="Most tokens the scope may hold.",
)
@click.option("--model", default=None, help=f"Model to price (default {default_model()}).")
@click.option(
    "--no-cut", is_flag=True, help="Fill the budget in rank order instead of stopping at the knee."
)
@format_options
@click.pass_obj
def task(
    out: Output,
    task: Sequence[str],
    repo: str | None,
    budget: int,
    model: str | None,
    no_cut: bool,
    fmt: str,
    as_json: bool,
) -> None:
    """Rank and select the files TASK needs, with tokens and cost."""
    text = " ".join(task)
    with out.progress("indexing") as progress:
        ws = open_workspace(repo, progress=progress, warn=out.warn)
    result = scope_task(ws, text, budget=budget, model=model, cut=not no_cut)
    out.scope(result, "json" if as_json else fmt)


@cli.command()
@repo_option
@format_options
@click.pass_obj
def index(out: Output, repo: str | None, fmt: str, as_json: bool) -> None:
    """Index the repository (only changed files are re-parsed) and print statistics."""
    with out.progress("indexing") as progress:
        ws = open_workspace(repo, progress=progress, warn=out.warn, use_history=False)
    out.index_stats(ws.index.stats, ws.index.total_tokens, "json" if as_json else fmt)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (so tests can call it in-process)."""
    out = Output()
    try:
        cli.main(
            args=list(argv) if argv is not None else None, prog_name="scope", standalone_mode=False
        )
    except ScopeError as exc:
        if os.environ.get("SCOPE_RAISE_ERRORS", "") not in ("", "0"):
            raise
        out.error(str(exc))
        return EXIT_USER_ERROR
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE if isinstance(exc, click.UsageError) else EXIT_USER_ERROR
    except click.Abort:
        out.error("aborted")
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        out.error("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        if _raise_errors():
            raise
        out.error(f"internal error: {type(exc).__name__}: {exc} (SCOPE_RAISE_ERRORS=1 shows more)")
        return EXIT_USER_ERROR
    return EXIT_OK


def _raise_errors() -> bool:
    """Unknown errors surface as tracebacks when asked to, and always under pytest."""
    return os.environ.get("SCOPE_RAISE_ERRORS", "") not in ("", "0") or "pytest" in sys.modules
