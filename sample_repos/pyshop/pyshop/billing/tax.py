"""Sales tax and VAT.

Rates are keyed by ``(country, region)``; a region of ``""`` holds the
country-wide rate. Each component (e.g. Canadian GST and PST) is rounded
separately, because that is how it is printed on the invoice.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .currency import round_half_up


@dataclass(frozen=True)
class TaxRate:
    name: str
    percent: Decimal

    def apply(self, amount_cents: int) -> int:
        return round_half_up(Decimal(amount_cents) * self.percent / 100)


US_STATE_RATES: dict[str, Decimal] = {
    "CA": Decimal("7.25"),
    "NY": Decimal(4),
    "TX": Decimal("6.25"),
    "WA": Decimal("6.5"),
    "IL": Decimal("6.25"),
    "FL": Decimal(6),
}

CANADA_GST = TaxRate("GST", Decimal(5))
CANADA_PROVINCIAL: dict[str, TaxRate] = {
    "BC": TaxRate("PST", Decimal(7)),
    "MB": TaxRate("RST", Decimal(7)),
    "SK": TaxRate("PST", Decimal(6)),
    "QC": TaxRate("QST", Decimal("9.975")),
}

VAT_RATES: dict[str, Decimal] = {
    "GB": Decimal(20),
    "DE": Decimal(19),
    "FR": Decimal(20),
    "NL": Decimal(21),
    "IE": Decimal(23),
}


def tax_rates_for(country: str, region: str = "") -> list[TaxRate]:
    """All tax components that apply to a shipment to ``country``/``region``."""
    country = country.upper()
    region = region.upper()
    if country == "US":
        percent = US_STATE_RATES.get(region)
        return [TaxRate("Sales tax", percent)] if percent is not None else []
    if country == "CA":
        rates = [CANADA_GST]
        provincial = CANADA_PROVINCIAL.get(region)
        if provincial is not None:
            rates.append(provincial)
        return rates
    if country in VAT_RATES:
        return [TaxRate("VAT", VAT_RATES[country])]
    return []


def tax_breakdown(amount_cents: int, country: str, region: str = "") -> list[tuple[str, int]]:
    """``[(name, cents), ...]`` for printing on invoices."""
    return [(rate.name, rate.apply(amount_cents)) for rate in tax_rates_for(country, region)]


def compute_tax(amount_cents: int, country: str, region: str = "") -> int:
    """Total tax on ``amount_cents`` (the discounted, pre-shipping subtotal)."""
    return sum(cents for _, cents in tax_breakdown(amount_cents, country, region))


def effective_rate(country: str, region: str = "") -> Decimal:
    """Combined percentage, e.g. ``Decimal("14.975")`` for Quebec."""
    return sum((rate.percent for rate in tax_rates_for(country, region)), Decimal(0))
