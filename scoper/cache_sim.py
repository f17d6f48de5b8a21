"""Anthropic's prompt cache, simulated at the level of requests and blocks.

The rules (claude-code reference §6, API prompt-caching docs):
- An entry is written only at a `cache_control` breakpoint, and only when the prefix ending
  there holds at least the model's minimum cacheable length; shorter prefixes are silently
  uncached. A request has at most 4 breakpoints.
- A request reads the longest valid entry that is a byte-identical prefix of it, checking at
  most `LOOKBACK_BLOCKS` block boundaries from each of its breakpoints (the breakpoint itself
  is the first one checked).
- An entry lives for its TTL (5 min or 1 h) and every hit refreshes it. The entries at the
  request's own breakpoints inside the prefix it read are refreshed too (they were just read).
- Billing: tokens read from the cache cost 0.1× input; tokens written cost 1.25× (5 min) or
  2× (1 h); the tokens after the last written breakpoint are plain input.

Blocks are identified by content (an id and a token length), never by text: two blocks with
the same id are the same bytes. Prefix identity is a chained digest of the block ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .prices import MILLION, ModelPrice

__all__ = [
    "LOOKBACK_BLOCKS",
    "MAX_BREAKPOINTS",
    "TTL_SECONDS",
    "Block",
    "CacheSim",
    "PrefixBuilder",
    "Request",
    "Usage",
    "prefix_key",
    "usage_usd",
]

# The API checks this many block boundaries per breakpoint, the breakpoint's own included.
LOOKBACK_BLOCKS = 20
# The API rejects requests with more cache_control breakpoints than this.
MAX_BREAKPOINTS = 4
# The two TTLs the API offers, in seconds.
TTL_SECONDS = {"5m": 300.0, "1h": 3600.0}
_ROOT_KEY = b""


@dataclass(frozen=True)
class Block:
    """One content block: `id` stands for its exact bytes, `tokens` for its length."""

    id: str
    tokens: int


def prefix_key(previous: bytes, block: Block) -> bytes:
    """The identity of a prefix: the digest of the previous prefix and the next block."""
    return hashlib.blake2b(previous + block.id.encode("utf-8"), digest_size=16).digest()


@dataclass(frozen=True)
class Request:
    """One Messages API request: its blocks, which carry breakpoints, when it is sent.

    `keys[i]` and `cum[i]` are the identity and token length of the prefix ending at block i;
    build requests with `Request.of` or a `PrefixBuilder`, which compute them.
    """

    blocks: tuple[Block, ...]
    breakpoints: tuple[int, ...]
    at: float
    ttl: str
    keys: tuple[bytes, ...]
    cum: tuple[int, ...]

    @classmethod
    def of(
        cls, blocks: Sequence[Block], breakpoints: Iterable[int], at: float, ttl: str = "5m"
    ) -> Request:
        builder = PrefixBuilder()
        for block in blocks:
            builder.append(block)
        return builder.request(breakpoints, at, ttl)

    @property
    def tokens(self) -> int:
        return self.cum[-1] if self.cum else 0


class PrefixBuilder:
    """A growing list of blocks whose prefix keys are computed once, as blocks are appended."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.keys: list[bytes] = []
        self.cum: list[int] = []

    def append(self, block: Block) -> int:
        """Add a block; returns its index."""
        previous = self.keys[-1] if self.keys else _ROOT_KEY
        self.keys.append(prefix_key(previous, block))
        self.cum.append((self.cum[-1] if self.cum else 0) + block.tokens)
        self.blocks.append(block)
        return len(self.blocks) - 1

    def copy(self) -> PrefixBuilder:
        other = PrefixBuilder()
        other.blocks, other.keys, other.cum = list(self.blocks), list(self.keys), list(self.cum)
        return other

    @property
    def tokens(self) -> int:
        return self.cum[-1] if self.cum else 0

    def request(self, breakpoints: Iterable[int], at: float, ttl: str = "5m") -> Request:
        """A request of the blocks so far with breakpoints at the given block indices."""
        points = tuple(sorted(set(breakpoints)))
        if len(points) > MAX_BREAKPOINTS:
            raise ValueError(f"{len(points)} breakpoints; the API allows {MAX_BREAKPOINTS}")
        if points and not 0 <= points[0] <= points[-1] < len(self.blocks):
            raise ValueError(f"breakpoint outside the request's {len(self.blocks)} blocks")
        if ttl not in TTL_SECONDS:
            raise ValueError(f"ttl {ttl!r}; choose one of {', '.join(TTL_SECONDS)}")
        return Request(tuple(self.blocks), points, at, ttl, tuple(self.keys), tuple(self.cum))


