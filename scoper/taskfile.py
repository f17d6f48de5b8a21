"""Read a queue of tasks from a text file, a Markdown checklist, JSON or JSON Lines.

Formats, chosen by the file's extension, else by its content:
- text: one task a line; blank lines and `#` comments are skipped.
- Markdown (`.md`, `.markdown`, or any file with a checklist item): open items `- [ ] task`
  (also `*`, `+` and numbered `1.` bullets) are tasks; done items (`[x]`) are skipped, since
  finished work needs no plan; headings and prose are ignored. A Markdown file without a
  checklist takes its plain bullets (`- task`) instead.
- JSON (`.json`, or text starting with `[`): a list of strings, or of objects with a `title`
  (and optional `body`), as `gh issue list --json title,body` exports; `task` is accepted for
  `title`. Objects whose `state` is closed are skipped, like done checklist items.
- JSON Lines (`.jsonl`): one such string or object a line (the sample repos' task files).
`-` reads standard input. Errors name the file and the line.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from typing import Any

from . import json_text
from .errors import InputError

__all__ = ["STDIN_NAME", "QueuedTask", "parse_tasks", "read_tasks"]

# A task body adds words to the query; past this many characters it only adds noise.
MAX_BODY_CHARS = 2_000
STDIN_NAME = "<stdin>"
_CHECK_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[([ xX])\]\s+(.*?)\s*$")
_BULLET_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*?)\s*$")
_EXPECTED = "expected a string or an object with a title"


@dataclass(frozen=True)
class QueuedTask:
    """One task of the queue: its title, an optional body, and the line it came from."""

    title: str
    body: str
    line: int

    @property
    def query(self) -> str:
        """What to scope: the title, with the start of the body for more words."""
        return f"{self.title}\n{self.body[:MAX_BODY_CHARS]}" if self.body else self.title


def read_tasks(path: str) -> tuple[QueuedTask, ...]:
    """Read tasks from `path` (`-` = standard input).

    Raises:
        InputError: unreadable, empty or malformed, with the file name and line.
    """
    name = STDIN_NAME if path == "-" else path
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8-sig") as fh:
                text = fh.read()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file; pass a tasks file or - for stdin") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder; pass a tasks file") from None
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text; save the tasks file as UTF-8") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror}") from None
    return parse_tasks(text, name)


def parse_tasks(text: str, name: str) -> tuple[QueuedTask, ...]:
    """Parse tasks from `text`; `name` is used in errors and to tell the format."""
    ext = os.path.splitext(name)[1].lower()
    stripped = text.lstrip()
    if ext == ".jsonl":
        tasks = _jsonl_tasks(text, name)
    elif ext == ".json" or stripped.startswith(("[", "{")):
        tasks = _json_tasks(text, name)
    elif ext in (".md", ".markdown") or any(_CHECK_RE.match(line) for line in text.splitlines()):
        tasks = _markdown_tasks(text)
    else:
        tasks = _text_tasks(text)
    if not tasks:
        raise InputError(
            f"{name}: no tasks found; write one task a line, a Markdown checklist (- [ ] task) "
            "or a JSON list"
        )
    return tuple(tasks)


def _text_tasks(text: str) -> list[QueuedTask]:
    tasks = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            tasks.append(QueuedTask(line, "", n))
    return tasks


def _markdown_tasks(text: str) -> list[QueuedTask]:
    lines = text.splitlines()
    checks = [(n, _CHECK_RE.match(line)) for n, line in enumerate(lines, 1)]
    if any(match for _, match in checks):
        return [
            QueuedTask(m.group(2), "", n)
            for n, m in checks
            if m and m.group(1) == " " and m.group(2)
        ]
    bullets = [(n, _BULLET_RE.match(line)) for n, line in enumerate(lines, 1)]
    return [QueuedTask(m.group(1), "", n) for n, m in bullets if m and m.group(1)]


def _json_tasks(text: str, name: str) -> list[QueuedTask]:
    pos = _skip_space(text, 0)
    if pos >= len(text) or text[pos] != "[":
        raise InputError(f"{name}: line {_line(text, pos)}: expected a JSON list of tasks")
    pos = _skip_space(text, pos + 1)
    tasks: list[QueuedTask] = []
    while pos < len(text) and text[pos] != "]":
        try:
            value, end = json_text.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}: line {exc.lineno}: invalid JSON: {exc.msg}") from None
        task = _json_task(value, name, _line(text, pos))
        if task is not None:
            tasks.append(task)
        pos = _skip_space(text, end)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_space(text, pos + 1)
        elif pos >= len(text) or text[pos] != "]":
            raise InputError(f"{name}: line {_line(text, pos)}: invalid JSON: expected , or ]")
    if pos >= len(text):
        raise InputError(f"{name}: line {_line(text, pos)}: invalid JSON: the list is not closed")
    if _skip_space(text, pos + 1) < len(text):
        raise InputError(f"{name}: line {_line(text, pos + 1)}: invalid JSON: extra data")
    return tasks


def _jsonl_tasks(text: str, name: str) -> list[QueuedTask]:
    tasks = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json_text.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}: line {n}: invalid JSON: {exc.msg}") from None
        task = _json_task(value, name, n)
        if task is not None:
            tasks.append(task)
    return tasks


def _json_task(value: Any, name: str, line: int) -> QueuedTask | None:
    """A task from one JSON value, None for a closed issue."""
    if isinstance(value, str):
        if not value.strip():
            raise InputError(f"{name}: line {line}: empty task")
        return QueuedTask(value.strip(), "", line)
    if not isinstance(value, dict):
        raise InputError(f"{name}: line {line}: {_EXPECTED}")
    title = value.get("title", value.get("task"))
    body = value.get("body") or ""
    if not isinstance(title, str) or not title.strip() or not isinstance(body, str):
        raise InputError(f"{name}: line {line}: {_EXPECTED}")
    if str(value.get("state", "")).lower() == "closed":
        return None
    return QueuedTask(title.strip(), body.strip(), line)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1
