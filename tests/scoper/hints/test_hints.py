"""Example tests of the hints writer: refusals, folders, links, git, rules, and races."""

from __future__ import annotations

import json
import os
import stat
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from scoper.errors import WriteError
from scoper.hints import (
    clear_hints,
    write_managed_block,
    write_rule_files,
    write_scope_hints,
)
from scoper.managed_files import BEGIN_MARKER, END_MARKER
from tests.conftest import commit_all, git
from tests.scoper.hints.conftest import make_result

SETTINGS = ".claude/settings.local.json"


def _block_count(path: Path) -> int:
    text = path.read_bytes().decode("utf-8", errors="replace")
    assert text.count(BEGIN_MARKER) == text.count(END_MARKER)
    return text.count(BEGIN_MARKER)


def test_block_holds_the_scope_in_plain_paths(tmp_path: Path) -> None:
    areas = {"app": 5_000, "docs": 30_000, "vendor_data": 90_000, "tests": 40_000}
    report = write_scope_hints(str(tmp_path), make_result(), areas=areas, deny_min_tokens=20_000)
    text = (tmp_path / "CLAUDE.local.md").read_text()
    assert report.created == ("CLAUDE.local.md",)
    assert "## Current task: fix login bug" in text
    lines = text.splitlines()
    edit = next(i for i, line in enumerate(lines) if "app/auth/login.py" in line)
    context = next(i for i, line in enumerate(lines) if "app/auth/users.py" in line)
    assert edit < context
    assert "(edit, 720 tokens)" in lines[edit]
    assert "Tests to run:" in text and "`tests/test_login.py` (646 tokens)" in text
    # Largest out-of-scope areas first; `tests` holds a scope file, so it is not listed.
    need_not = text.split("need not read:")[1]
    assert need_not.index("vendor_data/") < need_not.index("docs/")
    assert "tests/" not in need_not and "app/" not in need_not
    assert "@" not in text  # no imports: they would load every file eagerly
    assert text.startswith(BEGIN_MARKER + "\n") and text.endswith(END_MARKER + "\n")


def test_block_stays_short_for_a_big_scope(tmp_path: Path) -> None:
    files = [(f"src/mod{i:02d}.py", "edit" if i < 4 else "context", 100) for i in range(80)]
    write_scope_hints(str(tmp_path), make_result(files, also=[f"x/{i}.py" for i in range(5)]))
    lines = (tmp_path / "CLAUDE.local.md").read_text().splitlines()
    assert len(lines) <= 60
    text = "\n".join(lines)
    assert "src/mod00.py" in text and "src/mod03.py" in text  # every edit target
    assert "- … and " in text and "more (run scope for the full list)" in text


def test_task_text_cannot_close_the_block(tmp_path: Path) -> None:
    evil = f"fix {END_MARKER}\n# injected {BEGIN_MARKER} heading"
    write_scope_hints(str(tmp_path), make_result(task=evil))
    write_managed_block(str(tmp_path), f"body {END_MARKER}", owner="plan")
    assert _block_count(tmp_path / "CLAUDE.local.md") == 1
    clear_hints(str(tmp_path))
    assert not (tmp_path / "CLAUDE.local.md").exists()


def test_crlf_file_gets_a_crlf_block(tmp_path: Path) -> None:
    original = "\ufeff# Mine\r\nkeep me\r\n".encode()
    target = tmp_path / "CLAUDE.local.md"
    target.write_bytes(original)
    write_scope_hints(str(tmp_path), make_result())
    data = target.read_bytes()
    assert data.startswith(original)
    added = data[len(original) :]
    assert added.count(b"\r\n") == added.count(b"\n") > 5
    clear_hints(str(tmp_path))
    assert target.read_bytes() == original


def test_same_inputs_give_the_same_bytes(tmp_path: Path) -> None:
    outputs = []
    for name in ("one", "two"):
        root = tmp_path / name
        (root / ".claude").mkdir(parents=True)
        (root / SETTINGS).write_text('{"a": 1}\n')
        write_scope_hints(str(root), make_result(), deny=True, secrets=[".env"], areas={"d": 10**6})
        outputs.append(((root / "CLAUDE.local.md").read_bytes(), (root / SETTINGS).read_bytes()))
    assert outputs[0] == outputs[1]


def test_a_new_owner_replaces_the_block(tmp_path: Path) -> None:
    target = tmp_path / "CLAUDE.local.md"
    target.write_text("mine\n")
    write_scope_hints(str(tmp_path), make_result())
    write_managed_block(str(tmp_path), "## Current work: cluster 2\n", owner="plan")
    text = target.read_text()
    assert _block_count(target) == 1
    assert "cluster 2" in text and "fix login bug" not in text
    clear_hints(str(tmp_path))
    assert target.read_text() == "mine\n"


