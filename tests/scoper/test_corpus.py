from __future__ import annotations

from pathlib import Path

from scoper.corpus import HISTORY_MAX_FILES
from scoper.derived import load_derived
from scoper.workspace import open_workspace
from tests.conftest import commit_all


def _repo_with_history(root: Path) -> Path:
    (root / "app").mkdir()
    for name in ("alpha", "beta", "gamma"):
        (root / "app" / f"{name}.py").write_text(f"def {name}():\n    return 1\n")
    commit_all(root, "Add the app")
    (root / "app" / "beta.py").write_text("def beta():\n    return 2\n")
    commit_all(root, "Change beta")
    # A sweeping commit (a release, a reformat) says nothing about when any one file changed.
    for i in range(HISTORY_MAX_FILES):
        (root / f"gen{i}.txt").write_text(f"{i}\n")
    (root / "app" / "alpha.py").write_text("def alpha():\n    return 3\n")
    commit_all(root, "Regenerate everything")
    return root


def test_commits_ago_counts_from_the_newest_focused_commit(tmp_path: Path) -> None:
    ws = open_workspace(str(_repo_with_history(tmp_path)))
    ago = ws.corpus.commits_ago
    assert ago["app/beta.py"] == 1
    assert ago["app/alpha.py"] == ago["app/gamma.py"] == 2
    assert "gen0.txt" not in ago


def test_commits_ago_survives_the_derived_cache(tmp_path: Path) -> None:
    root = str(_repo_with_history(tmp_path))
    fresh = open_workspace(root)
    assert load_derived(fresh.index, fresh.history) is not None
    assert open_workspace(root).corpus.commits_ago == fresh.corpus.commits_ago


def test_history_paths_that_are_not_ascii_are_real_paths(tmp_path: Path) -> None:
    (tmp_path / "saludo_módulo.py").write_text("def greet():\n    return 1\n")
    commit_all(tmp_path, "Add the greeting")
    (tmp_path / "saludo_módulo.py").write_text("def greet():\n    return 2\n")
    commit_all(tmp_path, "Greet twice")
    ws = open_workspace(str(tmp_path))
    assert ws.corpus.commits_ago == {"saludo_módulo.py": 0}
