from __future__ import annotations

import networkx as nx
import pytest

from scoper.rank import RankedFile
from scoper.select import ALSO_CONSIDER, CONTEXT_FLOOR, CONTEXT_SHARE, TEST_FLOOR, select_files


def _ranked(*rows: tuple[str, float, float]) -> list[RankedFile]:
    return [
        RankedFile(
            path,
            score,
            score,
            direct,
            (f"reason for {path}",),
            path.startswith("tests/"),
            not path.startswith(("tests/", "docs/")),
        )
        for path, score, direct in rows
    ]


def _graph(tokens: dict[str, int], edges: list[tuple[str, str, str]]) -> nx.DiGraph:
    graph = nx.DiGraph()
    for path, size in tokens.items():
        graph.add_node(path, tokens=size, test=path.startswith("tests/"))
    for a, b, kind in edges:
        graph.add_edge(a, b, weight=1.0, kinds=(kind,))
    return graph


RANKED = _ranked(
    ("app/login.py", 3.0, 2.8),
    ("app/views.py", 2.5, 2.0),
    ("app/users.py", 2.0, 0.4),
    ("tests/test_login.py", 1.0, 1.5),
    ("app/util.py", 0.7, 0.1),
    ("app/billing.py", 0.6, 0.6),
    ("docs/login.md", 0.5, 0.9),
)
TOKENS = {r.path: 1000 for r in RANKED}
EDGES = [
    ("app/login.py", "app/util.py", "import"),
    ("app/util.py", "app/login.py", "imported_by"),
    ("app/login.py", "tests/test_login.py", "test"),
    ("tests/test_login.py", "app/login.py", "test"),
]
GRAPH = _graph(TOKENS, EDGES)


def test_roles_knee_linked_context_and_tests() -> None:
    selection = select_files(RANKED, GRAPH, budget=32_000)
    assert [(f.path, f.role) for f in selection.files] == [
        ("app/login.py", "edit"),
        ("app/views.py", "edit"),
        ("app/users.py", "context"),
        ("app/util.py", "context"),  # below the knee, but login.py imports it
        ("tests/test_login.py", "test"),
    ]
    assert selection.files[3].reasons[0] == "imported by app/login.py"
    assert [f.path for f in selection.also_consider] == ["app/billing.py", "docs/login.md"]
    assert len(selection.also_consider) <= ALSO_CONSIDER


@pytest.mark.parametrize(
    ("edit_tokens", "context_tokens", "joins"),
    [
        (1000, CONTEXT_FLOOR, True),  # small edit files: the floor holds
        (1000, CONTEXT_FLOOR + 1, False),
        (40_000, int(CONTEXT_SHARE * 40_000), True),  # a large edit file: its share holds
        (40_000, int(CONTEXT_SHARE * 40_000) + 1, False),
    ],
)
def test_a_context_file_larger_than_its_share_waits_in_also_consider(
    edit_tokens: int, context_tokens: int, joins: bool
) -> None:
    tokens = {**TOKENS, "app/login.py": edit_tokens, "app/views.py": 0, "app/users.py": 0}
    tokens["app/util.py"] = context_tokens
    graph = _graph(tokens, [("app/login.py", "app/util.py", "import")])
    selection = select_files(RANKED, graph, budget=100_000)
    assert ("app/util.py" in [f.path for f in selection.files]) is joins
    assert ("app/util.py" in [f.path for f in selection.also_consider]) is not joins


@pytest.mark.parametrize(("test_tokens", "joins"), [(TEST_FLOOR, True), (TEST_FLOOR + 1, False)])
def test_tests_take_at_most_their_share(test_tokens: int, joins: bool) -> None:
    tokens = {**TOKENS, "tests/test_login.py": test_tokens}
    selection = select_files(RANKED, _graph(tokens, EDGES), budget=100_000)
    assert ("tests/test_login.py" in [f.path for f in selection.files]) is joins


def test_budget_is_a_hard_cap() -> None:
    selection = select_files(RANKED, GRAPH, budget=2_500)
    assert sum(f.tokens for f in selection.files) <= 2_500
    assert [f.path for f in selection.files] == ["app/login.py", "app/views.py"]


def test_no_cut_fills_the_budget_in_rank_order() -> None:
    selection = select_files(RANKED, GRAPH, budget=5_000, cut=False)
    assert [f.path for f in selection.files] == [r.path for r in RANKED[:5]]