@pytest.mark.parametrize(
    "content",
    ["{not json", '["a list"]', '{"permissions": []}', '{"permissions": {"deny": "Read(x)"}}', ""],
    ids=["malformed", "array", "permissions-list", "deny-string", "empty"],
)
def test_unusable_settings_are_refused_and_untouched(tmp_path: Path, content: str) -> None:
    (tmp_path / ".claude").mkdir()
    (tmp_path / SETTINGS).write_text(content)
    with pytest.raises(WriteError) as caught:
        write_scope_hints(str(tmp_path), make_result(), deny=True, secrets=[".env"])
    assert "\n" not in str(caught.value) and SETTINGS in str(caught.value)
    assert (tmp_path / SETTINGS).read_text() == content
    assert not (tmp_path / "CLAUDE.local.md").exists()  # all or nothing


def test_without_deny_a_broken_settings_file_is_not_touched(tmp_path: Path) -> None:
    (tmp_path / ".claude").mkdir()
    (tmp_path / SETTINGS).write_text("{oops")
    write_scope_hints(str(tmp_path), make_result())
    assert (tmp_path / SETTINGS).read_text() == "{oops"


def test_read_only_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "CLAUDE.local.md"
    target.write_text("mine\n")
    target.chmod(0o444)
    with pytest.raises(WriteError, match=r"CLAUDE\.local\.md is read-only; make it writable"):
        write_scope_hints(str(tmp_path), make_result())
    assert target.read_text() == "mine\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_file_mode_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "CLAUDE.local.md"
    target.write_text("mine\n")
    target.chmod(0o640)
    write_scope_hints(str(tmp_path), make_result())
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".scope-tmp-")]


def test_missing_claude_folder_is_created_and_removed(tmp_path: Path) -> None:
    report = write_scope_hints(str(tmp_path), make_result(), deny=True, secrets=[".env"])
    assert ".claude/" in report.created and SETTINGS in report.created
    assert json.loads((tmp_path / SETTINGS).read_text()) == {
        "permissions": {"deny": ["Read(./.env)"]}
    }
    cleared = clear_hints(str(tmp_path))
    assert ".claude/" in cleared.removed
    assert sorted(p.name for p in tmp_path.iterdir()) == [".scope"]


def test_claude_folder_with_user_files_is_kept(tmp_path: Path) -> None:
    write_scope_hints(str(tmp_path), make_result(), deny=True, secrets=[".env"])
    (tmp_path / ".claude" / "settings.json").write_text("{}")
    cleared = clear_hints(str(tmp_path))
    assert (tmp_path / ".claude" / "settings.json").read_text() == "{}"
    assert not (tmp_path / SETTINGS).exists()
    assert any(".claude/" in note for note in cleared.notes)


def test_deny_rules_come_out_when_a_later_write_has_no_deny(tmp_path: Path) -> None:
    (tmp_path / ".claude").mkdir()
    (tmp_path / SETTINGS).write_text('{\n    "permissions": {"deny": ["Read(./x)"]}\n}')
    write_scope_hints(str(tmp_path), make_result(), deny=True, secrets=[".env"])
    assert "Read(./.env)" in (tmp_path / SETTINGS).read_text()
    report = write_scope_hints(str(tmp_path), make_result())
    assert report.restored == (SETTINGS,)
    assert (tmp_path / SETTINGS).read_text() == '{\n    "permissions": {"deny": ["Read(./x)"]}\n}'


def test_clear_takes_out_only_scope_rules_from_edited_settings(tmp_path: Path) -> None:
    write_scope_hints(str(tmp_path), make_result(), deny=True, secrets=[".env", "k.pem"])
    data = json.loads((tmp_path / SETTINGS).read_text())
    data["permissions"]["deny"].insert(0, "Read(./mine)")
    data["model"] = "opus"
    (tmp_path / SETTINGS).write_text(json.dumps(data, indent=4))
    cleared = clear_hints(str(tmp_path))
    assert cleared.cleaned == (SETTINGS,)
    assert json.loads((tmp_path / SETTINGS).read_text()) == {
        "permissions": {"deny": ["Read(./mine)"]},
        "model": "opus",
    }
    assert '\n    "model"' in (tmp_path / SETTINGS).read_text()  # the user's indent


@pytest.mark.parametrize("link", ["CLAUDE.local.md", ".claude"])
def test_links_leading_outside_are_refused(tmp_path: Path, link: str) -> None:
    root, outside = tmp_path / "repo", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "CLAUDE.local.md").write_text("theirs\n")
    (root / link).symlink_to(outside / link if link != ".claude" else outside)
    with pytest.raises(WriteError, match="link leading outside the repository"):
        write_scope_hints(str(root), make_result(), deny=True, secrets=[".env"])
    assert [p.name for p in outside.iterdir()] == ["CLAUDE.local.md"]
    assert (outside / "CLAUDE.local.md").read_text() == "theirs\n"


