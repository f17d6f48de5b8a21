"""The `scope` command group. `scope "fix login bug"` is `scope task "fix login bug"`.

Errors become one-line messages here and only here: a `ScopeError` exits 1, a usage error 2.
Set `SCOPE_RAISE_ERRORS=1` (or pass `--debug`) to see tracebacks instead.
"""

from __future__ import annotations

import importlib
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


# Commands defined in their own modules, imported only when run: start-up time is most of a
# warm `scope TASK` and of every prompt-hook call.
LAZY_COMMANDS = {
    "bench": "scoper.cli.bench:bench",
    "clear": "scoper.cli.clear:clear",
    "hook": "scoper.cli.hook:hook",
    "mcp": "scoper.cli.mcp:mcp",
    "onboard": "scoper.cli.onboard:onboard",
    "plan": "scoper.cli.plan:plan",
}


class DefaultGroup(click.Group):
    """A group that runs `task` when the first argument is not a command name."""

    default_command = "task"

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, _, attr = LAZY_COMMANDS[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        known = args[0] in self.commands or args[0] in LAZY_COMMANDS if args else False
        if args and not known and not args[0].startswith("-"):
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
