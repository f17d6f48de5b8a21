"""`scope plan`: scope a queue of tasks, group them by shared context, order them, price it.

The plan is built on the tasks in a canonical order (by text), so a shuffled queue gives the
same clusters, order and conversations; only the strategies that follow the queue's own order
(`queue`, `uncached`, `api_queue`) depend on it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from scoper.graph.discover import is_secret_path

from .cache_sim import usage_usd
from .cluster import ScopedTask, find_clusters, order_cluster
from .errors import InputError
from .optimum import Optimum, exhaustive_optimum
from .prices import ModelPrice, default_model, price_for
from .query import parse_query
from .scope import DEFAULT_BUDGET, scope_task
from .strategies import (
    StrategyCost,
    WarmBase,
    place_breaks,
    price_api,
    price_conversations,
    warm_base,
)
from .taskfile import QueuedTask
from .tokens import claude_factor, count_tokens
from .workload import DEFAULT_SHAPE, Conversation, TaskShape, WorkItem
from .workspace import Workspace

__all__ = [
    "Plan",
    "PlanCluster",
    "PlanStep",
    "SkippedTask",
    "build_plan",
    "make_plan",
    "scope_tasks",
    "split_searchable",
]

JSON_VERSION = 1
# Groups this small get the exact optimum (3^n simulated states: 0.3 s for 8 tasks).
EXACT_MAX_TASKS = 8
# A small queue is planned as one group only when that is cheaper by more than rounding.
MERGE_MARGIN = 1e-6
# A file needed by at least this many tasks of a cluster is part of its warm context.
WARM_MIN_TASKS = 2


@dataclass(frozen=True)
class PlanStep:
    """A task in planned order: its cluster, the files it adds, whether it opens a conversation."""

    text: str
    cluster: int
    adds: tuple[tuple[str, int], ...]
    new_conversation: bool


@dataclass(frozen=True)
class PlanCluster:
    """Tasks that share context (in planned order), and the files they share."""

    number: int
    tasks: tuple[str, ...]
    warm_context: tuple[tuple[str, int], ...]
    conversations: int

    @property
    def warm_tokens(self) -> int:
        return sum(tokens for _, tokens in self.warm_context)


@dataclass(frozen=True)
class SkippedTask:
    """A queued task left out of the plan, where it was and why."""

    text: str
    line: int
    reason: str


@dataclass(frozen=True)
class Plan:
    """The whole plan: steps in order, clusters, and every strategy's cost."""

    repo: str
    model: str
    ttl: str
    steps: tuple[PlanStep, ...]
    clusters: tuple[PlanCluster, ...]
    costs: tuple[StrategyCost, ...]
    shape: TaskShape = field(default=DEFAULT_SHAPE)
    skipped: tuple[SkippedTask, ...] = ()

    def cost(self, name: str) -> StrategyCost:
        return next(c for c in self.costs if c.name == name)

    def to_json(self) -> dict[str, Any]:
        """The `scope plan --json` contract: extend it, never break it."""
        return {
            "version": JSON_VERSION,
            "repo": self.repo,
            "model": self.model,
            "ttl": self.ttl,
            "order": [step.text for step in self.steps],
            "steps": [
                {
                    "task": s.text,
                    "cluster": s.cluster,
                    "new_conversation": s.new_conversation,
                    "adds": _files_json(s.adds),
                }
                for s in self.steps
            ],
            "clusters": [
                {
                    "cluster": c.number,
                    "tasks": list(c.tasks),
                    "conversations": c.conversations,
                    "warm_context": _files_json(c.warm_context),
                    "warm_tokens": c.warm_tokens,
                }
                for c in self.clusters
            ],
            "cost": {c.name: c.to_json() for c in self.costs},
            "skipped": [{"task": t.text, "line": t.line, "reason": t.reason} for t in self.skipped],
        }


def _files_json(files: Sequence[tuple[str, int]]) -> list[dict[str, Any]]:
    return [{"path": path, "tokens": tokens} for path, tokens in files]


def scope_tasks(
    ws: Workspace,
    tasks: Sequence[QueuedTask],
    *,
    budget: int = DEFAULT_BUDGET,
    progress: Callable[[int, int], None] | None = None,
) -> list[ScopedTask]:
    """Scope every task against one opened workspace (the index is built once)."""
    scoped = []
    for n, task in enumerate(tasks, 1):
        result = scope_task(ws, task.query, budget=budget, focus=False)
        files = sorted((f.path, f.tokens) for f in result.files if not is_secret_path(f.path))
        scoped.append(ScopedTask(task.title, tuple(files)))
        if progress is not None:
            progress(n, len(tasks))
    return scoped


