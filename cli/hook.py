"""`scope hook`: Claude Code's UserPromptSubmit hook, and the switch that turns it on.

\b
scope hook                 read the hook JSON on stdin, print the scope as additionalContext
scope hook --enable        answer prompts in this repo (stored in .scope/config.json)
scope hook --disable       stay silent again
"""

from __future__ import annotations

import json
import sys

import click

from scoper.errors import ScopeError
from scoper.hook import ENV_ENABLE, hook_enabled, run_hook, set_hook_enabled
from scoper.scope import DEFAULT_BUDGET
from scoper.workspace import find_repo_root

from .options import repo_option
from .output import Output

__all__ = ["hook"]


@click.command()
@repo_option
@click.option("--enable", "switch", flag_value="on", help="Turn the hook on for the repo.")
@click.option("--disable", "switch", flag_value="off", help="Turn the hook off for the repo.")
@click.option("--status", "switch", flag_value="status", help="Say whether the hook is on.")
@click.option(
    "--budget",
    type=click.IntRange(min=1),
    default=DEFAULT_BUDGET,
    show_default=True,
    help="Most tokens the scope may hold.",
)
@click.pass_obj
def hook(out: Output, repo: str | None, switch: str | None, budget: int) -> None:
    """Answer Claude Code's UserPromptSubmit hook (JSON on stdin) with the prompt's scope.

    Silent unless enabled (--enable, or SCOPE_HOOK=1), for prompts that are not tasks, and
    when there is nothing useful to add. Never blocks a prompt: on any error it exits 0
    and notes the error on stderr.
    """
    if switch is not None:
        _switch(out, repo, switch)
        return
    raw = _read_stdin()
    try:
        outcome = run_hook(raw, repo=repo, budget=budget)
    except Exception as exc:  # the hook must never block a prompt: note it and go on
        out.warn(f"hook: {type(exc).__name__}: {exc}" if _is_bug(exc) else f"hook: {exc}")
        return
    for note in outcome.notes:
        out.warn(note)
    if outcome.payload is not None:
        out.text(json.dumps(outcome.payload, ensure_ascii=False, sort_keys=True))


def _switch(out: Output, repo: str | None, switch: str) -> None:
    root = find_repo_root(repo)
    if switch == "status":
        state = "on" if hook_enabled(root) else "off"
        out.text(f"scope hook is {state} for {root}")
        return
    path = set_hook_enabled(root, switch == "on")
    verb = "enabled" if switch == "on" else "disabled"
    out.info(f"scope hook {verb} for {root} ({path}; {ENV_ENABLE}=0/1 overrides it)")


def _read_stdin() -> str:
    """All of stdin as text (undecodable bytes replaced); empty when stdin is a terminal."""
    stream = sys.stdin
    if stream is None or stream.isatty():
        return ""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        return stream.read()
    return buffer.read().decode("utf-8", errors="replace")


def _is_bug(exc: Exception) -> bool:
    """ScopeErrors carry a user-facing message; anything else is named by its type."""
    return not isinstance(exc, ScopeError)
