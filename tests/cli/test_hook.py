"""`scope hook` as Claude Code runs it: JSON on stdin, JSON or nothing on stdout, exit 0."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scoper import hook as hook_module
from tests.conftest import CliResult, commit_all


@pytest.fixture
def repo(sample_repo: Callable[[str], Path]) -> Path:
    root = sample_repo("pyshop")
    commit_all(root, "pyshop")
    return root


@pytest.fixture
def hook(
    run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., CliResult]:
    """Run `scope hook ARGS` with `stdin` (bytes, str or a dict sent as JSON) on stdin."""

    def run(stdin: bytes | str | dict[str, Any], *args: str) -> CliResult:
        if isinstance(stdin, dict):
            stdin = json.dumps(stdin)
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
        return run_cli("hook", *args)

    return run


def _event(repo: Path, prompt: str = "fix the login bug") -> dict[str, Any]:
    return {
        "session_id": "abc",
        "transcript_path": "/nowhere.jsonl",
        "cwd": str(repo),
        "permission_mode": "default",
        "hook_event_name": "UserPromptSubmit",
        "prompt": prompt,
    }


def _context(result: CliResult) -> str:
    assert result.code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["hookSpecificOutput"]["hookEventName"] == "UserPromptSubmit"
    context: str = payload["hookSpecificOutput"]["additionalContext"]
    assert 0 < len(context) < 10_000
    return context


def _silent(result: CliResult) -> None:
    assert (result.code, result.stdout) == (0, "")


def test_off_until_enabled(hook: Callable[..., CliResult], repo: Path) -> None:
    result = hook(_event(repo))
    _silent(result)
    assert result.stderr == ""
    assert not (repo / ".scope" / "config.json").exists()


def test_enable_status_disable(
    hook: Callable[..., CliResult], run_cli: Callable[..., CliResult], repo: Path
) -> None:
    assert run_cli("hook", "--enable", "--repo", str(repo)).code == 0
    assert "is on" in run_cli("hook", "--status", "--repo", str(repo)).stdout
    assert "pyshop/auth/login.py" in _context(hook(_event(repo)))
    assert run_cli("hook", "--disable", "--repo", str(repo)).code == 0
    _silent(hook(_event(repo)))


def test_env_enables_it(
    hook: Callable[..., CliResult], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCOPE_HOOK", "1")
    assert "pyshop/auth/login.py" in _context(hook(_event(repo)))


@pytest.mark.parametrize(
    "prompt",
    [
        "/compact",
        "/scope:scope fix the login bug",
        "!git status",
        "yes",
        "thanks",
        "continue",
        "what did you just do?",
        "",
    ],
)
def test_silent_for_prompts_that_are_not_tasks(
    hook: Callable[..., CliResult], repo: Path, monkeypatch: pytest.MonkeyPatch, prompt: str
) -> None:
    monkeypatch.setenv("SCOPE_HOOK", "1")
    result = hook(_event(repo, prompt))
    _silent(result)
    assert result.stderr == ""


def test_missing_fields_fall_back_to_the_current_folder(
    hook: Callable[..., CliResult], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCOPE_HOOK", "1")
    monkeypatch.chdir(repo / "pyshop")
    _silent(hook({}))
    assert "pyshop/auth/login.py" in _context(hook({"prompt": "fix the login bug"}))


def test_a_megabyte_prompt(
    hook: Callable[..., CliResult], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCOPE_HOOK", "1")
    prompt = "fix the login bug, here is the log:\n" + "Traceback line\n" * 70_000
    assert len(prompt) > 1_000_000
    assert "pyshop/auth/login.py" in _context(hook(_event(repo, prompt)))


@pytest.mark.parametrize(
    "stdin", [b"garbage", b"\xff\xfe\x00 not utf-8", b"[1, 2, 3]", b""], ids=repr
)
def test_garbage_is_noted_never_fatal(
    hook: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch, stdin: bytes
) -> None:
    monkeypatch.setenv("SCOPE_HOOK", "1")
    result = hook(stdin)
    _silent(result)
    assert "hook:" in result.stderr


def test_a_cwd_that_is_not_a_folder_is_noted(
    hook: Callable[..., CliResult], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCOPE_HOOK", "1")
    result = hook(_event(repo / "missing"))
    _silent(result)
    assert "is not a folder" in result.stderr


def test_internal_errors_exit_zero_with_a_note(
    hook: Callable[..., CliResult], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("index exploded [/bold]")

    monkeypatch.setenv("SCOPE_HOOK", "1")
    monkeypatch.setattr(hook_module, "open_workspace", broken)
    result = hook(_event(repo))
    _silent(result)
    assert "RuntimeError: index exploded [/bold]" in result.stderr
