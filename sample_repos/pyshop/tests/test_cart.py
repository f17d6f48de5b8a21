from datetime import datetime, timezone

import pytest

from pyshop.billing.discounts import Promotion, best_discount
from pyshop.catalog.products import deactivate_product, require_product
from pyshop.errors import ValidationError
from pyshop.orders.cart import Cart, estimate_totals, load_cart, save_cart
from pyshop.sessions.store import SessionStore


def test_add_merges_lines(mug):
    cart = Cart(currency="USD")
    cart.add_item(mug, 1)
    cart.add_item(mug, 2)
    assert cart.item_count == 3
    assert cart.subtotal_cents == 5_400


def test_update_quantity_to_zero_removes_line(mug, tee):
    cart = Cart(currency="USD")
    cart.add_item(mug)
    cart.add_item(tee)
    cart.update_quantity(mug.id, 0)
    assert list(cart.items) == [tee.id]


def test_inactive_product_cannot_be_added(conn, mug):
    deactivate_product(conn, mug.id)
    with pytest.raises(ValidationError, match="no longer available"):
        Cart(currency="USD").add_item(require_product(conn, mug.id))


def test_quantity_limits(mug):
    with pytest.raises(ValidationError):
        Cart(currency="USD").add_item(mug, 0)
    with pytest.raises(ValidationError):
        Cart(currency="USD").add_item(mug, 100)


def test_cart_survives_session_roundtrip(conn, settings, mug):
    store = SessionStore(conn, settings)
    session = store.create()
    cart = load_cart(session, "USD")
    cart.add_item(mug, 2)
    save_cart(session, cart)
    store.save(session)
    restored = load_cart(store.get(session.id), "USD")
    assert restored.items[mug.id].quantity == 2


def test_estimate_totals_domestic(mug):
    cart = Cart(currency="USD")
    cart.add_item(mug, 2)  # $36.00, under the free shipping threshold
    totals = estimate_totals(cart, "US", "WA")
    assert totals.shipping_cents == 599
    assert totals.tax_cents == 234  # 6.5% of 3600
    assert totals.total_cents == 3_600 + 599 + 234


def test_free_shipping_over_threshold(mug):
    cart = Cart(currency="USD")
    cart.add_item(mug, 5)  # $90.00
    assert estimate_totals(cart, "US", "OR").shipping_cents == 0


def test_best_discount_picks_the_biggest_promotion():
    lines = [("kitchen", 10_000), ("apparel", 6_000)]
    promos = [
        Promotion("10% kitchen", percent_off=10, category="kitchen"),
        Promotion("$5 off $150", amount_off_cents=500, min_subtotal_cents=15_000),
        Promotion(
            "expired", percent_off=50,
            ends_at=datetime(2020, 1, 1, tzinfo=timezone.utc),
        ),
    ]
    promo, cents = best_discount(lines, promotions=promos)
    assert promo is not None and promo.name == "10% kitchen"
    assert cents == 1_000
