"""Model prices from the dated table in `data/prices.json`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .errors import ModelError

__all__ = ["ModelPrice", "default_model", "model_names", "price_for", "prices_as_of"]

MILLION = 1_000_000


@dataclass(frozen=True)
class ModelPrice:
    """USD per million tokens for one model, and its minimum cacheable prompt length."""

    model: str
    input: float
    output: float
    cache_write_5m: float
    cache_write_1h: float
    cache_read: float
    min_cacheable: int

    def input_usd(self, tokens: float) -> float:
        """Cost of `tokens` uncached input tokens."""
        return tokens * self.input / MILLION


@cache
def _table() -> dict[str, object]:
    text = resources.files("scoper").joinpath("data", "prices.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def _models() -> dict[str, dict[str, object]]:
    return _table()["models"]  # type: ignore[return-value]


def prices_as_of() -> str:
    """The date the price table was read."""
    return str(_table()["as_of"])


def default_model() -> str:
    return str(_table()["default_model"])


def model_names() -> tuple[str, ...]:
    """Canonical model names, sorted."""
    return tuple(sorted(_models()))


def price_for(name: str) -> ModelPrice:
    """The prices of a model by name or alias (`claude-sonnet-4-5`, `sonnet-4.5`, `sonnet`).

    Dated suffixes such as `claude-sonnet-4-5-20250929` are accepted.

    Raises:
        ModelError: no such model in the table.
    """
    wanted = name.strip().lower()
    models = _models()
    for model, row in sorted(models.items()):
        if wanted == model or wanted in row.get("aliases", []):  # type: ignore[operator]
            return _price(model, row)
    base, _, suffix = wanted.rpartition("-")
    if base in models and suffix.isdigit() and len(suffix) == 8:  # claude-sonnet-4-5-20250929
        return _price(base, models[base])
    raise ModelError(f"unknown model {name!r}; choose one of: {', '.join(model_names())}")


def _price(model: str, row: dict[str, object]) -> ModelPrice:
    return ModelPrice(
        model=model,
        input=float(row["input"]),  # type: ignore[arg-type]
        output=float(row["output"]),  # type: ignore[arg-type]
        cache_write_5m=float(row["cache_write_5m"]),  # type: ignore[arg-type]
        cache_write_1h=float(row["cache_write_1h"]),  # type: ignore[arg-type]
        cache_read=float(row["cache_read"]),  # type: ignore[arg-type]
        min_cacheable=int(row["min_cacheable"]),  # type: ignore[call-overload]
    )
