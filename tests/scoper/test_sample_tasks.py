"""Golden tests: every task in the sample repos' tasks files scopes to the files it must."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoper.scope import scope_task
from scoper.workspace import Workspace, open_workspace

SAMPLES = Path(__file__).resolve().parents[2] / "sample_repos"


# Tasks whose scope misses a must-include file today, each with why. Strict: a task that
# starts passing fails here until it is taken off the list.
KNOWN_MISSES: dict[str, str] = {}


def _tasks() -> list[object]:
    found = []
    for tasks_file in sorted(SAMPLES.glob("*.tasks.jsonl")):
        repo = tasks_file.name.removesuffix(".tasks.jsonl")
        for line in tasks_file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                marks = []
                if item["task"] in KNOWN_MISSES:
                    marks.append(pytest.mark.xfail(reason=KNOWN_MISSES[item["task"]], strict=True))
                found.append(
                    pytest.param(repo, item["task"], tuple(item["must_include"]), marks=marks)
                )
    return found


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Workspace]:
    import shutil

    opened = {}
    for folder in sorted(p for p in SAMPLES.iterdir() if p.is_dir()):
        copy = tmp_path_factory.mktemp("samples") / folder.name
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(".scope"))
        opened[folder.name] = open_workspace(str(copy))
    return opened


@pytest.mark.parametrize(("repo", "task", "must_include"), _tasks())
def test_scope_contains_the_files_the_task_needs(
    workspaces: dict[str, Workspace], repo: str, task: str, must_include: tuple[str, ...]
) -> None:
    result = scope_task(workspaces[repo], task)
    paths = [f.path for f in result.files]
    missing = [p for p in must_include if p not in paths]
    assert not missing, f"{task!r}: missing {missing}; scope was {paths}"


def test_fix_login_bug_lists_login_files_first(workspaces: dict[str, Workspace]) -> None:
    result = scope_task(workspaces["pyshop"], "fix login bug")
    assert result.files[0].path == "pyshop/auth/login.py"
    assert result.files[0].role == "edit"
    assert any("login" in reason for reason in result.files[0].reasons)


def test_secrets_never_appear(workspaces: dict[str, Workspace]) -> None:
    for repo, ws in workspaces.items():
        result = scope_task(ws, "signing secret key credentials env config")
        listed = [f.path for f in (*result.files, *result.also_consider)]
        assert not [p for p in listed if p.endswith((".env", ".pem", "credentials.json"))], repo
