from __future__ import annotations

import pytest

from scoper.errors import InputError
from scoper.graph.index import FileRecord
from scoper.graph.model import FileFacts
from scoper.repo_map import MAP_FILE_LIMIT, build_repo_map


def _record(path: str, tokens: int = 10, doc: str = "") -> FileRecord:
    return FileRecord(path, tokens * 4, tokens, FileFacts(path, "python", doc=doc), {})


RECORDS = [
    _record("app/auth/login.py", 30, "Login and logout.\n\nMore detail."),
    _record("app/auth/users.py", 20),
    _record("app/billing.py", 5, "x" * 300),
    _record("README.md", 7, "\n\n  The shop.  \n"),
]


def test_groups_files_by_folder_in_path_order() -> None:
    data = build_repo_map("/r", reversed(RECORDS)).to_json()
    assert (data["files"], data["tokens"]) == (4, 62)
    assert [f["folder"] for f in data["folders"]] == [".", "app", "app/auth"]
    auth = data["folders"][2]
    assert (auth["files"], auth["tokens"]) == (2, 50)
    assert auth["entries"][0] == {
        "path": "app/auth/login.py",
        "tokens": 30,
        "doc": "Login and logout.",
    }
    assert data["folders"][0]["entries"][0]["doc"] == "The shop."
    assert len(data["folders"][1]["entries"][0]["doc"]) == 120


@pytest.mark.parametrize("path", ["app/auth", "./app/auth/", "app/auth/login.py"])
def test_maps_a_subtree(path: str) -> None:
    data = build_repo_map("/r", RECORDS, path).to_json()
    assert data["path"] == "app/auth" or data["path"] == "app/auth/login.py"
    assert {e["path"] for f in data["folders"] for e in f["entries"]} <= {
        "app/auth/login.py",
        "app/auth/users.py",
    }


@pytest.mark.parametrize("path", ["nope", "../etc", "/etc", "app/au"])
def test_refuses_paths_with_nothing_indexed(path: str) -> None:
    with pytest.raises(InputError):
        build_repo_map("/r", RECORDS, path)


def test_large_repos_list_folders_only() -> None:
    many = [_record(f"pkg{i % 3}/m{i}.py") for i in range(MAP_FILE_LIMIT + 1)]
    data = build_repo_map("/r", many).to_json()
    assert "note" in data
    assert all("entries" not in f for f in data["folders"])
    assert sum(f["files"] for f in data["folders"]) == MAP_FILE_LIMIT + 1
