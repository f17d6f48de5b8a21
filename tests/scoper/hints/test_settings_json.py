"""Parsing, merging and re-serializing settings.local.json."""

from __future__ import annotations

import json

import pytest

from scoper.errors import WriteError
from scoper.settings_json import dump_like, merge_deny, parse_settings, unmerge_deny


@pytest.mark.parametrize(
    "data",
    [
        b'{"a": 1, "a": 2}',
        b'{"a": NaN}',
        b'{"a": 1e400}',
        b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b"\xff\xfe{}",
        b"[]",
        b'{"permissions": {"deny": {}}}',
    ],
    ids=["duplicate-key", "nan", "overflow", "too-deep", "not-utf8", "array", "deny-object"],
)
def test_unusable_json_is_refused_in_one_line(data: bytes) -> None:
    with pytest.raises(WriteError) as caught:
        parse_settings(data, "s.json")
    assert "\n" not in str(caught.value) and "untouched" in str(caught.value)


def test_merge_appends_missing_rules_once() -> None:
    merged = merge_deny({"permissions": {"deny": ["B"], "allow": []}, "z": 1}, ["A", "B", "A"])
    assert merged.added == ("A",)
    assert merged.settings == {"permissions": {"deny": ["B", "A"], "allow": []}, "z": 1}
    assert not merged.created_permissions and not merged.created_deny


def test_unmerge_drops_only_what_scope_created() -> None:
    merged = merge_deny({"x": 1}, ["A"])
    assert merged.created_permissions and merged.created_deny
    back = unmerge_deny(merged.settings, merged.added, True, True)
    assert back == {"x": 1}
    kept = unmerge_deny({"permissions": {"deny": ["A"], "ask": []}}, ["A"], True, True)
    assert kept == {"permissions": {"ask": []}}


def test_dump_copies_the_original_style() -> None:
    original = b'\xef\xbb\xbf{\r\n\t"a": "\xc3\xa9"\r\n}'
    out = dump_like({"a": "é", "b": [1]}, original)
    assert out.startswith(b'\xef\xbb\xbf{\r\n\t"a"') and not out.endswith(b"\n")
    assert json.loads(out.decode("utf-8-sig")) == {"a": "é", "b": [1]}
    assert dump_like({}, None) == b"{}\n"
