"""What goes into the hints: areas, deny rules (on the pyshop sample) and the block's text."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from scoper.hint_content import area_tokens, deny_rules, large_areas
from scoper.hints import write_scope_hints
from scoper.scope import scope_task
from scoper.workspace import open_workspace


def test_area_tokens_sums_top_level_folders() -> None:
    files = [("a/x.py", 10), ("a/b/y.py", 5), ("README.md", 100), ("c/z.ts", 1)]
    assert area_tokens(files) == {"a": 15, "c": 1}


def test_large_areas_skip_small_ones_and_those_in_scope() -> None:
    areas = {"docs": 30_000, "app": 90_000, "tiny": 10, "data": 30_000}
    found = large_areas(areas, ["app/auth/login.py", "setup.py"], 20_000)
    assert found == (("data", 30_000), ("docs", 30_000))


def test_deny_rules_escape_glob_characters() -> None:
    rules = deny_rules(["we[ir]d*"], ["keys/id_rsa", ".env", ".env"])
    assert rules == ("Read(./we\\[ir\\]d\\*/**)", "Read(./.env)", "Read(./keys/id_rsa)")


def test_pyshop_deny_rules(sample_repo: Callable[[str], Path]) -> None:
    repo = sample_repo("pyshop")
    ws = open_workspace(str(repo))
    result = scope_task(ws, "fix login bug")
    areas = area_tokens((r.path, r.tokens) for r in ws.index.records)
    scoped_areas = {f.path.split("/")[0] for f in (*result.files, *result.also_consider)}
    assert {"pyshop", "tests"} <= scoped_areas
    threshold = 1 + min(t for a, t in areas.items() if a not in scoped_areas)
    smallest = min((t, a) for a, t in areas.items() if a not in scoped_areas)[1]
    write_scope_hints(
        str(repo),
        result,
        deny=True,
        deny_min_tokens=threshold - 1,
        secrets=ws.index.secrets,
        areas=areas,
    )
    deny = json.loads((repo / ".claude" / "settings.local.json").read_text())["permissions"]["deny"]
    assert "Read(./.env)" in deny and "Read(./config/credentials.json)" in deny
    assert f"Read(./{smallest}/**)" in deny
    for area in scoped_areas:
        assert f"Read(./{area}/**)" not in deny
    block = (repo / "CLAUDE.local.md").read_text()
    assert ".env" not in block and "credentials" not in block
    assert "pyshop/auth/login.py" in block


@pytest.mark.parametrize("tokens, denied", [(10, True), (10**9, False)])
def test_threshold_decides_which_areas_are_denied(
    tmp_path: Path, tokens: int, denied: bool
) -> None:
    from tests.scoper.hints.conftest import make_result

    write_scope_hints(
        str(tmp_path), make_result(), deny=True, deny_min_tokens=tokens, areas={"docs": 500}
    )
    text = (tmp_path / ".claude" / "settings.local.json").read_text() if denied else ""
    assert ("Read(./docs/**)" in text) is denied
    assert (tmp_path / ".claude").exists() is denied
