"""`scope TASK --write/--deny` and `scope clear` through the CLI, on a copy of pyshop."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult, commit_all

SETTINGS = ".claude/settings.local.json"
Cli = Callable[..., CliResult]


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every file's bytes under `root`, by relative path, leaving out scope's own `.scope/`."""
    found: dict[str, bytes] = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".scope"]
        for name in names:
            path = Path(folder) / name
            found[str(path.relative_to(root))] = path.read_bytes()
        if not names and not dirs:
            found[str(Path(folder).relative_to(root)) + "/"] = b""
    return found


@pytest.fixture
def pyshop(sample_repo: Callable[[str], Path]) -> Path:
    repo = sample_repo("pyshop")
    commit_all(repo, "init")
    return repo


def test_write_deny_then_clear_leaves_the_repo_as_it_was(pyshop: Path, run_cli: Cli) -> None:
    (pyshop / "CLAUDE.local.md").write_bytes(b"# my notes\r\nno trailing newline")
    before = _snapshot(pyshop)

    done = run_cli("fix login bug", "--repo", str(pyshop), "--write", "--deny", "--format", "md")
    assert done.code == 0, done.stderr
    assert "hints: created .claude/" in done.stderr
    assert "CLAUDE.local.md" in done.stderr and "Read(./.env)" in done.stderr
    block = (pyshop / "CLAUDE.local.md").read_text()
    assert "pyshop/auth/login.py" in block
    deny = json.loads((pyshop / SETTINGS).read_text())["permissions"]["deny"]
    assert {"Read(./.env)", "Read(./config/credentials.json)"} <= set(deny)
    assert _snapshot(pyshop) != before

    cleared = run_cli("clear", "--repo", str(pyshop))
    assert cleared.code == 0, cleared.stderr
    assert "removed" in cleared.stderr and cleared.stdout == ""
    assert _snapshot(pyshop) == before

    again = run_cli("clear", "--repo", str(pyshop))
    assert again.code == 0 and "nothing to remove" in again.stderr
    assert _snapshot(pyshop) == before


def test_write_does_not_change_stdout(pyshop: Path, run_cli: Cli) -> None:
    plain = run_cli("fix login bug", "--repo", str(pyshop), "--format", "md")
    written = run_cli("fix login bug", "--repo", str(pyshop), "--format", "md", "--write")
    assert plain.code == written.code == 0
    assert written.stdout == plain.stdout
    assert "undo with `scope clear`" in written.stderr
    quiet = run_cli("-q", "fix login bug", "--repo", str(pyshop), "--write")
    assert quiet.stderr == ""


def test_deny_min_tokens_option(pyshop: Path, run_cli: Cli) -> None:
    low = run_cli("fix login bug", "--repo", str(pyshop), "--deny", "--deny-min-tokens", "1")
    assert low.code == 0, low.stderr
    deny = json.loads((pyshop / SETTINGS).read_text())["permissions"]["deny"]
    assert "Read(./scripts/**)" in deny and "Read(./pyshop/**)" not in deny
    high = run_cli(
        "fix login bug", "--repo", str(pyshop), "--deny", "--deny-min-tokens", "10000000"
    )
    assert high.code == 0
    deny = json.loads((pyshop / SETTINGS).read_text())["permissions"]["deny"]
    assert not [r for r in deny if r.endswith("/**)")]
    bad = run_cli("fix login bug", "--repo", str(pyshop), "--deny-min-tokens", "0")
    assert bad.code == 2


def test_malformed_settings_fail_in_one_line(pyshop: Path, run_cli: Cli) -> None:
    (pyshop / ".claude").mkdir()
    (pyshop / SETTINGS).write_text('{"permissions": {"deny": [}')
    done = run_cli("fix login bug", "--repo", str(pyshop), "--deny")
    assert done.code == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("scope: error:")]
    assert len(errors) == 1 and SETTINGS in errors[0] and "not valid JSON" in errors[0]
    assert "Traceback" not in done.stderr
    assert (pyshop / SETTINGS).read_text() == '{"permissions": {"deny": [}'
    assert not (pyshop / "CLAUDE.local.md").exists()


def test_read_only_hints_file_fails_in_one_line(pyshop: Path, run_cli: Cli) -> None:
    (pyshop / "CLAUDE.local.md").write_text("mine\n")
    (pyshop / "CLAUDE.local.md").chmod(0o444)
    done = run_cli("fix login bug", "--repo", str(pyshop), "--write")
    assert done.code == 1
    assert "scope: error: CLAUDE.local.md is read-only; make it writable" in done.stderr
    assert (pyshop / "CLAUDE.local.md").read_text() == "mine\n"


def test_clear_on_a_missing_repo_is_a_user_error(tmp_path: Path, run_cli: Cli) -> None:
    done = run_cli("clear", "--repo", str(tmp_path / "nope"))
    assert done.code == 1 and "does not exist" in done.stderr