@pytest.mark.parametrize("budget", [1, 999])
def test_nothing_fits(budget: int) -> None:
    assert select_files(RANKED, GRAPH, budget=budget).files == ()


def test_empty_ranking() -> None:
    assert select_files([], GRAPH, budget=10).files == ()


WIRED = _ranked(
    ("app/handlers/admin.py", 3.0, 3.0),
    ("app/queue.py", 2.8, 2.8),
    ("app/models.py", 1.5, 1.5),
    ("app/routes.py", 0.1, 0.0),
    ("app/main.py", 0.1, 0.0),
    ("app/worker.py", 0.1, 0.0),
)
WIRED_TOKENS = {r.path: 500 for r in WIRED}


@pytest.mark.parametrize(
    ("importers", "joins"),
    [
        # The one file that imports the handler registers it: it joins as context.
        (["app/routes.py"], ["app/routes.py"]),
        (["app/routes.py", "app/main.py"], ["app/routes.py", "app/main.py"]),
        # A module many files import is not wired in any one of them.
        (["app/routes.py", "app/main.py", "app/worker.py"], []),
    ],
)
def test_the_files_that_wire_an_edit_file_in_join(importers: list[str], joins: list[str]) -> None:
    graph = _graph(WIRED_TOKENS, [(p, "app/handlers/admin.py", "import") for p in importers])
    selection = select_files(WIRED, graph, budget=32_000, wire=True)
    edits = {f.path for f in selection.files if f.role == "edit"}
    assert "app/handlers/admin.py" in edits
    wired = [f.path for f in selection.files if f.path in {r.path for r in WIRED[3:]}]
    assert wired == joins
    for f in selection.files:
        if f.path in joins:
            assert f.role == "context"
            assert f.reasons[0] == "imports app/handlers/admin.py"


def test_a_fix_brings_no_wiring() -> None:
    graph = _graph(WIRED_TOKENS, [("app/routes.py", "app/handlers/admin.py", "import")])
    paths = [f.path for f in select_files(WIRED, graph, budget=32_000).files]
    assert "app/routes.py" not in paths


def _feature(folder_files: int) -> tuple[list[RankedFile], nx.DiGraph]:
    """A task about 'email': notify/email.py is named for it; its siblings define email names."""
    rows = [
        RankedFile("shop/inventory.py", 3.0, 3.0, 3.0, ("stock",), False, True),
        RankedFile(
            "notify/email.py", 2.5, 2.5, 2.5, ("email",), False, True, named=frozenset({"email"})
        ),
        RankedFile("notify/sms.py", 0.2, 0.2, 0.2, ("sms",), False, True),
        RankedFile(
            "notify/dispatch.py", 0.2, 0.2, 0.2, ("",), False, True, defines=frozenset({"email"})
        ),
        RankedFile(
            "notify/templates.py", 0.1, 0.1, 0.1, ("",), False, True, defines=frozenset({"email"})
        ),
    ]
    extra = [f"notify/other{i}.py" for i in range(folder_files - 4)]
    return rows, _graph({**{r.path: 400 for r in rows}, **dict.fromkeys(extra, 400)}, [])


@pytest.mark.parametrize(
    ("folder_files", "joins"),
    [
        (4, ["notify/dispatch.py", "notify/templates.py"]),
        # In a flat folder of many modules a shared word ties nothing together.
        (30, []),
    ],
)
def test_siblings_of_a_file_named_for_a_task_word_join(folder_files: int, joins: list[str]) -> None:
    ranked, graph = _feature(folder_files)
    selection = select_files(ranked, graph, budget=32_000)
    paths = [f.path for f in selection.files]
    assert [p for p in paths if p in {"notify/dispatch.py", "notify/templates.py"}] == joins
    assert "notify/sms.py" not in paths  # a sibling without the word stays out
    for f in selection.files:
        if f.path in joins:
            assert f.role == "context"
            assert "next to notify/email.py" in f.reasons


def test_the_cut_weighs_task_evidence_not_recency() -> None:
    """A file that only changed recently leads the full ranking's ties, never the scope."""
    recent = RankedFile(
        "app/recent.py", 2.9, 0.0, 0.0, ("changed in the last commit",), False, True
    )
    rows = [RANKED[0], recent, *RANKED[1:]]
    graph = _graph({r.path: 100 for r in rows}, [])
    cut = [f.path for f in select_files(rows, graph, budget=32_000).files]
    full = [f.path for f in select_files(rows, graph, budget=32_000, cut=False).files]
    assert "app/recent.py" not in cut
    assert full[1] == "app/recent.py"
