"""Group scoped tasks by the context they share, and order each group to keep it warm.

Similarity is token-weighted Jaccard: the tokens of the files two scopes share over the tokens
of the files either needs, so two tasks sharing one large module are closer than two sharing
a small helper. Groups are Louvain communities (networkx, pure Python, fixed seed) of the graph
whose edges carry that similarity. Everything is computed on tasks in a canonical order (by
text), so a shuffled queue gives the same groups and the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

__all__ = ["LOUVAIN_SEED", "ScopedTask", "find_clusters", "order_cluster", "similarity"]

# Louvain is randomized; a fixed seed makes the plan reproducible.
LOUVAIN_SEED = 0
# Higher than 1 favours smaller communities; 1 is plain modularity.
LOUVAIN_RESOLUTION = 1.0


@dataclass(frozen=True)
class ScopedTask:
    """A task and the files its scope holds (path, tokens), paths sorted."""

    text: str
    files: tuple[tuple[str, int], ...]

    @property
    def tokens(self) -> int:
        return sum(tokens for _, tokens in self.files)


def similarity(a: ScopedTask, b: ScopedTask) -> float:
    """Token-weighted Jaccard of two scopes: shared tokens over the tokens of their union."""
    sizes = dict(a.files)
    sizes.update(b.files)
    shared = {path for path, _ in a.files} & {path for path, _ in b.files}
    union = sum(sizes.values())
    return sum(sizes[path] for path in shared) / union if union else 0.0


def find_clusters(tasks: Sequence[ScopedTask]) -> list[list[int]]:
    """Communities of task indices; each sorted, the list by (size desc, first index)."""
    graph = nx.Graph()
    graph.add_nodes_from(range(len(tasks)))
    holders: dict[str, list[int]] = {}
    for i, task in enumerate(tasks):
        for path, _ in task.files:
            holders.setdefault(path, []).append(i)
    pairs = sorted({(i, j) for ids in holders.values() for i in ids for j in ids if i < j})
    for i, j in pairs:
        weight = similarity(tasks[i], tasks[j])
        if weight > 0:
            graph.add_edge(i, j, weight=weight)
    communities = nx.community.louvain_communities(
        graph, weight="weight", resolution=LOUVAIN_RESOLUTION, seed=LOUVAIN_SEED
    )
    groups = [sorted(c) for c in communities]
    return sorted(groups, key=lambda g: (-len(g), g[0]))


def order_cluster(members: Sequence[int], tasks: Sequence[ScopedTask]) -> list[int]:
    """A warm order for one group: the cheapest growth of the conversation per request first.

    Inside one conversation every request re-reads all that came before, and the files the
    group needs are written once whatever the order; so the order decides how much history
    each request re-reads. That is scheduling by Smith's rule: a task's requests are its
    weight (each reads the history), the tokens it adds are its length; the next task is the
    one adding the fewest tokens per request given the files already read. Ties: the task
    sharing more with what is loaded, then the text.
    """
    loaded: set[str] = set()
    left = sorted(members, key=lambda i: (tasks[i].text, i))
    order: list[int] = []
    while left:
        best = min(left, key=lambda i: _growth_key(tasks[i], loaded))
        order.append(best)
        left.remove(best)
        loaded.update(path for path, _ in tasks[best].files)
    return order


def _growth_key(task: ScopedTask, loaded: set[str]) -> tuple[float, int, str]:
    new = [tokens for path, tokens in task.files if path not in loaded]
    shared = task.tokens - sum(new)
    # A fixed cost per task (prompt, edits, answer) keeps tasks with no new file comparable.
    growth = sum(new) + TASK_FIXED_GROWTH
    requests = 1 + len(new) + TASK_FIXED_REQUESTS
    return (growth / requests, -shared, task.text)


# Rough per-task growth and request count besides file reads (see workload.TaskShape).
TASK_FIXED_GROWTH = 1_500
TASK_FIXED_REQUESTS = 2
