"""Safe edits of user files: paths that stay inside the repo, atomic writes, managed text blocks.

A managed block is appended to the user's bytes, which are never decoded and re-encoded: the
block is encoded in the file's own encoding (UTF-8, or UTF-16 when the file starts with its
BOM) and uses the file's own line ending, so everything outside it stays byte for byte.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass

from .errors import WriteError

__all__ = [
    "BEGIN_MARKER",
    "BLOCK_HEADER",
    "END_MARKER",
    "TextStyle",
    "append_block",
    "check_writable",
    "ensure_dir",
    "read_bytes",
    "remove_block",
    "remove_file",
    "remove_orphan_block",
    "resolve_inside",
    "text_style",
    "write_atomic",
]

BEGIN_MARKER = "<!-- scope:begin -->"
END_MARKER = "<!-- scope:end -->"
# The first line inside every block scope writes: with the markers, what marks a block as
# scope's when its record in .scope/ is gone.
BLOCK_HEADER = "<!-- written by scope"
# Mode of files scope creates, before the umask: what an editor would create.
NEW_FILE_MODE = 0o666
_UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}


def resolve_inside(root: str, rel: str) -> str:
    """The real path of `root/rel`, refusing any link that leads out of the repository.

    Raises:
        WriteError: `rel` (or a folder on the way) is a link leading outside `root`.
    """
    real_root = os.path.realpath(root)
    real = os.path.realpath(os.path.join(real_root, rel))
    if real != real_root and not real.startswith(real_root + os.sep):
        raise WriteError(
            f"{rel} is a link leading outside the repository ({real}); scope will not write "
            "through it: replace the link with a regular file or folder"
        )
    return real


def _file_in_the_way(display: str) -> WriteError:
    """`.claude` is a file where `.claude/settings.local.json` needs a folder."""
    folder = display.rsplit("/", 1)[0] if "/" in display else display
    return WriteError(f"{folder} is a file; scope expects a folder there (for {display})")


def read_bytes(path: str, display: str) -> bytes | None:
    """The file's bytes, or None when it does not exist."""
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise _file_in_the_way(display) from None
    except IsADirectoryError:
        raise WriteError(f"{display} is a folder; scope expects a file there") from None
    except OSError as exc:
        raise WriteError(f"cannot read {display}: {exc.strerror}") from exc


def check_writable(path: str, display: str) -> int | None:
    """The mode of an existing file (None if new); refuses files marked read-only."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise _file_in_the_way(display) from None
    if not mode & stat.S_IWUSR:
        raise WriteError(
            f"{display} is read-only; make it writable (chmod u+w {display}) and run again"
        )
    return mode


def write_atomic(path: str, data: bytes, display: str) -> None:
    """Replace `path` with `data` via a temp file in the same folder; keeps the file's mode.

    Raises:
        WriteError: the file is read-only or the folder is not writable.
    """
    mode = check_writable(path, display)
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = NEW_FILE_MODE & ~umask
    folder = os.path.dirname(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".scope-tmp-", dir=folder)
    except OSError as exc:
        raise WriteError(f"cannot write {display}: {exc.strerror}; check the folder") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise WriteError(f"cannot write {display}: {exc.strerror}") from exc


def remove_file(path: str, display: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise WriteError(f"cannot remove {display}: {exc.strerror}") from exc


def ensure_dir(root: str, rel: str) -> list[str]:
    """Create `root/rel` (and missing parents); returns the folders created, outermost first."""
    created: list[str] = []
    parts = rel.split("/")
    for depth in range(1, len(parts) + 1):
        sub = "/".join(parts[:depth])
        path = resolve_inside(root, sub)
        if os.path.isdir(path):
            continue
        try:
            os.mkdir(path)
        except OSError as exc:
            raise WriteError(f"cannot create {sub}/: {exc.strerror}") from exc
        created.append(sub)
    return created


@dataclass(frozen=True)
class TextStyle:
    """How a text file is encoded: its codec (no BOM; a BOM stays in the user's bytes) and EOL."""

    codec: str
    eol: str


def text_style(data: bytes | None) -> TextStyle:
    """The encoding and dominant line ending of existing bytes (UTF-8 and LF for a new file)."""
    codec = "utf-8"
    for bom, name in _UTF16_BOMS.items():
        if data and data.startswith(bom) and not data.startswith(b"\xff\xfe\x00\x00"):
            codec = name
    text = (data or b"").decode(codec, errors="replace")
    crlf = text.count("\r\n")
    eol = "\r\n" if crlf and crlf >= text.count("\n") - crlf else "\n"
    return TextStyle(codec, eol)


def _separator(base: bytes, style: TextStyle) -> str:
    """What goes between the user's text and the block: a blank line, as Markdown wants."""
    text = base.decode(style.codec, errors="replace").lstrip("\ufeff")
    if not text:
        return ""
    if text.endswith(("\n\n", "\r\n\r\n")):
        return ""
    return style.eol if text.endswith("\n") else style.eol * 2


def append_block(base: bytes | None, body: str) -> tuple[bytes, bytes]:
    """`base` with a managed block holding `body` appended.

    Returns:
        The new bytes, and the exact bytes appended (separator + block), for later removal.
    """
    style = text_style(base)
    lines = [BEGIN_MARKER, *body.rstrip("\n").split("\n"), END_MARKER]
    block = style.eol.join(line.rstrip("\r") for line in lines) + style.eol
    chunk = (_separator(base or b"", style) + block).encode(style.codec)
    return (base or b"") + chunk, chunk


def remove_block(current: bytes, chunk: bytes) -> bytes | None:
    """`current` without the block scope appended (`chunk`); None if it is no longer there.

    The exact chunk is searched first (the last occurrence: scope appends); if the user edited
    inside the block, the last begin/end marker pair goes, with the separator scope added.
    """
    at = current.rfind(chunk)
    if at >= 0:
        return current[:at] + current[at + len(chunk) :]
    style = text_style(current)
    begin = BEGIN_MARKER.encode(style.codec)
    span = _last_block(current, begin, style)
    if span is None:
        return None
    start, stop = span
    separator = chunk[: chunk.find(begin)] if begin in chunk else b""
    if separator and current[:start].endswith(separator):
        start -= len(separator)
    return current[:start] + current[stop:]


def remove_orphan_block(current: bytes) -> bytes | None:
    """`current` without a block scope wrote whose record is lost (`.scope/` deleted); None
    if there is none. The block goes with its line end; the blank line before it stays, since
    without the record nobody knows whether scope or the user put it there."""
    style = text_style(current)
    begin = (BEGIN_MARKER + style.eol + BLOCK_HEADER).encode(style.codec)
    span = _last_block(current, begin, style)
    if span is None:
        return None
    start, stop = span
    if start and not current[:start].endswith(style.eol.encode(style.codec)):
        return None  # the marker is inside a line of the user's: not a block
    return current[:start] + current[stop:]


def _last_block(current: bytes, begin: bytes, style: TextStyle) -> tuple[int, int] | None:
    """Where the last block opening with `begin` starts, and where it ends (after the end
    marker and its line end); None when there is no such block."""
    start = current.rfind(begin)
    stop = current.find(END_MARKER.encode(style.codec), start) if start >= 0 else -1
    if start < 0 or stop < 0:
        return None
    stop += len(END_MARKER.encode(style.codec))
    eol = style.eol.encode(style.codec)
    return start, stop + len(eol) if current.startswith(eol, stop) else stop
