"""What a repository says about itself: its name, description and how to run its tests."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import json_text

__all__ = ["ProjectInfo", "describe_project", "detect_test_command"]


@dataclass(frozen=True)
class ProjectInfo:
    name: str
    description: str


def describe_project(root: str) -> ProjectInfo:
    """Name and one-line description from package metadata, else the README's first paragraph."""
    name, description = _pyproject(root)
    if not name:
        name, description = _package_json(root)
    if not name:
        module = re.search(r"(?m)^module\s+(\S+)", _read(root, "go.mod"))
        name = module.group(1) if module else ""
    if not name:
        crate = re.search(r'(?ms)^\[package\].*?^name\s*=\s*"([^"]+)"', _read(root, "Cargo.toml"))
        name = crate.group(1) if crate else ""
    if not description:
        description = _readme_paragraph(root)
    return ProjectInfo(name, description)


def detect_test_command(root: str, tests: Sequence[str]) -> str:
    """The command that runs the tests, from the project's own configuration."""
    package = _json(_read(root, "package.json"))
    scripts = package.get("scripts", {}) if isinstance(package, dict) else {}
    python_tests = any(t.endswith(".py") for t in tests)
    candidates = [
        (
            "pytest",
            python_tests
            and (
                "[tool.pytest" in _read(root, "pyproject.toml")
                or os.path.exists(os.path.join(root, "pytest.ini"))
                or os.path.exists(os.path.join(root, "conftest.py"))
                or "pytest" in _read(root, "pyproject.toml")
            ),
        ),
        ("tox", os.path.exists(os.path.join(root, "tox.ini"))),
        ("npm test", isinstance(scripts, dict) and "test" in scripts),
        ("go test ./...", os.path.exists(os.path.join(root, "go.mod"))),
        ("cargo test", os.path.exists(os.path.join(root, "Cargo.toml"))),
        ("mvn test", os.path.exists(os.path.join(root, "pom.xml"))),
        (
            "gradle test",
            os.path.exists(os.path.join(root, "build.gradle"))
            or os.path.exists(os.path.join(root, "build.gradle.kts")),
        ),
        ("make test", re.search(r"(?m)^test\s*:", _read(root, "Makefile")) is not None),
        ("python -m pytest", python_tests),
    ]
    return next((command for command, found in candidates if found), "")


def _pyproject(root: str) -> tuple[str, str]:
    text = _read(root, "pyproject.toml")
    section = re.search(r"(?ms)^\[(?:project|tool\.poetry)\]\s*$(.*?)(?=^\[|\Z)", text)
    if not section:
        return "", ""
    name = re.search(r'(?m)^name\s*=\s*"([^"]+)"', section.group(1))
    description = re.search(r'(?m)^description\s*=\s*"([^"]*)"', section.group(1))
    return (name.group(1) if name else "", description.group(1) if description else "")


def _package_json(root: str) -> tuple[str, str]:
    data = _json(_read(root, "package.json"))
    if not isinstance(data, dict):
        return "", ""
    return str(data.get("name", "")), str(data.get("description", ""))


def _readme_paragraph(root: str) -> str:
    for name in ("README.md", "README.rst", "README.txt", "README"):
        for block in re.split(r"\n\s*\n", _read(root, name)):
            lines = [ln.strip() for ln in block.strip().splitlines()]
            if lines and not lines[0].startswith(
                ("#", "[!", "<", "![", "```", "=", "-", "|", "..")
            ):
                text = " ".join(lines)
                return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0][:240]
    return ""


def _json(text: str) -> object:
    try:
        return json_text.loads(text) if text else {}
    except ValueError:
        return {}


def _read(root: str, name: str) -> str:
    try:
        with open(os.path.join(root, name), encoding="utf-8", errors="replace") as fh:
            return fh.read(200_000)
    except OSError:
        return ""
