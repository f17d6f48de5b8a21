"""`scope plan` end to end on the bundled TypeScript sample repository."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from scoper.plan_files import PLAN_MARKER

SAMPLES = Path(__file__).resolve().parents[2] / "sample_repos"
TASKS = SAMPLES / "tsrelay.tasks.jsonl"


@pytest.fixture
def relay(sample_repo: Callable[[str], Path], tmp_path: Path) -> tuple[Path, Path]:
    """A copy of tsrelay and a copy of its tasks file."""
    tasks = tmp_path / "tasks.jsonl"
    shutil.copy(TASKS, tasks)
    return sample_repo("tsrelay"), tasks


def test_json_contract(run_cli: Callable[..., object], relay: tuple[Path, Path]) -> None:
    repo, tasks = relay
    result = run_cli("plan", str(tasks), "--repo", str(repo), "--json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    queued = [json.loads(line)["task"] for line in TASKS.read_text().splitlines() if line.strip()]
    assert sorted(data["order"]) == sorted(queued)
    assert {"queue", "planned", "uncached", "api_queue", "api_planned"} == set(data["cost"])
    for cost in data["cost"].values():
        assert {"input", "cache_write", "cache_read", "usd"} <= set(cost)
    for cluster in data["clusters"]:
        assert cluster["tasks"] and isinstance(cluster["warm_context"], list)
    again = run_cli("plan", str(tasks), "--repo", str(repo), "--json")
    assert again.stdout == result.stdout


def test_table_and_markdown(run_cli: Callable[..., object], relay: tuple[Path, Path]) -> None:
    repo, tasks = relay
    table = run_cli("plan", str(tasks), "--repo", str(repo))
    assert table.code == 0
    assert "Cluster 1" in table.stdout and "planned" in table.stdout
    assert "/clear" in table.stdout
    md = run_cli("plan", str(tasks), "--repo", str(repo), "--format", "md")
    assert md.stdout.startswith("# Sprint plan") and "| strategy |" in md.stdout


def test_write_refuses_foreign_files(
    run_cli: Callable[..., object], relay: tuple[Path, Path], tmp_path: Path
) -> None:
    repo, tasks = relay
    plan_md = tmp_path / "PLAN.md"
    first = run_cli("plan", str(tasks), "--repo", str(repo), "--write", str(plan_md))
    assert first.code == 0
    assert plan_md.read_text().startswith(PLAN_MARKER + "\n# Sprint plan")
    again = run_cli("plan", str(tasks), "--repo", str(repo), "--write", str(plan_md))
    assert again.code == 0
    foreign = tmp_path / "NOTES.md"
    foreign.write_text("my notes\n")
    refused = run_cli("plan", str(tasks), "--repo", str(repo), "--write", str(foreign))
    assert refused.code == 1
    assert "not written by scope plan" in refused.stderr
    assert foreign.read_text() == "my notes\n"


def test_export_prefix(
    run_cli: Callable[..., object], relay: tuple[Path, Path], tmp_path: Path
) -> None:
    repo, tasks = relay
    data = json.loads(run_cli("plan", str(tasks), "--repo", str(repo), "--json").stdout)
    warm = [f["path"] for f in data["clusters"][0]["warm_context"]]
    result = run_cli("plan", str(tasks), "--repo", str(repo), "--export-prefix", "1")
    assert result.code == 0
    blocks = json.loads(result.stdout)
    assert [b["text"].splitlines()[0] for b in blocks] == [f"File: {p}" for p in warm]
    assert all(b["type"] == "text" for b in blocks)
    assert blocks[-1]["cache_control"] == {"type": "ephemeral"}
    assert all("cache_control" not in b for b in blocks[:-1])
    assert not any(".env" in b["text"].splitlines()[0] for b in blocks)
    out = tmp_path / "prefix.json"
    args = ("plan", str(tasks), "--repo", str(repo), "--export-prefix", "1", "--export-file")
    assert run_cli(*args, str(out)).code == 0
    assert json.loads(out.read_text()) == blocks


@pytest.mark.parametrize(
    ("content", "extra", "message"),
    [
        ("", (), "no tasks found"),
        ('[\n  "ok",\n  7\n]', (), "line 3: expected a string or an object with a title"),
        ("fix the queue\n", ("--activate", "99"), "--activate 99: the plan has clusters"),
        ("fix the queue\n", ("--model", "gpt-9"), "unknown model"),
        ("!!!\n42\n", (), "none of the 2 tasks has words to search for"),
    ],
)
def test_bad_input_is_a_one_line_error(
    run_cli: Callable[..., object],
    relay: tuple[Path, Path],
    tmp_path: Path,
    content: str,
    extra: tuple[str, ...],
    message: str,
) -> None:
    repo, _ = relay
    path = tmp_path / ("tasks.json" if content.startswith("[") else "tasks.txt")
    path.write_text(content)
    result = run_cli("plan", str(path), "--repo", str(repo), *extra)
    assert result.code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_a_task_without_words_is_skipped_with_a_warning(
    run_cli: Callable[..., object], relay: tuple[Path, Path], tmp_path: Path
) -> None:
    repo, _ = relay
    path = tmp_path / "tasks.txt"
    path.write_text("fix the retry queue\n!!!\nadd a relay timeout\n")
    result = run_cli("plan", str(path), "--repo", str(repo), "--json")
    assert result.code == 0, result.stderr
    assert f"{path}:2: skipped '!!!': no words to search for" in result.stderr
    data = json.loads(result.stdout)
    assert data["skipped"] == [{"task": "!!!", "line": 2, "reason": "no words to search for"}]
    assert len(data["order"]) == 2


def test_missing_file_is_an_error(run_cli: Callable[..., object], tmp_path: Path) -> None:
    result = run_cli("plan", str(tmp_path / "nope.txt"), "--repo", str(tmp_path))
    assert result.code == 1 and "no such file" in result.stderr


def test_activate_writes_one_block_and_clear_restores(
    run_cli: Callable[..., object], relay: tuple[Path, Path]
) -> None:
    repo, tasks = relay
    notes = repo / "CLAUDE.local.md"
    notes.write_bytes(b"# mine\r\nkeep me\r\n")
    assert run_cli("fix the retry backoff", "--repo", str(repo), "--write").code == 0
    result = run_cli("plan", str(tasks), "--repo", str(repo), "--activate", "1")
    assert result.code == 0, result.stderr
    text = notes.read_bytes()
    assert text.startswith(b"# mine\r\nkeep me\r\n")
    assert text.count(b"<!-- scope:begin -->") == 1  # the plan's block replaced the task's
    plan = json.loads(run_cli("plan", str(tasks), "--repo", str(repo), "--json").stdout)
    assert plan["clusters"][0]["tasks"][0].encode() in text
    assert run_cli("clear", "--repo", str(repo)).code == 0
    assert notes.read_bytes() == b"# mine\r\nkeep me\r\n"
