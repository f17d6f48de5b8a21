"""The cache simulator against hand-computed cases (Sonnet 4.5 prices: $3 input per MTok)."""

from __future__ import annotations

import pytest

from scoper.cache_sim import Block, CacheSim, PrefixBuilder, Request, Usage, usage_usd
from scoper.prices import price_for
from scoper.workload import Conversation, TaskShape, WorkItem

SONNET = price_for("claude-sonnet-4-5")
PREFIX = Block("prefix", 5_000)


def _sim() -> CacheSim:
    return CacheSim(min_cacheable=1_024)


def test_same_prefix_one_minute_apart_writes_then_reads() -> None:
    sim = _sim()
    first = sim.send(Request.of([PREFIX, Block("q1", 200)], [0], at=0))
    second = sim.send(Request.of([PREFIX, Block("q2", 300)], [0], at=60))
    assert first == Usage(input=200, cache_write_5m=5_000, requests=1)
    assert second == Usage(input=300, cache_read=5_000, requests=1)


def test_six_minutes_apart_with_5m_ttl_writes_twice() -> None:
    sim = _sim()
    sim.send(Request.of([PREFIX], [0], at=0))
    again = sim.send(Request.of([PREFIX], [0], at=360))
    assert again == Usage(cache_write_5m=5_000, requests=1)


def test_six_minutes_apart_with_1h_ttl_reads() -> None:
    sim = _sim()
    first = sim.send(Request.of([PREFIX], [0], at=0, ttl="1h"))
    again = sim.send(Request.of([PREFIX], [0], at=360, ttl="1h"))
    assert first == Usage(cache_write_1h=5_000, requests=1)
    assert again == Usage(cache_read=5_000, requests=1)


def test_prefix_under_the_minimum_is_not_cached() -> None:
    sim = _sim()
    short = [Block("short", 800), Block("q", 50)]
    for at in (0, 10):
        assert sim.send(Request.of(short, [0], at=at)) == Usage(input=850, requests=1)


@pytest.mark.parametrize(("extra", "read"), [(19, 2_000), (20, 0)])
def test_lookback_reaches_20_blocks_back_from_a_breakpoint(extra: int, read: int) -> None:
    sim = _sim()
    sim.send(Request.of([Block("sys", 2_000)], [0], at=0))
    blocks = [Block("sys", 2_000)] + [Block(f"b{i}", 10) for i in range(extra)]
    usage = sim.send(Request.of(blocks, [len(blocks) - 1], at=5))
    assert usage.cache_read == read
    assert usage.cache_write == 2_000 + 10 * extra - read


def test_a_hit_refreshes_the_ttl() -> None:
    sim = _sim()
    sim.send(Request.of([PREFIX], [0], at=0))
    assert sim.send(Request.of([PREFIX], [0], at=240)).cache_read == 5_000
    # 480 s after the write but 240 s after the refreshing hit: still cached.
    assert sim.send(Request.of([PREFIX], [0], at=480)).cache_read == 5_000
    assert sim.send(Request.of([PREFIX], [0], at=781)).cache_read == 0


def test_reads_the_longest_cached_prefix_and_writes_up_to_the_last_breakpoint() -> None:
    sim = _sim()
    a, b, c, d = Block("a", 2_000), Block("b", 3_000), Block("c", 1_000), Block("d", 400)
    sim.send(Request.of([a, b], [0, 1], at=0))
    usage = sim.send(Request.of([a, b, c, d], [0, 2], at=1))
    assert usage == Usage(input=400, cache_write_5m=1_000, cache_read=5_000, requests=1)


def test_a_different_block_breaks_the_prefix() -> None:
    sim = _sim()
    sim.send(Request.of([Block("a", 2_000), Block("b", 3_000)], [1], at=0))
    usage = sim.send(Request.of([Block("a", 2_000), Block("x", 3_000)], [1], at=1))
    assert usage.cache_read == 0 and usage.cache_write == 5_000


def test_more_than_four_breakpoints_is_refused() -> None:
    builder = PrefixBuilder()
    for i in range(5):
        builder.append(Block(str(i), 2_000))
    with pytest.raises(ValueError, match="breakpoints"):
        builder.request(range(5), at=0)


def test_disabled_cache_prices_everything_as_input() -> None:
    sim = CacheSim(min_cacheable=1_024, enabled=False)
    for at in (0, 1):
        assert sim.send(Request.of([PREFIX], [0], at=at)) == Usage(input=5_000, requests=1)


def test_prices_of_5m_and_1h_writes_and_reads() -> None:
    assert usage_usd(Usage(cache_write_5m=10_000), SONNET) == pytest.approx(0.0375)
    assert usage_usd(Usage(cache_write_1h=10_000), SONNET) == pytest.approx(0.06)
    assert usage_usd(Usage(cache_read=10_000), SONNET) == pytest.approx(0.003)
    assert usage_usd(Usage(input=10_000), SONNET) == pytest.approx(0.03)


SMALL = TaskShape(
    tools_tokens=2_000,
    header_tokens=0,
    identity_tokens=0,
    agent_prompt_tokens=1_000,
    read_call_tokens=0,
    read_overhead_ratio=0.0,
    work_turns=0,
    answer_tokens=100,
)


def test_claude_code_rereads_the_conversation_and_a_new_one_shares_only_the_system() -> None:
    sim = _sim()
    one = WorkItem("one", 10, (("a.py", 4_000),))
    two = WorkItem("two", 10, (("a.py", 4_000), ("b.py", 2_000)))
    conversation = Conversation(SMALL, "5m")
    first, at = conversation.add_task(one, 0)
    # The prompt request writes system + prompt; the read writes the file after it.
    assert [sim.send(r) for r in first] == [
        Usage(cache_write_5m=3_010, requests=1),
        Usage(cache_write_5m=4_000, cache_read=3_010, requests=1),
    ]
    second, _ = conversation.add_task(two, at)
    # a.py is already in the conversation: only b.py is read, and each request re-reads all.
    assert [sim.send(r) for r in second] == [
        Usage(cache_write_5m=110, cache_read=7_010, requests=1),
        Usage(cache_write_5m=2_000, cache_read=7_120, requests=1),
    ]
    fresh, _ = Conversation(SMALL, "5m").add_task(two, at + 100)
    usage = sim.send(fresh[0])
    assert usage.cache_read == 3_000 and usage.cache_write == 10