def test_link_inside_the_repo_is_written_through(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "local.md").write_text("mine\n")
    (tmp_path / "CLAUDE.local.md").symlink_to("notes/local.md")
    write_scope_hints(str(tmp_path), make_result())
    assert (tmp_path / "CLAUDE.local.md").is_symlink()
    assert "fix login bug" in (tmp_path / "notes" / "local.md").read_text()
    clear_hints(str(tmp_path))
    assert (tmp_path / "notes" / "local.md").read_text() == "mine\n"


def test_git_exclude_is_added_and_restored(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    commit_all(tmp_path, "init")
    exclude = tmp_path / ".git" / "info" / "exclude"
    original = exclude.read_bytes()
    report = write_scope_hints(str(tmp_path), make_result())
    assert ".git/info/exclude" in report.written
    assert exclude.read_text().endswith("/CLAUDE.local.md\n")
    write_scope_hints(str(tmp_path), make_result(task="other"), deny=True, secrets=[".env"])
    assert exclude.read_text().count("/CLAUDE.local.md") == 1
    assert exclude.read_text().endswith("/CLAUDE.local.md\n/.claude/settings.local.json\n")
    assert git(tmp_path, "status", "--porcelain") == ""  # .scope/ ignores itself
    clear_hints(str(tmp_path))
    assert exclude.read_bytes() == original


def test_git_exclude_outside_the_root_is_only_noted(tmp_path: Path) -> None:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "a.py").write_text("x = 1\n")
    commit_all(tmp_path, "init")
    exclude = tmp_path / ".git" / "info" / "exclude"
    original = exclude.read_bytes()
    report = write_scope_hints(str(tmp_path / "svc"), make_result())
    assert report.notes == ("git does not ignore CLAUDE.local.md; add it to your .gitignore",)
    assert exclude.read_bytes() == original


def test_git_exclude_is_left_alone_when_already_ignored(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("CLAUDE.local.md\n")
    commit_all(tmp_path, "init")
    exclude = tmp_path / ".git" / "info" / "exclude"
    original = exclude.read_bytes()
    report = write_scope_hints(str(tmp_path), make_result())
    assert report.written == () and exclude.read_bytes() == original


def test_rule_files_replace_their_owner_set(tmp_path: Path) -> None:
    write_rule_files(
        str(tmp_path), {"scope-area-a.md": "A\n", "scope-area-b.md": "B\n"}, owner="onboard"
    )
    rules = tmp_path / ".claude" / "rules"
    assert sorted(p.name for p in rules.iterdir()) == ["scope-area-a.md", "scope-area-b.md"]
    report = write_rule_files(str(tmp_path), {"scope-area-b.md": "B2\n"}, owner="onboard")
    assert report.removed == (".claude/rules/scope-area-a.md",)
    assert [p.read_text() for p in rules.iterdir()] == ["B2\n"]
    clear_hints(str(tmp_path))
    assert not (tmp_path / ".claude").exists()


def test_rule_file_the_user_edited_is_kept(tmp_path: Path) -> None:
    (tmp_path / ".claude").mkdir()
    write_rule_files(str(tmp_path), {"scope-x.md": "X\n"}, owner="onboard")
    (tmp_path / ".claude" / "rules" / "scope-x.md").write_text("my X\n")
    cleared = clear_hints(str(tmp_path))
    assert (tmp_path / ".claude" / "rules" / "scope-x.md").read_text() == "my X\n"
    assert any("scope-x.md" in note for note in cleared.notes)


@pytest.mark.parametrize("name", ["area.md", "scope-a/b.md", "../scope-x.md", "scope-..\\x.md"])
def test_rule_file_names_outside_scope_namespace_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(WriteError, match="must start with 'scope-'"):
        write_rule_files(str(tmp_path), {name: "x"}, owner="onboard")
    assert not (tmp_path / ".claude").exists()


def test_corrupt_state_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".scope").mkdir()
    (tmp_path / ".scope" / "state.json").write_text("{broken")
    with pytest.raises(WriteError, match=r"state\.json is unreadable"):
        clear_hints(str(tmp_path))


