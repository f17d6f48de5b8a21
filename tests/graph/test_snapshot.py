from __future__ import annotations

import networkx as nx
import pytest

from scoper.graph.snapshot import GraphSnapshot


def _graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for path, tokens in (("a.py", 10), ("b.py", 20), ("c.py", 30), ("lonely.py", 5)):
        graph.add_node(path, tokens=tokens, test=False)
    graph.add_edge("a.py", "b.py", weight=1.0, kinds=("import",))
    graph.add_edge("b.py", "c.py", weight=0.5, kinds=("reference",))
    graph.add_edge("c.py", "a.py", weight=0.8, kinds=("cochange", "test"))
    graph.graph["global_rank"] = {"a.py": 0.5}
    return graph


def _snapshot(graph: nx.DiGraph) -> GraphSnapshot:
    edges: dict[str, dict[str, dict[str, object]]] = {}
    for a, b, data in graph.edges(data=True):
        edges.setdefault(a, {})[b] = data
    return GraphSnapshot(dict(graph.nodes(data=True)), edges, dict(graph.graph))


READS = {
    "nodes": lambda g: sorted(g.nodes),
    "nodes(data)": lambda g: sorted(g.nodes(data=True)),
    "node attrs": lambda g: g.nodes["b.py"]["tokens"],
    "contains": lambda g: ("a.py" in g, "z.py" in g),
    "iter": lambda g: sorted(g),
    "len": lambda g: len(g),
    "successors": lambda g: sorted(g["a.py"].items()),
    "edges": lambda g: sorted(g.edges()),
    "edges(data)": lambda g: sorted(g.edges(data=True)),
    "has_edge": lambda g: (g.has_edge("a.py", "b.py"), g.has_edge("b.py", "a.py")),
    "get_edge_data": lambda g: (g.get_edge_data("c.py", "a.py"), g.get_edge_data("a.py", "c.py")),
    "predecessors": lambda g: sorted(g.predecessors("a.py")),
    "adjacency": lambda g: sorted((n, sorted(t)) for n, t in g.adjacency()),
    "counts": lambda g: (g.number_of_nodes(), g.number_of_edges()),
    "graph": lambda g: g.graph,
}


@pytest.mark.parametrize("read", READS.values(), ids=READS.keys())
def test_a_snapshot_reads_like_the_networkx_graph(read) -> None:
    graph = _graph()
    assert read(_snapshot(graph)) == read(graph)
