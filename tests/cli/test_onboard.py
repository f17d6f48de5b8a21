"""`scope onboard` through the CLI: --out, --json, --rules and scope clear."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any


def test_out_json_rules_and_clear(
    run_cli: Callable[..., Any], sample_repo: Callable[[str], Path]
) -> None:
    repo = sample_repo("pyshop")
    out = repo.parent / "ONBOARDING.md"
    result = run_cli("onboard", "--repo", str(repo), "--out", str(out))
    assert result.code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Onboarding: pyshop")
    data = json.loads(run_cli("onboard", "--repo", str(repo), "--json").stdout)
    assert data["name"] == "pyshop" and data["areas"]
    assert run_cli("onboard", "--repo", str(repo), "--rules").code == 0
    rules = sorted((repo / ".claude" / "rules").glob("scope-area-*.md"))
    assert len(rules) == len(data["areas"])
    assert run_cli("clear", "--repo", str(repo)).code == 0
    assert not (repo / ".claude").exists()


def test_bad_repo(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    result = run_cli("onboard", "--repo", str(tmp_path / "missing"))
    assert result.code == 1 and "does not exist" in result.stderr
