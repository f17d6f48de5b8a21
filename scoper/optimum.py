"""The exhaustive optimum of a small queue: every order, conversation breaks placed optimally.

Searching all n! orders times 2^(n-1) break placements is too slow past 6 tasks, but it need
not be done literally. Inside a conversation that started from the warm system prefix, what
appending task t costs depends only on the SET of tasks already in the conversation: the
history's length and block count, and the files already read, are the same whatever their
order (each request re-reads the previous request's entry two blocks back). So a dynamic
program over (tasks done, tasks in the current conversation) reaches the optimum over all
orders and breaks in 3^n states, with each append priced by the simulator itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .cache_sim import CacheSim, usage_usd
from .prices import ModelPrice
from .strategies import WarmBase, place_breaks
from .workload import Conversation, TaskShape, WorkItem

__all__ = ["MAX_EXHAUSTIVE", "Optimum", "exhaustive_optimum", "ordered_cost"]

# 3^n states: 6,561 for 8 tasks, 531,441 for 12; beyond that the search is not worth it.
MAX_EXHAUSTIVE = 10


@dataclass(frozen=True)
class Optimum:
    """The best order and where its conversations start."""

    order: tuple[int, ...]
    starts: tuple[bool, ...]
    usd: float


@dataclass
class _Open:
    """A conversation holding a set of tasks, simulated from the warm base."""

    sim: CacheSim
    conversation: Conversation
    at: float


def exhaustive_optimum(
    items: Sequence[WorkItem], base: WarmBase, shape: TaskShape, price: ModelPrice
) -> Optimum:
    """The cheapest order and breaks for `items` (at most `MAX_EXHAUSTIVE` of them).

    Raises:
        ValueError: too many items.
    """
    n = len(items)
    if n > MAX_EXHAUSTIVE:
        raise ValueError(f"{n} tasks; the exhaustive search stops at {MAX_EXHAUSTIVE}")
    opened: dict[int, _Open] = {0: _Open(base.sim.copy(), Conversation(shape, base.ttl), base.at)}
    append: dict[tuple[int, int], float] = {}

    def cost(conv: int, t: int) -> float:
        key = (conv, t)
        if key not in append:
            state = opened[conv]
            if conv and state.conversation.tokens > shape.context_limit_tokens:
                append[key] = float("inf")
                return append[key]
            sim, conversation = state.sim.copy(), state.conversation.copy()
            requests, at = conversation.add_task(items[t], state.at)
            append[key] = usage_usd(sim.send_all(requests), price)
            opened.setdefault(conv | 1 << t, _Open(sim, conversation, at))
        return append[key]

    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None, int, bool]] = {
        (0, 0): (0.0, None, -1, False)
    }
    convs: dict[int, list[int]] = {0: [0]}
    for done in sorted(range(1 << n), key=lambda m: (bin(m).count("1"), m)):
        for conv in sorted(convs.get(done, ())):
            here = best[(done, conv)][0]
            for t in range(n):
                if done >> t & 1:
                    continue
                options = [(conv, False)] if conv else []
                options.append((0, True))
                for start_conv, is_break in options:
                    total = here + cost(start_conv, t)
                    state = (done | 1 << t, start_conv | 1 << t)
                    if state not in best:
                        convs.setdefault(state[0], []).append(state[1])
                    if state not in best or total < best[state][0] - 1e-12:
                        best[state] = (total, (done, conv), t, is_break)
    finals = [(v[0], k) for k, v in best.items() if k[0] == (1 << n) - 1]
    usd, state = min(finals)
    order: list[int] = []
    starts: list[bool] = []
    while best[state][1] is not None:
        _, previous, t, is_break = best[state]
        order.append(t)
        starts.append(is_break or previous == (0, 0))
        state = previous  # type: ignore[assignment]
    return Optimum(tuple(reversed(order)), tuple(reversed(starts)), usd)


def ordered_cost(
    items: Sequence[WorkItem], base: WarmBase, shape: TaskShape, price: ModelPrice
) -> float:
    """The cost of `items` in the given order with the best breaks, on the optimum's terms."""
    starts = place_breaks(items, base, shape, price)
    total, sim = 0.0, base.sim.copy()
    conversation, at = Conversation(shape, base.ttl), base.at
    for item, start in zip(items, starts, strict=True):
        if start:
            sim, conversation, at = base.sim.copy(), Conversation(shape, base.ttl), base.at
        requests, at = conversation.add_task(item, at)
        total += usage_usd(sim.send_all(requests), price)
    return total
