"""`.scope/state.json`: what scope added to which user file, so `scope clear` removes exactly that.

The state is read and written under an exclusive lock (`.scope/hints.lock`), so two scope
processes writing hints at once take turns instead of interleaving.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import time
from collections.abc import Iterator
from typing import Any

from .errors import WriteError
from .managed_files import resolve_inside, write_atomic

try:  # POSIX; on Windows writers are not serialized (atomic replace still holds).
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "LOCK_TIMEOUT_S",
    "STATE_FILE",
    "STATE_VERSION",
    "decode_bytes",
    "encode_bytes",
    "hints_lock",
    "load_state",
    "save_state",
]

STATE_DIR = ".scope"
STATE_FILE = ".scope/state.json"
LOCK_FILE = ".scope/hints.lock"
STATE_VERSION = 1
# Writing hints takes milliseconds; a lock held this long belongs to a stuck process.
LOCK_TIMEOUT_S = 10.0
# How often a waiting writer retries the lock.
LOCK_POLL_S = 0.02
SCOPE_GITIGNORE = "# scope's index and state; never committed\n*\n"


def encode_bytes(data: bytes | None) -> str | None:
    """Bytes as base64 text for JSON (None stays None: "the file did not exist")."""
    return None if data is None else base64.b64encode(data).decode("ascii")


def decode_bytes(text: str | None) -> bytes | None:
    return None if text is None else base64.b64decode(text.encode("ascii"))


def _ensure_state_dir(root: str) -> str:
    folder = resolve_inside(root, STATE_DIR)
    try:
        os.makedirs(folder, exist_ok=True)
        ignore = os.path.join(folder, ".gitignore")
        if not os.path.exists(ignore):
            with open(ignore, "w", encoding="utf-8") as fh:
                fh.write(SCOPE_GITIGNORE)
    except OSError as exc:
        raise WriteError(
            f"cannot create {STATE_DIR}/ in {root}: {exc.strerror}; make the folder writable"
        ) from exc
    return folder


@contextlib.contextmanager
def hints_lock(root: str) -> Iterator[None]:
    """Hold the hints lock of `root` (waits up to LOCK_TIMEOUT_S).

    Raises:
        WriteError: another process holds the lock for too long, or it cannot be created.
    """
    _ensure_state_dir(root)
    path = resolve_inside(root, LOCK_FILE)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise WriteError(f"cannot open {LOCK_FILE}: {exc.strerror}") from exc
    try:
        _acquire(fd)
        yield
    finally:
        os.close(fd)  # closing releases the flock


def _acquire(fd: int) -> None:
    if fcntl is None:  # pragma: no cover
        return
    deadline = time.monotonic() + LOCK_TIMEOUT_S
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise WriteError(
                    f"another scope process has held {LOCK_FILE} for {LOCK_TIMEOUT_S:.0f} s; "
                    "wait for it to finish and run again"
                ) from None
            time.sleep(LOCK_POLL_S)


def load_state(root: str) -> dict[str, Any]:
    """The recorded state, or an empty one.

    Raises:
        WriteError: the state file is unreadable or not scope's format.
    """
    path = resolve_inside(root, STATE_FILE)
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return _empty_state()
    except (OSError, ValueError) as exc:
        raise WriteError(
            f"{STATE_FILE} is unreadable ({exc}); remove scope's blocks by hand, "
            f"then delete {STATE_FILE}"
        ) from exc
    if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
        raise WriteError(
            f"{STATE_FILE} is not in the format this scope writes (version {STATE_VERSION}); "
            f"remove scope's blocks by hand, then delete {STATE_FILE}"
        )
    data.setdefault("files", {})
    data.setdefault("created_dirs", [])
    return data


def save_state(root: str, state: dict[str, Any]) -> None:
    """Write the state (atomically); an empty state removes the file."""
    path = resolve_inside(root, STATE_FILE)
    if not state["files"] and not state["created_dirs"]:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)
        return
    text = json.dumps(state, indent=2, sort_keys=True, ensure_ascii=True) + "\n"
    write_atomic(path, text.encode("utf-8"), STATE_FILE)


def _empty_state() -> dict[str, Any]:
    return {"version": STATE_VERSION, "files": {}, "created_dirs": []}
