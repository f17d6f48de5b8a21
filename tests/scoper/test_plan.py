"""Planning: similarity, clusters, order and breaks are deterministic and order-independent."""

from __future__ import annotations

import itertools
import random

import pytest

from scoper.cluster import ScopedTask, find_clusters, similarity
from scoper.optimum import exhaustive_optimum, ordered_cost
from scoper.plan import SkippedTask, _work_items, build_plan, split_searchable, steps_cost
from scoper.prices import price_for
from scoper.strategies import STRATEGIES, warm_base
from scoper.taskfile import QueuedTask
from scoper.workload import DEFAULT_SHAPE, WorkItem

SONNET = price_for("claude-sonnet-4-5")


def _queue(seed: int, n: int = 12) -> list[ScopedTask]:
    rng = random.Random(seed)
    areas = [[(f"area{a}/m{i}.py", rng.randint(500, 6_000)) for i in range(6)] for a in range(3)]
    tasks = []
    for k in range(n):
        files = rng.sample(areas[k % 3], 3)
        tasks.append(ScopedTask(f"task {k:02d}", tuple(sorted(files))))
    return tasks


def test_similarity_is_token_weighted_jaccard() -> None:
    a = ScopedTask("a", (("big.py", 900), ("x.py", 100)))
    b = ScopedTask("b", (("big.py", 900), ("y.py", 100)))
    assert similarity(a, b) == pytest.approx(900 / 1_100)
    assert similarity(a, ScopedTask("c", (("z.py", 5),))) == 0.0


def test_clusters_follow_shared_files() -> None:
    tasks = _queue(1)
    groups = find_clusters(tasks)
    for group in groups:
        areas = {path.split("/")[0] for i in group for path, _ in tasks[i].files}
        assert len(areas) == 1
    assert sorted(i for g in groups for i in g) == list(range(len(tasks)))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_shuffled_queue_gives_the_same_plan(seed: int) -> None:
    tasks = _queue(seed)
    plan = build_plan(tasks, SONNET).to_json()
    shuffled = list(tasks)
    random.Random(seed + 100).shuffle(shuffled)
    again = build_plan(shuffled, SONNET).to_json()
    for key in ("order", "steps", "clusters"):
        assert again[key] == plan[key]
    assert again["cost"]["planned"] == plan["cost"]["planned"]
    assert again["cost"]["api_planned"] == plan["cost"]["api_planned"]


def test_json_contract_and_planned_beats_queue() -> None:
    data = build_plan(_queue(3), SONNET).to_json()
    assert sorted(data["cost"]) == sorted(STRATEGIES)
    for cost in data["cost"].values():
        assert {"input", "cache_write", "cache_read", "usd"} <= set(cost)
    assert len(data["order"]) == 12
    assert all({"tasks", "warm_context"} <= set(c) for c in data["clusters"])
    assert data["cost"]["planned"]["usd"] < data["cost"]["queue"]["usd"]
    assert data["cost"]["queue"]["usd"] < data["cost"]["uncached"]["usd"]
    assert data["steps"][0]["new_conversation"] is True


def test_warm_context_holds_the_files_two_tasks_share() -> None:
    shared = ("core.py", 3_000)
    tasks = [
        ScopedTask("one", (shared, ("a.py", 500))),
        ScopedTask("two", (("b.py", 400), shared)),
    ]
    plan = build_plan(tasks, SONNET)
    assert [c.warm_context for c in plan.clusters] == [(shared,)]


def test_exhaustive_optimum_matches_brute_force() -> None:
    rng = random.Random(7)
    files = [(f"m{i}.py", rng.randint(300, 8_000)) for i in range(8)]
    items = [
        WorkItem(f"t{k}", 60, tuple(sorted(rng.sample(files, rng.randint(1, 4))))) for k in range(5)
    ]
    base = warm_base(DEFAULT_SHAPE, SONNET, "5m")
    best = exhaustive_optimum(items, base, DEFAULT_SHAPE, SONNET)
    brute = min(
        ordered_cost([items[i] for i in order], base, DEFAULT_SHAPE, SONNET)
        for order in itertools.permutations(range(5))
    )
    assert best.usd == pytest.approx(brute)
    ordered = ordered_cost([items[i] for i in best.order], base, DEFAULT_SHAPE, SONNET)
    assert ordered == pytest.approx(best.usd)


@pytest.mark.parametrize("seed", range(12))
def test_a_small_queue_gets_the_exhaustive_optimum(seed: int) -> None:
    # Areas of their own plus one central file some tasks of every area read: clusters split
    # by area, yet one conversation across them can be the cheapest plan.
    rng = random.Random(seed)
    core = ("core.py", rng.randint(4_000, 20_000))
    areas = [[(f"area{a}/m{i}.py", rng.randint(300, 3_000)) for i in range(4)] for a in range(2)]
    tasks = []
    for k in range(rng.randint(4, 7)):
        files = rng.sample(areas[k % 2], 2) + ([core] if rng.random() < 0.6 else [])
        tasks.append(ScopedTask(f"task {k:02d}", tuple(sorted(files))))
    plan = build_plan(tasks, SONNET)
    canon = sorted(tasks, key=lambda t: (t.text, t.files))
    best = exhaustive_optimum(
        _work_items(canon, DEFAULT_SHAPE),
        warm_base(DEFAULT_SHAPE, SONNET, "5m"),
        DEFAULT_SHAPE,
        SONNET,
    )
    assert steps_cost(plan, tasks, SONNET) == pytest.approx(best.usd, rel=1e-9)


@pytest.mark.parametrize(
    ("titles", "kept"),
    [
        (["fix login", "!!!", "the of and", "42"], ["fix login"]),
        (["add retries", "fix login"], ["add retries", "fix login"]),
        (["???"], []),
    ],
)
def test_tasks_without_words_are_split_off_with_their_line(
    titles: list[str], kept: list[str]
) -> None:
    queue = [QueuedTask(t, "", n) for n, t in enumerate(titles, 1)]
    searchable, skipped = split_searchable(queue)
    assert [t.title for t in searchable] == kept
    assert skipped == tuple(
        SkippedTask(t, n, "no words to search for")
        for n, t in enumerate(titles, 1)
        if t not in kept
    )
