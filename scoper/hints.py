"""Claude Code hints: the only code in scope that edits user files, and the undo for all of it.

- `CLAUDE.local.md`: one managed block (`<!-- scope:begin -->` … `<!-- scope:end -->`), the
  current task's scope (`write_scope_hints`) or another owner's text (`write_managed_block`).
- `.claude/settings.local.json`: `permissions.deny` `Read(...)` rules (`deny=True`).
- `.claude/rules/scope-*.md`: rule files per owner (`write_rule_files`).
- `.git/info/exclude`: `CLAUDE.local.md`, when nothing ignores it yet.

`.scope/state.json` records what was added; `clear_hints` removes exactly that and leaves
every file byte-identical to what it was before (or keeps the user's later edits). Every
write is atomic, and all of it happens under `.scope/hints.lock`.

Example:
    >>> ws = open_workspace("sample_repos/pyshop")                    # doctest: +SKIP
    >>> write_scope_hints(ws.root, scope_task(ws, "fix login bug"))    # doctest: +SKIP
    WriteReport(written=(), created=('CLAUDE.local.md',), ...)
    >>> clear_hints(ws.root).removed                                   # doctest: +SKIP
    ('CLAUDE.local.md',)
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .errors import WriteError
from .hint_content import (
    DEFAULT_DENY_MIN_TOKENS,
    area_tokens,
    deny_rules,
    large_areas,
    neutralize_markers,
    render_task_block,
)
from .hint_session import HintSession, digest
from .managed_files import (
    BLOCK_HEADER,
    append_block,
    check_writable,
    read_bytes,
    remove_file,
    remove_orphan_block,
    resolve_inside,
    write_atomic,
)
from .scope import ScopeResult
from .settings_json import dump_like, merge_deny, parse_settings, unmerge_deny
from .state import (
    STATE_FILE,
    decode_bytes,
    encode_bytes,
    hints_lock,
    load_state,
    save_state,
)

__all__ = [
    "CLAUDE_LOCAL",
    "DEFAULT_DENY_MIN_TOKENS",
    "RULES_DIR",
    "SETTINGS_LOCAL",
    "ClearReport",
    "WriteReport",
    "area_tokens",
    "clear_hints",
    "write_managed_block",
    "write_rule_files",
    "write_scope_hints",
]

CLAUDE_LOCAL = "CLAUDE.local.md"
CLAUDE_DIR = ".claude"
SETTINGS_LOCAL = ".claude/settings.local.json"
RULES_DIR = ".claude/rules"
RULE_PREFIX = "scope-"
TASK_OWNER = "task"


@dataclass(frozen=True)
class WriteReport:
    """What one write did (repo-relative paths; folders end with `/`)."""

    written: tuple[str, ...] = ()  # existing files changed
    created: tuple[str, ...] = ()  # files and folders scope created
    restored: tuple[str, ...] = ()  # files put back as they were (e.g. deny rules dropped)
    removed: tuple[str, ...] = ()  # files scope had created and no longer needs
    deny_rules: tuple[str, ...] = ()  # the rules scope has in settings.local.json now
    notes: tuple[str, ...] = ()  # things the user should know (nothing failed)


@dataclass(frozen=True)
class ClearReport:
    """What `clear_hints` did (repo-relative paths; folders end with `/`)."""

    restored: tuple[str, ...] = ()  # byte-identical to before scope touched them
    cleaned: tuple[str, ...] = ()  # scope's part removed, the user's later edits kept
    removed: tuple[str, ...] = ()  # files and folders scope had created
    notes: tuple[str, ...] = ()

    @property
    def nothing_to_do(self) -> bool:
        return not (self.restored or self.cleaned or self.removed or self.notes)


def write_scope_hints(
    root: str,
    result: ScopeResult,
    *,
    deny: bool = False,
    deny_min_tokens: int = DEFAULT_DENY_MIN_TOKENS,
    secrets: Sequence[str] = (),
    areas: Mapping[str, int] | None = None,
) -> WriteReport:
    """Write the task's scope into CLAUDE.local.md, and with `deny` its deny rules.

    Args:
        root: the repository root.
        result: the scope to write.
        deny: also write `permissions.deny` rules; without it, rules from an earlier `deny`
            write are taken out again (they belonged to another task's scope).
        deny_min_tokens: a top-level area outside the scope is listed and denied from this size.
        secrets: repo-relative secret files to deny.
        areas: top-level folder → tokens (see `area_tokens`).

    Raises:
        WriteError: a file is read-only, a link leads out of the repo, or the settings file is
            not valid JSON; the file is left untouched.
    """
    scope_paths = [f.path for f in (*result.files, *result.also_consider)]
    outside = large_areas(areas or {}, scope_paths, deny_min_tokens)
    body = render_task_block(result, outside)
    rules = deny_rules([a for a, _ in outside], secrets) if deny else ()
    with hints_lock(root):
        session = HintSession(root, load_state(root))
        settings = deny or SETTINGS_LOCAL in session.files
        targets = [CLAUDE_LOCAL, SETTINGS_LOCAL] if settings else [CLAUDE_LOCAL]
        _preflight(session, targets, check_settings=settings)
        try:
            _write_block(session, body, TASK_OWNER)
            in_force = _write_settings(session, rules)
        finally:
            save_state(root, session.state)
    return _write_report(session, in_force)


def write_managed_block(root: str, body: str, *, owner: str) -> WriteReport:
    """Write `body` as scope's one block in CLAUDE.local.md, replacing any earlier block.

    Raises:
        WriteError: as for `write_scope_hints`.
    """
    with hints_lock(root):
        session = HintSession(root, load_state(root))
        _preflight(session, [CLAUDE_LOCAL], check_settings=False)
        try:
            _write_block(session, neutralize_markers(body), owner)
        finally:
            save_state(root, session.state)
    return _write_report(session, ())


def write_rule_files(root: str, files: Mapping[str, str], *, owner: str) -> WriteReport:
    """Write `.claude/rules/<name>` for each name → text; drop the owner's files not in `files`.

    Raises:
        WriteError: a name does not start with `scope-` or holds a `/`; or as above.
    """
    for name in files:
        if not name.startswith(RULE_PREFIX) or "/" in name or "\\" in name or name in (".", ".."):
            raise WriteError(
                f"rule file name {name!r} must start with {RULE_PREFIX!r} and hold no '/'"
            )
    with hints_lock(root):
        session = HintSession(root, load_state(root))
        try:
            _write_rules(session, files, owner)
        finally:
            save_state(root, session.state)
    return _write_report(session, ())


def clear_hints(root: str) -> ClearReport:
    """Remove everything scope added, as recorded in `.scope/state.json`.

    Raises:
        WriteError: a file cannot be restored (e.g. the settings file is no longer valid
            JSON); everything else is cleared first and the file is left as it is.
    """
    if not os.path.exists(resolve_inside(root, STATE_FILE)):
        return _clear_orphan_block(root)  # do not even create .scope/ for the lock
    with hints_lock(root):
        session = HintSession(root, load_state(root))
        problems: list[str] = []
        try:
            for rel in sorted(session.files):
                try:
                    _clear_one(session, rel)
                except WriteError as exc:
                    problems.append(str(exc))
            _remove_created_dirs(session)
        finally:
            save_state(root, session.state)
    if problems:
        raise WriteError(f"{problems[0]} (the rest was cleared; run scope clear again after)")
    return ClearReport(
        restored=tuple(session.restored),
        cleaned=tuple(session.cleaned),
        removed=tuple(session.removed),
        notes=tuple(session.notes),
    )


def _clear_orphan_block(root: str) -> ClearReport:
    """With no record (`.scope/` deleted), the one thing scope can still know as its own: the
    marked block in CLAUDE.local.md."""
    path = resolve_inside(root, CLAUDE_LOCAL)
    current = read_bytes(path, CLAUDE_LOCAL)
    cleared = remove_orphan_block(current) if current is not None else None
    if cleared is None:
        return ClearReport()
    note = (
        ".scope/ is gone, so only the marked block in CLAUDE.local.md could be found; "
        "rules or deny entries scope wrote before are not known"
    )
    if cleared.strip():
        write_atomic(path, cleared, CLAUDE_LOCAL)
        return ClearReport(cleaned=(CLAUDE_LOCAL,), notes=(note,))
    remove_file(path, CLAUDE_LOCAL)
    return ClearReport(removed=(CLAUDE_LOCAL,), notes=(note,))


def _preflight(session: HintSession, targets: Sequence[str], *, check_settings: bool) -> None:
    """Refuse before changing anything: links out of the repo, read-only files, bad settings.

    So a write either does all of its parts or none (a crash aside).
    """
    for rel in targets:
        check_writable(resolve_inside(session.root, rel), rel)
    if check_settings:
        current = session.read(SETTINGS_LOCAL)
        if current is not None:
            parse_settings(current, SETTINGS_LOCAL)


def _write_report(session: HintSession, deny_in_force: Sequence[str]) -> WriteReport:
    return WriteReport(  # a file touched twice in one write (the git exclude) is listed once
        written=tuple(dict.fromkeys(session.written)),
        created=tuple(dict.fromkeys(session.created)),
        restored=tuple(dict.fromkeys(session.restored)),
        removed=tuple(dict.fromkeys(session.removed)),
        deny_rules=tuple(deny_in_force),
        notes=tuple(session.notes),
    )


def _write_block(session: HintSession, body: str, owner: str) -> None:
    current = session.read(CLAUDE_LOCAL)
    base = session.user_base(CLAUDE_LOCAL, current)
    header = f"{BLOCK_HEADER} ({owner}); `scope clear` removes this block -->\n"
    new, chunk = append_block(base, header + body)
    session.write_chunk(CLAUDE_LOCAL, new, base, chunk, owner=owner)
    session.exclude_from_git(CLAUDE_LOCAL)


def _settings_base(session: HintSession, current: bytes | None) -> tuple[bytes | None, bool]:
    """The user's settings bytes without scope's rules, and whether they are the exact original."""
    entry = session.files.get(SETTINGS_LOCAL)
    if entry is None or current is None:
        return current, True
    if digest(current) == entry["written_sha256"]:
        return decode_bytes(entry["original"]), True
    settings = unmerge_deny(
        parse_settings(current, SETTINGS_LOCAL),
        entry["rules"],
        entry["created_permissions"],
        entry["created_deny"],
    )
    if not settings and entry["original"] is None:
        return None, False
    return dump_like(settings, current), False


def _write_settings(session: HintSession, rules: Sequence[str]) -> tuple[str, ...]:
    """Make settings.local.json hold exactly `rules` from scope; returns the rules in force."""
    if not rules and SETTINGS_LOCAL not in session.files:
        return ()
    session.make_dir(CLAUDE_DIR)
    current = session.read(SETTINGS_LOCAL)
    base, exact = _settings_base(session, current)
    merged = merge_deny(parse_settings(base, SETTINGS_LOCAL) if base else {}, rules)
    if not merged.added:
        session.files.pop(SETTINGS_LOCAL, None)
        session.put(SETTINGS_LOCAL, current, base)
        if base is not None and base != current:
            session.restored.append(SETTINGS_LOCAL)
        return tuple(rules)
    new = dump_like(merged.settings, base if exact else current)
    session.put(SETTINGS_LOCAL, current, new)
    session.exclude_from_git(SETTINGS_LOCAL)
    session.files[SETTINGS_LOCAL] = {
        "kind": "json",
        "original": encode_bytes(base),
        "written_sha256": digest(new),
        "rules": list(merged.added),
        "created_permissions": merged.created_permissions,
        "created_deny": merged.created_deny,
    }
    return tuple(rules)


def _clear_settings(session: HintSession) -> None:
    current = session.read(SETTINGS_LOCAL)
    base, exact = _settings_base(session, current)
    session.files.pop(SETTINGS_LOCAL)
    session.put(SETTINGS_LOCAL, current, base)
    if base is not None and base != current:
        (session.restored if exact else session.cleaned).append(SETTINGS_LOCAL)


def _write_rules(session: HintSession, files: Mapping[str, str], owner: str) -> None:
    wanted = {f"{RULES_DIR}/{name}" for name in files}
    stale = [
        rel
        for rel, entry in session.files.items()
        if entry["kind"] == "file" and entry.get("owner") == owner and rel not in wanted
    ]
    for rel in sorted(stale):
        session.clear_whole(rel)
    if files:
        session.make_dir(RULES_DIR)
    for name in sorted(files):
        session.write_whole(f"{RULES_DIR}/{name}", files[name].encode("utf-8"), owner)


def _clear_one(session: HintSession, rel: str) -> None:
    kind = session.files[rel]["kind"]
    if kind == "json":
        _clear_settings(session)
    elif kind == "file":
        session.clear_whole(rel)
    else:
        session.clear_chunk(rel)


def _remove_created_dirs(session: HintSession) -> None:
    """Remove the folders scope created, deepest first, if nothing else lives in them now.

    A folder still holding a file scope could not clear stays recorded for the next clear.
    """
    kept: list[str] = []
    for rel in sorted(set(session.state["created_dirs"]), key=lambda d: (-d.count("/"), d)):
        try:
            os.rmdir(resolve_inside(session.root, rel))
            session.removed.append(rel + "/")
        except FileNotFoundError:
            pass
        except OSError:
            if any(f.startswith(rel + "/") for f in session.files):
                kept.append(rel)
            else:
                session.notes.append(f"kept {rel}/: it holds files scope did not write")
    session.state["created_dirs"] = sorted(kept)
