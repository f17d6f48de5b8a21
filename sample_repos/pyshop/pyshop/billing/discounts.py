"""Automatic promotions (sales) applied to the cart and at checkout.

Promotions do not stack: the customer gets the single best discount for which
their cart qualifies. Promotions are configured in code and reviewed by
marketing each season.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal

from ..utils.dates import utcnow
from .currency import percent_of

# (category, line_total_cents) pairs, as produced by Cart.discountable_lines()
Lines = Sequence[tuple[str, int]]


@dataclass(frozen=True)
class Promotion:
    name: str
    percent_off: Decimal = Decimal(0)
    amount_off_cents: int = 0
    min_subtotal_cents: int = 0
    category: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None

    def is_active(self, now: datetime | None = None) -> bool:
        now = now or utcnow()
        if self.starts_at is not None and now < self.starts_at:
            return False
        return self.ends_at is None or now < self.ends_at

    def eligible_amount(self, lines: Lines) -> int:
        """Part of the cart the promotion applies to."""
        if self.category is None:
            return sum(amount for _, amount in lines)
        return sum(amount for category, amount in lines if category == self.category)

    def discount_for(self, lines: Lines) -> int:
        """Discount in cents for ``lines``; zero if the cart does not qualify."""
        subtotal = sum(amount for _, amount in lines)
        if subtotal < self.min_subtotal_cents:
            return 0
        eligible = self.eligible_amount(lines)
        if eligible <= 0:
            return 0
        discount = percent_of(eligible, self.percent_off) + self.amount_off_cents
        return min(discount, eligible)


AUTOMATIC_PROMOTIONS: list[Promotion] = [
    Promotion(
        "Kitchen week: 15% off kitchen",
        percent_off=Decimal(15),
        category="kitchen",
        starts_at=datetime(2024, 5, 1, tzinfo=timezone.utc),
        ends_at=datetime(2024, 5, 8, tzinfo=timezone.utc),
    ),
    Promotion("$10 off orders over $150", amount_off_cents=1_000, min_subtotal_cents=15_000),
]


def active_promotions(
    now: datetime | None = None, promotions: Iterable[Promotion] | None = None
) -> list[Promotion]:
    pool = AUTOMATIC_PROMOTIONS if promotions is None else promotions
    return [promo for promo in pool if promo.is_active(now)]


def best_discount(
    lines: Lines,
    now: datetime | None = None,
    promotions: Iterable[Promotion] | None = None,
) -> tuple[Promotion | None, int]:
    """The most valuable active promotion for ``lines`` and its discount."""
    best: Promotion | None = None
    best_cents = 0
    for promo in active_promotions(now, promotions):
        cents = promo.discount_for(lines)
        if cents > best_cents:
            best, best_cents = promo, cents
    return best, best_cents
