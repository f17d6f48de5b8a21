from datetime import date

import pytest

from pyshop.billing.invoices import PAID, VOID, get_invoice_for_order
from pyshop.catalog.inventory import get_stock
from pyshop.errors import OutOfStock, PaymentError, ValidationError
from pyshop.orders.cart import Cart
from pyshop.orders.checkout import Address, place_order
from pyshop.orders.history import list_orders_for_user, require_order
from pyshop.orders.shipping import estimated_delivery, ship_order, tracking_url


@pytest.fixture
def address():
    return Address.from_form(
        {"name": "Alice Liddell", "line1": "1 Rabbit Hole", "city": "Portland",
         "region": "or", "postal_code": "97201", "country": "us", "phone": "+1 503 555 0100"}
    )


@pytest.fixture
def cart(mug, tee):
    cart = Cart(currency="USD")
    cart.add_item(mug, 2)
    cart.add_item(tee, 1)
    return cart


def test_address_validation():
    with pytest.raises(ValidationError) as excinfo:
        Address.from_form({"name": "A", "line1": "x", "city": "y", "postal_code": "ABC",
                           "country": "US"})
    assert excinfo.value.field == "postal_code"
    with pytest.raises(ValidationError, match="do not ship"):
        Address.from_form({"name": "A", "line1": "x", "city": "y", "postal_code": "1",
                           "country": "AQ"})


def test_place_order_happy_path(conn, user, cart, address, gateway, dispatcher, outbox, mug):
    order = place_order(conn, user, cart, address, gateway, "tok_visa", dispatcher=dispatcher)

    assert order.status == "paid"
    assert order.total_cents == 6_100 + 599  # Oregon: no sales tax
    assert order.ship_phone == "+15035550100"
    assert cart.items == {}
    assert get_stock(conn, mug.id).reserved == 2
    assert get_invoice_for_order(conn, order.id).status == PAID
    assert outbox[0].subject == f"Your PyShop order {order.number}"
    assert list_orders_for_user(conn, user.id)[0].id == order.id


def test_declined_payment_releases_stock(conn, user, cart, address, gateway, dispatcher, mug):
    with pytest.raises(PaymentError):
        place_order(conn, user, cart, address, gateway, "tok_chargeDeclined",
                    dispatcher=dispatcher)
    order = list_orders_for_user(conn, user.id)[0]
    assert order.status == "payment_failed"
    assert get_stock(conn, mug.id).reserved == 0
    assert get_invoice_for_order(conn, order.id).status == VOID
    assert cart.item_count == 3


def test_out_of_stock_aborts_checkout(conn, user, address, gateway, dispatcher, tee, mug):
    cart = Cart(currency="USD")
    cart.add_item(mug, 1)
    cart.add_item(tee, 5)  # only 3 in stock
    with pytest.raises(OutOfStock):
        place_order(conn, user, cart, address, gateway, "tok_visa", dispatcher=dispatcher)
    assert get_stock(conn, mug.id).reserved == 0
    assert list_orders_for_user(conn, user.id) == []


def test_empty_cart(conn, user, address, gateway):
    with pytest.raises(ValidationError, match="empty"):
        place_order(conn, user, Cart(currency="USD"), address, gateway, "tok_visa")


def test_ship_order_commits_stock_and_emails(
    conn, user, cart, address, gateway, dispatcher, outbox, mug
):
    order = place_order(conn, user, cart, address, gateway, "tok_visa", dispatcher=dispatcher)
    ship_order(conn, order, "UPS", "1Z999AA10123456784", dispatcher)

    stored = require_order(conn, order.id)
    assert stored.status == "shipped"
    assert stored.carrier == "ups"
    assert get_stock(conn, mug.id).on_hand == 8
    assert get_stock(conn, mug.id).reserved == 0
    assert "1Z999AA10123456784" in outbox[-1].body


def test_cannot_ship_unpaid_order(conn, order_factory, dispatcher):
    with pytest.raises(ValidationError, match="Only paid orders"):
        ship_order(conn, order_factory(), "ups", "1Z", dispatcher)


def test_tracking_url_and_eta():
    assert tracking_url("DHL", "123") == "https://www.dhl.com/en/express/tracking.html?AWB=123"
    with pytest.raises(ValidationError):
        tracking_url("pigeon", "1")
    assert estimated_delivery("US", date(2024, 5, 3)) == date(2024, 5, 8)  # Fri -> Wed
