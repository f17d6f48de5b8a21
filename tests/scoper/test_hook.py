from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scoper import hook as hook_module
from scoper.errors import InputError
from scoper.hook import (
    CONFIG_NAME,
    MAX_CONTEXT_CHARS,
    hook_context,
    hook_enabled,
    parse_hook_input,
    run_hook,
    set_hook_enabled,
)
from scoper.scope import ScopeResult
from scoper.select import SelectedFile
from tests.conftest import commit_all

ON = {"SCOPE_HOOK": "1"}


@pytest.fixture
def repo(sample_repo: Callable[[str], Path]) -> Path:
    root = sample_repo("pyshop")
    commit_all(root, "pyshop")
    return root


def _input(repo: Path, prompt: str = "fix the login bug", **extra: Any) -> str:
    return json.dumps(
        {"prompt": prompt, "cwd": str(repo), "hook_event_name": "UserPromptSubmit", **extra}
    )


def test_parse_fills_missing_and_mistyped_fields() -> None:
    hook = parse_hook_input('{"prompt": 3, "session_id": "s1"}')
    assert (hook.prompt, hook.cwd, hook.session_id, hook.event) == (
        "",
        "",
        "s1",
        "UserPromptSubmit",
    )


@pytest.mark.parametrize("raw", ["", "not json", "[1, 2]", '"text"', "{"])
def test_parse_refuses_what_is_not_a_json_object(raw: str) -> None:
    with pytest.raises(InputError):
        parse_hook_input(raw)


@pytest.mark.parametrize(
    ("env", "stored", "expected"),
    [
        ({}, None, False),
        ({}, True, True),
        ({"SCOPE_HOOK": "1"}, None, True),
        ({"SCOPE_HOOK": "off"}, True, False),
        ({"SCOPE_HOOK": "maybe"}, False, False),
    ],
)
def test_enabled_by_env_or_setting(
    tmp_path: Path, env: dict[str, str], stored: bool | None, expected: bool
) -> None:
    if stored is not None:
        set_hook_enabled(str(tmp_path), stored)
    assert hook_enabled(str(tmp_path), env) is expected


def test_setting_keeps_other_keys_and_stays_out_of_git(tmp_path: Path) -> None:
    config = tmp_path / ".scope" / CONFIG_NAME
    config.parent.mkdir()
    config.write_text('{"deny_threshold": 5000}')
    set_hook_enabled(str(tmp_path), True)
    assert json.loads(config.read_text()) == {"deny_threshold": 5000, "hook": True}
    assert (tmp_path / ".scope" / ".gitignore").read_text().strip().endswith("*")


def test_disabled_is_silent_even_on_garbage(repo: Path) -> None:
    assert run_hook(_input(repo), env={}).payload is None
    assert run_hook("garbage", repo=str(repo), env={}).notes == ()


def test_enabled_answers_with_the_scope(repo: Path) -> None:
    outcome = run_hook(_input(repo), env=ON)
    assert outcome.payload is not None
    specific = outcome.payload["hookSpecificOutput"]
    assert specific["hookEventName"] == "UserPromptSubmit"
    assert "pyshop/auth/login.py" in specific["additionalContext"]
    assert len(specific["additionalContext"]) < 10_000


def test_other_events_are_ignored_with_a_note(repo: Path) -> None:
    outcome = run_hook(_input(repo, hook_event_name="SessionStart"), env=ON)
    assert outcome.payload is None
    assert "SessionStart" in outcome.notes[0]


def test_a_slow_scope_is_dropped_at_the_deadline(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def stuck(*args: Any, **kwargs: Any) -> Any:
        release.wait(30)
        raise RuntimeError("released")

    monkeypatch.setattr(hook_module, "open_workspace", stuck)
    try:
        outcome = run_hook(_input(repo), env={**ON, "SCOPE_HOOK_DEADLINE": "0.05"})
    finally:
        release.set()
    assert outcome.payload is None
    assert "no scope within 0.05s" in outcome.notes[0]


def _file(i: int, role: str) -> SelectedFile:
    reasons = (f"mentions 'term{i}' " + "x" * 200, "path matches 'y'", "third reason")
    return SelectedFile(f"pkg/area{i % 7}/module_{i:04d}.py", role, 1.0 / (i + 1), 100 + i, reasons)


def test_context_fits_the_limit_and_says_what_it_left_out() -> None:
    files = tuple(_file(i, ("edit", "context", "test")[i % 3]) for i in range(300))
    result = ScopeResult(
        "fix everything " * 40, "/r", files, (), 1, 2, "m", 0.0, 0.0, 300, 0, 300, 0.0
    )
    text = hook_context(result)
    assert len(text) <= MAX_CONTEXT_CHARS
    assert "more lines left out" in text
    assert "third reason" not in text  # two reasons per file are enough
    assert text == hook_context(result)  # deterministic
    assert text.endswith("(300 files, 1 tokens)")
