"""The UserPromptSubmit hook: the scope of a prompt as `additionalContext` for Claude Code.

Claude Code runs `scope hook` with the hook's JSON on stdin (`prompt`, `cwd`, `session_id`,
`hook_event_name`…) and injects the `additionalContext` of the JSON printed on stdout into the
conversation. The hook must never block a prompt, so `run_hook` returns either a payload or
nothing plus a note for stderr; it is off until enabled, since it adds tokens to every prompt.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from scoper.graph.index import index_location

from . import json_text
from .errors import InputError, WriteError
from .focus import describe_focus
from .prompt_filter import CLASSIFY_CHARS, classify_prompt
from .scope import DEFAULT_BUDGET, ScopeResult, scope_task
from .select import SelectedFile
from .workspace import open_workspace

__all__ = [
    "CONFIG_NAME",
    "DEADLINE_S",
    "ENV_DEADLINE",
    "ENV_ENABLE",
    "HOOK_EVENT",
    "MAX_CONTEXT_CHARS",
    "HookInput",
    "HookOutcome",
    "hook_context",
    "hook_enabled",
    "parse_hook_input",
    "repo_root_for",
    "run_hook",
    "set_hook_enabled",
]

HOOK_EVENT = "UserPromptSubmit"
# Claude Code moves additionalContext over 10,000 characters to a file; stay under it.
MAX_CONTEXT_CHARS = 9_000
# Claude Code gives a UserPromptSubmit hook 30 s; a scope that takes longer than this is
# dropped (the prompt goes on without it) so the user never waits on a cold index.
DEADLINE_S = 10.0
# Overrides DEADLINE_S (seconds, a float).
ENV_DEADLINE = "SCOPE_HOOK_DEADLINE"
# "1"/"true"/"on" enables the hook for every repo, "0"/"false"/"off" disables it; unset:
# the repo's setting decides.
ENV_ENABLE = "SCOPE_HOOK"
# The repo's setting, beside the index in `.scope/` (which git ignores).
CONFIG_NAME = "config.json"
# Reasons shown per file: the strongest two say why; more only costs tokens.
REASONS_PER_FILE = 2
# The task is echoed back in the header; a pasted log must not fill the context with itself.
TASK_ECHO_CHARS = 200

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True)
class HookInput:
    """The fields of the hook's stdin JSON that scope uses; missing ones are empty."""

    prompt: str
    cwd: str
    session_id: str
    event: str


@dataclass(frozen=True)
class HookOutcome:
    """What the hook prints: a payload for stdout (or None: silence) and notes for stderr."""

    payload: dict[str, Any] | None
    notes: tuple[str, ...] = field(default_factory=tuple)


