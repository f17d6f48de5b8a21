"""Shipping: rates, carriers, tracking and marking orders as shipped."""

from __future__ import annotations

import sqlite3
from datetime import date

from ..auth.users import require_user
from ..catalog.inventory import commit_reservation
from ..config import Settings, get_settings
from ..db.connection import transaction
from ..db.models import Order
from ..errors import ValidationError
from ..notifications.dispatcher import Dispatcher, get_dispatcher
from ..utils.dates import add_business_days, format_date, to_iso, utcnow

DOMESTIC_COUNTRY = "US"
FLAT_RATES_CENTS: dict[str, int] = {"US": 599, "CA": 1_299, "GB": 1_499, "DE": 1_499}
INTERNATIONAL_RATE_CENTS = 2_499
TRANSIT_BUSINESS_DAYS: dict[str, int] = {"US": 3, "CA": 6}
DEFAULT_TRANSIT_DAYS = 8

CARRIERS: dict[str, str] = {
    "ups": "https://www.ups.com/track?tracknum={number}",
    "usps": "https://tools.usps.com/go/TrackConfirmAction?tLabels={number}",
    "dhl": "https://www.dhl.com/en/express/tracking.html?AWB={number}",
    "canada_post": "https://www.canadapost-postescanada.ca/track-reperage/en#/details/{number}",
}


def shipping_cost(country: str, subtotal_cents: int, settings: Settings | None = None) -> int:
    """Flat-rate shipping; domestic orders over the threshold ship free."""
    settings = settings or get_settings()
    country = country.upper()
    if country == DOMESTIC_COUNTRY and subtotal_cents >= settings.free_shipping_threshold_cents:
        return 0
    return FLAT_RATES_CENTS.get(country, INTERNATIONAL_RATE_CENTS)


def tracking_url(carrier: str, tracking_number: str) -> str:
    template = CARRIERS.get(carrier.lower())
    if template is None:
        raise ValidationError(f"Unknown carrier {carrier!r}.", field="carrier")
    return template.format(number=tracking_number)


def estimated_delivery(country: str, shipped_on: date) -> date:
    days = TRANSIT_BUSINESS_DAYS.get(country.upper(), DEFAULT_TRANSIT_DAYS)
    return add_business_days(shipped_on, days)


def ship_order(
    conn: sqlite3.Connection,
    order: Order,
    carrier: str,
    tracking_number: str,
    dispatcher: Dispatcher | None = None,
) -> Order:
    """Mark a paid order as shipped and tell the customer."""
    if order.status != "paid":
        raise ValidationError(f"Only paid orders can be shipped (order is {order.status}).")
    tracking_number = tracking_number.strip()
    if not tracking_number:
        raise ValidationError("Tracking number is required.", field="tracking_number")
    url = tracking_url(carrier, tracking_number)
    now = utcnow()
    with transaction(conn):
        for line in order.lines:
            commit_reservation(conn, line.product_id, line.quantity)
        conn.execute(
            "UPDATE orders SET status = 'shipped', carrier = ?, tracking_number = ?,"
            " shipped_at = ? WHERE id = ?",
            (carrier.lower(), tracking_number, to_iso(now), order.id),
        )
    order.status = "shipped"
    order.carrier = carrier.lower()
    order.tracking_number = tracking_number
    order.shipped_at = now
    eta = format_date(estimated_delivery(order.ship_country, now.date()))
    user = require_user(conn, order.user_id)
    (dispatcher or get_dispatcher()).notify_order_shipped(order, user, url, eta)
    return order