@dataclass(frozen=True)
class Usage:
    """Input-side tokens of one or more requests, split the way the API bills them."""

    input: int = 0
    cache_write_5m: int = 0
    cache_write_1h: int = 0
    cache_read: int = 0
    requests: int = 0

    @property
    def cache_write(self) -> int:
        return self.cache_write_5m + self.cache_write_1h

    @property
    def total(self) -> int:
        return self.input + self.cache_write + self.cache_read

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.input + other.input,
            self.cache_write_5m + other.cache_write_5m,
            self.cache_write_1h + other.cache_write_1h,
            self.cache_read + other.cache_read,
            self.requests + other.requests,
        )


def usage_usd(usage: Usage, price: ModelPrice) -> float:
    """What the input side of `usage` costs at `price`."""
    return (
        usage.input * price.input
        + usage.cache_write_5m * price.cache_write_5m
        + usage.cache_write_1h * price.cache_write_1h
        + usage.cache_read * price.cache_read
    ) / MILLION


@dataclass
class _Entry:
    expires: float
    ttl: str


@dataclass
class CacheSim:
    """The cache of one organization and model: send it requests in time order.

    Args:
        min_cacheable: the model's minimum cacheable prefix length in tokens
            (`ModelPrice.min_cacheable`).
        enabled: False prices every token as plain input (caching disabled).
    """

    min_cacheable: int
    enabled: bool = True
    entries: dict[bytes, _Entry] = field(default_factory=dict)

    def copy(self) -> CacheSim:
        """An independent cache in the same state (to try alternatives)."""
        entries = {key: _Entry(e.expires, e.ttl) for key, e in self.entries.items()}
        return CacheSim(self.min_cacheable, self.enabled, entries)

    def send(self, request: Request) -> Usage:
        """Process one request: read the longest cached prefix, write at its breakpoints."""
        if not self.enabled or not request.blocks:
            return Usage(input=request.tokens, requests=1)
        now = request.at
        hit = self._longest_hit(request, now)
        read = request.cum[hit] if hit >= 0 else 0
        expires = now + TTL_SECONDS[request.ttl]
        last_written = -1
        for point in request.breakpoints:
            key = request.keys[point]
            if point <= hit:
                entry = self.entries.get(key)
                if entry is not None and entry.expires > now:
                    entry.expires = max(entry.expires, now + TTL_SECONDS[entry.ttl])
            elif request.cum[point] >= self.min_cacheable:
                self.entries[key] = _Entry(expires, request.ttl)
                last_written = point
        if hit >= 0:
            entry = self.entries[request.keys[hit]]
            entry.expires = max(entry.expires, now + TTL_SECONDS[entry.ttl])
        written = request.cum[last_written] - read if last_written >= 0 else 0
        plain = request.tokens - read - written
        one_hour = request.ttl == "1h"
        return Usage(
            input=plain,
            cache_write_5m=0 if one_hour else written,
            cache_write_1h=written if one_hour else 0,
            cache_read=read,
            requests=1,
        )

    def send_all(self, requests: Iterable[Request]) -> Usage:
        total = Usage()
        for request in requests:
            total = total + self.send(request)
        return total

    def _longest_hit(self, request: Request, now: float) -> int:
        """The last block index of the longest valid cached prefix, or -1."""
        best = -1
        for point in request.breakpoints:
            for position in range(point, max(point - LOOKBACK_BLOCKS, -1), -1):
                if position <= best:
                    break
                entry = self.entries.get(request.keys[position])
                if entry is not None and entry.expires > now:
                    best = position
                    break
        return best
