"""Tiny repositories for the resolver tests: files written to tmp_path, seen as ProjectFiles."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from scoper.graph.languages import ProjectFiles

MakeProject = Callable[[Mapping[str, str]], ProjectFiles]


@pytest.fixture
def make_project(tmp_path: Path) -> MakeProject:
    """Write `{path: text}` under tmp_path and return the project over exactly those files."""

    def make(files: Mapping[str, str]) -> ProjectFiles:
        for path, text in files.items():
            target = tmp_path / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return ProjectFiles(str(tmp_path), frozenset(files))

    return make
