"""The cache simulator fed the requests the real Claude Code sends (reference §10).

A three-request conversation (two scripted Reads, then an answer) and a second conversation
with another prompt are recorded by the stand-in API; the simulator must find the breakpoints
where Claude Code puts them and predict the read/write split the requests themselves imply.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from scoper.cache_sim import CacheSim, Request
from scoper.prices import price_for
from scoper.replay import request_from_body
from tests.e2e.standin import Reply, StandIn, read_reply

pytestmark = pytest.mark.e2e

# Seconds between requests: well inside the 5-minute TTL, as in a live session.
STEP_S = 15.0


def _conversation(
    standin: StandIn, run_claude: Any, repo: Path, prompt: str, *replies: Reply
) -> list[dict[str, Any]]:
    standin.script(*replies)
    run = run_claude(prompt, repo)
    assert run.code == 0, run.stderr[-2000:]
    return [r.body for r in standin.requests if r.is_agent_turn]


def _last_user_block(body: dict[str, Any]) -> int:
    """Index, in prefix order, of the last content block of a user message."""
    index = len(body.get("tools") or []) + len(body.get("system") or []) - 1
    last_user = -1
    for message in body["messages"]:
        content = message["content"]
        for _ in [content] if isinstance(content, str) else content:
            index += 1
            if message["role"] == "user":
                last_user = index
    return last_user


def _common_prefix(a: Request, b: Request) -> int:
    n = 0
    for x, y in zip(a.blocks, b.blocks, strict=False):
        if x.id != y.id:
            break
        n += 1
    return n


def _expected_read(request: Request, earlier: list[Request], min_tokens: int) -> int:
    """Tokens the request can read, derived from the bodies alone: the longest prefix shared
    with an earlier request that ends at one of that request's breakpoints (where an entry was
    written, if long enough)."""
    best = 0
    for previous in earlier:
        shared = _common_prefix(request, previous)
        for point in previous.breakpoints:
            if point < shared and previous.cum[point] >= min_tokens:
                best = max(best, previous.cum[point])
    return best


def test_simulator_predicts_what_claude_code_requests_imply(
    e2e_repo: Path, standin: StandIn, run_claude: Any
) -> None:
    first = _conversation(
        standin,
        run_claude,
        e2e_repo,
        "Read the login code and explain it.",
        read_reply(str(e2e_repo / "pyshop" / "auth" / "login.py")),
        read_reply(str(e2e_repo / "pyshop" / "auth" / "passwords.py")),
    )
    second = _conversation(standin, run_claude, e2e_repo, "What does checkout do?")
    assert len(first) == 3 and len(second) >= 1
    bodies = [*first, second[0]]
    requests = [request_from_body(b, at=i * STEP_S) for i, b in enumerate(bodies)]
    system_blocks = len(bodies[0].get("system") or [])
    tools = len(bodies[0].get("tools") or [])

    # (a) breakpoints: the last two system blocks and the last block of the last user turn
    # (Claude Code 2.1.197 sends a role "system" message after the first user turn; in the
    # first request it follows the prompt's breakpoint, later it sits inside the prefix).
    last_system = tools + system_blocks - 1
    for body, request in zip(bodies, requests, strict=True):
        assert request.breakpoints == (last_system - 1, last_system, _last_user_block(body))

    # (b, c) the read/write split: the simulator against the bodies' own implication.
    price = price_for(bodies[0]["model"])
    sim = CacheSim(min_cacheable=price.min_cacheable)
    report: list[tuple[int, tuple[int, ...], Any]] = []
    for i, request in enumerate(requests):
        usage = sim.send(request)
        expected = _expected_read(request, requests[:i], price.min_cacheable)
        assert usage.cache_read == expected, f"request {i}"
        last = request.cum[request.breakpoints[-1]]
        assert usage.cache_write == last - expected
        assert usage.input == request.tokens - last  # only what follows the last breakpoint
        report.append((len(request.blocks), request.breakpoints, usage))
    # Within the conversation each request re-reads all of the one before it ...
    for before, after in itertools.pairwise(requests[:3]):
        assert _common_prefix(after, before) == len(before.blocks)
    # ... and a new conversation shares only the tools and system prefix.
    shared = _common_prefix(requests[3], requests[0])
    assert shared <= tools + system_blocks
    # As sent, the first system block (the billing header, cc_version=2.1.197.NNN) differs
    # between conversations, so by bytes the new one reads nothing ...
    assert report[3][2].cache_read == 0
    # ... and if the API keeps that header out of the cached bytes, it reads exactly the
    # system prompt, as reference §10 describes.
    bare = [request_from_body(b, at=i * STEP_S, billing_header=False) for i, b in enumerate(bodies)]
    bare_sim = CacheSim(min_cacheable=price.min_cacheable)
    bare_usage = [bare_sim.send(r) for r in bare]
    assert bare_usage[3].cache_read == bare[0].cum[last_system - 1]
    assert [u.cache_read for u in bare_usage[1:3]] == [
        bare[0].cum[bare[0].breakpoints[-1]],
        bare[1].cum[bare[1].breakpoints[-1]],
    ]
    for blocks, points, usage in report:  # shown with -s; the figures in docs/planning.md
        print(
            f"blocks={blocks} breakpoints={points} read={usage.cache_read} "
            f"write={usage.cache_write} input={usage.input}"
        )
