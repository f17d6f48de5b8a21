"""JSON parsing of files users write, where nesting too deep for Python's parser is bad input."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["loads", "raw_decode"]

_TOO_DEEP = "nested too deeply"


def loads(text: str, **kwargs: Any) -> Any:
    """`json.loads`, raising JSONDecodeError (never RecursionError) for any unparsable text."""
    try:
        return json.loads(text, **kwargs)
    except RecursionError:
        raise json.JSONDecodeError(_TOO_DEEP, text, 0) from None


def raw_decode(text: str, pos: int) -> tuple[Any, int]:
    """The JSON value starting at `pos` and where it ends, with `loads`' errors."""
    try:
        return json.JSONDecoder().raw_decode(text, pos)
    except RecursionError:
        raise json.JSONDecodeError(_TOO_DEEP, text, pos) from None
