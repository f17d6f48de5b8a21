"""The `scope` command group. `scope "fix login bug"` is `scope task "fix login bug"`.

Errors become one-line messages here and only here: a `ScopeError` exits 1, a usage error 2.
Set `SCOPE_RAISE_ERRORS=1` (or pass `--debug`) to see tracebacks instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import click

from scoper import __version__
from scoper.errors import ScopeError
from scoper.hints import DEFAULT_DENY_MIN_TOKENS
from scoper.prices import default_model
from scoper.scope import DEFAULT_BUDGET, scope_task
from scoper.workspace import index_repo, open_workspace

from .hints import write_task_hints
from .options import format_options, repo_option
from .output import Output

__all__ = ["EXIT_OK", "EXIT_USAGE", "EXIT_USER_ERROR", "cli", "main"]

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_USAGE = 2


class DefaultGroup(click.Group):
    """A group that runs `task` when the first argument is not a command name."""

    default_command = "task"

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = [self.default_command, *args]
        return super().resolve_command(ctx, args)


@click.group(
    cls=DefaultGroup,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="scope")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or notes on stderr.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, quiet: bool) -> None:
    """Load only the context a coding task needs.

    \b
    scope "fix login bug"            rank the files the task needs
    scope "fix login bug" --write    ... and leave them for Claude Code (scope clear undoes)
    scope plan tasks.md              order a queue of tasks to keep the prompt cache warm
    scope onboard                    a guide to the repository for a new engineer
    scope bench                      measure scope on this repository's own history
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
@click.option("--write", is_flag=True, help="Write the scope into CLAUDE.local.md for Claude Code.")
@click.option(
    "--deny",
    is_flag=True,
    help="Also deny reading secrets and large out-of-scope areas (.claude/settings.local.json); "
    "implies --write.",
)
@click.option(
    "--deny-min-tokens",
    type=click.IntRange(min=1),
    default=DEFAULT_DENY_MIN_TOKENS,
    show_default=True,
    help="Smallest top-level area (in tokens) listed as not needed and, with --deny, denied.",
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
    write: bool,
    deny: bool,
    deny_min_tokens: int,
    fmt: str,
    as_json: bool,
) -> None:
    """Rank and select the files TASK needs, with tokens and cost."""
    text = " ".join(task)
    with out.progress("indexing") as progress:
        ws = open_workspace(repo, progress=progress, warn=out.warn)
    result = scope_task(ws, text, budget=budget, model=model, cut=not no_cut)
    out.scope(result, "json" if as_json else fmt)
    if write or deny:
        write_task_hints(out, ws, result, deny=deny, deny_min_tokens=deny_min_tokens)


@cli.command()
@repo_option
@format_options
@click.pass_obj
def index(out: Output, repo: str | None, fmt: str, as_json: bool) -> None:
    """Index the repository (only changed files are re-parsed) and print statistics."""
    with out.progress("indexing") as progress:
        indexed = index_repo(repo, progress=progress, warn=out.warn)
    out.index_stats(indexed.stats, indexed.total_tokens, "json" if as_json else fmt)


# Commands defined in their own modules register here, one line each.
# [claude-code commands]
from . import clear as _clear_module  # noqa: E402

cli.add_command(_clear_module.clear)
from . import hook as _hook_module  # noqa: E402
from . import mcp as _mcp_module  # noqa: E402

cli.add_command(_hook_module.hook)
cli.add_command(_mcp_module.mcp)
# [plan command]
from . import plan as _plan_module  # noqa: E402

cli.add_command(_plan_module.plan)
# [onboard command]
from . import onboard as _onboard_module  # noqa: E402

cli.add_command(_onboard_module.onboard)
# [bench command]
from . import bench as _bench_module  # noqa: E402

cli.add_command(_bench_module.bench)


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
