"""Property tests: whatever the user's files hold, write then clear gives back the same bytes."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoper.hints import clear_hints, write_managed_block, write_scope_hints
from scoper.managed_files import BEGIN_MARKER, END_MARKER
from tests.scoper.hints.conftest import make_result

PROPERTY_SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Pieces that stress the block handling: line endings, marker look-alikes, a BOM, unicode.
_TRICKY = st.sampled_from(
    [
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "<!--",
        "-->",
        "<!-- scope:begin",
        "scope:end -->",
        "<!-- scope:end",
        BEGIN_MARKER,
        END_MARKER,
        "\ufeff",
        "# Notes",
        "- item",
        "é ü 漢字 🙂",
    ]
)
_TEXT = st.lists(st.one_of(_TRICKY, st.text(max_size=20)), max_size=12).map("".join)


@st.composite
def user_file(draw: st.DrawFn) -> bytes | None:
    """CLAUDE.local.md as a user might have it: absent, empty, UTF-8 (BOM or not), UTF-16, junk."""
    kind = draw(st.sampled_from(["none", "utf-8", "utf-8-sig", "utf-16", "binary"]))
    if kind == "none":
        return None
    if kind == "binary":
        return draw(st.binary(max_size=200))
    text = draw(_TEXT)
    return text.encode(kind, errors="surrogatepass")


def _repo(tmp: str, content: bytes | None) -> Path:
    root = Path(tmp)
    if content is not None:
        (root / "CLAUDE.local.md").write_bytes(content)
    return root


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


@PROPERTY_SETTINGS
@given(content=user_file(), task=_TEXT.filter(str.strip), again=st.booleans())
def test_write_then_clear_restores_the_bytes(content: bytes | None, task: str, again: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = _repo(tmp, content)
        target = root / "CLAUDE.local.md"
        write_scope_hints(str(root), make_result(task=task))
        written = target.read_bytes()
        assert written.startswith(content or b"")
        if again:  # a second write with other content replaces the block
            write_managed_block(str(root), "## other\n" + task, owner="plan")
        clear_hints(str(root))
        assert _read(target) == content
        assert clear_hints(str(root)).nothing_to_do
        assert _read(target) == content
        assert not (root / ".scope" / "state.json").exists()


@PROPERTY_SETTINGS
@given(content=user_file(), tasks=st.lists(_TEXT.filter(str.strip), min_size=2, max_size=3))
def test_writing_again_keeps_one_block(content: bytes | None, tasks: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = _repo(tmp, content)
        target = root / "CLAUDE.local.md"
        for task in tasks:
            write_scope_hints(str(root), make_result(task=task))
        final = target.read_bytes()
        fresh = Path(tmp) / "fresh"
        fresh.mkdir()
        # The same bytes as a single write of the last task onto the untouched file.
        write_scope_hints(str(_repo(str(fresh), content)), make_result(task=tasks[-1]))
        assert final == (fresh / "CLAUDE.local.md").read_bytes()


@PROPERTY_SETTINGS
@given(content=user_file(), before=_TEXT, after=_TEXT)
def test_clear_keeps_edits_made_outside_the_block(
    content: bytes | None, before: str, after: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = _repo(tmp, content)
        target = root / "CLAUDE.local.md"
        write_scope_hints(str(root), make_result())
        if content is None or content.startswith(b"\xff\xfe") or content.startswith(b"\xfe\xff"):
            return  # edits in another encoding are not meaningful for this check
        head, tail = before.encode(), after.encode()
        target.write_bytes(head + target.read_bytes() + tail)
        clear_hints(str(root))
        assert target.read_bytes() == head + content + tail


# --- settings.local.json ------------------------------------------------------------------

_JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
)
_JSON = st.recursive(
    _JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_RULES = st.sampled_from(["Read(./.env)", "Read(./docs/**)", "Bash(rm:*)", "Read(./big/**)"])


@st.composite
def settings_object(draw: st.DrawFn) -> dict[str, Any]:
    obj: dict[str, Any] = draw(st.dictionaries(st.text(max_size=8), _JSON, max_size=4))
    shape = draw(st.sampled_from(["none", "empty", "allow", "deny"]))
    if shape != "none":
        permissions: dict[str, Any] = {}
        if shape in ("allow", "deny"):
            permissions["allow"] = draw(st.lists(st.text(max_size=8), max_size=2))
        if shape == "deny":
            permissions["deny"] = draw(st.lists(st.one_of(_RULES, st.text(max_size=8)), max_size=4))
        permissions.update(draw(st.dictionaries(st.text(max_size=6), _JSON, max_size=2)))
        obj["permissions"] = permissions
    return obj


@st.composite
def settings_file(draw: st.DrawFn) -> bytes:
    """A valid settings file in one of the ways people and tools format JSON."""
    obj = draw(settings_object())
    indent = draw(st.sampled_from([None, 2, 4, "\t"]))
    text = json.dumps(obj, indent=indent, ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    text += draw(st.sampled_from(["", "\n", "\r\n", "  \n"]))
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return bom + text.encode("utf-8", errors="surrogatepass")


def _deny_of(data: bytes) -> list[Any]:
    obj = json.loads(data.decode("utf-8-sig", errors="surrogatepass"))
    return list(obj.get("permissions", {}).get("deny", []))


@PROPERTY_SETTINGS
@given(original=settings_file(), secrets=st.lists(st.sampled_from([".env", "k.pem"]), max_size=2))
def test_deny_merge_then_clear_restores_the_settings(original: bytes, secrets: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / ".claude").mkdir()
        target = root / ".claude" / "settings.local.json"
        target.write_bytes(original)
        areas = {"big": 50_000, "app": 50_000}
        report = write_scope_hints(
            str(root), make_result(), deny=True, secrets=secrets, areas=areas
        )
        merged = target.read_bytes()
        before, after = _deny_of(original), _deny_of(merged)
        assert after[: len(before)] == before  # the user's rules first, untouched
        assert set(after) == set(before) | set(report.deny_rules)
        assert len(after) - len(before) == len(set(report.deny_rules) - set(before))
        user = json.loads(original.decode("utf-8-sig", errors="surrogatepass"))
        mine = json.loads(merged.decode("utf-8-sig", errors="surrogatepass"))
        assert list(mine)[: len(user)] == list(user)  # key order kept
        assert {k: v for k, v in mine.items() if k != "permissions"} == {
            k: v for k, v in user.items() if k != "permissions"
        }
        write_scope_hints(str(root), make_result(), deny=True, secrets=secrets, areas=areas)
        assert target.read_bytes() == merged  # a second run adds nothing
        clear_hints(str(root))
        assert target.read_bytes() == original
        clear_hints(str(root))
        assert target.read_bytes() == original
        assert (root / ".claude").is_dir()


@PROPERTY_SETTINGS
@given(obj=settings_object(), extra=st.dictionaries(st.text(max_size=6), _JSON, max_size=2))
def test_clear_keeps_settings_the_user_changed_meanwhile(
    obj: dict[str, Any], extra: dict[str, Any]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / ".claude").mkdir()
        target = root / ".claude" / "settings.local.json"
        target.write_text(json.dumps(obj, indent=2))
        write_scope_hints(str(root), make_result(), deny=True, secrets=[".env"])
        edited = json.loads(target.read_text())
        edited.update({f"user-{k}": v for k, v in extra.items()})
        target.write_text(json.dumps(edited, indent=2))
        clear_hints(str(root))
        expected = {**obj, **{f"user-{k}": v for k, v in extra.items()}}
        assert json.loads(target.read_text()) == expected
