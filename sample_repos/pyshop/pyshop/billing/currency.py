"""Currency helpers: minor units, rounding, allocation and formatting.

Amounts are integers in minor units. Anything involving a ratio goes through
:class:`decimal.Decimal` and :func:`round_half_up` so that results match what
accountants (and payment providers) expect.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from ..errors import ValidationError

MINOR_UNITS: dict[str, int] = {"USD": 2, "EUR": 2, "GBP": 2, "CAD": 2, "JPY": 0}
SYMBOLS: dict[str, str] = {"USD": "$", "EUR": "€", "GBP": "£", "CAD": "CA$", "JPY": "¥"}


def check_currency(currency: str) -> str:
    code = (currency or "").upper()
    if code not in MINOR_UNITS:
        raise ValidationError(f"Unsupported currency {currency!r}.", field="currency")
    return code


def round_half_up(value: Decimal) -> int:
    """Round to the nearest integer, halves away from zero (``2.5 -> 3``)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_minor_units(amount: Decimal | str | int, currency: str) -> int:
    """``Decimal("12.345"), "USD"`` -> ``1235``."""
    exponent = MINOR_UNITS[check_currency(currency)]
    return round_half_up(Decimal(amount) * (10**exponent))


def from_minor_units(cents: int, currency: str) -> Decimal:
    exponent = MINOR_UNITS[check_currency(currency)]
    return Decimal(cents) / (10**exponent)


def percent_of(cents: int, percent: Decimal | int | str) -> int:
    """``percent`` per cent of ``cents``, rounded half up."""
    return round_half_up(Decimal(cents) * Decimal(percent) / 100)


def format_money(cents: int, currency: str) -> str:
    """``1234, "USD"`` -> ``"$12.34"``; ``-500, "EUR"`` -> ``"-€5.00"``."""
    code = check_currency(currency)
    exponent = MINOR_UNITS[code]
    amount = from_minor_units(abs(cents), code)
    number = f"{amount:,.{exponent}f}"
    sign = "-" if cents < 0 else ""
    return f"{sign}{SYMBOLS.get(code, code + ' ')}{number}"


def allocate(cents: int, weights: Sequence[int]) -> list[int]:
    """Split ``cents`` proportionally to ``weights`` without losing a cent.

    Uses the largest-remainder method: ``allocate(100, [1, 1, 1])`` gives
    ``[34, 33, 33]``.
    """
    total_weight = sum(weights)
    if total_weight <= 0:
        raise ValueError("weights must sum to a positive number")
    exact = [Decimal(cents) * w / total_weight for w in weights]
    shares = [int(x) for x in exact]
    remainder = cents - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: exact[i] - shares[i], reverse=True)
    for index in order[:remainder]:
        shares[index] += 1
    return shares
