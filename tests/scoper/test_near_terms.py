from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scoper.near_terms import MAX_NEAR, Vocabulary, vocabulary_of, with_near_terms
from scoper.query import EXPLICIT_WEIGHT, SYNONYM_WEIGHT, parse_query
from scoper.scope import scope_task
from scoper.workspace import open_workspace

VOCABULARY = vocabulary_of(
    [
        {"platform", "markup", "suggestion", "invariant", "detect", "max", "map"},
        {"platform", "suggestionsminimumdistance", "separat", "arbitrary"},
    ]
)


@pytest.mark.parametrize(
    ("term", "near"),
    [
        ("platfrom", ("platform",)),  # neighbours swapped
        ("markip", ("markup",)),  # one letter wrong
        ("arbitary", ("arbitrary",)),  # one letter left out
        ("platformm", ("platform",)),  # one letter too many
        ("suggest", ("suggestion",)),  # a form the stemmer keeps apart; not the compound
        ("invarianc", ("invariant",)),
        ("detection", ("detect",)),
        ("maz", ()),  # too short to guess: max? map?
        ("py39", ()),  # not a word
        ("zebra", ()),  # nothing like it
    ],
)
def test_near_words(term: str, near: tuple[str, ...]) -> None:
    assert VOCABULARY.near(term) == near


def test_most_used_near_words_first_and_at_most_a_few() -> None:
    vocabulary = Vocabulary({"colorx": 1, "colory": 3, "colorz": 2, "colorw": 2, "colorv": 1})
    assert vocabulary.near("colorq") == ("colory", "colorw", "colorz")[:MAX_NEAR]


@pytest.mark.parametrize(
    ("task", "added"),
    [
        ("make typecheck cross platfrom", {"platform": SYNONYM_WEIGHT}),
        # A code word's near word keeps half its weight.
        ("fix `markip` parsing", {"markup": SYNONYM_WEIGHT * EXPLICIT_WEIGHT}),
        # Words the repository uses are left alone.
        ("fix platform markup", {}),
    ],
)
def test_only_unused_written_words_are_widened(task: str, added: dict[str, float]) -> None:
    query = parse_query(task)
    widened = with_near_terms(query, VOCABULARY)
    assert {t: w for t, w in widened.weights.items() if t not in query.weights} == added
    assert all(widened.weights[t] == w for t, w in query.weights.items())


def test_synonyms_are_not_widened() -> None:
    query = parse_query("fix login")  # "signin", "logon" join as synonyms the repo lacks
    vocabulary = Vocabulary({"login": 1, "signing": 1})
    assert with_near_terms(query, vocabulary).weights == query.weights


@pytest.mark.parametrize(
    ("typo", "spelled", "target"),
    [
        ("inventroy count goes negative", "inventory count goes negative", "inventory.py"),
        ("permisions for admin", "permissions for admin", "permissions.py"),
    ],
)
def test_a_typo_finds_what_the_spelled_task_finds(
    sample_repo: Callable[[str], Path], typo: str, spelled: str, target: str
) -> None:
    ws = open_workspace(str(sample_repo("pyshop")))
    found = scope_task(ws, typo).files[0].path
    assert found == scope_task(ws, spelled).files[0].path
    assert found.endswith("/" + target)
