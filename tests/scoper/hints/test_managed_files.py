"""The managed block on raw bytes: appending, and taking it out again after user edits."""

from __future__ import annotations

import pytest

from scoper.managed_files import BEGIN_MARKER, END_MARKER, append_block, remove_block, text_style


@pytest.mark.parametrize(
    "data, codec, eol",
    [
        (None, "utf-8", "\n"),
        (b"a\r\nb\r\n", "utf-8", "\r\n"),
        (b"a\nb\r\nc\n", "utf-8", "\n"),
        ("x\r\n".encode("utf-16"), "utf-16-le", "\r\n"),
    ],
)
def test_text_style(data: bytes | None, codec: str, eol: str) -> None:
    style = text_style(data)
    assert (style.codec, style.eol) == (codec, eol)


def test_utf16_file_gets_a_utf16_block() -> None:
    base = "notes\n".encode("utf-16")
    new, chunk = append_block(base, "hello é")
    assert new.startswith(base)
    assert BEGIN_MARKER in new.decode("utf-16") and "hello é" in new.decode("utf-16")
    assert remove_block(new, chunk) == base


def test_block_edited_inside_is_still_found_by_its_markers() -> None:
    base = b"# mine\nno newline"
    new, chunk = append_block(base, "line one\nline two")
    edited = new.replace(b"line two", b"the user changed this") + b"after\n"
    assert remove_block(edited, chunk) == base + b"after\n"


def test_a_block_the_user_deleted_is_not_found() -> None:
    assert remove_block(b"nothing here\n", b"\n" + BEGIN_MARKER.encode()) is None
    assert remove_block(END_MARKER.encode() + b"\n", b"x") is None
