"""`scope TASK`: the JSON contract, output formats, determinism and bad input."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]
Repo = Callable[[str], Path]
Maker = Callable[[Path], None]


def test_json_contract(run_cli: Cli, sample_repo: Repo) -> None:
    repo = sample_repo("pyshop")
    result = run_cli("fix login bug", "--repo", str(repo), "--json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["task"] == "fix login bug"
    assert data["repo"] == str(repo)
    first = data["files"][0]
    assert set(first) == {"path", "role", "score", "tokens", "reasons", "focus"}
    assert first["focus"] == []  # the sample's files are too small to need one
    assert "/" in first["path"] and not first["path"].startswith("/")
    assert data["tokens"]["scope"] == sum(f["tokens"] for f in data["files"])
    assert data["tokens"]["repo"] > data["tokens"]["scope"] > 0
    assert data["tokens"]["ratio"] == round(data["tokens"]["scope"] / data["tokens"]["repo"], 4)
    assert data["cost"]["model"] == "claude-sonnet-4-5"
    assert data["cost"]["repo_usd"] > data["cost"]["scope_usd"] > 0
    assert set(data["index"]) == {"files", "parsed", "reused", "seconds"}
    scores = [f["score"] for f in data["files"] if f["role"] != "test"]
    assert scores == sorted(scores, reverse=True)


def test_second_run_reparses_nothing_and_gives_the_same_scope(
    run_cli: Cli, sample_repo: Repo
) -> None:
    repo = str(sample_repo("pyshop"))
    first = json.loads(run_cli("refund an invoice", "--repo", repo, "--json").stdout)
    second = json.loads(run_cli("refund an invoice", "--repo", repo, "--json").stdout)
    assert first["index"]["parsed"] > 0 and second["index"]["parsed"] == 0
    for key in ("files", "also_consider", "tokens", "cost"):
        assert first[key] == second[key]


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_bracketed_paths_print_as_written(run_cli: Cli, tmp_path: Path, fmt: str) -> None:
    """Next.js routes (`[id]`, `[...slug]`) are file names, not rich markup."""
    for route in ("app/[id]/page.tsx", "app/[...slug]/page.tsx"):
        page = tmp_path / route
        page.parent.mkdir(parents=True)
        page.write_text("export function RefundPage() { return 'refund the invoice' }\n")
    result = run_cli("refund the invoice [id] page", "--repo", str(tmp_path), "--format", fmt)
    assert result.code == 0, result.stderr
    assert "app/[id]/page.tsx" in result.stdout
    assert "app/[...slug]/page.tsx" in result.stdout
    assert "refund the invoice [id] page" in result.stdout


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_human_formats(run_cli: Cli, sample_repo: Repo, fmt: str) -> None:
    repo = str(sample_repo("pyshop"))
    result = run_cli("fix login bug", "--repo", repo, "--format", fmt)
    assert result.code == 0
    assert "pyshop/auth/login.py" in result.stdout
    assert "claude-sonnet-4-5" in result.stdout


@pytest.mark.parametrize("fmt", ["table", "md"])
@pytest.mark.parametrize("task", ["исправить ошибку входа", "quetzalcoatl xylophone"])
def test_a_task_no_file_matches_says_so(
    run_cli: Cli, sample_repo: Repo, fmt: str, task: str
) -> None:
    result = run_cli(task, "--repo", str(sample_repo("pyshop")), "--format", fmt)
    assert result.code == 0
    assert task in result.stdout
    assert "No file matches the task's words" in result.stdout
    assert "0 files, 0 tokens" in result.stdout


def test_markdown_is_byte_identical_across_runs(run_cli: Cli, sample_repo: Repo) -> None:
    repo = str(sample_repo("tsrelay"))
    outputs = {run_cli("retry backoff", "--repo", repo, "--format", "md").stdout for _ in range(2)}
    assert len(outputs) == 1


def test_default_command_and_explicit_task_agree(run_cli: Cli, sample_repo: Repo) -> None:
    repo = str(sample_repo("pyshop"))
    implicit = json.loads(run_cli("fix login bug", "--repo", repo, "--json").stdout)
    explicit = json.loads(run_cli("task", "fix login bug", "--repo", repo, "--json").stdout)
    assert implicit["files"] == explicit["files"]


def test_model_and_budget(run_cli: Cli, sample_repo: Repo) -> None:
    repo = str(sample_repo("pyshop"))
    data = json.loads(
        run_cli("checkout", "--repo", repo, "--model", "haiku", "--budget", "3000", "--json").stdout
    )
    assert data["cost"]["model"] == "claude-haiku-4-5"
    assert data["tokens"]["scope"] <= 3000


def _binaries_only(root: Path) -> None:
    for i in range(3):
        (root / f"blob{i}.bin").write_bytes(b"\0\1\2" * 50)


def _big_file(root: Path) -> None:
    (root / "huge.py").write_bytes(b"x = 1\n" * (50 * 1024 * 1024 // 6))
    (root / "small.py").write_text("def login():\n    pass\n")


def _symlink_loop(root: Path) -> None:
    (root / "a").mkdir()
    (root / "a" / "login.py").write_text("def login():\n    pass\n")
    os.symlink(root / "a", root / "a" / "loop")
    os.symlink(root / "x", root / "y")
    os.symlink(root / "y", root / "x")


def _non_utf8_and_syntax_errors(root: Path) -> None:
    (root / "latin.py").write_bytes("def login():\n    return 'caf\xe9'\n".encode("latin-1"))
    (root / "broken.py").write_text("def login(:\n")


@pytest.mark.parametrize(
    ("make", "code", "message"),
    [
        (None, 0, ""),  # an empty folder scopes to nothing
        (_binaries_only, 0, ""),
        (_big_file, 0, ""),
        (_symlink_loop, 0, ""),
        (_non_utf8_and_syntax_errors, 0, ""),
    ],
)
def test_awkward_repositories_degrade_gracefully(
    run_cli: Cli, tmp_path: Path, make: Maker | None, code: int, message: str
) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    if make:
        make(root)
    result = run_cli("fix login bug", "--repo", str(root), "--json")
    assert result.code == code, result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert all(not f["path"].endswith((".bin", "huge.py")) for f in data["files"])


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["fix login bug", "--repo", "/definitely/not/here"], 1, "does not exist"),
        (["fix login bug", "--repo", "{file}"], 1, "is not a folder"),
        (["", "--repo", "{repo}"], 1, "the task is empty"),
        (["   ", "--repo", "{repo}"], 1, "the task is empty"),
        (["!!! ???", "--repo", "{repo}"], 1, "no words to search for"),
        (["fix login", "--repo", "{repo}", "--model", "gpt-9"], 1, "unknown model"),
        (["fix login", "--repo", "{repo}", "--budget", "0"], 2, "budget"),
        (["fix login", "--repo", "{repo}", "--format", "xml"], 2, "format"),
    ],
)
def test_bad_input_gets_a_one_line_error(
    run_cli: Cli, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "a.py").write_text("def login():\n    pass\n")
    filled = [a.format(file=tmp_path / "file.txt", repo=tmp_path / "repo") for a in args]
    result = run_cli(*filled)
    assert result.code == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    if code == 1:
        assert len(result.stderr.strip().splitlines()) == 1


def test_a_ten_thousand_character_task_is_handled(run_cli: Cli, sample_repo: Repo) -> None:
    repo = str(sample_repo("pyshop"))
    task = ("the login form rejects valid passwords after a session expires " * 160)[:10_000]
    result = run_cli(task, "--repo", repo, "--json")
    assert result.code == 0
    assert json.loads(result.stdout)["files"]
