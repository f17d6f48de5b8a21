"""The one module that prints: data to stdout, progress and warnings to stderr."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Any

from scoper.focus import describe_focus
from scoper.graph.index import IndexStats
from scoper.scope import ScopeResult
from scoper.select import SelectedFile

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

__all__ = ["Output", "render_scope_markdown"]

# A progress bar appears only for work that has already taken this long.
PROGRESS_DELAY_S = 1.0


class Output:
    """Writes results to stdout and everything else to stderr.

    rich is imported on first use: a `--json` run that warns of nothing never loads it, which
    is a sixth of a warm `scope TASK --json` (and of every prompt-hook call).
    """

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet

    @cached_property
    def out(self) -> Console:
        from rich.console import Console

        return Console(file=sys.stdout, soft_wrap=True, highlight=False)

    @cached_property
    def err(self) -> Console:
        from rich.console import Console

        return Console(file=sys.stderr, highlight=False, soft_wrap=True)

    def warn(self, message: str) -> None:
        from rich.markup import escape

        # Messages carry paths and tasks: `[id].tsx` must print as written, not as a style.
        self.err.print(
            f"[yellow]scope: warning:[/] {escape(message)}", markup=True, highlight=False
        )

    def error(self, message: str) -> None:
        self.err.print(f"scope: error: {message}", markup=False, highlight=False)

    def info(self, message: str) -> None:
        if not self.quiet:
            self.err.print(message, markup=False, highlight=False)

    def text(self, text: str) -> None:
        """Plain text to stdout, exactly as given."""
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()

    def json(self, data: Any) -> None:
        self.text(json.dumps(data, indent=2, ensure_ascii=False))

    @contextmanager
    def progress(self, label: str) -> Iterator[Any]:
        """A (done, total) callback drawing a bar on stderr once work passes one second."""
        started = time.monotonic()
        bar: Progress | None = None
        task_id = None

        def update(done: int, total: int) -> None:
            nonlocal bar, task_id
            if bar is None:
                if self.quiet or time.monotonic() - started < PROGRESS_DELAY_S:
                    return
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    TextColumn,
                    TimeElapsedColumn,
                )

                bar = Progress(
                    TextColumn(label),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeElapsedColumn(),
                    console=self.err,
                    transient=True,
                )
                bar.start()
                task_id = bar.add_task(label, total=total)
            bar.update(task_id, completed=done, total=total)  # type: ignore[arg-type]

        try:
            yield update
        finally:
            if bar is not None:
                bar.stop()

    def scope(self, result: ScopeResult, fmt: str) -> None:
        if fmt == "json":
            self.json(result.to_json())
        elif fmt == "md":
            self.text(render_scope_markdown(result))
        else:
            self._scope_table(result)

    def _scope_table(self, result: ScopeResult) -> None:
        from rich.markup import escape
        from rich.table import Table

        title = f"scope: {escape(result.task)}"
        if not result.files:
            self.out.print(f"{title}\n{NOTHING_MATCHED}", highlight=False)
            self.out.print(_summary(result), markup=False)
            return
        table = Table(title=title, title_justify="left", show_lines=False)
        table.add_column("#", justify="right", style="dim")
        table.add_column("role")
        table.add_column("file", style="bold")
        table.add_column("tokens", justify="right")
        table.add_column("why")
        styles = {"edit": "green", "context": "cyan", "test": "magenta"}
        for i, f in enumerate(result.files, 1):
            role = f"[{styles.get(f.role, 'white')}]{f.role}[/]"
            why = escape("; ".join(f.reasons[:2]))
            if f.focus:
                why += f"\n[dim]read first:[/] {escape(describe_focus(f.focus))}"
            table.add_row(str(i), role, escape(f.path), f"{f.tokens:,}", why)
        self.out.print(table)
        if result.also_consider:
            names = ", ".join(f.path for f in result.also_consider)
            self.out.print(f"[dim]also consider:[/] {escape(names)}")
        self.out.print(_summary(result), markup=False)

    def index_stats(self, stats: IndexStats, total_tokens: int, fmt: str) -> None:
        data = {
            "files": stats.files,
            "parsed": stats.parsed,
            "reused": stats.reused,
            "removed": stats.removed,
            "tokens": total_tokens,
            "binary": stats.binary,
            "secrets": stats.secrets,
            "skipped": {
                "ignored": stats.skipped.ignored,
                "oversized": stats.skipped.oversized,
                "outside_links": stats.skipped.outside_links,
                "unreadable": stats.skipped.unreadable,
            },
            "oversized_files": list(stats.skipped.oversized_paths),
            "seconds": stats.seconds,
            "location": stats.location,
        }
        if fmt == "json":
            self.json(data)
            return
        from rich.markup import escape
        from rich.table import Table

        table = Table(title="scope index", title_justify="left", show_header=False)
        table.add_column("what")
        table.add_column("value", justify="right")
        for key in ("files", "parsed", "reused", "removed", "tokens", "binary", "secrets"):
            table.add_row(key, f"{data[key]:,}")
        for key, value in data["skipped"].items():
            table.add_row(f"skipped ({key.replace('_', ' ')})", f"{value:,}")
        table.add_row("seconds", f"{stats.seconds:.2f}")
        table.add_row("location", escape(stats.location))
        self.out.print(table)


# What an empty scope tells the user: the task's words are in no file.
NOTHING_MATCHED = (
    "No file matches the task's words: name a file or a function, or use the words the code uses."
)


def _summary(result: ScopeResult) -> str:
    pct = 100 * result.ratio
    return (
        f"{len(result.files)} files, {result.scope_tokens:,} tokens "
        f"({pct:.1f}% of the repo's {result.repo_tokens:,}) · {result.model}: "
        f"${result.scope_usd:.4f} to read the scope vs ${result.repo_usd:.2f} for the whole repo"
    )


def render_scope_markdown(result: ScopeResult) -> str:
    """The scope as Markdown: stable, with no timings, so it can go into a prompt."""
    lines = [f"# Scope: {result.task}", ""]
    if not result.files:
        lines.extend([NOTHING_MATCHED, ""])
    for role, title in (("edit", "Edit"), ("context", "Context"), ("test", "Tests")):
        group = [f for f in result.files if f.role == role]
        if group:
            lines.append(f"## {title}")
            lines.extend(_md_line(f) for f in group)
            lines.append("")
    if result.also_consider:
        lines.append("## Also consider")
        lines.extend(f"- {f.path}" for f in result.also_consider)
        lines.append("")
    lines.append(_summary(result))
    return "\n".join(lines)


def _md_line(f: SelectedFile) -> str:
    why = "; ".join(f.reasons[:2])
    line = f"- `{f.path}` ({f.tokens:,} tokens){' — ' + why if why else ''}"
    return f"{line}. Read first: {describe_focus(f.focus)}" if f.focus else line
