from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from scoper.graph.discover import discover, is_secret_path
from scoper.graph.errors import RepoError


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)


def _paths(root: Path, **kwargs: int) -> list[str]:
    return [f.path for f in discover(str(root), **kwargs).files]


def test_gitignore_levels_negation_and_pruned_folders(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            ".gitignore": "*.log\nbuild_out/\n",
            "app/.gitignore": "!keep.log\nlocal_*.py\n",
            "app/main.py": "x = 1\n",
            "app/local_settings.py": "x = 2\n",
            "app/keep.log": "kept by a deeper negation\n",
            "app/debug.log": "ignored\n",
            "build_out/gen.py": "ignored folder\n",
            "other/local_settings.py": "the app rule does not reach here\n",
        },
    )
    assert _paths(tmp_path) == [
        ".gitignore",
        "app/.gitignore",
        "app/keep.log",
        "app/main.py",
        "other/local_settings.py",
    ]


def test_info_exclude_and_scopeignore(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            ".git/info/exclude": "secret_notes.md\n",
            ".scopeignore": "fixtures/\n",
            "secret_notes.md": "x",
            "fixtures/big.py": "x",
            "src/a.py": "x",
        },
    )
    assert _paths(tmp_path) == [".scopeignore", "src/a.py"]


@pytest.mark.parametrize(
    "ignored",
    [
        "node_modules/lib/index.js",
        ".venv/lib/site.py",
        "venv/bin/x.py",
        "dist/app.js",
        "build/lib/a.py",
        "package-lock.json",
        "poetry.lock",
        "static/app.min.js",
        "vendor/github.com/x/y.go",
        "__pycache__/a.cpython-311.pyc",
        "logo.png",
        "target/debug/x.rs",
    ],
)
def test_builtin_defaults(tmp_path: Path, ignored: str) -> None:
    _write(tmp_path, {ignored: "x", "src/keep.py": "x"})
    assert _paths(tmp_path) == ["src/keep.py"]


def test_oversized_files_are_reported(tmp_path: Path) -> None:
    _write(tmp_path, {"big.py": "x" * 2000, "small.py": "x"})
    found = discover(str(tmp_path), max_bytes=1000)
    assert [f.path for f in found.files] == ["small.py"]
    assert found.skipped.oversized == 1 and found.skipped.oversized_paths == ("big.py",)


def test_links_leaving_the_root_and_loops_are_skipped(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    _write(outside, {"secret.py": "x"})
    repo = tmp_path / "repo"
    _write(repo, {"src/a.py": "x"})
    os.symlink(outside / "secret.py", repo / "src" / "link.py")
    os.symlink(repo / "src", repo / "src" / "loop")  # a folder link back into the tree
    os.symlink(repo / "nowhere", repo / "broken.py")
    found = discover(str(repo))
    assert [f.path for f in found.files] == ["src/a.py"]
    assert found.skipped.outside_links == 1
    assert found.skipped.unreadable == 1


@pytest.mark.parametrize(
    ("path", "secret"),
    [
        (".env", True),
        ("config/.env.production", True),
        ("keys/admin.pem", True),
        ("id_rsa", True),
        ("config/credentials.json", True),
        ("secrets.yaml", True),
        (".npmrc", True),
        ("service-account-prod.json", True),
        ("deploy/prod.env", True),
        (".envrc", True),
        (".git-credentials", True),
        ("ssh/id_rsa.bak", True),
        ("ssh/id_ed25519_work", True),
        ("deploy/deploy_key", True),
        ("infra/terraform.tfstate", True),
        ("src/keys.py", False),
        ("src/hotkey.ts", False),
        ("lib/env.d.ts", False),
        ("auth/credentials.py", False),
        ("src/env.py", False),
        ("docs/keys.md", False),
        ("environment.ts", False),
    ],
)
def test_secret_paths(path: str, secret: bool) -> None:
    assert is_secret_path(path) is secret


def test_secrets_are_known_and_flagged(tmp_path: Path) -> None:
    _write(tmp_path, {".env": "KEY=1", "app.py": "x"})
    found = discover(str(tmp_path))
    assert found.secrets == (".env",)


def test_gitignored_secrets_are_still_known(tmp_path: Path) -> None:
    """Claude Code reads ignored files, so the usual gitignored .env needs its deny rule."""
    _write(
        tmp_path,
        {
            ".gitignore": ".env\nlocal/\n*.log\n",
            ".env": "KEY=1",
            "id_rsa": "key",
            "app.log": "noise",
            "local/.env": "KEY=2",  # inside an ignored folder: never walked
            "app.py": "x",
        },
    )
    found = discover(str(tmp_path))
    assert found.secrets == (".env", "id_rsa")
    assert [f.path for f in found.files if not f.secret] == [".gitignore", "app.py"]


def test_names_that_are_not_utf8_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("x")
    (tmp_path / os.fsdecode(b"r\xe9sum\xe9.txt")).write_text("notes")
    found = discover(str(tmp_path))
    assert [f.path for f in found.files] == ["app.py"]
    assert found.skipped.unreadable == 1


@pytest.mark.parametrize("make", ["missing", "file"])
def test_bad_roots(tmp_path: Path, make: str) -> None:
    target = tmp_path / "target"
    if make == "file":
        target.write_text("x")
    with pytest.raises(RepoError, match="target"):
        discover(str(target))


def test_tracked_files_are_kept_even_when_an_ignore_rule_matches(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "packages/lib/.gitignore": "**/package.json\ngenerated/\n",
            "packages/lib/package.json": "{}",
            "packages/lib/generated/keep.py": "x",
            "packages/lib/generated/untracked.py": "x",
            "packages/lib/local/package.json": "{}",
        },
    )
    commit_all_but(
        tmp_path, ["packages/lib/local/package.json", "packages/lib/generated/untracked.py"]
    )
    assert _paths(tmp_path) == [
        "packages/lib/.gitignore",
        "packages/lib/generated/keep.py",
        "packages/lib/package.json",
    ]


def commit_all_but(root: Path, untracked: list[str]) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@e",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@e",
    }
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "add", "-f", "--", "."], check=True, env=env)
    subprocess.run(
        ["git", "-C", str(root), "rm", "-q", "--cached", "--", *untracked], check=True, env=env
    )
    subprocess.run(["git", "-C", str(root), "commit", "-qm", "x"], check=True, env=env)


@pytest.mark.parametrize("folder", ["internal/build", "build", "tools/target"])
def test_tracked_build_named_folders_are_source(tmp_path: Path, folder: str) -> None:
    """Build output is untracked; a folder named like it that git tracks holds source.

    `dist/` stays out even when tracked: what is committed there is bundles.
    """
    _write(tmp_path, {f"{folder}/build.go": "x", "out/build/a.py": "x", "dist/app.js": "x"})
    commit_all_but(tmp_path, ["out/build/a.py"])
    assert _paths(tmp_path) == [f"{folder}/build.go"]