def make_plan(
    ws: Workspace,
    tasks: Sequence[QueuedTask],
    *,
    model: str | None = None,
    ttl: str = "5m",
    budget: int = DEFAULT_BUDGET,
    shape: TaskShape = DEFAULT_SHAPE,
    progress: Callable[[int, int], None] | None = None,
) -> Plan:
    """Scope `tasks` in `ws` and plan them; tasks with no words to search for are skipped.

    Raises:
        ModelError: unknown model.
        InputError: no task has words to search for.
    """
    price = price_for(model or default_model())
    kept, skipped = split_searchable(tasks)
    if not kept:
        raise InputError(
            f"none of the {len(tasks)} tasks has words to search for; describe each change"
        )
    scoped = scope_tasks(ws, kept, budget=budget, progress=progress)
    plan = build_plan(scoped, price, ttl=ttl, shape=shape, repo=ws.root)
    return replace(plan, skipped=skipped)


def split_searchable(
    tasks: Sequence[QueuedTask],
) -> tuple[tuple[QueuedTask, ...], tuple[SkippedTask, ...]]:
    """The tasks scope can search for, and the rest (one bad line must not sink a sprint)."""
    kept: list[QueuedTask] = []
    skipped: list[SkippedTask] = []
    for task in tasks:
        try:
            parse_query(task.query)
        except InputError:
            skipped.append(SkippedTask(task.title, task.line, "no words to search for"))
        else:
            kept.append(task)
    return tuple(kept), tuple(skipped)


def build_plan(
    queue: Sequence[ScopedTask],
    price: ModelPrice,
    *,
    ttl: str = "5m",
    shape: TaskShape = DEFAULT_SHAPE,
    repo: str = "",
) -> Plan:
    """Plan already scoped tasks, given in queue order."""
    canon = sorted(queue, key=lambda t: (t.text, t.files))
    items = _work_items(canon, shape)
    base = warm_base(shape, price, ttl)
    runs = _plan_runs(find_clusters(canon), canon, items, base, shape, price)
    groups = [group for group, _ in runs]
    warm = [_warm_context(g, canon) for g in groups]
    steps: list[PlanStep] = []
    clusters: list[PlanCluster] = []
    conversations: list[list[WorkItem]] = []
    for number, ((group, starts), context) in enumerate(zip(runs, warm, strict=True), 1):
        loaded: set[str] = set()
        for i, start in zip(group, starts, strict=True):
            if start:
                conversations.append([])
                loaded = set()
            conversations[-1].append(items[i])
            adds = tuple((p, t) for p, t in canon[i].files if p not in loaded)
            loaded.update(p for p, _ in canon[i].files)
            steps.append(PlanStep(canon[i].text, number, adds, start))
        texts = tuple(canon[i].text for i in group)
        clusters.append(PlanCluster(number, texts, context, sum(starts)))
    costs = _price_all(queue, canon, items, groups, warm, conversations, shape, price, ttl)
    return Plan(repo, price.model, ttl, tuple(steps), tuple(clusters), costs, shape)


def steps_cost(plan: Plan, tasks: Sequence[ScopedTask], price: ModelPrice) -> float:
    """The plan's own conversations priced on the exhaustive search's terms (warm system
    prefix, the plan's shape), so a plan and the optimum can be compared exactly."""
    canon = sorted(tasks, key=lambda t: (t.text, t.files))
    items = {t.text: it for t, it in zip(canon, _work_items(canon, plan.shape), strict=True)}
    base = warm_base(plan.shape, price, plan.ttl)
    total, sim, conv, at = 0.0, base.sim.copy(), Conversation(plan.shape, plan.ttl), base.at
    for step in plan.steps:
        if step.new_conversation:
            sim, conv, at = base.sim.copy(), Conversation(plan.shape, plan.ttl), base.at
        requests, at = conv.add_task(items[step.text], at)
        total += usage_usd(sim.send_all(requests), price)
    return total