def parse_hook_input(raw: str) -> HookInput:
    """Read the hook's stdin JSON; absent or mistyped fields become empty strings.

    Raises:
        InputError: stdin is not a JSON object.
    """
    try:
        data = json_text.loads(raw)
    except ValueError as exc:
        raise InputError(f"input is not JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise InputError("input is not a JSON object")

    def text(key: str) -> str:
        value = data.get(key)
        return value if isinstance(value, str) else ""

    return HookInput(
        prompt=text("prompt"),
        cwd=text("cwd"),
        session_id=text("session_id"),
        event=text("hook_event_name") or HOOK_EVENT,
    )


def repo_root_for(folder: str) -> str:
    """The git root above `folder`, else `folder` itself.

    Raises:
        InputError: `folder` is not an existing folder.
    """
    if not os.path.isdir(folder):
        raise InputError(f"cwd {folder!r} is not a folder")
    try:
        done = subprocess.run(
            ["git", "-C", folder, "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return os.path.abspath(folder)
    root = done.stdout.strip()
    return root if done.returncode == 0 and root else os.path.abspath(folder)


def hook_enabled(root: str, env: Mapping[str, str] | None = None) -> bool:
    """Whether the hook answers in `root`: SCOPE_HOOK if set, else `.scope/config.json`."""
    switch = _env_switch(env if env is not None else os.environ)
    if switch is not None:
        return switch
    return _read_config(os.path.join(root, ".scope", CONFIG_NAME)).get("hook") is True


def set_hook_enabled(root: str, enabled: bool) -> str:
    """Store the setting in `<root>/.scope/config.json`, keeping its other keys; returns the path.

    Raises:
        WriteError: the repo has no writable `.scope/` folder.
    """
    folder = os.path.dirname(index_location(root))
    if os.path.realpath(folder) != os.path.realpath(os.path.join(root, ".scope")):
        raise WriteError(
            f"cannot write {root}/.scope/{CONFIG_NAME} (read-only repo?); "
            f"set {ENV_ENABLE}=1 in the environment instead"
        )
    path = os.path.join(folder, CONFIG_NAME)
    config = _read_config(path)
    config["hook"] = enabled
    _write_atomic(path, json.dumps(config, indent=2, sort_keys=True) + "\n")
    return path


def run_hook(
    raw: str,
    *,
    repo: str | None = None,
    budget: int = DEFAULT_BUDGET,
    env: Mapping[str, str] | None = None,
) -> HookOutcome:
    """Answer one hook call: a payload with the prompt's scope, or silence.

    Raises:
        ScopeError: unusable input or repo while enabled (the CLI notes it and exits 0).
    """
    env = env if env is not None else os.environ
    found = _enabled_call(raw, repo, env)
    if found is None:
        return HookOutcome(None)
    hook, root = found
    if hook.event != HOOK_EVENT:
        return HookOutcome(None, (f"ignoring event {hook.event!r}",))
    if not classify_prompt(hook.prompt).is_task:
        return HookOutcome(None)
    deadline = _deadline(env)
    try:
        result = _scope_with_deadline(root, hook.prompt[:CLASSIFY_CHARS], budget, deadline)
    except InputError:  # nothing in the prompt to rank by: nothing useful to add
        return HookOutcome(None)
    if result is None:
        note = f"no scope within {deadline:g}s; run `scope index` to warm the index"
        return HookOutcome(None, (note,))
    if not result.files:
        return HookOutcome(None)
    context = hook_context(result)
    payload = {"hookSpecificOutput": {"hookEventName": HOOK_EVENT, "additionalContext": context}}
    return HookOutcome(payload)


def _enabled_call(
    raw: str, repo: str | None, env: Mapping[str, str]
) -> tuple[HookInput, str] | None:
    """The parsed input and repo root when the hook is on there; None (silence) when off.

    Whether it is on is decided first, so a disabled hook stays silent even on garbage.

    Raises:
        InputError: the hook is on but its input or cwd is unusable.
    """
    switch = _env_switch(env)
    if switch is False:
        return None
    try:
        hook: HookInput | None = parse_hook_input(raw)
        problem: InputError | None = None
    except InputError as exc:
        hook, problem = None, exc
    folder = repo or (hook.cwd if hook else "") or os.getcwd()
    if switch is None and not os.path.isdir(folder):
        return None  # no repo there, so no setting that could enable the hook
    root = repo_root_for(folder)
    if switch is None and not hook_enabled(root, env):
        return None
    if hook is None:
        raise problem or InputError("hook input is unusable")
    return hook, root


def hook_context(result: ScopeResult, limit: int = MAX_CONTEXT_CHARS) -> str:
    """The scope as plain text for the model: files by role with reasons, under `limit`."""
    task = result.task if len(result.task) <= TASK_ECHO_CHARS else result.task[:TASK_ECHO_CHARS]
    header = [
        f"scope: the files this task most likely needs (ranked from the repo's index for "
        f"{json.dumps(task, ensure_ascii=False)}). Read these first; widen only if they "
        f"are not enough.",
    ]
    body: list[str] = []
    for role, title in (("edit", "Edit"), ("context", "Context"), ("test", "Tests")):
        group = [f for f in result.files if f.role == role]
        if group:
            body.append(f"{title}:")
            body.extend(_file_line(f) for f in group)
    if result.also_consider:
        body.append("Also consider: " + ", ".join(f.path for f in result.also_consider))
    count = len(result.files)
    footer = f"({count} file{'' if count == 1 else 's'}, {result.scope_tokens:,} tokens)"
    return _fit([*header, *body], footer, limit)


def _file_line(f: SelectedFile) -> str:
    why = "; ".join(f.reasons[:REASONS_PER_FILE])
    line = f"- {f.path} ({f.tokens:,} tokens){': ' + why if why else ''}"
    return f"{line}. Read first: {describe_focus(f.focus)}" if f.focus else line


def _fit(lines: list[str], footer: str, limit: int) -> str:
    """Join `lines` and `footer`, dropping lines from the end (and saying so) to fit `limit`."""
    kept = list(lines)
    dropped = 0
    while kept:
        tail = [f"… {dropped} more lines left out"] if dropped else []
        text = "\n".join([*kept, *tail, footer])
        if len(text) <= limit:
            return text
        kept.pop()
        dropped += 1
    return footer[:limit]


def _scope_with_deadline(root: str, task: str, budget: int, deadline: float) -> ScopeResult | None:
    """Scope `task` in a worker thread; None if it has not finished within `deadline` seconds.

    The worker is a daemon thread: when the CLI exits it is dropped, and the index's SQLite
    transactions keep the database consistent.
    """
    results: list[ScopeResult] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            ws = open_workspace(root, warn=lambda _message: None)
            results.append(scope_task(ws, task, budget=budget))
        except BaseException as exc:  # handed back to the caller's thread below
            errors.append(exc)

    worker = threading.Thread(target=work, name="scope-hook", daemon=True)
    worker.start()
    worker.join(deadline)
    if errors:
        raise errors[0]
    return results[0] if results else None


def _env_switch(env: Mapping[str, str]) -> bool | None:
    """SCOPE_HOOK as a switch: True, False, or None when unset or unrecognised."""
    value = env.get(ENV_ENABLE, "").strip().lower()
    if value in _TRUE:
        return True
    return False if value in _FALSE else None


def _deadline(env: Mapping[str, str]) -> float:
    raw = env.get(ENV_DEADLINE, "")
    try:
        value = float(raw) if raw else DEADLINE_S
    except ValueError:
        return DEADLINE_S
    return max(0.0, value)


def _read_config(path: str) -> dict[str, Any]:
    """The JSON object in `path`, or {} when it is missing or unreadable."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json_text.loads(fh.read())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_atomic(path: str, text: str) -> None:
    folder = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise WriteError(f"cannot write {path}: {exc.strerror}") from exc