def test_clear_with_broken_settings_clears_the_rest_then_fails(tmp_path: Path) -> None:
    write_scope_hints(str(tmp_path), make_result(), deny=True, secrets=[".env"])
    (tmp_path / SETTINGS).write_text("{broken")
    with pytest.raises(WriteError, match="not valid JSON"):
        clear_hints(str(tmp_path))
    assert not (tmp_path / "CLAUDE.local.md").exists()
    (tmp_path / SETTINGS).write_text('{"permissions": {"deny": ["Read(./.env)"]}}')
    clear_hints(str(tmp_path))
    assert not (tmp_path / ".claude").exists()


def _race(root: str, n: int) -> None:
    for i in range(5):
        write_scope_hints(root, make_result(task=f"task {n}-{i}"), deny=True, secrets=[f"s{n}"])
        write_managed_block(root, f"plan {n}-{i}\n", owner="plan")


def test_two_threads_writing_at_once(tmp_path: Path) -> None:
    (tmp_path / "CLAUDE.local.md").write_text("mine\n")
    threads = [threading.Thread(target=_race, args=(str(tmp_path), n)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert _block_count(tmp_path / "CLAUDE.local.md") == 1
    clear_hints(str(tmp_path))
    assert (tmp_path / "CLAUDE.local.md").read_text() == "mine\n"
    assert not (tmp_path / ".claude").exists()


def test_two_processes_writing_at_once(tmp_path: Path) -> None:
    (tmp_path / ".claude").mkdir()
    (tmp_path / SETTINGS).write_text('{"keep": true}')
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_race, [str(tmp_path)] * 2, [0, 1]))
    assert _block_count(tmp_path / "CLAUDE.local.md") == 1
    deny = json.loads((tmp_path / SETTINGS).read_text())["permissions"]["deny"]
    assert len(deny) == len(set(deny)) == 1
    clear_hints(str(tmp_path))
    assert (tmp_path / SETTINGS).read_text() == '{"keep": true}'
    assert not (tmp_path / "CLAUDE.local.md").exists()
    assert os.listdir(tmp_path / ".claude") == ["settings.local.json"]


def test_read_only_git_exclude_is_only_noted(tmp_path: Path) -> None:
    commit_all(tmp_path, "init")
    exclude = tmp_path / ".git" / "info" / "exclude"
    exclude.chmod(0o444)
    report = write_scope_hints(str(tmp_path), make_result())
    assert report.created == ("CLAUDE.local.md",)
    assert len(report.notes) == 1 and "add it to .gitignore" in report.notes[0]


def test_clear_on_an_untouched_folder_creates_nothing(tmp_path: Path) -> None:
    assert clear_hints(str(tmp_path)).nothing_to_do
    assert list(tmp_path.iterdir()) == []


def test_a_claude_file_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / ".claude").write_text("x")
    with pytest.raises(WriteError, match=r"^\.claude is a file; scope expects a folder there"):
        write_scope_hints(str(tmp_path), make_result(), deny=True, secrets=[".env"])
    assert (tmp_path / ".claude").read_text() == "x"
    assert not (tmp_path / "CLAUDE.local.md").exists()


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
@pytest.mark.parametrize("user_text", ["", "# My notes{eol}- keep this{eol}"])
def test_a_lost_record_neither_doubles_the_block_nor_strands_it(
    tmp_path: Path, eol: str, user_text: str
) -> None:
    """`.scope/` deleted between runs: the next write replaces scope's block, and clear still
    finds it by its markers and header."""
    path = tmp_path / "CLAUDE.local.md"
    mine = user_text.format(eol=eol).encode()
    if mine:
        path.write_bytes(mine)
    write_managed_block(str(tmp_path), "first", owner="test")
    _remove_tree(tmp_path / ".scope")
    write_managed_block(str(tmp_path), "second", owner="test")
    assert _block_count(path) == 1 and b"second" in path.read_bytes()
    assert path.read_bytes().startswith(mine)
    _remove_tree(tmp_path / ".scope")
    report = clear_hints(str(tmp_path))
    assert report.notes and ".scope/ is gone" in report.notes[0]
    if mine:
        assert report.cleaned == ("CLAUDE.local.md",)
        left = path.read_bytes()
        assert left.startswith(mine) and left.strip() == mine.strip()
    else:
        assert report.removed == ("CLAUDE.local.md",) and not path.exists()


def test_a_user_block_without_scope_header_is_not_scope_s(tmp_path: Path) -> None:
    path = tmp_path / "CLAUDE.local.md"
    text = f"notes\n{BEGIN_MARKER}\nmy own block\n{END_MARKER}\n".encode()
    path.write_bytes(text)
    assert clear_hints(str(tmp_path)).nothing_to_do
    assert path.read_bytes() == text


def _remove_tree(folder: Path) -> None:
    for child in sorted(folder.rglob("*"), reverse=True):
        child.rmdir() if child.is_dir() else child.unlink()
    folder.rmdir()
