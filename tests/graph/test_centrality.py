from __future__ import annotations

import random

import networkx as nx
import pytest

from scoper.graph.centrality import pagerank


def _chain() -> nx.DiGraph:
    graph = nx.DiGraph()
    for a, b in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]:
        graph.add_edge(a, b, weight=1.0)
    return graph


def test_scores_sum_to_one_and_favour_the_hub() -> None:
    ranks = pagerank(_chain())
    assert sum(ranks.values()) == pytest.approx(1.0)
    assert max(ranks, key=ranks.__getitem__) in {"a", "c"}


def test_personalization_pulls_rank_to_the_seed_and_its_neighbours() -> None:
    ranks = pagerank(_chain(), {"b": 1.0})
    assert ranks["b"] > ranks["a"]
    assert ranks["c"] > ranks["a"]  # b's only neighbour
    assert ranks["a"] == pytest.approx(ranks["d"])  # c splits its rank between them
    assert pagerank(_chain(), {"d": 1.0})["b"] == 0.0  # d is dangling: walks restart at d


def test_edge_insertion_order_does_not_change_the_result() -> None:
    edges = [(f"n{i}", f"n{(i * 7 + 3) % 30}", float(i % 5 + 1)) for i in range(60)]
    results = []
    for seed in range(3):
        shuffled = edges[:]
        random.Random(seed).shuffle(shuffled)
        graph = nx.DiGraph()
        graph.add_weighted_edges_from(shuffled)
        results.append(pagerank(graph, {"n1": 1.0, "n2": 2.0}))
    assert results[0] == results[1] == results[2]


def test_empty_graph() -> None:
    assert pagerank(nx.DiGraph()) == {}
