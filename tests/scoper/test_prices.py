from __future__ import annotations

import pytest

from scoper.errors import InputError, ModelError
from scoper.prices import default_model, model_names, price_for, prices_as_of
from scoper.tokens import CLAUDE_TOKEN_FACTOR, claude_factor, count_tokens


@pytest.mark.parametrize(
    ("name", "model", "price"),
    [
        ("claude-sonnet-4-5", "claude-sonnet-4-5", 3.0),
        ("sonnet", "claude-sonnet-4-5", 3.0),
        ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5", 3.0),
        ("claude-sonnet-4", "claude-sonnet-4", 3.0),
        ("opus-4.1", "claude-opus-4-1", 15.0),
        ("haiku", "claude-haiku-4-5", 1.0),
        ("claude-haiku-3-5", "claude-haiku-3-5", 0.8),
    ],
)
def test_models_by_name_alias_and_dated_id(name: str, model: str, price: float) -> None:
    found = price_for(name)
    assert (found.model, found.input) == (model, price)


def test_cache_rates_follow_the_published_multipliers() -> None:
    for name in model_names():
        p = price_for(name)
        assert p.cache_write_5m == pytest.approx(1.25 * p.input)
        assert p.cache_write_1h == pytest.approx(2 * p.input)
        assert p.cache_read == pytest.approx(0.1 * p.input)


def test_table_is_dated_and_has_a_default() -> None:
    assert prices_as_of() == "2026-08-21"
    assert default_model() == "claude-sonnet-4-5"


def test_unknown_model() -> None:
    with pytest.raises(ModelError, match="unknown model 'gpt-9'"):
        price_for("gpt-9")


def test_tokens_are_counted_offline_and_special_tokens_are_text() -> None:
    assert count_tokens("hello world") == 2
    assert count_tokens("<|endoftext|>") > 1


@pytest.mark.parametrize(("raw", "expected"), [(None, CLAUDE_TOKEN_FACTOR), ("1.3", 1.3)])
def test_claude_factor(monkeypatch: pytest.MonkeyPatch, raw: str | None, expected: float) -> None:
    if raw is not None:
        monkeypatch.setenv("SCOPE_CLAUDE_FACTOR", raw)
    assert claude_factor() == expected


@pytest.mark.parametrize("raw", ["abc", "0", "9"])
def test_bad_claude_factor(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("SCOPE_CLAUDE_FACTOR", raw)
    with pytest.raises(InputError, match="SCOPE_CLAUDE_FACTOR"):
        claude_factor()
