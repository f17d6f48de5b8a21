"""Task files: text, Markdown checklists, JSON and JSON Lines; errors name the line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from scoper.errors import InputError
from scoper.taskfile import parse_tasks, read_tasks


def _titles(text: str, name: str) -> list[str]:
    return [t.title for t in parse_tasks(text, name)]


@pytest.mark.parametrize(
    ("name", "text", "titles"),
    [
        ("tasks.txt", "fix login\n\n# a comment\n  add retries  \n", ["fix login", "add retries"]),
        (
            "todo.md",
            "# Sprint\n\nSome prose.\n- [ ] fix login\n- [x] done already\n* [ ] add retries\n"
            "1. [ ] numbered\n- plain bullet\n",
            ["fix login", "add retries", "numbered"],
        ),
        ("notes.md", "# Ideas\n- fix login\n* add retries\n", ["fix login", "add retries"]),
        ("tasks.txt", "intro\n- [ ] fix login\n", ["fix login"]),
        ("tasks.json", '["fix login", "add retries"]', ["fix login", "add retries"]),
        (
            "issues.json",
            '[{"title": "fix login", "body": "on Safari"}, {"title": "old", "state": "CLOSED"}]',
            ["fix login"],
        ),
        (
            "queue.jsonl",
            '{"task": "fix login", "kind": "bug"}\n\n"add retries"\n',
            ["fix login", "add retries"],
        ),
        ("-", ' ["from stdin"]', ["from stdin"]),
    ],
)
def test_formats(name: str, text: str, titles: list[str]) -> None:
    assert _titles(text, name) == titles


def test_body_joins_the_query_and_lines_are_recorded() -> None:
    tasks = parse_tasks('[\n  "a",\n  {"title": "b", "body": "more words"}\n]', "t.json")
    assert [(t.title, t.line) for t in tasks] == [("a", 2), ("b", 3)]
    assert tasks[1].query == "b\nmore words"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("tasks.txt", "\n# only a comment\n", "tasks.txt: no tasks found"),
        ("tasks.md", "- [x] all done\n", "tasks.md: no tasks found"),
        ("tasks.json", '[\n  "ok",\n  42\n]', "tasks.json: line 3: expected a string or an object"),
        ("tasks.json", '[\n  {"body": "no title"}\n]', "tasks.json: line 2: expected a string"),
        ("tasks.json", '[\n  "ok",\n  "unterminated\n]', "tasks.json: line 3: invalid JSON"),
        ("tasks.json", '[\n  "ok"\n  "missing comma"\n]', "tasks.json: line 3: invalid JSON"),
        ("tasks.json", '{"title": "not a list"}', "tasks.json: line 1: expected a JSON list"),
        ("tasks.json", '["ok"', "tasks.json: line 1: invalid JSON"),
        ("q.jsonl", '"ok"\n{"title": 3}\n', "q.jsonl: line 2: expected a string"),
        ("q.jsonl", '"ok"\n{oops\n', "q.jsonl: line 2: invalid JSON"),
        ("tasks.json", "[" * 100_000, "tasks.json: line 1: invalid JSON: nested too deeply"),
        ("q.jsonl", '"ok"\n' + "[" * 100_000, "q.jsonl: line 2: invalid JSON: nested too deeply"),
    ],
)
def test_errors_name_the_file_and_line(name: str, text: str, message: str) -> None:
    with pytest.raises(InputError, match="^" + message.replace("[", r"\[")):
        parse_tasks(text, name)


def test_read_from_files_and_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tasks.txt"
    path.write_text("fix login\n", encoding="utf-8")
    assert [t.title for t in read_tasks(str(path))] == ["fix login"]
    monkeypatch.setattr("sys.stdin", io.StringIO("- [ ] from stdin\n"))
    assert [t.title for t in read_tasks("-")] == ["from stdin"]


def test_unreadable_files_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_tasks(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="is a folder"):
        read_tasks(str(tmp_path))
    binary = tmp_path / "tasks.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(InputError, match="UTF-8"):
        read_tasks(str(binary))
