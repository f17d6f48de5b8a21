"""Golden tests of the onboarding guide on the sample repos."""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from scoper.guide_render import area_rules, guide_json, guide_markdown
from scoper.onboard import build_guide, is_entry_point
from scoper.workspace import open_workspace

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


@pytest.mark.parametrize("repo", ["pyshop", "tsrelay"])
def test_guide_matches_the_golden_file(sample_repo: Callable[[str], Path], repo: str) -> None:
    guide = build_guide(open_workspace(str(sample_repo(repo))))
    text = guide_markdown(guide)
    golden = GOLDEN / f"onboard-{repo}.md"
    if os.environ.get("SCOPE_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(True), text.splitlines(True), str(golden), "generated"
        )
    )
    assert not diff, f"guide changed (SCOPE_UPDATE_GOLDEN=1 rewrites it):\n{diff}"


def test_guide_is_byte_identical_across_runs(sample_repo: Callable[[str], Path]) -> None:
    root = str(sample_repo("pyshop"))
    first = guide_markdown(build_guide(open_workspace(root)))
    second = guide_markdown(build_guide(open_workspace(root)))
    assert first == second


def test_guide_content(sample_repo: Callable[[str], Path]) -> None:
    guide = build_guide(open_workspace(str(sample_repo("tsrelay"))))
    data = guide_json(guide)
    assert data["tests"] == {"files": 10, "folders": ["test"], "command": "npm test"}
    assert 3 <= len(data["areas"]) <= 12
    listed = [f["path"] for a in data["areas"] for f in a["central"]]
    assert not [p for p in listed if p.endswith((".env", ".pem"))]
    assert "```mermaid" in guide_markdown(guide)
    json.dumps(data)  # serialisable


def test_rules_have_paths_frontmatter(sample_repo: Callable[[str], Path]) -> None:
    guide = build_guide(open_workspace(str(sample_repo("pyshop"))))
    rules = area_rules(guide)
    assert rules and all(name.startswith("scope-area-") for name in rules)
    for text in rules.values():
        assert text.startswith('---\npaths:\n  - "')
        assert "\n---\n# Area: " in text


@pytest.mark.parametrize(
    ("path", "entry"),
    [
        ("pyshop/__main__.py", True),
        ("cmd/tool/main.go", True),
        ("src/index.ts", True),
        ("config.ru", True),
        ("lib/sinatra/main.rb", True),
        ("exe/jekyll", True),
        ("bin/rails", True),
        ("src/main/java/com/acme/Application.java", True),
        ("src/main.c", True),
        ("pyshop/domain.py", False),
        ("lib/jekyll/site.rb", False),
        ("bin/setup.sh", False),
        ("docs/main.md", False),
    ],
)
def test_entry_points(path: str, entry: bool) -> None:
    assert is_entry_point(path) is entry
