"""`scope clear`: remove every hint scope wrote, leaving the user's files as they were."""

from __future__ import annotations

import click

from scoper.hints import clear_hints
from scoper.workspace import find_repo_root

from .hints import render_clear_report
from .options import repo_option
from .output import Output

__all__ = ["clear"]


@click.command()
@repo_option
@click.pass_obj
def clear(out: Output, repo: str | None) -> None:
    """Remove the hints scope wrote (CLAUDE.local.md block, deny rules, rule files).

    Each file goes back to its bytes from before scope touched it, or is removed if scope
    created it; edits you made since are kept. Running it twice is harmless.
    """
    report = clear_hints(find_repo_root(repo))
    out.info(render_clear_report(report))
