"""Price ways of running a queue of tasks with the cache simulator, and place conversation breaks.

Strategies (the names are the `cost.<strategy>` keys of `scope plan --json`):
- `queue`: Claude Code, one conversation per task, in the queue's order (today's habit).
- `planned`: Claude Code, the plan's conversations in the plan's order.
- `uncached`: the `queue` requests with caching disabled.
- `api_queue` / `api_planned`: one API request per task, the task's cluster's warm context as a
  stable prefix behind a breakpoint, in queue order / in planned order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .cache_sim import CacheSim, Usage, usage_usd
from .prices import ModelPrice
from .workload import Conversation, TaskShape, WorkItem, api_request

__all__ = [
    "STRATEGIES",
    "StrategyCost",
    "WarmBase",
    "place_breaks",
    "price_api",
    "price_conversations",
    "warm_base",
]

STRATEGIES = ("queue", "planned", "uncached", "api_queue", "api_planned")


@dataclass(frozen=True)
class StrategyCost:
    """What one strategy costs: input-side tokens as billed, and their price."""

    name: str
    usage: Usage
    usd: float

    def to_json(self) -> dict[str, object]:
        return {
            "input": self.usage.input,
            "cache_write": self.usage.cache_write,
            "cache_read": self.usage.cache_read,
            "requests": self.usage.requests,
            "usd": round(self.usd, 4),
        }


def price_conversations(
    name: str,
    conversations: Sequence[Sequence[WorkItem]],
    shape: TaskShape,
    price: ModelPrice,
    ttl: str,
    *,
    cached: bool = True,
) -> StrategyCost:
    """Run Claude Code conversations one after another through a cold cache."""
    sim = CacheSim(price.min_cacheable, enabled=cached)
    at, total = 0.0, Usage()
    for items in conversations:
        conversation = Conversation(shape, ttl)
        for item in items:
            requests, at = conversation.add_task(item, at)
            total = total + sim.send_all(requests)
    return StrategyCost(name, total, usage_usd(total, price))


def price_api(
    name: str,
    items: Sequence[WorkItem],
    warm: Sequence[Sequence[tuple[str, int]]],
    shape: TaskShape,
    price: ModelPrice,
    ttl: str,
) -> StrategyCost:
    """One API request per task, `warm[i]` being task i's cluster prefix, through a cold cache."""
    sim = CacheSim(price.min_cacheable)
    total = Usage()
    for n, (item, prefix) in enumerate(zip(items, warm, strict=True)):
        at = n * shape.api_seconds_per_request
        total = total + sim.send(api_request(item, prefix, shape, at, ttl))
    return StrategyCost(name, total, usage_usd(total, price))


@dataclass(frozen=True)
class WarmBase:
    """A cache where Claude Code's system prefix is already written, and the time after."""

    sim: CacheSim
    at: float
    ttl: str


def warm_base(shape: TaskShape, price: ModelPrice, ttl: str) -> WarmBase:
    """The state every conversation but the first starts from: the system prefix cached."""
    sim = CacheSim(price.min_cacheable)
    sim.send(Conversation(shape, ttl).system_request(0.0))
    return WarmBase(sim, shape.seconds_per_request, ttl)


def place_breaks(
    items: Sequence[WorkItem], base: WarmBase, shape: TaskShape, price: ModelPrice
) -> list[bool]:
    """Where to start new conversations in an ordered run, decided with the simulator.

    Every contiguous run i..j is simulated as one conversation from the warm base; a dynamic
    program picks the split into runs of least total cost, so a new conversation starts exactly
    when the accumulated context would cost more to re-read than it saves. A run never grows
    past `shape.context_limit_tokens`.

    Returns:
        `starts[k]` is True when item k opens a new conversation (always for item 0).
    """
    n = len(items)
    costs = [_run_costs(items, i, base, shape, price) for i in range(n)]
    best = [0.0] + [float("inf")] * n
    cut = [0] * (n + 1)
    for j in range(1, n + 1):
        for i in range(j):
            run = costs[i]
            if j - i - 1 < len(run) and best[i] + run[j - i - 1] < best[j] - 1e-12:
                best[j], cut[j] = best[i] + run[j - i - 1], i
    starts = [False] * n
    j = n
    while j > 0:
        starts[cut[j]] = True
        j = cut[j]
    return starts


def _run_costs(
    items: Sequence[WorkItem], start: int, base: WarmBase, shape: TaskShape, price: ModelPrice
) -> list[float]:
    """Cumulative cost of items[start..j] as one conversation, for each j while it fits."""
    sim = base.sim.copy()
    conversation = Conversation(shape, base.ttl)
    at, total, out = base.at, 0.0, []
    for item in items[start:]:
        if out and conversation.tokens > shape.context_limit_tokens:
            break
        requests, at = conversation.add_task(item, at)
        total += usage_usd(sim.send_all(requests), price)
        out.append(total)
    return out
