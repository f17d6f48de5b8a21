from decimal import Decimal

import pytest

from pyshop.billing.currency import (
    allocate,
    format_money,
    percent_of,
    round_half_up,
    to_minor_units,
)
from pyshop.errors import ValidationError


def test_round_half_up_rounds_halves_away_from_zero():
    assert round_half_up(Decimal("2.5")) == 3
    assert round_half_up(Decimal("2.4999")) == 2
    assert round_half_up(Decimal("-2.5")) == -3


def test_to_minor_units():
    assert to_minor_units("12.345", "USD") == 1235
    assert to_minor_units(Decimal(1200), "JPY") == 1200


def test_percent_of():
    assert percent_of(1999, 15) == 300  # 299.85
    assert percent_of(1000, Decimal("7.25")) == 73  # 72.5


@pytest.mark.parametrize(
    ("cents", "currency", "expected"),
    [
        (1234, "USD", "$12.34"),
        (123456789, "USD", "$1,234,567.89"),
        (-500, "EUR", "-€5.00"),
        (1200, "JPY", "¥1,200"),
    ],
)
def test_format_money(cents, currency, expected):
    assert format_money(cents, currency) == expected


def test_unknown_currency_is_rejected():
    with pytest.raises(ValidationError):
        format_money(100, "XYZ")


def test_allocate_never_loses_a_cent():
    assert allocate(100, [1, 1, 1]) == [34, 33, 33]
    shares = allocate(1001, [3, 7])
    assert sum(shares) == 1001
