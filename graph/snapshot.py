"""A read-only snapshot of the file graph, restored from the index cache without networkx.

The graph is built with networkx (`graph/build.py`); queries only read it. Importing networkx
is a quarter of a warm `scope TASK` and of every prompt-hook call, so a warm run restores this
snapshot instead: plain dicts behind the part of networkx's `DiGraph` reading API that scope
uses (`nodes`, `g[node]`, `edges`, `has_edge`, `get_edge_data`, `predecessors`,
`adjacency`, `graph`). The onboarding guide reads it the same way and builds the undirected
networkx graph its Louvain step needs from the edges.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["FileGraph", "GraphSnapshot"]


class _Nodes(dict[str, dict[str, Any]]):
    """Node attributes by path; called like networkx's node view (`nodes(data=True)`)."""

    def __call__(self, data: bool = False) -> Any:
        return self.items() if data else self.keys()


class GraphSnapshot:
    """Nodes with attributes and weighted, kinded edges, frozen after construction."""

    def __init__(
        self,
        nodes: Mapping[str, dict[str, Any]],
        edges: Mapping[str, Mapping[str, dict[str, Any]]],
        graph: dict[str, Any] | None = None,
    ) -> None:
        self.nodes = _Nodes(nodes)
        self._succ: dict[str, dict[str, dict[str, Any]]] = {n: {} for n in self.nodes}
        self._pred: dict[str, dict[str, dict[str, Any]]] = {n: {} for n in self.nodes}
        for source, targets in edges.items():
            for target, data in targets.items():
                self._succ[source][target] = data
                self._pred[target][source] = data
        self.graph: dict[str, Any] = graph if graph is not None else {}

    def __contains__(self, node: object) -> bool:
        return node in self.nodes

    def __iter__(self) -> Iterator[str]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    def __getitem__(self, node: str) -> Mapping[str, dict[str, Any]]:
        return self._succ[node]

    def adjacency(self) -> Iterator[tuple[str, dict[str, dict[str, Any]]]]:
        return iter(self._succ.items())

    def edges(self, data: bool = False) -> Iterator[Any]:
        for source, targets in self._succ.items():
            for target, attrs in targets.items():
                yield (source, target, attrs) if data else (source, target)

    def has_edge(self, source: str, target: str) -> bool:
        return target in self._succ.get(source, {})

    def get_edge_data(self, source: str, target: str) -> dict[str, Any] | None:
        return self._succ.get(source, {}).get(target)

    def predecessors(self, node: str) -> Iterator[str]:
        return iter(self._pred[node])

    def number_of_nodes(self) -> int:
        return len(self.nodes)

    def number_of_edges(self) -> int:
        return sum(len(t) for t in self._succ.values())


# What ranking, selection and the guides read: the networkx graph a cold run builds, or the
# snapshot a warm run restores. Both answer the same reading API.
FileGraph: TypeAlias = "nx.DiGraph | GraphSnapshot"
