"""Checkout: turn a cart into a paid order.

Steps, in order: validate the shipping address, price the cart (promotions,
shipping, tax), reserve stock and write the order, issue the invoice, charge
the card, and finally send the confirmation. If the charge fails the stock
reservation is released and the order is left as ``payment_failed``.
"""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass
from typing import Any

from ..billing.discounts import best_discount
from ..billing.gateways import PaymentGateway
from ..billing.invoices import create_invoice_for_order, void_invoice
from ..billing.payments import charge_invoice
from ..billing.tax import compute_tax
from ..catalog.inventory import release_stock, reserve_stock
from ..config import Settings, get_settings
from ..db.connection import transaction
from ..db.models import Order, User
from ..errors import PaymentError, ValidationError
from ..notifications.dispatcher import Dispatcher, get_dispatcher
from ..utils.dates import to_iso, utcnow
from ..utils.validation import require_fields, validate_phone, validate_postal_code
from .cart import Cart
from .history import require_order
from .shipping import FLAT_RATES_CENTS, shipping_cost

SHIPPABLE_COUNTRIES = frozenset(FLAT_RATES_CENTS) | {"FR", "NL", "IE"}


@dataclass(frozen=True)
class Address:
    name: str
    line1: str
    city: str
    postal_code: str
    country: str
    region: str = ""
    phone: str | None = None

    @classmethod
    def from_form(cls, data: dict[str, Any]) -> Address:
        fields = require_fields(data, ["name", "line1", "city", "postal_code", "country"])
        country = str(fields["country"]).upper()
        if country not in SHIPPABLE_COUNTRIES:
            raise ValidationError("We do not ship to that country yet.", field="country")
        phone = (data.get("phone") or "").strip()
        return cls(
            name=fields["name"],
            line1=fields["line1"],
            city=fields["city"],
            postal_code=validate_postal_code(fields["postal_code"], country),
            country=country,
            region=(data.get("region") or "").strip().upper(),
            phone=validate_phone(phone) if phone else None,
        )


def new_order_number() -> str:
    """``PS-20240501-7F3A9C``: date plus random suffix, easy to read out on the phone."""
    return f"PS-{utcnow():%Y%m%d}-{secrets.token_hex(3).upper()}"


def _insert_order(
    conn: sqlite3.Connection,
    user: User,
    cart: Cart,
    address: Address,
    amounts: dict[str, int],
) -> int:
    cursor = conn.execute(
        "INSERT INTO orders (number, user_id, status, currency, subtotal_cents,"
        " discount_cents, tax_cents, shipping_cents, total_cents, ship_name, ship_line1,"
        " ship_city, ship_region, ship_postal_code, ship_country, ship_phone, created_at)"
        " VALUES (?, ?, 'pending_payment', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new_order_number(), user.id, cart.currency, amounts["subtotal"],
            amounts["discount"], amounts["tax"], amounts["shipping"], amounts["total"],
            address.name, address.line1, address.city, address.region,
            address.postal_code, address.country, address.phone, to_iso(utcnow()),
        ),
    )
    order_id = int(cursor.lastrowid or 0)
    conn.executemany(
        "INSERT INTO order_lines (order_id, product_id, sku, name, quantity, unit_price_cents)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (order_id, i.product_id, i.sku, i.name, i.quantity, i.unit_price_cents)
            for i in cart.items.values()
        ],
    )
    return order_id


def place_order(
    conn: sqlite3.Connection,
    user: User,
    cart: Cart,
    address: Address,
    gateway: PaymentGateway,
    payment_source: str,
    *,
    dispatcher: Dispatcher | None = None,
    settings: Settings | None = None,
) -> Order:
    """Check out ``cart`` for ``user`` and charge ``payment_source`` (a card token)."""
    settings = settings or get_settings()
    if not cart.items:
        raise ValidationError("Your cart is empty.")

    subtotal = sum(item.unit_price_cents * item.quantity for item in cart.items.values())
    _, discount = best_discount(cart.discountable_lines())
    taxable = subtotal - discount
    shipping = shipping_cost(address.country, taxable, settings)
    tax = compute_tax(taxable, address.country, address.region)
    amounts = {
        "subtotal": subtotal,
        "discount": discount,
        "shipping": shipping,
        "tax": tax,
        "total": taxable + shipping + tax,
    }

    with transaction(conn):
        for item in cart.items.values():
            reserve_stock(conn, item.product_id, item.quantity)
        order_id = _insert_order(conn, user, cart, address, amounts)

    order = require_order(conn, order_id)
    invoice = create_invoice_for_order(conn, order, settings)
    try:
        charge_invoice(conn, invoice, gateway, payment_source)
    except PaymentError:
        with transaction(conn):
            for line in order.lines:
                release_stock(conn, line.product_id, line.quantity)
            conn.execute("UPDATE orders SET status = 'payment_failed' WHERE id = ?", (order.id,))
            void_invoice(conn, invoice)
        raise

    conn.execute("UPDATE orders SET status = 'paid' WHERE id = ?", (order.id,))
    order.status = "paid"
    cart.clear()
    (dispatcher or get_dispatcher()).notify_order_placed(order, user)
    return order
