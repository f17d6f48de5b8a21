from decimal import Decimal

from pyshop.billing.tax import compute_tax, effective_rate, tax_breakdown, tax_rates_for


def test_us_state_sales_tax():
    assert compute_tax(10_000, "US", "CA") == 725
    assert compute_tax(10_000, "us", "ny") == 400


def test_states_without_sales_tax_configured_pay_nothing():
    assert tax_rates_for("US", "OR") == []
    assert compute_tax(10_000, "US", "OR") == 0


def test_canada_gst_plus_provincial_components_round_separately():
    assert tax_breakdown(1_999, "CA", "QC") == [("GST", 100), ("QST", 199)]
    assert compute_tax(1_999, "CA", "QC") == 299


def test_canada_gst_only_province():
    assert tax_breakdown(10_000, "CA", "AB") == [("GST", 500)]


def test_eu_vat():
    assert compute_tax(10_000, "DE") == 1_900
    assert effective_rate("NL") == Decimal(21)


def test_unknown_country_has_no_tax():
    assert compute_tax(10_000, "JP") == 0
