"""Recorded Messages API requests as cache-simulator requests.

Used to check the simulator against what a real client sends: each tool definition, system
block and message content block becomes a `Block` in prefix order (tools → system →
messages), identified by a digest of its canonical JSON without `cache_control` (the marker
does not change the bytes the cache compares), sized by cl100k tokens of that JSON (an
estimate: the API's own tokenizer and framing differ), with a breakpoint wherever the
request put `cache_control`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from .cache_sim import Block, PrefixBuilder, Request
from .tokens import count_tokens

__all__ = ["BILLING_HEADER", "request_from_body"]


# Claude Code's first system block, `x-anthropic-billing-header: cc_version=2.1.197.NNN; …`,
# differs between conversations. Whether the API keeps it in the cached bytes is not visible
# offline, so callers choose; without it, conversations share the rest of the system prompt.
BILLING_HEADER = "x-anthropic-billing-header:"


def request_from_body(
    body: Mapping[str, Any], at: float, ttl: str = "5m", *, billing_header: bool = True
) -> Request:
    """The simulator's view of one recorded `POST /v1/messages` body.

    Args:
        billing_header: keep Claude Code's per-conversation billing header block (the bytes as
            sent); False treats it as metadata outside the cached prefix.
    """
    builder = PrefixBuilder()
    breakpoints = []
    for item in _items(body):
        if not billing_header and _is_billing_header(item):
            continue
        index = builder.append(_block(item))
        if isinstance(item, Mapping) and "cache_control" in item:
            breakpoints.append(index)
    return builder.request(breakpoints, at, ttl)


def _items(body: Mapping[str, Any]) -> list[Any]:
    items: list[Any] = list(body.get("tools") or [])
    system = body.get("system") or []
    items.extend([{"type": "text", "text": system}] if isinstance(system, str) else system)
    for message in body.get("messages") or []:
        content = message.get("content")
        blocks: Sequence[Any] = (
            [{"type": "text", "text": content}] if isinstance(content, str) else content or []
        )
        for block in blocks:
            items.append(
                {**block, "_role": message.get("role")} if isinstance(block, Mapping) else block
            )
    return items


def _is_billing_header(item: Any) -> bool:
    text = item.get("text", "") if isinstance(item, Mapping) else ""
    return isinstance(text, str) and text.startswith(BILLING_HEADER)


def _block(item: Any) -> Block:
    bare = (
        {k: v for k, v in item.items() if k != "cache_control"}
        if isinstance(item, Mapping)
        else item
    )
    text = json.dumps(bare, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return Block(hashlib.sha1(text.encode("utf-8")).hexdigest(), max(1, count_tokens(text)))
