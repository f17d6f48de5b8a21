"""Stock levels and reservations.

``on_hand`` counts units in the warehouse; ``reserved`` counts units promised
to paid-but-unshipped orders. Checkout reserves stock, shipping commits the
reservation (both numbers go down) and cancellation releases it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from pyshop.config import get_settings
from pyshop.db.models import Product
from pyshop.errors import NotFound, OutOfStock, ValidationError

from .products import require_product


@dataclass(frozen=True)
class StockLevel:
    product_id: int
    on_hand: int
    reserved: int

    @property
    def available(self) -> int:
        return max(self.on_hand - self.reserved, 0)

    @property
    def in_stock(self) -> bool:
        return self.available > 0


def get_stock(conn: sqlite3.Connection, product_id: int) -> StockLevel:
    row = conn.execute(
        "SELECT product_id, on_hand, reserved FROM inventory WHERE product_id = ?",
        (product_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"no inventory record for product {product_id}")
    return StockLevel(row["product_id"], row["on_hand"], row["reserved"])


def set_stock(conn: sqlite3.Connection, product_id: int, on_hand: int) -> StockLevel:
    """Set the counted stock after a stock-take."""
    current = get_stock(conn, product_id)
    if on_hand < current.reserved:
        raise ValidationError(
            f"Cannot set stock below the {current.reserved} units already reserved.",
            field="on_hand",
        )
    conn.execute("UPDATE inventory SET on_hand = ? WHERE product_id = ?", (on_hand, product_id))
    return get_stock(conn, product_id)


def restock(conn: sqlite3.Connection, product_id: int, quantity: int) -> StockLevel:
    """Add a delivery of ``quantity`` units."""
    if quantity <= 0:
        raise ValidationError("Restock quantity must be positive.", field="quantity")
    conn.execute(
        "UPDATE inventory SET on_hand = on_hand + ? WHERE product_id = ?", (quantity, product_id)
    )
    return get_stock(conn, product_id)


def reserve_stock(conn: sqlite3.Connection, product_id: int, quantity: int) -> StockLevel:
    """Reserve ``quantity`` units for an order or raise :class:`OutOfStock`."""
    cursor = conn.execute(
        "UPDATE inventory SET reserved = reserved + ?"
        " WHERE product_id = ? AND on_hand - reserved >= ?",
        (quantity, product_id, quantity),
    )
    if cursor.rowcount == 0:
        level = get_stock(conn, product_id)
        product = require_product(conn, product_id)
        raise OutOfStock(product.sku, quantity, level.available)
    return get_stock(conn, product_id)


def release_stock(conn: sqlite3.Connection, product_id: int, quantity: int) -> StockLevel:
    """Undo a reservation (payment failed or order cancelled)."""
    conn.execute(
        "UPDATE inventory SET reserved = MAX(reserved - ?, 0) WHERE product_id = ?",
        (quantity, product_id),
    )
    return get_stock(conn, product_id)


def commit_reservation(conn: sqlite3.Connection, product_id: int, quantity: int) -> StockLevel:
    """Units left the warehouse: take them off both ``on_hand`` and ``reserved``."""
    conn.execute(
        "UPDATE inventory SET on_hand = on_hand - ?, reserved = reserved - ?"
        " WHERE product_id = ?",
        (quantity, quantity, product_id),
    )
    return get_stock(conn, product_id)


def low_stock_products(
    conn: sqlite3.Connection, threshold: int | None = None
) -> list[tuple[Product, StockLevel]]:
    """Active products whose available stock is at or below ``threshold``."""
    if threshold is None:
        threshold = get_settings().low_stock_threshold
    rows = conn.execute(
        "SELECT p.*, i.on_hand, i.reserved FROM products p"
        " JOIN inventory i ON i.product_id = p.id"
        " WHERE p.active = 1 AND i.on_hand - i.reserved <= ?"
        " ORDER BY i.on_hand - i.reserved, p.name",
        (threshold,),
    ).fetchall()
    return [
        (Product.from_row(row), StockLevel(row["id"], row["on_hand"], row["reserved"]))
        for row in rows
    ]
