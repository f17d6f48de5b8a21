from __future__ import annotations

import pytest

from scoper.errors import InputError
from scoper.query import ACTION_WEIGHT, EXPLICIT_WEIGHT, SYNONYM_WEIGHT, parse_query


def test_identifier_aware_terms_and_explicit_mentions() -> None:
    query = parse_query("Add CliRunner default `catch_exceptions` parameter")
    assert set(query.identifiers) == {"CliRunner", "catch_exceptions"}
    assert query.weights["clirunner"] == EXPLICIT_WEIGHT
    assert query.weights["catchexceptions"] == EXPLICIT_WEIGHT
    assert query.weights["default"] == 1.0
    assert query.weights["add"] == ACTION_WEIGHT


def test_synonyms_join_at_lower_weight_and_display_as_words() -> None:
    query = parse_query("fix login bug")
    assert query.weights["login"] == 1.0
    assert query.weights["signin"] == SYNONYM_WEIGHT
    assert query.word("authenticat") == "authenticate"


@pytest.mark.parametrize(
    ("task", "paths"),
    [
        ("crash in src/app/login.py and views.py", ("src/app/login.py", "views.py")),
        # Named files count whether or not scope parses their language.
        ("leak in jv.c when jv_free runs twice", ("jv.c",)),
        ("move helpers.rb and format.hpp out", ("helpers.rb", "format.hpp")),
        ("compare node.cpp with node.c", ("node.cpp", "node.c")),
        ("no file here, e.g. none", ()),
    ],
)
def test_paths_are_recognised(task: str, paths: tuple[str, ...]) -> None:
    assert parse_query(task).paths == paths


@pytest.mark.parametrize(
    ("task", "message"), [("", "empty"), ("  \n ", "empty"), ("?!", "no words")]
)
def test_unusable_tasks(task: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_query(task)


@pytest.mark.parametrize(
    ("task", "term", "word"),
    [("исправить ошибку входа", "ошибку", "ошибку"), ("Größe falsch berechnet", "größ", "größe")],
)
def test_tasks_in_any_script_are_searchable(task: str, term: str, word: str) -> None:
    query = parse_query(task)
    assert query.weights[term] == 1.0
    assert query.word(term) == word


def test_long_tasks_are_bounded() -> None:
    query = parse_query(" ".join(f"word{i}x" for i in range(5000)))
    assert len(query.weights) <= 64 * 2


@pytest.mark.parametrize(
    ("task", "route_terms"),
    [
        ("Expose queue depth as gauges on /metrics", {"metric"}),
        ("404 from /api/users when the id is missing", {"api", "user"}),
    ],
)
def test_routes_count_as_code(task: str, route_terms: set[str]) -> None:
    query = parse_query(task)
    assert {t for t, w in query.weights.items() if w == EXPLICIT_WEIGHT} == route_terms


def test_paths_are_not_routes() -> None:
    query = parse_query("crash in src/app/login.py and/or views")
    assert query.weights["app"] == 1.0
    assert query.weights["view"] == 1.0


def test_configurable_is_a_config_word() -> None:
    assert parse_query("make the retention configurable").weights["config"] == SYNONYM_WEIGHT


@pytest.mark.parametrize(
    ("task", "adds"),
    [
        ("Add admin endpoints to replay deliveries", True),
        ("Expose queue depth as gauges", True),
        ("fix login bug", False),
        ("addition overflows in totals", False),
    ],
)
def test_tasks_that_add_something(task: str, adds: bool) -> None:
    assert parse_query(task).adds is adds


@pytest.mark.parametrize("task", ["fix login \udcff bug", "fix the login bug \ud83d in auth"])
def test_undecodable_characters_become_replacement_characters(task: str) -> None:
    """Bytes that are not UTF-8 in argv, or half an emoji in JSON, cannot be printed."""
    query = parse_query(task)
    query.text.encode("utf-8")
    assert "\ufffd" in query.text and "login" in query.weights