def _price_all(
    queue: Sequence[ScopedTask],
    canon: Sequence[ScopedTask],
    items: Sequence[WorkItem],
    groups: Sequence[Sequence[int]],
    warm: Sequence[tuple[tuple[str, int], ...]],
    conversations: Sequence[Sequence[WorkItem]],
    shape: TaskShape,
    price: ModelPrice,
    ttl: str,
) -> tuple[StrategyCost, ...]:
    factor = claude_factor()
    cluster_of = {i: n for n, group in enumerate(groups) for i in group}
    warm_claude = [tuple((p, round(t * factor)) for p, t in context) for context in warm]
    # Map each queued task to a canonical index (equal tasks are interchangeable).
    slots: dict[tuple[str, tuple[tuple[str, int], ...]], list[int]] = {}
    for i, task in enumerate(canon):
        slots.setdefault((task.text, task.files), []).append(i)
    queue_ids = [slots[(t.text, t.files)].pop(0) for t in queue]
    planned_ids = [i for group in groups for i in group]
    queue_items = [items[i] for i in queue_ids]
    return (
        price_conversations("queue", [[it] for it in queue_items], shape, price, ttl),
        price_conversations("planned", conversations, shape, price, ttl),
        price_conversations(
            "uncached", [[it] for it in queue_items], shape, price, ttl, cached=False
        ),
        price_api(
            "api_queue",
            queue_items,
            [warm_claude[cluster_of[i]] for i in queue_ids],
            shape,
            price,
            ttl,
        ),
        price_api(
            "api_planned",
            [items[i] for i in planned_ids],
            [warm_claude[cluster_of[i]] for i in planned_ids],
            shape,
            price,
            ttl,
        ),
    )


def _plan_runs(
    clusters: list[list[int]],
    tasks: Sequence[ScopedTask],
    items: Sequence[WorkItem],
    base: WarmBase,
    shape: TaskShape,
    price: ModelPrice,
) -> list[tuple[list[int], list[bool]]]:
    """Each cluster's order and conversation starts; a queue small enough for the exact search
    is also searched whole, since tasks of two clusters can still share a conversation (the
    same central file) and one conversation may then cost less than two."""
    if len(clusters) < 2 or len(items) > EXACT_MAX_TASKS:
        return [_order_group(g, tasks, items, base, shape, price) for g in clusters]
    optima = [exhaustive_optimum([items[i] for i in g], base, shape, price) for g in clusters]
    whole = exhaustive_optimum(list(items), base, shape, price)
    if whole.usd < sum(o.usd for o in optima) * (1 - MERGE_MARGIN):
        return [_run(range(len(items)), whole)]
    return [_run(g, o) for g, o in zip(clusters, optima, strict=True)]


def _run(group: Sequence[int], best: Optimum) -> tuple[list[int], list[bool]]:
    """An optimum over `group`'s items as task indices and conversation starts."""
    return [group[k] for k in best.order], list(best.starts)


def _order_group(
    group: Sequence[int],
    tasks: Sequence[ScopedTask],
    items: Sequence[WorkItem],
    base: WarmBase,
    shape: TaskShape,
    price: ModelPrice,
) -> tuple[list[int], list[bool]]:
    """A group's order and conversation starts: exact when small, else Smith's rule + DP."""
    if len(group) <= EXACT_MAX_TASKS:
        return _run(group, exhaustive_optimum([items[i] for i in group], base, shape, price))
    order = order_cluster(group, tasks)
    return order, place_breaks([items[i] for i in order], base, shape, price)


def _work_items(tasks: Sequence[ScopedTask], shape: TaskShape) -> list[WorkItem]:
    """The simulator's view of each task, in Claude tokens."""
    factor = claude_factor()
    overhead = shape.prompt_overhead_tokens
    return [
        WorkItem(
            key=f"{i}:{task.text}",
            prompt_tokens=round(count_tokens(task.text) * factor) + overhead,
            files=tuple((path, round(tokens * factor)) for path, tokens in task.files),
        )
        for i, task in enumerate(tasks)
    ]


def _warm_context(group: Sequence[int], tasks: Sequence[ScopedTask]) -> tuple[tuple[str, int], ...]:
    """The files at least `WARM_MIN_TASKS` tasks of the group need, by path."""
    counts: dict[tuple[str, int], int] = {}
    for i in group:
        for file in tasks[i].files:
            counts[file] = counts.get(file, 0) + 1
    return tuple(sorted(f for f, n in counts.items() if n >= WARM_MIN_TASKS))
