"""End-to-end fixtures: the real Claude Code CLI, a stand-in Messages API, a pyshop copy.

The CLI comes from PATH, else from `<repo>/.e2e-cache/claude-code` (git-ignored), installed
there with npm on first use. Only a machine without node/npm skips these tests.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PROJECT, commit_all
from tests.e2e.standin import StandIn

CACHE = PROJECT / ".e2e-cache" / "claude-code"
PACKAGE = "@anthropic-ai/claude-code"
# npm downloads ~235 MB once per cache folder; later sessions reuse it.
NPM_TIMEOUT_S = 900
# A headless run against the stand-in takes a second or two; this only stops a hung CLI.
CLAUDE_TIMEOUT_S = 180
# Marks what the e2e repo's secret file holds, so a test can look for it in every request.
SECRET_CANARY = "sk-e2e-canary-7f3a9c"

# Keep the CLI offline and quiet: no telemetry, updates, error reports or side traffic.
QUIET_ENV = {
    "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
    "DISABLE_AUTOUPDATER": "1",
    "DISABLE_TELEMETRY": "1",
    "DISABLE_ERROR_REPORTING": "1",
    "CLAUDE_CODE_ENABLE_TELEMETRY": "0",
}


def _runs(binary: str) -> bool:
    try:
        done = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and "Claude Code" in done.stdout


def _install_into_cache() -> str:
    """npm-install the CLI into the cache folder; returns its `claude` binary."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.skip("node/npm not found: the e2e tests install Claude Code with npm")
    CACHE.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [npm, "install", "--prefix", str(CACHE), "--no-audit", "--no-fund", PACKAGE],
        capture_output=True,
        text=True,
        timeout=NPM_TIMEOUT_S,
    )
    if done.returncode != 0:
        pytest.fail(f"npm install {PACKAGE} failed:\n{done.stderr[-3000:]}")
    binary = CACHE / "node_modules" / ".bin" / "claude"
    if not _runs(str(binary)):
        # npm may skip the postinstall that puts the native binary in place; run it.
        package = CACHE / "node_modules" / "@anthropic-ai" / "claude-code"
        subprocess.run(["node", "install.cjs"], cwd=package, capture_output=True, timeout=300)
    if not _runs(str(binary)):
        pytest.fail(f"{binary} does not run after npm install {PACKAGE}")
    return str(binary)


@pytest.fixture(scope="session")
def claude_bin() -> str:
    """The Claude Code CLI: on PATH, in the cache folder, or installed there now."""
    for candidate in (shutil.which("claude"), str(CACHE / "node_modules" / ".bin" / "claude")):
        if candidate and os.path.exists(candidate) and _runs(candidate):
            return candidate
    return _install_into_cache()


@pytest.fixture(scope="session")
def standin() -> Iterator[StandIn]:
    with StandIn() as server:
        yield server


@dataclass(frozen=True)
class ClaudeRun:
    code: int
    result: dict[str, Any]
    stdout: str
    stderr: str


@pytest.fixture
def e2e_repo(sample_repo: Callable[[str], Path]) -> Path:
    """A committed copy of pyshop with a secret `.env` (as real repos have, git-ignored)."""
    repo = sample_repo("pyshop")
    env_file = repo / ".env"
    if not env_file.exists():
        env_file.write_text(f"PAYMENT_API_KEY={SECRET_CANARY}\n", encoding="utf-8")
    else:
        env_file.write_text(env_file.read_text() + f"\nE2E_CANARY={SECRET_CANARY}\n")
    commit_all(repo, "pyshop")
    return repo


def tool_env(home: Path) -> dict[str, str]:
    """The environment for `claude` and `scope`: this venv's bin first (for `scope hook`)."""
    path = os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")])
    env = {**os.environ, **QUIET_ENV, "HOME": str(home), "PATH": path}
    for key in ("ANTHROPIC_AUTH_TOKEN", "CLAUDE_CONFIG_DIR", "SCOPE_HOOK", "SCOPE_RAISE_ERRORS"):
        env.pop(key, None)
    return env


@pytest.fixture
def run_claude(claude_bin: str, standin: StandIn, tmp_path: Path) -> Callable[..., ClaudeRun]:
    """Run `claude -p PROMPT --output-format json [ARGS]` in `cwd` against the stand-in."""
    home = tmp_path / "claude-home"
    home.mkdir()

    def run(prompt: str, cwd: Path, *args: str, env: dict[str, str] | None = None) -> ClaudeRun:
        full_env = {
            **tool_env(home),
            "ANTHROPIC_BASE_URL": standin.base_url,
            "ANTHROPIC_API_KEY": "sk-ant-e2e-any",
            **(env or {}),
        }
        done = subprocess.run(
            [claude_bin, "-p", prompt, "--output-format", "json", *args],
            cwd=cwd,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=CLAUDE_TIMEOUT_S,
        )
        try:
            result = json.loads(done.stdout)
        except ValueError:
            result = {}
        return ClaudeRun(done.returncode, result, done.stdout, done.stderr)

    return run


def run_scope(repo: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed `scope` CLI as a user would, in `repo`."""
    return subprocess.run(
        [sys.executable, "-m", "scoper", *args],
        cwd=repo,
        env=tool_env(home),
        capture_output=True,
        text=True,
        timeout=CLAUDE_TIMEOUT_S,
    )
